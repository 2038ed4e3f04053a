/**
 * The targets a case is judged against: the RTO (from the planning step's failover budget unless the project
 * sets its own), zero lost and zero duplicated mails, when a mail counts as delayed, and the jitter tolerated
 * where no outage is expected at all.
 */
import { z } from 'zod';
import { failoverBudget } from '../planning/failover';
import type { QuorumFencingChoice } from '../planning/quorumSchema';

export const FailoverTargetsSchema = z.object({
  /** Own RTO for planned moves; default: the planning budget's planned total. */
  plannedRtoMs: z.number().int().min(100).max(3_600_000).optional(),
  /** Own RTO for failures; default: the planning budget's unplanned total. */
  unplannedRtoMs: z.number().int().min(100).max(3_600_000).optional(),
  maxLost: z.number().int().min(0).max(1_000_000).default(0),
  maxDuplicated: z.number().int().min(0).max(1_000_000).default(0),
  /** A mail delivered later than this after its 250 counts as delayed. */
  delayedAfterMs: z.number().int().min(1000).max(86_400_000).default(60_000),
  /** Where no outage is expected, windows up to this long are probe jitter. */
  noOutageToleranceMs: z.number().int().min(0).max(60_000).default(1000),
});
export type FailoverTargets = z.infer<typeof FailoverTargetsSchema>;

export interface ResolvedTargets {
  plannedRtoMs: number;
  unplannedRtoMs: number;
  /** Where each RTO came from: the project's own value or the planning budget. */
  plannedSource: 'project' | 'planning';
  unplannedSource: 'project' | 'planning';
  /** The planning step's estimates (the "Soll" of the Soll-Ist comparison), whatever the targets are. */
  plannedEstimateMs: number;
  unplannedEstimateMs: number;
  maxLost: number;
  maxDuplicated: number;
  delayedAfterMs: number;
  noOutageToleranceMs: number;
}

export function resolveTargets(targets: FailoverTargets, quorumFencing: QuorumFencingChoice): ResolvedTargets {
  const planned = failoverBudget(quorumFencing, 'planned').totalMs.value;
  const unplanned = failoverBudget(quorumFencing, 'unplanned').totalMs.value;
  return {
    plannedRtoMs: targets.plannedRtoMs ?? planned,
    unplannedRtoMs: targets.unplannedRtoMs ?? unplanned,
    plannedSource: targets.plannedRtoMs !== undefined ? 'project' : 'planning',
    unplannedSource: targets.unplannedRtoMs !== undefined ? 'project' : 'planning',
    plannedEstimateMs: planned,
    unplannedEstimateMs: unplanned,
    maxLost: targets.maxLost,
    maxDuplicated: targets.maxDuplicated,
    delayedAfterMs: targets.delayedAfterMs,
    noOutageToleranceMs: targets.noOutageToleranceMs,
  };
}
