/**
 * What a finished (or interrupted) commissioning took, from its record: measured time per phase beside the
 * plan's expectation, steps skipped because they were already done, the legacy server's mail outage during
 * the cut-over, and the whole wall time.
 */
import type { CommissionRecord } from '../../../shared/commission/recordSchema';
import type { StepLike } from './planGroups';
import { groupByPhase } from './planGroups';

export interface PhaseSummary {
  phase: string;
  expectedS: number;
  /** Sum of the measured step durations; undefined while no step of the phase ran. */
  measuredMs?: number;
  done: number;
  skipped: number;
  failed: number;
  rolledBack: number;
  total: number;
}

export interface RunSummary {
  phases: PhaseSummary[];
  wallMs?: number;
  /** From the stopwatch the cut-over steps start and stop. */
  legacyOutageMs?: number;
  legacyOutageRunning: boolean;
  done: number;
  skipped: number;
  failed: number;
  rolledBack: number;
  total: number;
}

export const OUTAGE_TIMER = 'legacyMailOutage';

function stepMs(r: CommissionRecord['steps'][string]): number | undefined {
  if (r.durationMs !== undefined) return r.durationMs;
  if (r.endedAt) return Math.max(0, Date.parse(r.endedAt) - Date.parse(r.startedAt));
  return undefined;
}

export function runSummary(record: CommissionRecord, steps: readonly StepLike[]): RunSummary {
  const phases = groupByPhase(steps).map((g): PhaseSummary => {
    const s: PhaseSummary = { phase: g.phase, expectedS: g.durationS, done: 0, skipped: 0, failed: 0, rolledBack: 0, total: g.steps.length };
    for (const step of g.steps) {
      const r = record.steps[step.id];
      if (!r) continue;
      if (r.outcome === 'done') s.done++;
      else if (r.outcome === 'skipped') s.skipped++;
      else if (r.outcome === 'failed') s.failed++;
      else if (r.outcome === 'rolledBack') s.rolledBack++;
      const ms = stepMs(r);
      if (ms !== undefined) s.measuredMs = (s.measuredMs ?? 0) + ms;
    }
    return s;
  });
  const end = record.completedAt ?? record.updatedAt;
  const timer = record.timers[OUTAGE_TIMER];
  const sum = (k: 'done' | 'skipped' | 'failed' | 'rolledBack' | 'total') => phases.reduce((a, p) => a + p[k], 0);
  return {
    phases,
    ...(end ? { wallMs: Math.max(0, Date.parse(end) - Date.parse(record.startedAt)) } : {}),
    ...(timer?.ms !== undefined ? { legacyOutageMs: timer.ms } : timer?.stoppedAt ? { legacyOutageMs: Date.parse(timer.stoppedAt) - Date.parse(timer.startedAt) } : {}),
    legacyOutageRunning: !!timer && !timer.stoppedAt && timer.ms === undefined,
    done: sum('done'),
    skipped: sum('skipped'),
    failed: sum('failed'),
    rolledBack: sum('rolledBack'),
    total: sum('total'),
  };
}
