import { collectClusterStatus } from '../../cluster/clusterStatus';
import type { Handler } from '../types';

export const clusterStatus: Handler<'cluster.status'> = async ({ runId, project, acceptHostKeys }, ctx) => {
  const controller = new AbortController();
  ctx.services.runs.set(runId, controller);
  try {
    return await collectClusterStatus(ctx, { runId, project, acceptHostKeys, signal: controller.signal });
  } finally {
    ctx.services.runs.delete(runId);
  }
};
