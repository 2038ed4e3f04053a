/**
 * The commissioning record: per step when it ran, how it ended, a digest of its output. Saved atomically in
 * the project after every step so that a run killed anywhere resumes where it stopped. Never holds secrets.
 */
import { z } from 'zod';
import { NodeRoleSchema } from './settingsSchema';

export const StepOutcomeSchema = z.enum(['running', 'done', 'skipped', 'failed', 'cancelled', 'rolledBack']);

export const StepRunSchema = z.object({
  node: NodeRoleSchema,
  outcome: StepOutcomeSchema,
  startedAt: z.string().datetime(),
  endedAt: z.string().datetime().optional(),
  durationMs: z.number().nonnegative().optional(),
  /** sha256 of the step's whole (redacted) output. */
  outputDigest: z.string().max(80).optional(),
  /** The last lines of output (redacted, bounded) for the report. */
  outputTail: z.string().max(4000).optional(),
  errorCode: z.string().max(200).optional(),
  attempts: z.number().int().min(1).default(1),
});
export type StepRun = z.infer<typeof StepRunSchema>;

export const CommissionRecordSchema = z.object({
  planHash: z.string().max(80),
  startedAt: z.string().datetime(),
  completedAt: z.string().datetime().optional(),
  steps: z.record(z.string(), StepRunSchema).default({}),
  /** Stopwatches named by steps (e.g. legacyMailOutage), in ms. */
  timers: z.record(z.string(), z.object({ startedAt: z.string().datetime(), stoppedAt: z.string().datetime().optional(), ms: z.number().optional() })).default({}),
  pointOfNoReturnAt: z.string().datetime().optional(),
});
export type CommissionRecord = z.infer<typeof CommissionRecordSchema>;
