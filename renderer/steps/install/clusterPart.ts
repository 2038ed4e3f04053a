/**
 * The cluster as it runs now, read over SSH on demand and every few seconds while the status view is
 * visible; and the drift check (which configs differ between the nodes). Read-only: nothing here changes
 * a node. The last status read stays shown (with its time) while a refresh runs or a node does not answer.
 */
import type { StateCreator } from 'zustand';
import type { ClusterStatus } from '../../../shared/cluster/statusSchema';
import type { MethodOutput } from '../../../shared/contract';
import type { ErrorValue } from '../../../shared/errors';
import { call } from '../../api/client';
import type { AppState } from '../../store';
import { acceptedKeys } from './inventoryPart';
import { apiOf, errorOf, hostKeyPromptOf, isHostKeyError } from './sliceUtil';

export interface ClusterState {
  projectId: string;
  status?: ClusterStatus;
  loading: boolean;
  error?: ErrorValue;
  /** Date.now() of the last answer. */
  at?: number;
}

export interface DriftState {
  projectId: string;
  phase: 'running' | 'done' | 'failed';
  items?: MethodOutput<'commission.drift'>['items'];
  error?: ErrorValue;
  at?: number;
}

export interface ClusterPart {
  insCluster: ClusterState | null;
  insDrift: DriftState | null;
  /** Auto refresh of the status view (on while it is visible). */
  insAutoRefresh: boolean;
  setInsAutoRefresh(on: boolean): void;
  refreshCluster(): Promise<void>;
  checkDrift(): Promise<void>;
}

/**
 * Set when a refresh was asked for while one ran (accepting a host key asks for one): the answer in flight was
 * made without that decision, so it asks nothing and the refresh runs again.
 */
let refreshAgain = false;

export const createClusterPart: StateCreator<AppState, [], [], ClusterPart> = (set, get) => ({
  insCluster: null,
  insDrift: null,
  insAutoRefresh: true,
  setInsAutoRefresh: (insAutoRefresh) => set({ insAutoRefresh }),

  async refreshCluster() {
    const p = get().project;
    const cur = get().insCluster;
    if (!p || !get().api) return;
    // A refresh asked for while one runs (a host key just accepted, a password just saved) runs after it,
    // with what the user has decided since, instead of being dropped.
    if (cur?.loading && cur.projectId === p.id) {
      refreshAgain = true;
      return;
    }
    refreshAgain = false;
    if (!(await get().sendInsSecrets())) return;
    const keep = cur?.projectId === p.id ? cur : undefined;
    set({ insCluster: { ...(keep ?? {}), projectId: p.id, loading: true } });
    try {
      const status = await call(apiOf(get), 'cluster.status', { runId: crypto.randomUUID(), projectId: p.id, project: get().project!, acceptHostKeys: acceptedKeys(get()) });
      if (get().project?.id !== p.id) return;
      set({ insCluster: { projectId: p.id, loading: false, status, at: Date.now() } });
      // A node that did not answer because of its host key is asked about like any other connection, unless
      // the user accepted a key while this refresh ran (the next refresh uses it).
      const hk = status.nodes.find((n) => isHostKeyError(n.error));
      if (hk?.error && !get().insHostKey && !refreshAgain) {
        set({ insAutoRefresh: false });
        get().askHostKey(hostKeyPromptOf(hk.error), 'cluster');
      }
    } catch (e) {
      const err = errorOf(e);
      if (get().project?.id === p.id) set({ insCluster: { ...(keep ?? {}), projectId: p.id, loading: false, error: err } });
      // Host keys are asked for, and the automatic refresh stops until the user decides.
      if (isHostKeyError(err) && !get().insHostKey && !refreshAgain) {
        set({ insAutoRefresh: false });
        get().askHostKey(hostKeyPromptOf(err), 'cluster');
      }
    }
    if (refreshAgain) {
      refreshAgain = false;
      await get().refreshCluster();
    }
  },

  async checkDrift() {
    const p = get().project;
    if (!p || get().insDrift?.phase === 'running') return;
    if (!(await get().sendInsSecrets())) return;
    set({ insDrift: { projectId: p.id, phase: 'running' } });
    try {
      const r = await call(apiOf(get), 'commission.drift', { runId: crypto.randomUUID(), projectId: p.id, project: get().project!, acceptHostKeys: acceptedKeys(get()) });
      set({ insDrift: { projectId: p.id, phase: 'done', items: r.items, at: Date.now() } });
    } catch (e) {
      const err = errorOf(e);
      set({ insDrift: { projectId: p.id, phase: 'failed', error: err } });
      if (isHostKeyError(err)) get().askHostKey(hostKeyPromptOf(err), 'drift');
      else get().showError(err);
    }
  },
});
