/**
 * Plans beside the commissioning, run by the same executor: the config sync ("nach dem Vorbild des
 * Primärsystems", re-runnable), the drift check (read-only) and the removal of the old data on legacy (only
 * after the failover tests were accepted). Their records are not the project's commissioning record; their
 * backups go to their own folders on the nodes.
 */
import { AppError, toErrorValue } from '../../../shared/errors';
import type { Inventory } from '../../../shared/commission/inventorySchema';
import type { Project } from '../../../shared/project/schema';
import type { HandlerContext } from '../../services';
import type { AcceptedHostKey } from '../../ssh';
import { legacyCleanupPlan } from '../../../shared/commission/cleanup';
import { configSyncPlan, driftProbes } from '../../../shared/commission/configSync';
import { runProbe } from '../../commission/actions';
import { backupDirFor } from '../../commission/backup';
import { dryRunCommission, projectNodeSessions, runCommission } from '../../commission/commissionRuns';
import { overlayCommissionRecord } from '../../commission/recordStore';
import { StepOutput } from '../../commission/stepOutput';
import { cleanupAllowed } from '../../../shared/contract/methods/commission';
import type { Handler } from '../types';
import { collectInventory } from './inventory';
import { inventoryOf } from './planSource';

/**
 * The stored inventory with the primary's part collected anew: the config sync and the drift check compare
 * with the primary's files as they are now (they may have changed since the preflight, e.g. at the cut-over).
 * Not stored: the commissioning plan stays the one its record was made for.
 */
async function withFreshPrimary(ctx: HandlerContext, req: { runId: string; project: Project; acceptHostKeys?: readonly AcceptedHostKey[] }): Promise<Inventory> {
  const stored = inventoryOf(req.project);
  const { inventory, failed } = await collectInventory(ctx, req, ['primary']);
  if (failed[0]) throw new AppError(failed[0].error.code, failed[0].error.params ?? {}, failed[0].error.detail);
  return { nodes: { ...stored.nodes, ...inventory.nodes } };
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

export const commissionConfigSync: Handler<'commission.configSync'> = async ({ dryRun, ...req }, ctx) => {
  const plan = configSyncPlan(req.project, await withFreshPrimary(ctx, req));
  const ephemeral = { backupDir: `${backupDirFor(req.projectId)}-sync/${stamp(ctx.services.now())}` };
  if (dryRun) return { dryRun: await dryRunCommission(ctx, { ...req, plan, ephemeral }, 'run', true) };
  const { record: _r, ...result } = await runCommission(ctx, { ...req, plan, ephemeral }, 'run');
  return { result };
};

export const commissionCleanup: Handler<'commission.cleanup'> = async ({ dryRun, ...req }, ctx) => {
  if (!cleanupAllowed(await overlayCommissionRecord(ctx.services, req.project))) throw new AppError('install:errors.cleanupNotAccepted');
  const plan = legacyCleanupPlan(req.project, inventoryOf(req.project));
  const ephemeral = { backupDir: `${backupDirFor(req.projectId)}-cleanup/${stamp(ctx.services.now())}` };
  if (dryRun) return { dryRun: await dryRunCommission(ctx, { ...req, plan, ephemeral }, 'run', true) };
  const { record: _r, ...result } = await runCommission(ctx, { ...req, plan, ephemeral }, 'run');
  return { result };
};

/** Every drift probe once (exit 0 = the nodes agree); what a probe prints says what differs. */
export const commissionDrift: Handler<'commission.drift'> = async ({ runId, project, acceptHostKeys }, ctx) => {
  const probes = driftProbes(project, await withFreshPrimary(ctx, { runId, project, acceptHostKeys }));
  const nodes = projectNodeSessions(ctx, { runId, project, acceptHostKeys }, []);
  const controller = new AbortController();
  ctx.services.runs.set(runId, controller);
  try {
    const items = [];
    for (const d of probes) {
      let text = '';
      const out = new StepOutput([], (_s, t) => (text += t));
      let ok = false;
      try {
        ok = await runProbe({ stepId: d.id, node: d.node, nodes, secrets: {}, signal: controller.signal, out }, { ...d.probe, waitMs: 0 });
      } catch (e) {
        text += `${toErrorValue(e).code}\n`;
      }
      items.push({ id: d.id, node: d.node, ...(d.title ? { title: d.title } : {}), ok, output: text.slice(-4000) });
    }
    return { items };
  } finally {
    ctx.services.runs.delete(runId);
    await nodes.closeAll();
  }
};
