import type { StateCreator } from 'zustand';
import type { EventPayload, MethodOutput } from '../../../shared/contract';
import type { Facts } from '../../../shared/analysis/facts';
import { toErrorValue } from '../../../shared/errors';
import { ApiCallError, call } from '../../api/client';
import type { AppState } from '../../store';
import { emptyConnForm, formToTarget, secretKinds, type ConnForm } from './connection';

export type AnaTab = 'connect' | 'results' | 'manual' | 'offline' | 'audit';
export type CollectorRunStatus = EventPayload<'analysis.collector'>['status'];
export type ConnectionState = EventPayload<'run.connection'>['state'];

export interface CollectorRunState {
  status: CollectorRunStatus;
  durationMs?: number;
  errorCode?: string;
}

export interface AnalysisRun {
  runId: string;
  /** The project the run belongs to; another open project does not show it. */
  projectId: string;
  /** notConnected: it ended before any collector ran (login, host key); hostKey: waits for the user's decision. */
  phase: 'running' | 'done' | 'failed' | 'cancelled' | 'notConnected' | 'hostKey';
  startedAt: number;
  finishedAt?: number;
  collectors: Record<string, CollectorRunState>;
  connection?: ConnectionState;
  attempt?: number;
}

export interface OutputLine {
  n: number;
  stream: 'stdout' | 'stderr' | 'info';
  text: string;
}

/** A host key the server showed that the user must look at before anything else happens. */
export interface HostKeyPrompt {
  kind: 'unknown' | 'changed';
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  /** Only for 'changed': the fingerprint(s) trusted until now. */
  oldFingerprint?: string;
}

export type SecretStatus = MethodOutput<'secrets.status'>;

/** The live output panel keeps only the newest lines so a chatty collector cannot slow the UI down. */
export const OUTPUT_LIMIT = 500;
const FLUSH_MS = 120;

/** UI state of the Ist-Analyse step: connection draft, the running analysis, its output and dialogs. */
export interface AnalysisStepSlice {
  anaTab: AnaTab;
  anaForm: { projectId: string; form: ConnForm } | null;
  anaTouched: boolean;
  anaCollectors: MethodOutput<'analysis.collectors'>;
  anaRun: AnalysisRun | null;
  anaOutput: OutputLine[];
  anaOutputOpen: boolean;
  anaHostKey: HostKeyPrompt | null;
  anaSecretStatus: SecretStatus | null;
  /** Host keys the user confirmed in this session (sent with every retry). */
  anaAccepted: { host: string; port: number; fingerprint: string }[];
  setAnaTab(tab: AnaTab): void;
  setAnaForm(projectId: string, form: ConnForm): void;
  setAnaOutputOpen(open: boolean): void;
  loadAnaCollectors(): Promise<void>;
  refreshSecretStatus(): Promise<void>;
  /** Sends typed secrets to main (never into the project) and clears them from the form. */
  sendSecrets(): Promise<boolean>;
  startAnalysis(): Promise<void>;
  cancelAnalysis(): Promise<void>;
  acceptHostKey(): Promise<void>;
  replaceHostKey(): Promise<void>;
  dismissHostKey(): void;
  /** Takes facts from a run, a bundle or the hand-entry form into the project. */
  applyFacts(facts: Facts): void;
}

let unsubscribe: (() => void) | null = null;
let pending: OutputLine[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let lineNo = 0;

export const createAnalysisStepSlice: StateCreator<AppState, [], [], AnalysisStepSlice> = (set, get) => {
  function api() {
    const a = get().api;
    if (!a) throw new Error('API not connected');
    return a;
  }
  function flush() {
    flushTimer = undefined;
    if (!pending.length) return;
    const next = [...get().anaOutput, ...pending];
    pending = [];
    set({ anaOutput: next.length > OUTPUT_LIMIT ? next.slice(next.length - OUTPUT_LIMIT) : next });
  }
  function pushOutput(stream: OutputLine['stream'], text: string) {
    const lines = text.replace(/\r/g, '').split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    for (const l of lines) pending.push({ n: ++lineNo, stream, text: l });
    if (pending.length > OUTPUT_LIMIT) pending = pending.slice(pending.length - OUTPUT_LIMIT);
    flushTimer ??= setTimeout(flush, FLUSH_MS);
  }
  function patchRun(runId: string, patch: (r: AnalysisRun) => AnalysisRun) {
    const r = get().anaRun;
    if (r && r.runId === runId) set({ anaRun: patch(r) });
  }
  function subscribe(runId: string) {
    unsubscribe?.();
    const a = api();
    const offs = [
      a.on('analysis.collector', (p) => {
        if (p.runId !== runId) return;
        patchRun(runId, (r) => ({
          ...r,
          collectors: { ...r.collectors, [p.collectorId]: { status: p.status, ...(p.durationMs !== undefined ? { durationMs: p.durationMs } : {}), ...(p.errorCode ? { errorCode: p.errorCode } : {}) } },
        }));
      }),
      a.on('run.output', (p) => {
        if (p.runId === runId) pushOutput(p.stream, p.text);
      }),
      a.on('run.connection', (p) => {
        if (p.runId !== runId) return;
        patchRun(runId, (r) => ({ ...r, connection: p.state, ...(p.attempt !== undefined ? { attempt: p.attempt } : {}) }));
      }),
    ];
    unsubscribe = () => offs.forEach((off) => off());
  }

  return {
    anaTab: 'connect',
    anaForm: null,
    anaTouched: false,
    anaCollectors: [],
    anaRun: null,
    anaOutput: [],
    anaOutputOpen: true,
    anaHostKey: null,
    anaSecretStatus: null,
    anaAccepted: [],
    setAnaTab: (anaTab) => set({ anaTab }),
    setAnaForm: (projectId, form) => set({ anaForm: { projectId, form } }),
    setAnaOutputOpen: (anaOutputOpen) => set({ anaOutputOpen }),

    async loadAnaCollectors() {
      if (get().anaCollectors.length) return;
      try {
        set({ anaCollectors: await call(api(), 'analysis.collectors', {}) });
      } catch (e) {
        get().showError(e instanceof ApiCallError ? e.error : toErrorValue(e));
      }
    },

    async refreshSecretStatus() {
      const p = get().project;
      if (!p || !get().api) return;
      const r = await api().call('secrets.status', { projectId: p.id, role: 'primary' });
      if (r.ok) set({ anaSecretStatus: r.value });
    },

    async sendSecrets() {
      const p = get().project;
      const draft = get().anaForm;
      if (!p || !draft || draft.projectId !== p.id) return true;
      const { form } = draft;
      try {
        for (const kind of secretKinds) {
          const value = form.secrets[kind];
          if (value) await call(api(), 'secrets.set', { projectId: p.id, role: 'primary', kind, value, remember: form.remember });
        }
      } catch (e) {
        get().showError(e instanceof ApiCallError ? e.error : toErrorValue(e));
        return false;
      }
      set({ anaForm: { projectId: p.id, form: { ...form, secrets: { ...emptyConnForm().secrets } } } });
      await get().refreshSecretStatus();
      return true;
    },

    async startAnalysis() {
      const p = get().project;
      const draft = get().anaForm;
      if (!p || get().anaRun?.phase === 'running') return;
      const form = draft && draft.projectId === p.id ? draft.form : null;
      const { target } = form ? formToTarget(form) : { target: p.hosts.primary };
      set({ anaTouched: true });
      if (!target) return;
      if (!(await get().sendSecrets())) return;
      get().updateProject((proj) => ({ ...proj, hosts: { ...proj.hosts, primary: target } }));
      await get().loadAnaCollectors();
      const runId = crypto.randomUUID();
      const collectors = Object.fromEntries(get().anaCollectors.map((c) => [c.id, { status: 'waiting' as const }]));
      pending = [];
      set({ anaRun: { runId, projectId: p.id, phase: 'running', startedAt: Date.now(), collectors, connection: 'connecting' }, anaOutput: [], anaHostKey: null });
      subscribe(runId);
      const acceptHostKeys = get().anaAccepted.filter((a) => a.host === target.host || a.host === target.jump?.host).slice(-4);
      try {
        const r = await call(api(), 'analysis.run', { runId, projectId: p.id, role: 'primary', target, acceptHostKeys });
        flush();
        patchRun(runId, (run) => ({ ...run, phase: 'done', finishedAt: Date.now() }));
        get().applyFacts(r.facts);
        set({ anaTab: 'results' });
      } catch (e) {
        flush();
        const err = e instanceof ApiCallError ? e.error : toErrorValue(e);
        const cancelled = err.code === 'ssh:errors.cancelled';
        const hostKey = err.code === 'ssh:errors.hostKeyUnknown' || err.code === 'ssh:errors.hostKeyChanged';
        patchRun(runId, (run) => ({
          ...run,
          phase: hostKey ? 'hostKey' : cancelled ? 'cancelled' : Object.values(run.collectors).every((c) => c.status === 'waiting') ? 'notConnected' : 'failed',
          finishedAt: Date.now(),
          // Collectors that never got their turn are not failures of their own.
          collectors: Object.fromEntries(
            Object.entries(run.collectors).map(([id, c]) => [id, c.status === 'waiting' || c.status === 'running' ? { ...c, status: cancelled ? 'cancelled' : 'skipped' } : c]),
          ),
        }));
        const params = err.params ?? {};
        if (hostKey) {
          set({
            anaHostKey: {
              kind: err.code === 'ssh:errors.hostKeyUnknown' ? 'unknown' : 'changed',
              host: String(params.host ?? target.host),
              port: Number(params.port ?? target.port),
              keyType: String(params.keyType ?? ''),
              fingerprint: String(params.fingerprint ?? params.newFingerprint ?? ''),
              ...(params.oldFingerprint !== undefined ? { oldFingerprint: String(params.oldFingerprint) } : {}),
            },
          });
        } else if (!cancelled) get().showError(err);
      } finally {
        if (get().anaRun?.runId === runId) {
          unsubscribe?.();
          unsubscribe = null;
        }
        void get().refreshSecretStatus();
      }
    },

    async cancelAnalysis() {
      const run = get().anaRun;
      if (!run || run.phase !== 'running') return;
      try {
        await call(api(), 'analysis.cancel', { runId: run.runId });
      } catch (e) {
        get().showError(e instanceof ApiCallError ? e.error : toErrorValue(e));
      }
    },

    async acceptHostKey() {
      const k = get().anaHostKey;
      if (!k || k.kind !== 'unknown') return;
      set({ anaHostKey: null, anaAccepted: [...get().anaAccepted.filter((a) => !(a.host === k.host && a.port === k.port)), { host: k.host, port: k.port, fingerprint: k.fingerprint }] });
      await get().startAnalysis();
    },

    async replaceHostKey() {
      const k = get().anaHostKey;
      if (!k || k.kind !== 'changed') return;
      set({ anaHostKey: null });
      try {
        await call(api(), 'knownHosts.replace', { host: k.host, port: k.port, fingerprint: k.fingerprint });
      } catch (e) {
        get().showError(e instanceof ApiCallError ? e.error : toErrorValue(e));
        return;
      }
      await get().startAnalysis();
    },

    dismissHostKey: () => {
      const run = get().anaRun;
      set({ anaHostKey: null, ...(run?.phase === 'hostKey' ? { anaRun: { ...run, phase: 'notConnected' } } : {}) });
    },

    applyFacts(facts) {
      get().updateProject((proj) => ({ ...proj, facts }));
    },
  };
};
