/**
 * The read-only inventory of every node in project.hosts (interfaces, DRBD module, volume groups, disks,
 * users, configs). Its result goes into project.commission.inventory, which the plan is made from; a node
 * whose inventory failed loses its old entry, so no plan is ever built from a stale one.
 */
import type { StateCreator } from 'zustand';
import type { NodeRole } from '../../../shared/commission/types';
import type { ErrorValue } from '../../../shared/errors';
import { call } from '../../api/client';
import type { AppState } from '../../store';
import { apiOf, errorOf, hostKeyPromptOf, isCancelled, isHostKeyError } from './sliceUtil';

export interface InventoryRun {
  runId: string;
  projectId: string;
  phase: 'running' | 'done' | 'failed' | 'cancelled';
  startedAt: number;
  finishedAt?: number;
  roles: NodeRole[];
  failed: Partial<Record<NodeRole, ErrorValue>>;
  error?: ErrorValue;
}

export interface InventoryPart {
  insInventoryRun: InventoryRun | null;
  runInventory(): Promise<void>;
  cancelInventory(): Promise<void>;
}

/** The roles of a project that have an SSH target (the inventory runs on exactly these). */
export function hostRoles(hosts: Partial<Record<NodeRole, unknown>>): NodeRole[] {
  return (['primary', 'secondary', 'witness', 'node3'] as const).filter((r) => !!hosts[r]);
}

export const acceptedKeys = (s: AppState) => s.insAccepted.slice(-8);

export const createInventoryPart: StateCreator<AppState, [], [], InventoryPart> = (set, get) => ({
  insInventoryRun: null,

  async runInventory() {
    const p = get().project;
    if (!p || get().insInventoryRun?.phase === 'running') return;
    if (!(await get().sendInsSecrets())) return;
    const project = get().project!;
    const runId = crypto.randomUUID();
    const roles = hostRoles(project.hosts);
    set({ insInventoryRun: { runId, projectId: p.id, phase: 'running', startedAt: Date.now(), roles, failed: {} } });
    const patch = (change: Partial<InventoryRun>) => {
      const r = get().insInventoryRun;
      if (r?.runId === runId) set({ insInventoryRun: { ...r, ...change, finishedAt: Date.now() } });
    };
    try {
      const r = await call(apiOf(get), 'commission.inventory', { runId, projectId: p.id, project, acceptHostKeys: acceptedKeys(get()) });
      const failed: InventoryRun['failed'] = {};
      for (const f of r.failed) failed[f.role] = f.error;
      get().updateProject((proj) => {
        if (proj.id !== p.id) return proj;
        const nodes = { ...(proj.commission.inventory?.nodes ?? {}), ...r.inventory.nodes };
        for (const f of r.failed) delete nodes[f.role];
        return { ...proj, commission: { ...proj.commission, inventory: { nodes } } };
      });
      patch({ phase: r.failed.length ? 'failed' : 'done', failed });
      const hk = r.failed.find((f) => isHostKeyError(f.error));
      if (hk) get().askHostKey(hostKeyPromptOf(hk.error), 'inventory');
    } catch (e) {
      const err = errorOf(e);
      patch({ phase: isCancelled(err) ? 'cancelled' : 'failed', error: err });
      if (isHostKeyError(err)) get().askHostKey(hostKeyPromptOf(err), 'inventory');
      else if (!isCancelled(err)) get().showError(err);
    }
  },

  async cancelInventory() {
    const r = get().insInventoryRun;
    if (r?.phase !== 'running') return;
    await apiOf(get).call('commission.cancel', { runId: r.runId });
  },
});
