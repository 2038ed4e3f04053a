/**
 * The verdict of one case: a list of checks (each a translated line with its figures) against the case's
 * expectation and the project's targets. Any failed check fails the case; a case the cluster cannot run is
 * "not applicable" with its reason, never a pass; a case that could not finish is "aborted".
 */
import type { Applicability, Expectation, FindingKind } from './cases';
import type { Finding } from './logScan';
import type { MailTally } from './mailMatch';
import type { ProtocolOutage } from './outage';
import type { ResolvedTargets } from './targets';

export type VerdictValue = 'pass' | 'fail' | 'notApplicable' | 'aborted';

export interface Check {
  id: string;
  ok: boolean;
  /** i18n key, e.g. 'failover:checks.outage' */
  key: string;
  params?: Record<string, string | number>;
}

export interface Verdict {
  value: VerdictValue;
  checks: Check[];
  /** For notApplicable / aborted: why. */
  reason?: { key: string; params?: Record<string, string | number> };
}

/** What the runner saw on the cluster itself during and after the case. */
export interface Observed {
  /** Node that ran the mail services before the fault. */
  servicesBefore?: string;
  /** Nodes that ran them once the fault had taken effect (before any undo). */
  servicesAfter: string[];
  /** The VIP (or the mail group) was seen on two nodes at the same time. */
  dualActiveSeen: boolean;
  /** Nodes fenced during the case (from the fencing history or the journal). */
  fenced: string[];
  /** A resource's fail count rose on the node that kept the services. */
  localRestart?: boolean;
  /** DRBD's fence constraint appeared while the link was cut. */
  drbdConstraintSeen?: boolean;
  /** The outdated DRBD peer became Primary while the link was cut. */
  outdatedPromoted?: boolean;
  /** Cold start: the lone node stayed inquorate and ran nothing. */
  quorumWaitHeld?: boolean;
  /** The cluster was back to its start state at the end (nodes online, resources started, DRBD in sync). */
  recovered: boolean;
}

export interface VerdictInput {
  applicability: Applicability;
  expectation: Expectation;
  outages: readonly ProtocolOutage[];
  mails?: MailTally;
  findings: readonly Finding[];
  observed?: Observed;
  targets: ResolvedTargets;
  /** The case could not run to its end (cancelled, lost SSH, precondition): error code + params. */
  aborted?: { key: string; params?: Record<string, string | number> };
}

const s = (ms: number) => Math.round(ms / 100) / 10;

function outageChecks(e: Expectation, outages: readonly ProtocolOutage[], t: ResolvedTargets): Check[] {
  const checks: Check[] = [];
  for (const o of outages) {
    if (!o.baseline) {
      checks.push({ id: `baseline.${o.protocol}`, ok: false, key: 'failover:checks.noBaseline', params: { protocol: o.protocol } });
      continue;
    }
    const open = o.windows.some((w) => w.toMs === null);
    if (open) {
      checks.push({ id: `outage.${o.protocol}`, ok: false, key: 'failover:checks.notRecovered', params: { protocol: o.protocol, seconds: s(o.maxMs) } });
      continue;
    }
    if (e.outage === 'notJudged') {
      checks.push({ id: `outage.${o.protocol}`, ok: true, key: 'failover:checks.outageNotJudged', params: { protocol: o.protocol, seconds: s(o.maxMs) } });
      continue;
    }
    const limit = e.outage === 'planned' ? t.plannedRtoMs : e.outage === 'unplanned' ? t.unplannedRtoMs : t.noOutageToleranceMs;
    checks.push({
      id: `outage.${o.protocol}`,
      ok: o.maxMs <= limit,
      key: e.outage === 'none' ? 'failover:checks.noOutage' : 'failover:checks.outage',
      params: { protocol: o.protocol, seconds: s(o.maxMs), limit: s(limit), windows: o.windows.length },
    });
  }
  return checks;
}

function mailChecks(m: MailTally, t: ResolvedTargets): Check[] {
  return [
    { id: 'mail.accepted', ok: m.accepted > 0, key: 'failover:checks.mailsAccepted', params: { accepted: m.accepted, sent: m.sent } },
    { id: 'mail.lost', ok: m.lost.length <= t.maxLost, key: 'failover:checks.mailsLost', params: { lost: m.lost.length, accepted: m.accepted, limit: t.maxLost } },
    // Mails nobody could look for prove nothing either way: the case cannot pass on them.
    { id: 'mail.verified', ok: m.notVerified.length === 0, key: 'failover:checks.mailsNotVerified', params: { count: m.notVerified.length, accepted: m.accepted } },
    { id: 'mail.duplicated', ok: m.duplicated.length <= t.maxDuplicated, key: 'failover:checks.mailsDuplicated', params: { duplicated: m.duplicated.length, limit: t.maxDuplicated } },
    { id: 'mail.bounced', ok: m.bounced.length === 0, key: 'failover:checks.mailsBounced', params: { count: m.bounced.length } },
    { id: 'mail.unexpected', ok: m.unexpected.length === 0, key: 'failover:checks.mailsUnexpected', params: { count: m.unexpected.length } },
  ];
}

function locationCheck(e: Expectation, o: Observed): Check {
  const after = [...new Set(o.servicesAfter)];
  const params = { before: o.servicesBefore ?? '–', after: after.join(', ') || '–' };
  switch (e.services) {
    case 'peer':
      return { id: 'location', ok: after.length === 1 && after[0] !== o.servicesBefore, key: 'failover:checks.movedToPeer', params };
    case 'sameNode':
      return { id: 'location', ok: after.length === 1 && after[0] === o.servicesBefore, key: 'failover:checks.stayedOnNode', params };
    case 'nowhere':
      return { id: 'location', ok: after.length === 0, key: 'failover:checks.ranNowhere', params };
    case 'anyOneNode':
      return { id: 'location', ok: after.length === 1, key: 'failover:checks.ranOnOneNode', params };
  }
}

function observedChecks(e: Expectation, o: Observed): Check[] {
  const checks: Check[] = [locationCheck(e, o)];
  checks.push({ id: 'dualActive', ok: !o.dualActiveSeen, key: 'failover:checks.singleActive' });
  if (e.fencing === true) checks.push({ id: 'fencing', ok: o.fenced.length > 0, key: 'failover:checks.fenced', params: { nodes: o.fenced.join(', ') || '–' } });
  if (e.fencing === false) checks.push({ id: 'fencing', ok: o.fenced.length === 0, key: 'failover:checks.notFenced', params: { nodes: o.fenced.join(', ') || '–' } });
  if (e.localRestart) checks.push({ id: 'localRestart', ok: o.localRestart === true, key: 'failover:checks.localRestart' });
  if (e.drbdFenceConstraint) {
    checks.push({ id: 'drbdConstraint', ok: o.drbdConstraintSeen === true, key: 'failover:checks.drbdConstraint' });
    checks.push({ id: 'drbdNoPromote', ok: o.outdatedPromoted !== true, key: 'failover:checks.drbdNoPromote' });
  }
  if (e.quorumWait) checks.push({ id: 'quorumWait', ok: o.quorumWaitHeld === true, key: 'failover:checks.quorumWait' });
  checks.push({ id: 'recovered', ok: o.recovered, key: 'failover:checks.recovered' });
  return checks;
}

function findingChecks(expected: readonly FindingKind[], findings: readonly Finding[]): Check[] {
  const critical = findings.filter((f) => f.severity === 'critical');
  const unexpectedErrors = findings.filter((f) => f.severity === 'error' && !expected.includes(f.kind));
  return [
    { id: 'findings.critical', ok: critical.length === 0, key: 'failover:checks.criticalFindings', params: { count: critical.length, kinds: [...new Set(critical.map((f) => f.kind))].join(', ') || '–' } },
    { id: 'findings.errors', ok: unexpectedErrors.length === 0, key: 'failover:checks.unexpectedErrors', params: { count: unexpectedErrors.length, kinds: [...new Set(unexpectedErrors.map((f) => f.kind))].join(', ') || '–' } },
  ];
}

export function judgeCase(input: VerdictInput): Verdict {
  if (!input.applicability.runnable) {
    const { reason, params } = input.applicability;
    return { value: 'notApplicable', checks: [], reason: params ? { key: reason, params } : { key: reason } };
  }
  const checks: Check[] = [
    ...outageChecks(input.expectation, input.outages, input.targets),
    ...(input.mails ? mailChecks(input.mails, input.targets) : []),
    ...(input.observed ? observedChecks(input.expectation, input.observed) : []),
    ...findingChecks(input.expectation.expectedFindings, input.findings),
  ];
  if (input.aborted) return { value: 'aborted', checks, reason: input.aborted };
  if (!input.mails) checks.push({ id: 'mail.missing', ok: false, key: 'failover:checks.noMailFlow' });
  if (!input.observed) checks.push({ id: 'observed.missing', ok: false, key: 'failover:checks.noClusterView' });
  return { value: checks.every((c) => c.ok) ? 'pass' : 'fail', checks };
}
