/**
 * The commissioning record: per step when it ran, how it ended, a digest of its output. Saved atomically in
 * the project after every step so that a run killed anywhere resumes where it stopped. Never holds secrets.
 *
 * main/commission owns this part of the project: it writes it (read-modify-write of only `commission.record`)
 * and pushes every change as a `commission.record` event; `revision` grows with every save, so of two copies
 * (project file, the app's mirror, the renderer's store) the higher revision is the newer one.
 */
import { z } from 'zod';
import { NodeRoleSchema } from './settingsSchema';

export const StepOutcomeSchema = z.enum(['running', 'done', 'skipped', 'failed', 'cancelled', 'rolledBack']);
export type StepOutcome = z.infer<typeof StepOutcomeSchema>;

const iso = z.string().datetime();
const errorParams = z.record(z.string(), z.union([z.string().max(2000), z.number()]));

/** How undoing one step went (`--rollback`). */
export const StepRollbackSchema = z.object({
  outcome: z.enum(['running', 'done', 'failed']),
  startedAt: iso,
  endedAt: iso.optional(),
  outputTail: z.string().max(4000).optional(),
  errorCode: z.string().max(200).optional(),
});

export const StepRunSchema = z.object({
  node: NodeRoleSchema,
  outcome: StepOutcomeSchema,
  startedAt: iso,
  endedAt: iso.optional(),
  durationMs: z.number().nonnegative().optional(),
  /** sha256 of the step's whole (redacted) output. */
  outputDigest: z.string().max(80).optional(),
  /** The last lines of output (redacted, bounded) for the report. */
  outputTail: z.string().max(4000).optional(),
  errorCode: z.string().max(200).optional(),
  errorParams: errorParams.optional(),
  attempts: z.number().int().min(1).default(1),
  /** false: the check said "already done", apply did not run. */
  applied: z.boolean().optional(),
  /** sha256 of the step as it ran (see stepHashes). */
  stepHash: z.string().max(80).optional(),
  rollback: StepRollbackSchema.optional(),
});
export type StepRun = z.infer<typeof StepRunSchema>;

export const RecordStateSchema = z.enum(['running', 'paused', 'stopped', 'failed', 'cancelled', 'completed', 'rollingBack', 'rolledBack']);
export type RecordState = z.infer<typeof RecordStateSchema>;

export const TimerSchema = z.object({ startedAt: iso, stoppedAt: iso.optional(), ms: z.number().optional() });

export const CommissionRecordSchema = z.object({
  /** Random id of this commissioning; absent in records written before it existed. */
  id: z.string().uuid().optional(),
  /** Grows by one with every save. */
  revision: z.number().int().min(0).default(0),
  updatedAt: iso.optional(),
  planHash: z.string().max(80),
  /** Per step id the sha256 of its canonical JSON: a re-run with another plan can say which steps changed. */
  stepHashes: z.record(z.string(), z.string().max(80)).default({}),
  startedAt: iso,
  completedAt: iso.optional(),
  /** 'running' in a file nobody is running any more means: interrupted (app killed, machine off). */
  state: RecordStateSchema.default('running'),
  lastError: z.object({ code: z.string().max(200), params: errorParams.optional(), stepId: z.string().max(200).optional() }).optional(),
  steps: z.record(z.string(), StepRunSchema).default({}),
  /** Stopwatches named by steps (e.g. legacyMailOutage), in ms. */
  timers: z.record(z.string(), TimerSchema).default({}),
  pointOfNoReturnAt: iso.optional(),
  /** Where each node keeps the originals of every file the run changed (first backup wins). */
  backupDir: z.string().max(512).optional(),
  rolledBackAt: iso.optional(),
});
export type CommissionRecord = z.infer<typeof CommissionRecordSchema>;
