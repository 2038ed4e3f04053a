/**
 * The cluster status over SSH: CLUSTER_STATUS_COMMAND once on every node of the project (cluster nodes and the
 * witness), in parallel, read-only; parsed by the pure parsers in shared/cluster. A node that does not answer is
 * part of the answer (reachable: false and why), not an error of the whole view.
 */
import { toErrorValue } from '../../shared/errors';
import { CLUSTER_STATUS_COMMAND, parseClusterStatusOutput, summarizeCluster, type ClusterStatus, type NodeStatus } from '../../shared/cluster';
import { nodeRoles, type NodeRole } from '../../shared/commission/types';
import type { Project } from '../../shared/project/schema';
import { projectNodeSessions } from '../commission/commissionRuns';
import { commissionSecrets } from '../commission/commissionSecrets';
import { secretList } from '../commission/secretValues';
import type { HandlerContext } from '../services';
import type { AcceptedHostKey } from '../ssh';

export async function collectClusterStatus(ctx: HandlerContext, req: { runId: string; project: Project; acceptHostKeys?: readonly AcceptedHostKey[]; signal?: AbortSignal }): Promise<ClusterStatus> {
  const roles = nodeRoles.filter((r) => req.project.hosts[r]);
  const redact = secretList(await commissionSecrets(ctx.services, req.project.id));
  const nodes = projectNodeSessions(ctx, req, redact);
  try {
    const statuses = await Promise.all(
      roles.map(async (role: NodeRole): Promise<NodeStatus> => {
        try {
          const s = await nodes.get(role);
          const r = await s.exec(CLUSTER_STATUS_COMMAND, { sudo: true, idempotent: true, timeoutMs: 90_000, ...(req.signal ? { signal: req.signal } : {}) });
          return { role, reachable: true, ...parseClusterStatusOutput(r.stdout) };
        } catch (e) {
          return { role, reachable: false, error: toErrorValue(e), units: {} };
        }
      }),
    );
    return summarizeCluster(statuses, ctx.services.now().toISOString());
  } finally {
    await nodes.closeAll();
  }
}
