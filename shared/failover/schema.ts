/** Everything the Failover-Tests step stores in the project file under `failover` (acceptance run, drills). */
import { z } from 'zod';

export const FailoverSchema = z.object({});
export type FailoverSection = z.infer<typeof FailoverSchema>;
