/**
 * The CLI of the failover tests without a cluster: what a user gets when the project cannot be tested, and the
 * monitoring check's contract with Nagios/Icinga when the nodes do not answer (a refused TCP port on 127.0.0.1,
 * a real connection attempt): exactly one status line, UNKNOWN (3), perfdata after "|". The runs on a real
 * cluster are the lab tests (test/lab/failover).
 */
import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterProfileSchema } from '../../../shared/failover/profile';
import { FailoverTargetsSchema, resolveTargets } from '../../../shared/failover/targets';
import { QuorumFencingChoiceSchema } from '../../../shared/planning/quorumSchema';
import { newProject } from '../../../shared/project/schema';
import { serializeProject } from '../../../shared/project/parse';
import { buildCaseResult } from '../../failover/caseEvidence';
import { cliT, type CliIO } from '../command';
import { runCli } from '../index';
import { resultLines } from './failover';

let dir: string;
let closedPort: number;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-failover-cli-'));
  process.env.MHS_USER_DATA = path.join(dir, 'userdata');
  // A port that was just free: nothing listens there, the connection is refused at once.
  closedPort = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address() as net.AddressInfo;
      s.close(() => resolve(a.port));
    });
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(lang: 'de' | 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = { lang, out: (l) => out.push(l), err: (l) => err.push(l) };
  return { value, out, err };
}

function project(name: string, withNodes: boolean): string {
  const p = newProject('6b1c2d3e-4f50-4a61-8b72-9c8d7e6f5a41', new Date('2026-12-01T10:00:00Z'));
  p.commission.settings.vip = '10.77.0.10/24';
  if (withNodes) {
    const auth = { method: 'password' as const };
    p.hosts.primary = { host: '127.0.0.1', port: closedPort, user: 'admin', auth };
    p.hosts.secondary = { host: '127.0.0.1', port: closedPort, user: 'admin', auth };
  }
  const file = path.join(dir, name);
  writeFileSync(file, serializeProject(p));
  return file;
}

describe('test failover (CLI)', { timeout: 60_000 }, () => {
  it('refuses a project without cluster nodes with a translated reason and a non-zero exit', async () => {
    const o = io('de');
    const code = await runCli(['test', 'failover', '--project', project('empty.mhs.json', false), '--dry-run'], o.value);
    expect(code).not.toBe(0);
    expect(o.err.join('\n')).toContain('mindestens zwei Cluster-Knoten');
  });

  it('an unknown case id is a usage error naming the known ones', async () => {
    const o = io('en');
    expect(await runCli(['test', 'failover', '--project', project('x.mhs.json', false), '--case', 'meltdown'], o.value)).toBe(2);
    expect(o.err.join('\n')).toMatch(/meltdown[\s\S]*standby/);
  });
});

describe('test failover result lines', () => {
  it('an aborted case whose mailbox was never read reports its mails as not verified, never as lost', async () => {
    const sent = [1, 2, 3].map((n) => ({ n, via: 'smtp' as const, attempts: [{ at: n * 1000, endAt: n * 1000 + 50, outcome: 'accepted' as const, stage: 'dot' as const, code: 250 }], acceptedAt: n * 1000 + 50 }));
    const result = (mailboxRead: boolean) => buildCaseResult({
      caseId: 'standby', startedAt: 0, endedAt: 30_000, faultAt: 5000,
      profile: ClusterProfileSchema.parse({ platform: 'vm', replication: 'drbd', stonith: true, drbdFencing: true, corosyncLinks: 2 }),
      targets: resolveTargets(FailoverTargetsSchema.parse({}), QuorumFencingChoiceSchema.parse({})),
      samples: {}, sent, delivered: [], mailboxRead, rounds: [], servicesAfter: [], lines: [], runnerEvents: [], extraFindings: [], steps: [], recovered: false,
      aborted: { key: 'ssh:errors.cancelled' },
    });
    const unread = result(false);
    expect(unread.mails?.tally).toMatchObject({ accepted: 3, lost: [], notVerified: [1, 2, 3] });
    const de = resultLines(unread, await cliT({ lang: 'de' }), 'de').join('\n');
    expect(de).toContain('FAIL 3 angenommene Mails nicht geprüft: das Postfach war nicht lesbar');
    expect(de).toContain('ok   0 von 3 angenommenen Mails verloren');
    const en = resultLines(unread, await cliT({ lang: 'en' }), 'en').join('\n');
    expect(en).toContain('FAIL 3 accepted mails not verified: the mailbox could not be read');
    // Read and empty: the same three mails are lost.
    expect(result(true).mails?.tally).toMatchObject({ lost: [1, 2, 3], notVerified: [] });
  });
});

describe('cluster check (Nagios/Icinga plugin)', { timeout: 60_000 }, () => {
  it('nodes that refuse the connection: UNKNOWN (3), one line with perfdata', async () => {
    const o = io('en');
    const code = await runCli(['cluster', 'check', '--project', project('down.mhs.json', true)], o.value);
    expect(code).toBe(3);
    expect(o.out).toHaveLength(1);
    expect(o.out[0]).toMatch(/^MAILCLUSTER UNKNOWN - .+ \| 'nodes_online'=0;/);
  });

  it('without --project: UNKNOWN with the usage, as plugins must', async () => {
    const o = io('en');
    expect(await runCli(['cluster', 'check'], o.value)).toBe(3);
    expect(o.out[0]).toMatch(/^MAILCLUSTER UNKNOWN - usage: cluster check --project FILE/);
  });
});
