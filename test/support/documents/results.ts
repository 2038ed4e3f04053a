/**
 * Commissioning and failover results of real shape for document tests: produced by the failover engines
 * (outage windows, mail matching, verdicts) from synthetic probe samples, and parsed with the project's own
 * schemas, so a document that reads them reads what the app stores.
 */
import { findCase, type CaseId } from '../../../shared/failover/cases';
import { mailRecords, tallyMails, type SentMail } from '../../../shared/failover/mailMatch';
import { computeOutage, statusRuns, type ProbeSample } from '../../../shared/failover/outage';
import { ClusterProfileSchema } from '../../../shared/failover/profile';
import type { Protocol } from '../../../shared/failover/protocols';
import { FailoverRunSchema, type CaseResult, type FailoverRun } from '../../../shared/failover/schema';
import { resolveTargets } from '../../../shared/failover/targets';
import { judgeCase } from '../../../shared/failover/verdict';
import { CommissionRecordSchema, type CommissionRecord } from '../../../shared/commission/recordSchema';
import type { Project } from '../../../shared/project/schema';
import type { AuditCommand } from '../../../shared/documents/realisation';

const T0 = Date.parse('2026-11-24T10:00:00Z');
const profile = ClusterProfileSchema.parse({ platform: 'vm', replication: 'drbd', stonith: true, quorum: 'qdevice', nodes: 2, corosyncLinks: 2, tokenMs: 3000, drbdFencing: true });

/** Probes every 200 ms; the service is down from faultAt+downFrom to faultAt+downTo. */
function samples(faultAt: number, downFrom: number, downTo: number): ProbeSample[] {
  const out: ProbeSample[] = [];
  for (let t = faultAt - 5000; t <= faultAt + 20_000; t += 200) {
    const down = t >= faultAt + downFrom && t < faultAt + downTo;
    out.push(down ? { t, ok: false, error: 'connect' } : { t, ok: true, latencyMs: 12 });
  }
  return out;
}

function caseResult(p: Project, id: CaseId, faultAt: number, downMs: number, lostMail: number | null): CaseResult {
  const c = findCase(id);
  const expectation = c.expect(profile);
  const endAt = faultAt + 20_000;
  const protocols: Protocol[] = ['smtp', 'submission', 'imap'];
  const outages = protocols.map((proto) => computeOutage(proto, samples(faultAt, 600, 600 + downMs), faultAt, endAt));
  const sent: SentMail[] = Array.from({ length: 40 }, (_, n) => {
    const at = faultAt - 4000 + n * 500;
    return { n, via: n % 2 ? 'submission' : 'smtp', attempts: [{ at, endAt: at + 80, outcome: 'accepted', stage: 'data', code: 250 }], acceptedAt: at + 80 };
  });
  const delivered = sent.filter((m) => m.n !== lostMail).map((m) => ({ n: m.n, deliveredAt: (m.acceptedAt ?? 0) + 900 }));
  const records = mailRecords(sent, delivered);
  const targets = resolveTargets(p.failover.settings.targets, p.planning.quorumFencing);
  const tally = tallyMails(records, targets.delayedAfterMs);
  const observed = { servicesBefore: 'mail01', servicesAfter: ['mail02'], dualActiveSeen: false, fenced: expectation.fencing ? ['mail01'] : [], recovered: true, localRestart: false, drbdConstraintSeen: false, outdatedPromoted: false, quorumWaitHeld: false };
  const verdict = judgeCase({ applicability: c.applicable(profile), expectation, outages, mails: tally, findings: [], observed, targets });
  return {
    caseId: id, startedAt: faultAt - 5000, endedAt: endAt, faultAt, recoveredAt: faultAt + 600 + downMs,
    detectionFloorMs: 6600, targets, outages,
    lanes: Object.fromEntries(protocols.map((proto) => [proto, statusRuns(samples(faultAt, 600, 600 + downMs))])),
    mails: { records, tally },
    events: [
      { t: faultAt, node: 'mail01', kind: 'fault', text: `${id} injected` },
      { t: faultAt + 300, node: 'mail02', kind: 'membership', text: 'membership (2.4a): left 1', bad: true },
      { t: faultAt + 500 + downMs / 2, node: 'mail02', kind: 'resource', text: 'start p_vip on mail02: ok' },
    ],
    findings: lostMail === null ? [] : [{ kind: 'postfixError', severity: 'error', node: 'mail02', t: faultAt + 900, lastT: faultAt + 900, count: 1, source: 'postfix/smtpd', line: 'warning: queue file write error' }],
    observed, steps: [], verdict,
  } as CaseResult;
}

/** An acceptance run: planned standby (3.2 s outage, all mails) and a hard crash (8.4 s, one mail lost: fails). */
export function acceptanceRun(p: Project): FailoverRun {
  return FailoverRunSchema.parse({
    id: '0b9e3c1e-6a55-4b2e-9a7f-3f2d1c4b5a69', kind: 'acceptance', startedAt: T0, endedAt: T0 + 120_000, status: 'done', profile, label: 'Abnahme',
    cases: [caseResult(p, 'standby', T0 + 10_000, 3200, null), caseResult(p, 'hardCrash', T0 + 60_000, 8400, 17)],
  });
}

const at = (min: number) => new Date(Date.parse('2026-11-17T08:00:00Z') + min * 60_000).toISOString();

/** A finished commissioning: four steps on two nodes, one skipped, with a measured mail outage at cut-over. */
export function commissionRecord(): CommissionRecord {
  return CommissionRecordSchema.parse({
    planHash: 'sha256:5f1d', startedAt: at(0), completedAt: at(95), pointOfNoReturnAt: at(70),
    steps: {
      'packages.ha@secondary': { node: 'secondary', outcome: 'done', startedAt: at(1), endedAt: at(9), durationMs: 480_000 },
      'drbd.createMd@primary': { node: 'primary', outcome: 'done', startedAt: at(10), endedAt: at(11), durationMs: 42_000 },
      'packages.ha@primary': { node: 'primary', outcome: 'skipped', startedAt: at(0.5), endedAt: at(0.6), durationMs: 4000 },
      'cutover.final@primary': { node: 'primary', outcome: 'done', startedAt: at(70), endedAt: at(72), durationMs: 95_000 },
    },
    timers: { legacyMailOutage: { startedAt: at(70), stoppedAt: at(71), ms: 23_400 } },
  });
}

export function auditCommands(p: Project): AuditCommand[] {
  const h = (role: 'primary' | 'secondary') => p.hosts[role]!;
  return [
    { host: h('secondary').host, port: h('secondary').port, command: 'apt-get install -y corosync pacemaker crmsh drbd-utils', startedAt: at(2), durationMs: 300_000 },
    { host: h('primary').host, port: h('primary').port, command: "drbdadm create-md --force 'r0'", startedAt: at(10.2), durationMs: 2000 },
    { host: h('primary').host, port: h('primary').port, command: 'systemctl stop postfix', startedAt: at(70.1), durationMs: 800 },
    { host: h('primary').host, port: h('primary').port, command: '', startedAt: at(70.2), durationMs: 5, kind: 'connect' },
  ];
}

/**
 * The seed project after commissioning and the acceptance test: hosts, cluster settings with VIP and links,
 * the inventory of both nodes, the commissioning record and the acceptance run.
 */
export function commissionedProject(base: Project): Project {
  const p: Project = structuredClone(base);
  p.hosts.primary = { host: '10.20.0.11', port: 22, user: 'root', auth: { method: 'key', keyPath: '/home/jana/.ssh/id_ed25519' } } as Project['hosts']['primary'];
  p.hosts.secondary = { host: '10.20.0.12', port: 22, user: 'root', auth: { method: 'key', keyPath: '/home/jana/.ssh/id_ed25519' } } as Project['hosts']['secondary'];
  p.hosts.witness = { host: '10.20.0.13', port: 22, user: 'root', auth: { method: 'key', keyPath: '/home/jana/.ssh/id_ed25519' } } as Project['hosts']['witness'];
  p.commission.settings = {
    ...p.commission.settings,
    clusterName: 'mailha',
    vip: '10.20.0.10/24',
    vipName: 'mail.mueller-soehne.example',
    links: [
      { purpose: ['corosync'], nodes: { primary: { interface: 'eno1', address: '10.20.0.11' }, secondary: { interface: 'eno1', address: '10.20.0.12' } } },
      { purpose: ['corosync', 'drbd'], nodes: { primary: { interface: 'eno2', address: '192.168.77.1' }, secondary: { interface: 'eno2', address: '192.168.77.2' } } },
    ],
  };
  const inv = (hostname: string, address: string) => ({ collectedAt: '2026-11-16T09:00:00Z', hostname, interfaces: [{ name: 'eno1', addresses: [`${address}/24`] }], drbdModuleVersion: '8.4.11', osCodename: 'bookworm' });
  p.commission.inventory = { nodes: { primary: inv('mail01', '10.20.0.11'), secondary: inv('mail02', '10.20.0.12'), witness: inv('qnetd01', '10.20.0.13') } } as Project['commission']['inventory'];
  p.commission.record = commissionRecord();
  const run = acceptanceRun(p);
  p.failover.runs = [run];
  p.failover.acceptanceRunId = run.id;
  return p;
}
