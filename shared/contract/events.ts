import { z } from 'zod';
import { commissionEvents } from './methods/commission';
import { failoverEvents } from './methods/failover';

/** Events main pushes to the renderer. Long actions identify themselves with a runId. */
export const events = {
  'run.output': z.object({ runId: z.string(), stream: z.enum(['stdout', 'stderr', 'info']), text: z.string() }),
  'run.progress': z.object({ runId: z.string(), done: z.number(), total: z.number(), label: z.string().optional() }),
  /** One collector of an analysis run changed state. */
  'analysis.collector': z.object({
    runId: z.string(),
    collectorId: z.string(),
    status: z.enum(['waiting', 'running', 'ok', 'partial', 'failed', 'skipped', 'cancelled']),
    durationMs: z.number().optional(),
    errorCode: z.string().optional(),
  }),
  /** The SSH session of a run lost its connection, is reconnecting, or is back. */
  'run.connection': z.object({ runId: z.string(), state: z.enum(['connecting', 'connected', 'lost', 'reconnecting', 'reconnected']), attempt: z.number().optional() }),
  'project.saved': z.object({ path: z.string().nullable(), savedAt: z.string(), target: z.enum(['file', 'recovery']) }),
  ...commissionEvents,
  ...failoverEvents,
};
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];
