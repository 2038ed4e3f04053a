/**
 * Turns what a case collected (probe samples, sent and delivered mails, cluster rounds, journal lines, step
 * records) into the stored case result with its verdict. Only arithmetic on collected data: the judging itself
 * is shared/failover's.
 */
import type { CaseId } from '../../shared/failover/cases';
import { findCase } from '../../shared/failover/cases';
import { mailResources } from '../../shared/failover/clusterFacts';
import { clusterEvents, type ClusterEvent } from '../../shared/failover/events';
import type { LogLine } from '../../shared/failover/logLine';
import { scanLogs, type Finding } from '../../shared/failover/logScan';
import { mailRecords, tallyMails, type DeliveredCopy, type SentMail } from '../../shared/failover/mailMatch';
import { computeOutage, statusRuns, type ProbeSample } from '../../shared/failover/outage';
import { detectionFloorMs, type ClusterProfile } from '../../shared/failover/profile';
import type { Protocol } from '../../shared/failover/protocols';
import type { CaseResult } from '../../shared/failover/schema';
import type { ResolvedTargets } from '../../shared/failover/targets';
import { judgeCase, type Observed } from '../../shared/failover/verdict';
import type { Round } from './clusterWatch';
import type { StepRecord } from './stepExec';

export interface CaseRaw {
  caseId: CaseId;
  startedAt: number;
  endedAt: number;
  faultAt?: number;
  effectAt?: number;
  healAt?: number;
  recoveredAt?: number;
  profile: ClusterProfile;
  targets: ResolvedTargets;
  samples: Partial<Record<Protocol, ProbeSample[]>>;
  sent?: SentMail[];
  delivered?: DeliveredCopy[];
  /** At least one IMAP fetch of the test mailbox succeeded. False: `delivered` is empty because nobody could
   *  look, and the accepted mails count as not verified instead of lost. Absent: read. */
  mailboxRead?: boolean;
  rounds: Round[];
  servicesBefore?: string;
  servicesAfter: string[];
  peer?: string;
  lines: LogLine[];
  runnerEvents: ClusterEvent[];
  extraFindings: Finding[];
  steps: StepRecord[];
  quorumWaitHeld?: boolean;
  recovered: boolean;
  aborted?: { key: string; params?: Record<string, string | number> };
}

const OK_FENCE = /^fence (reboot|off) (\S+)(?: by \S+)?: OK/;

/** Nodes a successful fence operation targeted, from the journal's fence events. */
export function fencedNodes(events: readonly ClusterEvent[]): string[] {
  const out = new Set<string>();
  for (const e of events) {
    if (e.kind !== 'fence') continue;
    const m = OK_FENCE.exec(e.text);
    if (m) out.add(m[2]!);
    const t = /^(\S+) terminated \(\w+\) by \S+: OK/.exec(e.text);
    if (t) out.add(t[1]!);
  }
  return [...out];
}

/**
 * Pacemaker restarted a mail resource on `node` itself: a failed action of that resource on that node shows up
 * after the fault and the resource runs there again afterwards, or the journal shows a failed operation
 * followed by a successful start on the same node.
 */
export function restartedInPlace(rounds: readonly Round[], events: readonly ClusterEvent[], node: string | undefined): boolean {
  if (!node) return false;
  for (let i = 0; i < rounds.length; i++) {
    const crm = rounds[i]!.samples.find((s) => s.node === node && s.crm)?.crm ?? rounds[i]!.samples.find((s) => s.crm)?.crm;
    if (!crm) continue;
    const ids = new Set(mailResources(crm).resources.map((x) => x.id));
    const failed = crm.failedActions.filter((f) => ids.has(f.resource) && f.node === node).map((f) => f.resource);
    if (!failed.length) continue;
    const later = rounds.slice(i).some((r) => {
      const v = r.samples.find((s) => s.node === node && s.crm)?.crm;
      return !!v && failed.every((id) => v.resources.some((x) => x.id === id && x.active && x.nodes.includes(node)));
    });
    if (later) return true;
  }
  const failedAt = events.find((e) => e.kind === 'resource' && e.bad && e.text.includes(` on ${node}:`))?.t;
  return failedAt !== undefined && events.some((e) => e.kind === 'resource' && e.t > failedAt && /^start \S+ on /.test(e.text) && e.text.includes(` on ${node}: ok`));
}

export function buildCaseResult(raw: CaseRaw): CaseResult {
  const c = findCase(raw.caseId);
  const expectation = c.expect(raw.profile);
  const faultAt = raw.faultAt;
  const protocols = Object.keys(raw.samples) as Protocol[];
  const outages = faultAt === undefined ? [] : protocols.map((p) => computeOutage(p, raw.samples[p] ?? [], faultAt, raw.endedAt));
  const lanes = Object.fromEntries(protocols.map((p) => [p, statusRuns(raw.samples[p] ?? [])]));
  const records = raw.sent ? mailRecords(raw.sent, raw.delivered ?? []) : undefined;
  const tally = records ? tallyMails(records, raw.targets.delayedAfterMs, { mailboxRead: raw.mailboxRead ?? true }) : undefined;
  const journalEvents = clusterEvents(raw.lines);
  const events = [...journalEvents, ...raw.runnerEvents].sort((a, b) => a.t - b.t).slice(0, 2000);
  const findings = [...scanLogs(raw.lines), ...raw.extraFindings].slice(0, 500);

  const window = (from?: number, to?: number) => raw.rounds.filter((r) => (from === undefined || r.at >= from) && (to === undefined || r.at <= to));
  // Two rounds in a row: one round's samples are taken a few milliseconds apart, and a VIP that moves within
  // those milliseconds must not look like a split.
  const isDual = (r: Round | undefined) => !!r && r.samples.filter((s) => s.reachable && s.vip).length > 1;
  const dual = raw.rounds.find((r, i) => isDual(r) && isDual(raw.rounds[i + 1]));
  if (dual) {
    findings.unshift({
      kind: 'dualActive',
      severity: 'critical',
      node: dual.samples.filter((s) => s.vip).map((s) => s.node).join('+'),
      t: dual.at,
      lastT: dual.at,
      count: raw.rounds.filter(isDual).length,
      source: 'mail-ha-studio',
      line: `the VIP was up on ${dual.samples.filter((s) => s.vip).map((s) => s.node).join(' and ')} at the same time`,
    });
  }
  const cut = window(faultAt, raw.healAt ?? raw.effectAt);
  const observed: Observed | undefined = raw.rounds.length
    ? {
        ...(raw.servicesBefore ? { servicesBefore: raw.servicesBefore } : {}),
        servicesAfter: raw.servicesAfter,
        dualActiveSeen: !!dual,
        fenced: fencedNodes(journalEvents),
        localRestart: restartedInPlace(window(raw.startedAt), journalEvents, raw.servicesBefore),
        drbdConstraintSeen: cut.some((r) => r.samples.some((s) => (s.fenceConstraints?.length ?? 0) > 0)) || findings.some((f) => f.kind === 'drbdFenceConstraint'),
        outdatedPromoted: !!raw.peer && cut.some((r) => r.samples.some((s) => s.node === raw.peer && (s.drbd?.resources ?? []).some((d) => d.role === 'Primary'))),
        ...(raw.quorumWaitHeld !== undefined ? { quorumWaitHeld: raw.quorumWaitHeld } : {}),
        recovered: raw.recovered,
      }
    : undefined;
  const verdict = judgeCase({
    applicability: c.applicable(raw.profile),
    expectation,
    outages,
    ...(tally ? { mails: tally } : {}),
    findings,
    ...(observed ? { observed } : {}),
    targets: raw.targets,
    ...(raw.aborted ? { aborted: raw.aborted } : {}),
  });
  const floor = detectionFloorMs(raw.profile);
  return {
    caseId: raw.caseId,
    startedAt: raw.startedAt,
    endedAt: raw.endedAt,
    ...(faultAt !== undefined ? { faultAt } : {}),
    ...(raw.recoveredAt !== undefined ? { recoveredAt: raw.recoveredAt } : {}),
    ...(floor !== undefined ? { detectionFloorMs: floor } : {}),
    targets: raw.targets,
    outages,
    lanes,
    ...(records && tally ? { mails: { records: records.slice(0, 20_000), tally } } : {}),
    events,
    findings,
    ...(observed ? { observed } : {}),
    steps: raw.steps.slice(0, 200),
    verdict,
  };
}
