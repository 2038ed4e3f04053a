import { toErrorValue, type ErrorValue } from '../../../shared/errors';
import { inventoryProbe } from '../../../shared/commission/inventory';
import type { Inventory } from '../../../shared/commission/inventorySchema';
import { nodeRoles, type NodeRole } from '../../../shared/commission/types';
import type { Project } from '../../../shared/project/schema';
import { projectNodeSessions } from '../../commission/commissionRuns';
import type { HandlerContext } from '../../services';
import type { AcceptedHostKey } from '../../ssh';
import type { Handler } from '../types';

/** The read-only inventory probe on the given nodes, in parallel; a node that fails is listed with its error. */
export async function collectInventory(ctx: HandlerContext, req: { runId: string; project: Project; acceptHostKeys?: readonly AcceptedHostKey[] }, roles: readonly NodeRole[]): Promise<{ inventory: Inventory; failed: { role: NodeRole; error: ErrorValue }[] }> {
  const nodes = projectNodeSessions(ctx, req, []);
  const inventory: Inventory = { nodes: {} };
  const failed: { role: NodeRole; error: ErrorValue }[] = [];
  try {
    await Promise.all(
      roles.map(async (role) => {
        try {
          const s = await nodes.get(role);
          const r = await s.exec(inventoryProbe.command, { sudo: true, idempotent: true, timeoutMs: 120_000 });
          inventory.nodes[role] = inventoryProbe.parse(r.stdout, role);
          ctx.emit('commission.step', { runId: req.runId, stepId: 'inventory', node: role, state: 'done', durationMs: r.durationMs });
        } catch (e) {
          failed.push({ role, error: toErrorValue(e) });
          ctx.emit('commission.step', { runId: req.runId, stepId: 'inventory', node: role, state: 'failed', error: toErrorValue(e) });
        }
      }),
    );
  } finally {
    await nodes.closeAll();
  }
  return { inventory, failed };
}

/**
 * The preflight on every node of project.hosts. The caller stores the result in project.commission.inventory:
 * the plan is made from it, and stays the same on resume as long as it is not collected again.
 */
export const commissionInventory: Handler<'commission.inventory'> = async (req, ctx) =>
  collectInventory(ctx, req, nodeRoles.filter((r) => req.project.hosts[r]));
