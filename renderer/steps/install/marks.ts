/** A step's state for the lists: the live run's newest event wins over what the record says. */
import type { CommissionRecord } from '../../../shared/commission/recordSchema';
import type { LiveRun, StepState } from './runPart';
import type { StepMark } from './StepList';

const fromLive: Record<StepState, StepMark> = {
  checking: 'running',
  backingUp: 'running',
  applying: 'running',
  verifying: 'running',
  running: 'running',
  rollingBack: 'running',
  restoring: 'running',
  done: 'done',
  skipped: 'skipped',
  failed: 'failed',
  refused: 'failed',
  cancelled: 'cancelled',
  rolledBack: 'rolledBack',
};

export function stepMark(id: string, run: LiveRun | null | undefined, record: CommissionRecord | undefined): StepMark | undefined {
  const live = run?.steps[id];
  if (live) return fromLive[live.state];
  const r = record?.steps[id];
  if (!r) return undefined;
  if (r.rollback?.outcome === 'done') return 'rolledBack';
  return r.outcome === 'running' ? 'running' : r.outcome;
}

/** The live state in words for the current step ("sichert", "prüft" ...). */
export const liveStateKey = (s: StepState): string => `ui.live.${s}`;
