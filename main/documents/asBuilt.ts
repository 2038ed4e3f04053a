import { vipResource } from '../../shared/cluster';
import { AS_BUILT_COMMAND, asBuiltFromStatus, splitAsBuiltOutput } from '../../shared/documents/asBuilt';
import type { AsBuiltCluster } from '../../shared/documents/sources';
import { toErrorValue, type ErrorValue } from '../../shared/errors';
import type { Project } from '../../shared/project/schema';
import { collectClusterStatus } from '../cluster/clusterStatus';
import { projectNodeSessions } from '../commission/commissionRuns';
import { commissionSecrets } from '../commission/commissionSecrets';
import { secretList } from '../commission/secretValues';
import type { HandlerContext } from '../services';
import type { AcceptedHostKey } from '../ssh';

/**
 * Reads the running cluster for the handbook: the status view on every node (the executor's collector) and
 * the configuration details once from the node with the service address (else the first cluster node that
 * answers). Read-only; every command goes to the project's audit log through the SSH engine.
 */
export async function readAsBuilt(ctx: HandlerContext, req: { runId: string; project: Project; acceptHostKeys?: readonly AcceptedHostKey[]; signal?: AbortSignal }): Promise<{ ok: true; cluster: AsBuiltCluster } | { ok: false; error: ErrorValue }> {
  const status = await collectClusterStatus(ctx, req);
  // The details (listening ports above all) come from the node that runs the service address: read on the
  // passive node the handbook listed no mail port at all. Any other cluster node when the VIP runs nowhere.
  const vipNode = status.pacemaker ? vipResource(status.pacemaker)?.nodes[0] : undefined;
  const candidates = status.nodes.filter((n) => n.reachable && n.role !== 'witness' && n.pacemaker);
  const node = candidates.find((n) => vipNode !== undefined && n.hostname === vipNode) ?? candidates[0];
  if (!node) {
    const first = status.nodes.find((n) => n.error)?.error;
    return { ok: false, error: first ?? { code: 'docs:errors.clusterUnreachable' } };
  }
  const redact = secretList(await commissionSecrets(ctx.services, req.project.id));
  const sessions = projectNodeSessions(ctx, req, redact);
  try {
    const s = await sessions.get(node.role);
    const r = await s.exec(AS_BUILT_COMMAND, { sudo: true, idempotent: true, timeoutMs: 60_000, ...(req.signal ? { signal: req.signal } : {}) });
    return { ok: true, cluster: asBuiltFromStatus(status, splitAsBuiltOutput(r.stdout)) };
  } catch (e) {
    // The status alone still makes an as-built handbook; the configuration annex then says it is missing.
    const v = toErrorValue(e);
    if (v.code === 'docs:errors.cancelled' || req.signal?.aborted) throw e;
    return { ok: true, cluster: asBuiltFromStatus(status, {}) };
  } finally {
    await sessions.closeAll();
  }
}
