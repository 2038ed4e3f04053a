/**
 * The Installation step's nodes: SSH connection drafts for the secondary, witness and node3 (the primary
 * comes from the Ist-Analyse), their SSH secrets, the commissioning secrets, and the host-key decisions
 * that any action on the nodes may ask for. Secrets go to main and never into the project.
 */
import type { StateCreator } from 'zustand';
import type { MethodOutput } from '../../../shared/contract';
import type { HostRole } from '../../../shared/contract/methods/analysis';
import type { SecretId } from '../../../shared/commission/types';
import { call } from '../../api/client';
import type { AppState } from '../../store';
import { emptyConnForm, secretKinds, type ConnForm } from '../analysis/connection';
import type { HostKeyPrompt } from '../analysis/slice';
import { apiOf, errorOf } from './sliceUtil';

export type InsTab = 'hosts' | 'network' | 'plan' | 'run' | 'status';
export type NodeHostRole = Exclude<HostRole, 'primary'>;
/** What to do again once the user accepted a host key. */
export type RetryAction = 'inventory' | 'dryRun' | 'rollbackDryRun' | 'run' | 'rollback' | 'cluster' | 'drift' | 'configSync' | 'cleanup';
export type SshSecretStatus = MethodOutput<'secrets.status'>;

export interface HostsPart {
  insTab: InsTab;
  /** Where the tab should scroll to after switching (a card id), e.g. from a plan error's "fix" button. */
  insFocus: string | null;
  insForms: Partial<Record<NodeHostRole, { projectId: string; form: ConnForm }>>;
  insTouched: Partial<Record<NodeHostRole, boolean>>;
  insSecretStatus: Partial<Record<HostRole, SshSecretStatus>>;
  insCommissionSecrets: { projectId: string; status: Partial<Record<SecretId, boolean>> } | null;
  insHostKey: { prompt: HostKeyPrompt; retry: RetryAction; mode?: 'resume' } | null;
  /** Host keys the user confirmed in this session (sent with every action on the nodes). */
  insAccepted: { host: string; port: number; fingerprint: string }[];
  setInsTab(tab: InsTab, focus?: string): void;
  clearInsFocus(): void;
  setInsForm(role: NodeHostRole, projectId: string, form: ConnForm): void;
  touchInsForm(role: NodeHostRole): void;
  refreshInsSecretStatus(role: HostRole): Promise<void>;
  forgetInsSecret(role: HostRole, kind: (typeof secretKinds)[number]): Promise<void>;
  /** Sends the typed SSH secrets of every node form to main and clears them from the forms. */
  sendInsSecrets(): Promise<boolean>;
  removeHost(role: NodeHostRole): void;
  refreshCommissionSecrets(): Promise<void>;
  setCommissionSecret(id: SecretId, value: string, remember: boolean): Promise<boolean>;
  generateCommissionSecret(id: SecretId): Promise<void>;
  askHostKey(prompt: HostKeyPrompt, retry: RetryAction, mode?: 'resume'): void;
  acceptInsHostKey(): Promise<void>;
  replaceInsHostKey(): Promise<void>;
  dismissInsHostKey(): void;
}

export const createHostsPart: StateCreator<AppState, [], [], HostsPart> = (set, get) => {
  async function retry(action: RetryAction, mode?: 'resume') {
    const s = get();
    const runs: Record<RetryAction, () => Promise<void>> = {
      inventory: s.runInventory,
      dryRun: () => s.startDryRun('run'),
      rollbackDryRun: () => s.startDryRun('rollback'),
      run: () => s.startRun(mode === 'resume'),
      rollback: s.startRollback,
      cluster: s.refreshCluster,
      drift: s.checkDrift,
      configSync: () => s.startConfigSync(true),
      cleanup: () => s.startCleanup(true),
    };
    await runs[action]();
  }

  return {
    insTab: 'hosts',
    insFocus: null,
    insForms: {},
    insTouched: {},
    insSecretStatus: {},
    insCommissionSecrets: null,
    insHostKey: null,
    insAccepted: [],
    setInsTab: (insTab, focus) => set({ insTab, insFocus: focus ?? null }),
    clearInsFocus: () => set({ insFocus: null }),
    setInsForm: (role, projectId, form) => set({ insForms: { ...get().insForms, [role]: { projectId, form } } }),
    touchInsForm: (role) => set({ insTouched: { ...get().insTouched, [role]: true } }),

    async refreshInsSecretStatus(role) {
      const p = get().project;
      if (!p || !get().api) return;
      const r = await apiOf(get).call('secrets.status', { projectId: p.id, role });
      if (r.ok) set({ insSecretStatus: { ...get().insSecretStatus, [role]: r.value } });
    },

    async forgetInsSecret(role, kind) {
      const p = get().project;
      if (!p) return;
      await apiOf(get).call('secrets.set', { projectId: p.id, role, kind, value: '', remember: false });
      await get().refreshInsSecretStatus(role);
    },

    async sendInsSecrets() {
      const p = get().project;
      if (!p) return false;
      for (const [role, draft] of Object.entries(get().insForms) as [NodeHostRole, { projectId: string; form: ConnForm }][]) {
        if (draft.projectId !== p.id) continue;
        const typed = secretKinds.filter((k) => draft.form.secrets[k]);
        if (!typed.length) continue;
        try {
          for (const kind of typed) await call(apiOf(get), 'secrets.set', { projectId: p.id, role, kind, value: draft.form.secrets[kind], remember: draft.form.remember });
        } catch (e) {
          get().showError(errorOf(e));
          return false;
        }
        get().setInsForm(role, p.id, { ...draft.form, secrets: { ...emptyConnForm().secrets } });
        await get().refreshInsSecretStatus(role);
      }
      return true;
    },

    removeHost(role) {
      const forms = { ...get().insForms };
      delete forms[role];
      set({ insForms: forms });
      get().updateProject((p) => {
        const hosts = { ...p.hosts };
        delete hosts[role];
        const nodes = { ...(p.commission.inventory?.nodes ?? {}) };
        delete nodes[role];
        return { ...p, hosts, commission: { ...p.commission, ...(p.commission.inventory ? { inventory: { nodes } } : {}) } };
      });
    },

    async refreshCommissionSecrets() {
      const p = get().project;
      if (!p || !get().api) return;
      const r = await apiOf(get).call('commission.secretsStatus', { projectId: p.id });
      if (r.ok) set({ insCommissionSecrets: { projectId: p.id, status: r.value } });
    },

    async setCommissionSecret(id, value, remember) {
      const p = get().project;
      if (!p) return false;
      try {
        await call(apiOf(get), 'commission.setSecret', { projectId: p.id, id, value, remember });
      } catch (e) {
        get().showError(errorOf(e));
        return false;
      }
      await get().refreshCommissionSecrets();
      return true;
    },

    async generateCommissionSecret(id) {
      const p = get().project;
      if (!p) return;
      try {
        await call(apiOf(get), 'commission.generateSecret', { projectId: p.id, id });
      } catch (e) {
        get().showError(errorOf(e));
      }
      await get().refreshCommissionSecrets();
    },

    askHostKey: (prompt, action, mode) => set({ insHostKey: { prompt, retry: action, ...(mode ? { mode } : {}) } }),

    async acceptInsHostKey() {
      const k = get().insHostKey;
      if (!k || k.prompt.kind !== 'unknown') return;
      const { host, port, fingerprint } = k.prompt;
      set({ insHostKey: null, insAccepted: [...get().insAccepted.filter((a) => !(a.host === host && a.port === port)), { host, port, fingerprint }] });
      // The status view was refreshing on its own before it asked: it goes on doing so.
      if (k.retry === 'cluster') get().setInsAutoRefresh(true);
      await retry(k.retry, k.mode);
    },

    async replaceInsHostKey() {
      const k = get().insHostKey;
      if (!k || k.prompt.kind !== 'changed') return;
      set({ insHostKey: null });
      try {
        await call(apiOf(get), 'knownHosts.replace', { host: k.prompt.host, port: k.prompt.port, fingerprint: k.prompt.fingerprint });
      } catch (e) {
        get().showError(errorOf(e));
        return;
      }
      await retry(k.retry, k.mode);
    },

    dismissInsHostKey: () => set({ insHostKey: null }),
  };
};
