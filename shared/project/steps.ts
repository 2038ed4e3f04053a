import { z } from 'zod';

/** The wizard's steps, in order. Each has its own renderer folder and store slice. */
export const stepIds = ['project', 'analysis', 'sizing', 'architecture', 'costs', 'install', 'failover', 'docs'] as const;
export type StepId = (typeof stepIds)[number];
export const StepIdSchema = z.enum(stepIds);

export const stepStatuses = ['notStarted', 'inProgress', 'done', 'attention'] as const;
export type StepStatus = (typeof stepStatuses)[number];
export const StepStatusSchema = z.enum(stepStatuses);

export const StepStateSchema = z.object({
  status: StepStatusSchema.default('notStarted'),
  /** Seconds the user spent in this step; feeds the time plan's actual hours. */
  secondsSpent: z.number().min(0).default(0),
  updatedAt: z.string().optional(),
});
export type StepState = z.infer<typeof StepStateSchema>;

export const StepsSchema = z.object(
  Object.fromEntries(stepIds.map((id) => [id, StepStateSchema.prefault({})])) as Record<StepId, z.ZodPrefault<typeof StepStateSchema>>,
);
