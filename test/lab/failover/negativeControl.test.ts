/**
 * Negative control of the failover suite on the commissioned lab cluster: a deliberately broken cluster must FAIL.
 * The break is the most common one on real clusters: a location constraint left over from an earlier
 * `crm resource move/ban` that forbids the mail group on the peer. A planned standby of the active node then
 * has nowhere to go; the suite must report the services not moved and an outage far over the target, and the
 * run must not pass. The constraint is removed afterwards (also when the test fails), so the cluster is back
 * in its start state for the hooks after this one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult, FailoverRun } from '../../../shared/failover/schema';
import { shCommand } from '../../../shared/shell/quote';
import { failoverHarness, type Harness } from './harness';
import { lab, rootOn, tier, type LabNodeName } from './labContext';
import { runSummary } from './summary';

const GROUP = 'g_mail';
let h: Harness;
let run: FailoverRun;
let standby: CaseResult;
let peer: LabNodeName;
let active: LabNodeName;
let banInCib = false;

async function must(node: LabNodeName, cmd: string): Promise<string> {
  const r = await rootOn(h.st, node, cmd, 60_000);
  if (r.code !== 0) throw new Error(`${cmd} on ${node} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  // Short waits: the broken cluster will not move, there is no point in waiting the lab's five minutes for it.
  h = await failoverHarness(lab(), (p) => (p.failover.settings.caseTimeoutMs = 60_000));
  const pv = await h.preview(['standby']);
  if (pv.servicesOn.length !== 1) throw new Error(`the lab cluster is not commissioned (services on: ${pv.servicesOn.join(', ') || 'no node'})`);
  active = pv.servicesOn[0] as LabNodeName;
  peer = pv.nodes.find((n) => n.name !== active && n.role !== 'witness')?.name as LabNodeName;
  await must(active, shCommand(['crm_resource', '--resource', GROUP, '--ban', '--node', peer]));
  banInCib = (await must(active, 'cibadmin --query --scope constraints')).includes(`cli-ban-${GROUP}-on-${peer}`);
  run = await h.run(['standby'], { kind: 'drill', label: 'negative control: leftover ban on the peer' });
  mkdirSync(path.resolve('test-results'), { recursive: true });
  writeFileSync(path.resolve('test-results', `failover-lab-${tier}-negative.json`), JSON.stringify(run, null, 1));
  for (const l of runSummary(run)) process.stdout.write(`${l}\n`);
  standby = run.cases.find((c) => c.caseId === 'standby')!;
});

afterAll(async () => {
  if (!h) return;
  await must(active ?? 'legacy', shCommand(['crm_resource', '--resource', GROUP, '--clear'])).catch((e: Error) => process.stderr.write(`${e.message}\n`));
  // Back to the start state for the next hook: services where they were, nothing pending.
  const end = Date.now() + 180_000;
  while (Date.now() < end) {
    const pv = await h.preview(['standby']).catch(() => undefined);
    if (pv && pv.servicesOn.length === 1 && pv.cases[0]?.runnable) return;
    await new Promise((r) => setTimeout(r, 3000));
  }
  process.stderr.write('the cluster did not settle within 3 minutes after the negative control\n');
});

describe('negative control: a cluster with a leftover ban on the peer', () => {
  it('the ban was in the cluster before the case ran (the break really happened)', () => {
    expect(banInCib).toBe(true);
    expect(standby.faultAt).toBeDefined();
  });

  it('the suite fails the standby instead of passing it', () => {
    expect(standby.verdict.value).not.toBe('pass');
    expect(standby.verdict.value).not.toBe('notApplicable');
    const failed = standby.verdict.checks.filter((c) => !c.ok).map((c) => c.id);
    expect(failed).toContain('location');
  });

  it('the outage it measured is far over the target, as users would have seen it', () => {
    const smtp = standby.outages.find((o) => o.protocol === 'smtp');
    expect(smtp?.maxMs ?? 0).toBeGreaterThan(standby.targets.plannedRtoMs);
  });

  it('the run as a whole is not a pass (the CLI would exit non-zero)', () => {
    expect(run.cases.every((c) => c.verdict.value === 'pass')).toBe(false);
  });
});
