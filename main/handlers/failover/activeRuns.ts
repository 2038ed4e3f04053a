/** Failover runs in flight in this process: their cancel signal and the operator questions they wait on. */
import type { Services } from '../../services';

export interface ActiveFailoverRun {
  projectId: string;
  controller: AbortController;
  prompts: Map<string, (done: boolean) => void>;
}

const byServices = new WeakMap<Services, Map<string, ActiveFailoverRun>>();

export function activeFailoverRuns(services: Services): Map<string, ActiveFailoverRun> {
  let m = byServices.get(services);
  if (!m) byServices.set(services, (m = new Map()));
  return m;
}
