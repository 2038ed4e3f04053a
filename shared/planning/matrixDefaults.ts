/**
 * The alternatives weighed in the Nutzwertanalyse, with default scores 1-10 (10 = best for that criterion:
 * for cost "cheapest", for complexity "simplest", for maintenance "least effort"). Every score has a default
 * rationale in the planning locale files under matrix.rationale.<decision>.<option>.<criterion>.
 */
export const criteria = ['availability', 'dataSafety', 'failoverTime', 'cost', 'complexity', 'maintenance', 'knowHow'] as const;
export type CriterionId = (typeof criteria)[number];

export const defaultWeights: Record<CriterionId, number> = {
  availability: 25,
  dataSafety: 20,
  failoverTime: 15,
  cost: 10,
  complexity: 10,
  maintenance: 10,
  knowHow: 10,
};

export const decisions = {
  architecture: ['activePassive', 'loadBalanced'],
  replication: ['drbd', 'sharedStorage', 'appReplication'],
  clusterSoftware: ['pacemaker', 'keepalived', 'heartbeat', 'drbdReactor'],
  nodeCount: ['two', 'twoPlusQdevice', 'three'],
} as const;
export type DecisionId = keyof typeof decisions;
export const decisionIds = Object.keys(decisions) as DecisionId[];
export type OptionId<D extends DecisionId = DecisionId> = (typeof decisions)[D][number];

type Scores = Record<CriterionId, number>;
// Order: availability, dataSafety, failoverTime, cost, complexity, maintenance, knowHow.
const s = (...v: [number, number, number, number, number, number, number]): Scores =>
  Object.fromEntries(criteria.map((c, i) => [c, v[i]])) as Scores;

export const defaultScores: { [D in DecisionId]: Record<OptionId<D>, Scores> } = {
  architecture: {
    activePassive: s(8, 9, 7, 8, 7, 7, 7),
    loadBalanced: s(9, 6, 9, 4, 3, 4, 3),
  },
  replication: {
    drbd: s(8, 9, 8, 9, 6, 7, 6),
    sharedStorage: s(6, 7, 8, 3, 6, 6, 5),
    appReplication: s(7, 6, 7, 9, 4, 4, 5),
  },
  clusterSoftware: {
    pacemaker: s(9, 9, 8, 9, 5, 7, 6),
    keepalived: s(6, 4, 9, 9, 8, 8, 7),
    heartbeat: s(5, 5, 6, 9, 6, 2, 4),
    drbdReactor: s(7, 8, 8, 9, 7, 6, 4),
  },
  nodeCount: {
    two: s(6, 6, 7, 9, 7, 7, 7),
    twoPlusQdevice: s(8, 8, 8, 8, 6, 6, 6),
    three: s(9, 8, 8, 4, 5, 5, 6),
  },
};

/** Facts the reader must know about an option whatever its score. */
export const optionWarnings: Partial<Record<OptionId, string>> = {
  loadBalanced: 'planning:matrix.warnings.directorNeedsSharedStorage',
  appReplication: 'planning:matrix.warnings.dovecot24NoReplicator',
  keepalived: 'planning:matrix.warnings.keepalivedNoFencing',
  heartbeat: 'planning:matrix.warnings.heartbeatEol',
  drbdReactor: 'planning:matrix.warnings.drbdReactorNeedsDrbd9',
  two: 'planning:matrix.warnings.twoNodeNeedsFencing',
};
