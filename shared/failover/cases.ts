/**
 * The failover test catalogue: every case the issue names, what the cluster must show for it, and whether the
 * cluster under test can run it (and why not). Titles, explanations and reasons are i18n keys in the
 * `failover` namespace (`cases.<id>.title|explanation|expected`), so a de/en test covers them.
 * The commands each case runs are built in faultPlan.ts; this file holds only the meaning.
 */
import { canPowerOn, type ClusterProfile } from './profile';

export const caseIds = [
  'standby',
  'move',
  'rollingMaintenance',
  'killService',
  'killPacemakerd',
  'killCorosync',
  'hardCrash',
  'powerOff',
  'clusterLinkCut',
  'drbdLinkCut',
  'fenceTest',
  'coldStartAlone',
] as const;
export type CaseId = (typeof caseIds)[number];

export type FindingKind =
  | 'splitBrain'
  | 'dualActive'
  | 'fencing'
  | 'fencingFailed'
  | 'failedAction'
  | 'resourceError'
  | 'drbdDisconnect'
  | 'drbdFenceConstraint'
  | 'quorumLost'
  | 'nodeLost'
  | 'linkDown'
  | 'postfixError'
  | 'dovecotError'
  | 'mariadbError'
  | 'certificateChanged';

/** Which target the outage is judged against. */
export type OutageRule =
  /** planned move: the planned RTO (planning budget 'planned' or the project's own target) */
  | 'planned'
  /** failure detection, fencing and recovery: the unplanned RTO */
  | 'unplanned'
  /** nothing may go down (beyond one probe interval's jitter) */
  | 'none'
  /** a full outage is the expected behaviour (cold start waiting for its peer): not judged */
  | 'notJudged';

export interface Expectation {
  outage: OutageRule;
  /** Where the mail services run once the fault has taken effect. */
  services: 'peer' | 'sameNode' | 'nowhere' | 'anyOneNode';
  /** A node must be fenced (true), must not be (false), or either is fine (undefined). */
  fencing?: boolean;
  /** The resource was restarted in place (its fail count rose). */
  localRestart?: boolean;
  /** DRBD's fence-peer handler placed its constraint and the outdated peer was not promoted. */
  drbdFenceConstraint?: boolean;
  /** The lone node stayed inquorate and started nothing (wait_for_all). */
  quorumWait?: boolean;
  /** Log findings that are part of the expected behaviour and do not count against the verdict. */
  expectedFindings: FindingKind[];
}

export type Applicability = { runnable: true } | { runnable: false; reason: string; params?: Record<string, string | number> };

export interface FailoverCase {
  id: CaseId;
  /** planned: the operator's own action; failure: a crash or loss; special: behaviour checks. */
  kind: 'planned' | 'failure' | 'special';
  /** Takes the whole service down on purpose: asked separately, never part of "all cases" by default. */
  fullOutage?: boolean;
  expect(p: ClusterProfile): Expectation;
  applicable(p: ClusterProfile): Applicability;
}

const ok: Applicability = { runnable: true };
const no = (reason: string, params?: Record<string, string | number>): Applicability => ({ runnable: false, reason: `failover:reasons.${reason}`, ...(params ? { params } : {}) });

const moveFindings: FindingKind[] = [];
const coldFindings: FindingKind[] = ['quorumLost', 'nodeLost', 'linkDown', 'drbdDisconnect'];
const lossFindings: FindingKind[] = ['nodeLost', 'linkDown', 'quorumLost', 'drbdDisconnect', 'failedAction', 'resourceError', 'fencing', 'postfixError', 'dovecotError', 'mariadbError'];

function twoNodes(p: ClusterProfile): Applicability {
  return p.nodes >= 2 ? ok : no('singleNode');
}

function needsStonith(p: ClusterProfile): Applicability {
  if (!p.stonith) return no(p.platform === 'container' ? 'noFencingContainer' : 'noFencing');
  return twoNodes(p);
}

/** A node that was crashed or switched off must come back for the cluster to reach its start state. */
function needsPowerOn(p: ClusterProfile): Applicability {
  return canPowerOn(p) ? ok : no('noPowerOn');
}

export const catalogue: readonly FailoverCase[] = [
  {
    id: 'standby',
    kind: 'planned',
    expect: () => ({ outage: 'planned', services: 'peer', fencing: false, expectedFindings: moveFindings }),
    applicable: twoNodes,
  },
  {
    id: 'move',
    kind: 'planned',
    expect: () => ({ outage: 'planned', services: 'peer', fencing: false, expectedFindings: moveFindings }),
    applicable: twoNodes,
  },
  {
    id: 'rollingMaintenance',
    kind: 'planned',
    // Two moves (one per node); each must stay within the planned RTO.
    expect: () => ({ outage: 'planned', services: 'anyOneNode', fencing: false, expectedFindings: ['drbdDisconnect', 'nodeLost', 'linkDown'] }),
    applicable: (p) => {
      const n = twoNodes(p);
      if (!n.runnable) return n;
      // A container's reboot ends its nspawn process; only the lab (or whoever runs it) starts it again.
      if (p.platform === 'container' && p.hook.powerOn !== true) return no('containerReboot');
      return ok;
    },
  },
  {
    id: 'killService',
    kind: 'failure',
    expect: () => ({ outage: 'unplanned', services: 'sameNode', fencing: false, localRestart: true, expectedFindings: ['failedAction', 'resourceError', 'postfixError'] }),
    applicable: twoNodes,
  },
  {
    id: 'killPacemakerd',
    kind: 'failure',
    expect: () => ({ outage: 'none', services: 'sameNode', fencing: false, expectedFindings: [] }),
    applicable: twoNodes,
  },
  {
    id: 'killCorosync',
    kind: 'failure',
    expect: () => ({ outage: 'unplanned', services: 'peer', fencing: true, expectedFindings: lossFindings }),
    // The fenced node reboots by itself (stonith action reboot, SBD self-reset).
    applicable: needsStonith,
  },
  {
    id: 'hardCrash',
    kind: 'failure',
    expect: (p) => ({ outage: 'unplanned', services: 'peer', ...(p.stonith ? { fencing: true } : {}), expectedFindings: lossFindings }),
    applicable: (p) => {
      const n = twoNodes(p);
      if (!n.runnable) return n;
      // sysrq in a container would crash the host kernel every container shares.
      if (p.platform === 'container' && p.hook.crash !== true) return no('containerCrash');
      if (p.platform === 'container' || p.platform === 'unknown') return needsPowerOn(p);
      // sysrq-c with kernel.panic set reboots the node by itself.
      return ok;
    },
  },
  {
    id: 'powerOff',
    kind: 'failure',
    // A clean shutdown stops Pacemaker first, which moves the services like a standby.
    expect: () => ({ outage: 'planned', services: 'peer', fencing: false, expectedFindings: ['nodeLost', 'linkDown', 'drbdDisconnect'] }),
    applicable: (p) => {
      const n = twoNodes(p);
      return n.runnable ? needsPowerOn(p) : n;
    },
  },
  {
    id: 'clusterLinkCut',
    kind: 'failure',
    expect: () => ({ outage: 'unplanned', services: 'anyOneNode', fencing: true, expectedFindings: lossFindings }),
    applicable: (p) => {
      const s = needsStonith(p);
      if (!s.runnable) return s;
      return p.corosyncLinks >= 1 ? ok : no('noCorosyncLinks');
    },
  },
  {
    id: 'drbdLinkCut',
    kind: 'failure',
    // Corosync still connects the nodes: the primary keeps serving, the peer is marked outdated.
    expect: () => ({ outage: 'none', services: 'sameNode', fencing: false, drbdFenceConstraint: true, expectedFindings: ['drbdDisconnect', 'drbdFenceConstraint'] }),
    applicable: (p) => {
      if (p.replication !== 'drbd') return no(p.replication === 'shared' ? 'sharedStorage' : 'noDrbd');
      return twoNodes(p);
    },
  },
  {
    id: 'fenceTest',
    kind: 'special',
    expect: () => ({ outage: 'unplanned', services: 'peer', fencing: true, expectedFindings: lossFindings }),
    applicable: needsStonith,
  },
  {
    id: 'coldStartAlone',
    kind: 'special',
    fullOutage: true,
    expect: (p) => {
      // With a quorum device the lone node gets qnetd's vote and may start (unless wait_for_all is set).
      const waits = p.quorum !== 'qdevice' || p.waitForAll;
      return waits
        ? { outage: 'notJudged', services: 'nowhere', quorumWait: true, expectedFindings: coldFindings }
        : { outage: 'notJudged', services: 'anyOneNode', expectedFindings: coldFindings };
    },
    applicable: twoNodes,
  },
];

export function findCase(id: CaseId): FailoverCase {
  const c = catalogue.find((x) => x.id === id);
  if (!c) throw new Error(`unknown failover case ${id}`);
  return c;
}

export function isCaseId(id: string): id is CaseId {
  return (caseIds as readonly string[]).includes(id);
}

/** The cases a "run all" starts: every runnable case except those that take the service down on purpose. */
export function defaultSelection(p: ClusterProfile): CaseId[] {
  return catalogue.filter((c) => !c.fullOutage && c.applicable(p).runnable).map((c) => c.id);
}
