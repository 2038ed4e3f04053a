/** What the executor needs from its surroundings, and what it reports while it runs. */
import type { ErrorValue } from '../../shared/errors';
import type { CommissionRecord } from '../../shared/commission/recordSchema';
import type { NodeRole } from '../../shared/commission/types';
import type { LearnedDurations } from './learnedDurations';
import type { NodeSessions } from './nodeSessions';
import type { ConfirmRequest, RunControl } from './runControl';
import type { SecretValues } from './secretValues';
import type { Stream } from './stepOutput';

export type StepState =
  | 'checking'
  | 'backingUp'
  | 'applying'
  | 'verifying'
  | 'running'
  | 'done'
  | 'skipped'
  | 'failed'
  | 'cancelled'
  | 'refused'
  | 'rollingBack'
  | 'restoring'
  | 'rolledBack';

export interface StepEvent {
  stepId: string;
  node: NodeRole;
  state: StepState;
  durationMs?: number;
  error?: ErrorValue;
}

export interface ProgressEvent {
  /** Index of the running step (stepCount when finished). */
  stepIndex: number;
  stepCount: number;
  stepId?: string;
  /** 0..1 of the running step, from its output or its elapsed vs. expected time. */
  stepFraction?: number;
  /** 0..1 of the whole plan, time-weighted. */
  fraction: number;
  elapsedMs: number;
  etaMs: number;
}

export interface OutputEvent {
  stepId: string;
  node: NodeRole;
  stream: Stream;
  text: string;
}

export interface ExecuteHooks {
  step(e: StepEvent): void;
  output(e: OutputEvent): void;
  progress(e: ProgressEvent): void;
  /** Resolves true = go ahead. Must resolve false when the run is cancelled meanwhile. */
  confirm(req: ConfirmRequest): Promise<boolean>;
  paused?(paused: boolean): void;
}

export interface ExecutorEnv {
  nodes: NodeSessions;
  secrets: SecretValues;
  /** The secret values themselves, to redact from every output. */
  secretList: readonly string[];
  /** On every node: where originals are kept (backup.ts). */
  backupDir: string;
  control: RunControl;
  /** Persists the record (atomically, see recordStore.ts) and returns the saved revision. */
  saveRecord(record: CommissionRecord): Promise<CommissionRecord>;
  learned?: LearnedDurations;
  now(): Date;
  /** Pause between attempts of a probe with waitMs (default 1 s). */
  probeIntervalMs?: number;
}

export type RunOutcome = 'completed' | 'cancelled' | 'failed' | 'refused' | 'stopped';

export interface ExecuteResult {
  outcome: RunOutcome;
  record: CommissionRecord;
  error?: ErrorValue;
}
