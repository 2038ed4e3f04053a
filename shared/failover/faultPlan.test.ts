import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseIds } from './cases';
import { cutRules, faultPlan, FaultStepSchema, type FaultContext, type FaultStep } from './faultPlan';
import { ClusterProfileSchema } from './profile';

const en = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../i18n/locales/en/failover.json'), 'utf8'));
const de = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../i18n/locales/de/failover.json'), 'utf8'));

function ctx(p: Partial<FaultContext> = {}): FaultContext {
  return {
    active: 'legacy',
    peer: 'secondary',
    nodes: [
      { name: 'legacy', addresses: ['10.78.0.11', '10.77.0.11'] },
      { name: 'secondary', addresses: ['10.78.0.12', '10.77.0.12'] },
    ],
    group: 'g_mail',
    drbdPort: 7789,
    profile: ClusterProfileSchema.parse({ platform: 'vm', replication: 'drbd', stonith: true }),
    healAfterS: 180,
    upgrade: false,
    caseTimeoutMs: 600_000,
    ...p,
  };
}

const all = (p: { steps: FaultStep[]; undo: FaultStep[]; cleanup: FaultStep[] }) => [...p.steps, ...p.undo, ...p.cleanup];

describe('fault plans', () => {
  for (const id of caseIds) {
    it(`${id}: one fault step, valid data, every title translated`, () => {
      const plan = faultPlan(id, ctx());
      expect(plan.steps.filter((s) => 'fault' in s && s.fault)).toHaveLength(1);
      expect(plan.steps.filter((s) => s.kind === 'wait' && s.effect)).toHaveLength(1);
      for (const s of all(plan)) {
        expect(FaultStepSchema.safeParse(s).success).toBe(true);
        const key = s.title.key.replace('failover:steps.', '');
        expect(typeof en.steps[key], key).toBe('string');
        expect(typeof de.steps[key], key).toBe('string');
      }
      expect(new Set(all(plan).map((s) => s.id)).size).toBe(all(plan).length);
    });
  }

  it('quotes what it passes to the shell', () => {
    const plan = faultPlan('move', ctx({ group: "g mail'x", peer: 'secondary' }));
    const move = plan.steps[0] as Extract<FaultStep, { kind: 'ssh' }>;
    expect(move.command).toBe(`crm_resource --move --resource 'g mail'\\''x' --node secondary`);
  });

  it('a container is crashed through the hook, a VM by sysrq that refuses to run in a container', () => {
    const ct = faultPlan('hardCrash', ctx({ profile: ClusterProfileSchema.parse({ platform: 'container', hook: { crash: true, powerOn: true } }) }));
    expect(ct.steps[0]).toMatchObject({ kind: 'hook', action: 'crash', node: 'legacy', fault: true });
    expect(ct.steps.some((s) => s.kind === 'hook' && s.action === 'start')).toBe(true);
    const vm = faultPlan('hardCrash', ctx());
    const crash = vm.steps[0] as Extract<FaultStep, { kind: 'ssh' }>;
    expect(crash.command).toContain('systemd-detect-virt --container --quiet');
    expect(crash.command).toContain('kernel.panic=10');
    expect(crash.mayDisconnect).toBe(true);
    expect(vm.steps.some((s) => s.kind === 'hook' || s.kind === 'operator')).toBe(false);
  });

  it('a power-off without a hook asks a person to switch the node on again', () => {
    const p = faultPlan('powerOff', ctx());
    expect(p.steps.find((s) => s.kind === 'operator')).toMatchObject({ action: 'powerOn', node: 'legacy' });
  });

  it('cutting links arms a self-heal timer before the rules and blocks only the peer; the DRBD cut only its port', () => {
    const p = faultPlan('clusterLinkCut', ctx());
    const cut = p.steps[0] as Extract<FaultStep, { kind: 'ssh' }>;
    expect(cut.command.indexOf('systemd-run')).toBeLessThan(cut.command.indexOf('nft -f -'));
    expect(cut.stdin).toContain('ip saddr { 10.78.0.12, 10.77.0.12 } drop');
    expect(cut.stdin).toContain('ip daddr { 10.78.0.12, 10.77.0.12 } drop');
    expect(p.undo[0]!.kind === 'ssh' && p.undo[0]!.command).toContain('nft delete table inet mhs_failover');
    const d = faultPlan('drbdLinkCut', ctx()).steps[0] as Extract<FaultStep, { kind: 'ssh' }>;
    expect(d.stdin).toContain('tcp dport 7789 drop');
    expect(d.stdin).toContain('tcp sport 7789 drop');
    expect(d.stdin).not.toMatch(/\} drop/);
  });

  it('refuses rules without a valid address', () => {
    expect(() => cutRules(['10.0.0.1; flush ruleset'])).toThrow();
    expect(() => cutRules(['10.0.0.1'], 70000)).toThrow();
  });

  it('cold start stops the peer first, the active node last (the fault), and starts the active node alone', () => {
    const p = faultPlan('coldStartAlone', ctx());
    expect(p.steps.map((s) => s.id).slice(0, 4)).toEqual(['cold.stop.secondary', 'cold.stop', 'cold.startAlone', 'cold.wait']);
    expect(p.undo.map((s) => s.id)).toEqual(['cold.undo.legacy', 'cold.undo.secondary']);
  });
});
