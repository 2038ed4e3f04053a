/**
 * The commissioning CLI and the handlers around the executor, against a real sshd: `hosts add` (one login,
 * host key stored, target saved), `plan set`, `cluster status` on a node without a cluster, the inventory,
 * and the commissioning secrets (set, status, generate: the value never comes back).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../main/cli/command';
import { planSetCommand } from '../../../main/cli/commands/planSet';
import { runCli } from '../../../main/cli/index';
import { callHandler, cliServices } from '../../../main/cli/runtime';
import { getCommissionSecret } from '../../../main/commission/commissionSecrets';
import { tempDir } from '../ssh/helpers';
import { ensureTestUsers, startSshd, type SshdInstance, type TestUsers } from '../ssh/sshdFixture';

let sshd: SshdInstance;
let users: TestUsers;
let dir: string;

beforeAll(async () => {
  users = await ensureTestUsers();
  sshd = await startSshd();
  dir = await tempDir('mhs-cli-commission-');
  process.env.MHS_USER_DATA = path.join(dir, 'userdata');
}, 60_000);
afterAll(async () => {
  delete process.env.MHS_SSH_PASSWORD;
  await sshd?.stop();
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, value: { lang: 'en', out: (l: string) => out.push(l), err: (l: string) => err.push(l) } as CliIO };
}

describe('hosts add', () => {
  it('stops at an unknown host key; with the fingerprint it logs in, proves sudo and stores the target', async () => {
    const file = path.join(dir, 'p.mhs.json');
    const created = io();
    const code = await runCli(['project', 'new', file], created.value);
    expect(created.err).toEqual([]);
    expect(code).toBe(0);
    process.env.MHS_SSH_PASSWORD = users.admin.password; // mhs-admin: sudo asks for the password
    const args = ['add', '--project', file, '--role', 'secondary', '--host', sshd.host, '--port', String(sshd.port), '--user', users.admin.name, '--password'];
    const first = io();
    expect(await runCli(['hosts', ...args], first.value)).toBe(10);
    expect(first.err.join('\n')).toContain(sshd.hostKeyFingerprint);
    expect(JSON.parse(readFileSync(file, 'utf8')).hosts.secondary).toBeUndefined();

    const second = io();
    expect(await runCli(['hosts', ...args, '--accept-fingerprint', sshd.hostKeyFingerprint], second.value)).toBe(0);
    expect(second.out.join('\n')).toContain('login and sudo work');
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored.hosts.secondary).toEqual({ host: sshd.host, port: sshd.port, user: users.admin.name, auth: { method: 'password' } });
    expect(readFileSync(file, 'utf8')).not.toContain(users.admin.password);
    // The host key is known now: no fingerprint needed any more.
    expect(await runCli(['hosts', ...args], io().value)).toBe(0);
  });

  it('a wrong sudo password is a sudo failure (exit 14), and nothing is stored', async () => {
    const file = path.join(dir, 'p2.mhs.json');
    expect(await runCli(['project', 'new', file], io().value)).toBe(0);
    process.env.MHS_SSH_PASSWORD = users.admin.password;
    process.env.MHS_SUDO_PASSWORD = 'wrong-sudo-password';
    try {
      const r = io();
      expect(await runCli(['hosts', 'add', '--project', file, '--role', 'witness', '--host', sshd.host, '--port', String(sshd.port), '--user', users.admin.name, '--password'], r.value)).toBe(14);
      expect(JSON.parse(readFileSync(file, 'utf8')).hosts.witness).toBeUndefined();
    } finally {
      delete process.env.MHS_SUDO_PASSWORD;
    }
  });

  it('several fingerprints for several nodes fit the contract (each is tried with every node)', async () => {
    const { acceptedKeys } = await import('../../../main/cli/commands/hosts');
    const keys = acceptedKeys(['SHA256:' + 'a'.repeat(43), 'SHA256:' + 'b'.repeat(43), 'SHA256:' + 'c'.repeat(43)], [1, 2, 3, 4].map((i) => ({ host: '127.0.0.1', port: 21220 + i })));
    const { commissionMethods } = await import('../../../shared/contract/methods/commission');
    expect(commissionMethods['commission.inventory'].input.shape.acceptHostKeys.safeParse(keys).success).toBe(true);
  });

  it('refuses a role that does not exist', async () => {
    expect(await runCli(['hosts', 'add', '--project', 'x', '--role', 'tertiary', '--host', 'h', '--user', 'u'], io().value)).toBe(2);
  });
});

describe('plan set', () => {
  it('writes the choices into the file; a bad value leaves it as it was', async () => {
    const file = path.join(dir, 'p3.mhs.json');
    expect(await runCli(['project', 'new', file], io().value)).toBe(0);
    const ok = io();
    expect(await planSetCommand.run(['--project', file, 'replication=shared', 'quorum=qdevice', 'fencing=none', 'risk.by=Anna Azubi', 'risk.reason=Lab', 'vip=10.77.0.10/24', 'vip.name=mail.example-gmbh.test'], ok.value)).toBe(0);
    const p = JSON.parse(readFileSync(file, 'utf8'));
    expect(p.planning.quorumFencing).toMatchObject({ qdevice: true, fencing: ['none'], riskAcceptance: { who: 'Anna Azubi', reason: 'Lab' } });
    expect(p.commission.settings).toMatchObject({ vip: '10.77.0.10/24', vipName: 'mail.example-gmbh.test' });
    const before = readFileSync(file, 'utf8');
    const bad = io();
    expect(await planSetCommand.run(['--project', file, 'vip=10.77.0.11/24', 'quorum=many'], bad.value)).toBe(1);
    expect(bad.err.join('\n')).toContain('“many” is not allowed for quorum');
    expect(readFileSync(file, 'utf8')).toBe(before);
    const help = io();
    expect(await planSetCommand.run(['--help'], help.value)).toBe(0);
    expect(help.err.join('\n')).toMatch(/replication\s+drbd\|shared/);
  });
});

describe('handlers beside the run', () => {
  const projectId = randomUUID();
  const target = () => ({ host: sshd.host, port: sshd.port, user: users.pw.name, auth: { method: 'password' as const } });

  it('inventory reads this machine as a node; cluster status lists it without a cluster', async () => {
    const r = io();
    const { project } = await callHandler<{ project: { id: string } }>(r.value, 'project.new', {});
    await callHandler(r.value, 'secrets.set', { projectId: project.id, role: 'primary', kind: 'password', value: users.pw.password, remember: false });
    const full = { ...project, hosts: { primary: target() } };
    const accept = [{ host: sshd.host, port: sshd.port, fingerprint: sshd.hostKeyFingerprint }];
    const inv = await callHandler<{ inventory: { nodes: { primary?: { hostname: string } } }; failed: unknown[] }>(r.value, 'commission.inventory', { runId: randomUUID(), projectId: project.id, project: full, acceptHostKeys: accept });
    expect(inv.failed).toEqual([]);
    expect(inv.inventory.nodes.primary?.hostname).toBe(readFileSync('/proc/sys/kernel/hostname', 'utf8').trim());
    const st = await callHandler<{ nodes: { role: string; reachable: boolean; pacemaker?: unknown; units: Record<string, unknown> }[]; summary: { onlineNodes: string[] } }>(r.value, 'cluster.status', { runId: randomUUID(), projectId: project.id, project: full });
    expect(st.nodes).toHaveLength(1);
    expect(st.nodes[0]).toMatchObject({ role: 'primary', reachable: true });
    expect(Object.keys(st.nodes[0]!.units)).toContain('corosync');
    expect(st.summary.onlineNodes).toEqual([]);
  });

  it('secrets: set, status, generate; the value never leaves main', async () => {
    const r = io();
    const before = await callHandler<Record<string, boolean>>(r.value, 'commission.secretsStatus', { projectId });
    expect(before).toMatchObject({ haclusterPassword: false, mariadbReplicaPassword: false });
    expect(Object.values(before).every((v) => v === false)).toBe(true);
    expect(await callHandler(r.value, 'commission.generateSecret', { projectId, id: 'haclusterPassword' })).toEqual({});
    await callHandler(r.value, 'commission.setSecret', { projectId, id: 'mariadbReplicaPassword', value: 'sehr-geheim-123', remember: false });
    expect(await callHandler(r.value, 'commission.secretsStatus', { projectId })).toMatchObject({ haclusterPassword: true, mariadbReplicaPassword: true, ipmiPasswordPrimary: false });
    const generated = await getCommissionSecret(cliServices(), projectId, 'haclusterPassword');
    expect(generated).toMatch(/^[A-Za-z2-9]{24}$/);
    const tooShort = io();
    await expect(callHandler(tooShort.value, 'commission.setSecret', { projectId, id: 'haclusterPassword', value: 'short' })).rejects.toThrow();
    expect(tooShort.err.join('\n')).toMatch(/Error/);
  });

  it('cluster status of an unreachable node names the node and why', async () => {
    const r = io();
    const { project } = await callHandler<{ project: { id: string } }>(r.value, 'project.new', {});
    const full = { ...project, hosts: { primary: target(), witness: { host: '127.0.0.1', port: 1, user: 'x', auth: { method: 'password' as const } } } };
    await callHandler(r.value, 'secrets.set', { projectId: project.id, role: 'primary', kind: 'password', value: users.pw.password, remember: false });
    const st = await callHandler<{ nodes: { role: string; reachable: boolean; error?: { code: string } }[] }>(r.value, 'cluster.status', { runId: randomUUID(), projectId: project.id, project: full });
    expect(st.nodes.find((n) => n.role === 'witness')).toMatchObject({ reachable: false, error: { code: expect.stringMatching(/^ssh:errors\./) } });
    expect(st.nodes.find((n) => n.role === 'primary')?.reachable).toBe(true);
  });
});
