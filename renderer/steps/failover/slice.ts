/**
 * UI state of the Failover-Tests step: the cluster preview (what can run, the exact commands), a running test
 * with its live probes, steps and output, the operator question, and which results are shown. Everything
 * durable lives in the project (failover.settings, failover.runs); main saves runs and pushes them as
 * `failover.run`, which lands in the project here.
 */
import type { StateCreator } from 'zustand';
import type { EventPayload, MethodOutput } from '../../../shared/contract';
import type { FailoverPreview } from '../../../shared/contract/methods/failover';
import { toErrorValue, type ErrorValue } from '../../../shared/errors';
import type { CaseId } from '../../../shared/failover/cases';
import { mergeRun } from '../../../shared/failover/runs';
import type { FailoverRun, FailoverSettings } from '../../../shared/failover/schema';
import { ApiCallError, call } from '../../api/client';
import type { AppState } from '../../store';

export type FoTab = 'prepare' | 'run' | 'results' | 'compare';
export type LivePoint = EventPayload<'failover.live'>;

export interface FoRunState {
  runId: string;
  projectId: string;
  phase: 'running' | 'done' | 'failed' | 'cancelled';
  startedAt: number;
  cases: CaseId[];
  caseStates: Partial<Record<CaseId, { state: 'running' | 'done'; verdict?: FailoverRun['cases'][number]['verdict']['value'] }>>;
  currentCase?: CaseId;
  steps: Record<string, { state: 'running' | 'done' | 'failed'; note?: string }>;
  live?: LivePoint;
  /** The last two minutes of live points (one per 500 ms), for the probe strip. */
  history: LivePoint[];
  progress?: { done: number; total: number };
  prompt?: { promptId: string; node: string };
  error?: ErrorValue;
}

export interface FoLine {
  n: number;
  text: string;
}

export const FO_OUTPUT_LIMIT = 800;
const HISTORY = 240;

export interface FailoverStepSlice {
  foTab: FoTab;
  foPreview: { projectId: string; data: FailoverPreview } | null;
  foPreviewBusy: boolean;
  foRun: FoRunState | null;
  foOutput: FoLine[];
  foSecrets: MethodOutput<'failover.secretsStatus'> | null;
  foKind: 'acceptance' | 'drill';
  foLabel: string;
  foResultRunId: string | null;
  foResultCase: CaseId | null;
  foCompareRunId: string | null;
  foInterrupted: FailoverRun[];
  setFoTab(t: FoTab): void;
  setFoKind(k: 'acceptance' | 'drill'): void;
  setFoLabel(l: string): void;
  setFoResult(runId: string | null, caseId?: CaseId | null): void;
  setFoCompare(runId: string | null): void;
  updateFoSettings(change: (s: FailoverSettings) => FailoverSettings): void;
  /** `shown` is the selection the list shows: with nothing stored yet that is the cluster's default selection. */
  toggleFoCase(id: CaseId, on: boolean, shown: CaseId[]): void;
  setFoSecret(kind: 'mailbox' | 'sql', value: string, remember: boolean): Promise<void>;
  refreshFoSecrets(): Promise<void>;
  loadFoPreview(): Promise<void>;
  startFoRun(cases: CaseId[]): Promise<void>;
  cancelFoRun(): Promise<void>;
  answerFoPrompt(done: boolean): Promise<void>;
  setAcceptanceRun(runId: string): void;
  mergeFoRun(projectId: string, run: FailoverRun): void;
  loadFoInterrupted(): Promise<void>;
  undoFoInterrupted(runId: string): Promise<void>;
}

let unsubscribe: (() => void) | null = null;
let lineNo = 0;
let pendingLines: FoLine[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;

export const createFailoverStepSlice: StateCreator<AppState, [], [], FailoverStepSlice> = (set, get) => {
  function api() {
    const a = get().api;
    if (!a) throw new Error('API not connected');
    return a;
  }
  function fail(e: unknown) {
    get().showError(e instanceof ApiCallError ? e.error : toErrorValue(e));
  }
  function flush() {
    flushTimer = undefined;
    if (!pendingLines.length) return;
    const next = [...get().foOutput, ...pendingLines];
    pendingLines = [];
    set({ foOutput: next.length > FO_OUTPUT_LIMIT ? next.slice(next.length - FO_OUTPUT_LIMIT) : next });
  }
  function patch(runId: string, change: (r: FoRunState) => FoRunState) {
    const r = get().foRun;
    if (r && r.runId === runId) set({ foRun: change(r) });
  }
  function subscribe(runId: string, projectId: string) {
    unsubscribe?.();
    const a = api();
    const offs = [
      a.on('run.output', (e) => {
        if (e.runId !== runId) return;
        for (const l of e.text.replace(/\r/g, '').split('\n')) if (l.trim()) pendingLines.push({ n: ++lineNo, text: l });
        flushTimer ??= setTimeout(flush, 150);
      }),
      a.on('run.progress', (e) => {
        if (e.runId === runId) patch(runId, (r) => ({ ...r, progress: { done: e.done, total: e.total } }));
      }),
      a.on('failover.live', (e) => {
        if (e.runId !== runId) return;
        patch(runId, (r) => ({ ...r, live: e, history: [...r.history.slice(-(HISTORY - 1)), e] }));
      }),
      a.on('failover.case', (e) => {
        if (e.runId !== runId) return;
        patch(runId, (r) => ({ ...r, currentCase: e.caseId, caseStates: { ...r.caseStates, [e.caseId]: { state: e.state, ...(e.verdict ? { verdict: e.verdict } : {}) } }, ...(e.state === 'running' ? { steps: {} } : {}) }));
      }),
      a.on('failover.step', (e) => {
        if (e.runId !== runId) return;
        patch(runId, (r) => ({ ...r, steps: { ...r.steps, [e.stepId]: { state: e.state, ...(e.note ? { note: e.note } : {}) } } }));
      }),
      a.on('failover.prompt', (e) => {
        if (e.runId === runId) patch(runId, (r) => ({ ...r, prompt: { promptId: e.promptId, node: e.node } }));
      }),
      a.on('failover.run', (e) => {
        if (e.projectId === projectId) get().mergeFoRun(e.projectId, e.run);
      }),
    ];
    unsubscribe = () => offs.forEach((off) => off());
  }
  const project = () => {
    const p = get().project;
    if (!p) throw new Error('no project');
    return p;
  };

  return {
    foTab: 'prepare',
    foPreview: null,
    foPreviewBusy: false,
    foRun: null,
    foOutput: [],
    foSecrets: null,
    foKind: 'acceptance',
    foLabel: '',
    foResultRunId: null,
    foResultCase: null,
    foCompareRunId: null,
    foInterrupted: [],
    setFoTab: (foTab) => set({ foTab }),
    setFoKind: (foKind) => set({ foKind }),
    setFoLabel: (foLabel) => set({ foLabel }),
    setFoResult: (runId, caseId) => set({ foResultRunId: runId, ...(caseId !== undefined ? { foResultCase: caseId } : {}) }),
    setFoCompare: (foCompareRunId) => set({ foCompareRunId }),

    updateFoSettings(change) {
      get().updateProject((p) => ({ ...p, failover: { ...p.failover, settings: change(p.failover.settings) } }));
    },

    toggleFoCase(id, on, shown) {
      get().updateFoSettings((s) => {
        // Unticking a case of the default selection (nothing stored) must start from what the user sees.
        const cur = s.selectedCases.length ? s.selectedCases : shown;
        const next = on ? [...new Set([...cur, id])] : cur.filter((x) => x !== id);
        return { ...s, selectedCases: next };
      });
    },

    async setFoSecret(kind, value, remember) {
      try {
        await call(api(), 'failover.setSecret', { projectId: project().id, kind, value, remember });
        await get().refreshFoSecrets();
      } catch (e) {
        fail(e);
      }
    },

    async refreshFoSecrets() {
      const p = get().project;
      if (!p || !get().api) return;
      const r = await api().call('failover.secretsStatus', { projectId: p.id });
      if (r.ok) set({ foSecrets: r.value });
    },

    async loadFoPreview() {
      const p = get().project;
      if (!p || get().foPreviewBusy) return;
      set({ foPreviewBusy: true });
      try {
        const data = await call(api(), 'failover.preview', { runId: crypto.randomUUID(), projectId: p.id, project: p, acceptHostKeys: [], interactive: true });
        set({ foPreview: { projectId: p.id, data } });
      } catch (e) {
        fail(e);
      } finally {
        set({ foPreviewBusy: false });
      }
    },

    async startFoRun(cases) {
      const p = get().project;
      if (!p || get().foRun?.phase === 'running' || !cases.length) return;
      const runId = crypto.randomUUID();
      pendingLines = [];
      set({ foRun: { runId, projectId: p.id, phase: 'running', startedAt: Date.now(), cases, caseStates: {}, steps: {}, history: [] }, foOutput: [], foTab: 'run' });
      subscribe(runId, p.id);
      try {
        const label = get().foLabel.trim();
        const r = await call(api(), 'failover.run', {
          runId, projectId: p.id, project: p, ...(get().filePath ? { path: get().filePath! } : {}), kind: get().foKind, cases, confirmed: true, acceptHostKeys: [], interactive: true,
          ...(label ? { label } : {}),
        });
        flush();
        get().mergeFoRun(p.id, r.run);
        patch(runId, (run) => ({ ...run, phase: r.run.status === 'running' ? 'done' : r.run.status, ...(r.run.error ? { error: { code: r.run.error.key, ...(r.run.error.params ? { params: r.run.error.params } : {}) } } : {}) }));
        set({ foResultRunId: r.run.id, foResultCase: r.run.cases[0]?.caseId ?? null });
        if (r.run.error && r.run.status === 'failed') get().showError({ code: r.run.error.key, ...(r.run.error.params ? { params: r.run.error.params } : {}) });
      } catch (e) {
        flush();
        const err = e instanceof ApiCallError ? e.error : toErrorValue(e);
        patch(runId, (run) => ({ ...run, phase: err.code === 'ssh:errors.cancelled' ? 'cancelled' : 'failed', error: err }));
        if (err.code !== 'ssh:errors.cancelled') get().showError(err);
      } finally {
        if (get().foRun?.runId === runId) {
          unsubscribe?.();
          unsubscribe = null;
          patch(runId, (run) => {
            const { prompt: _p, ...rest } = run;
            return rest;
          });
        }
      }
    },

    async cancelFoRun() {
      const r = get().foRun;
      if (!r || r.phase !== 'running') return;
      try {
        await call(api(), 'failover.cancel', { runId: r.runId });
      } catch (e) {
        fail(e);
      }
    },

    async answerFoPrompt(done) {
      const r = get().foRun;
      if (!r?.prompt) return;
      const promptId = r.prompt.promptId;
      patch(r.runId, (run) => {
        const { prompt: _p, ...rest } = run;
        return rest;
      });
      try {
        await call(api(), 'failover.answer', { runId: r.runId, promptId, done });
      } catch (e) {
        fail(e);
      }
    },

    setAcceptanceRun(runId) {
      get().updateProject((p) => ({ ...p, failover: { ...p.failover, acceptanceRunId: runId } }));
    },

    mergeFoRun(projectId, run) {
      const p = get().project;
      if (!p || p.id !== projectId) return;
      const runs = mergeRun(p.failover.runs, run, p.failover.acceptanceRunId);
      if (runs === p.failover.runs) return;
      get().updateProject((x) => ({ ...x, failover: { ...x.failover, runs } }));
    },

    async loadFoInterrupted() {
      const p = get().project;
      if (!p || !get().api) return;
      const r = await api().call('failover.interrupted', { projectId: p.id });
      if (r.ok) set({ foInterrupted: r.value.runs.filter((x) => x.pending) });
    },

    async undoFoInterrupted(runId) {
      const p = get().project;
      if (!p) return;
      try {
        const r = await call(api(), 'failover.undoInterrupted', { runId: crypto.randomUUID(), projectId: p.id, project: p, ...(get().filePath ? { path: get().filePath! } : {}), interruptedRunId: runId, acceptHostKeys: [] });
        get().mergeFoRun(p.id, r.run);
        set({ foInterrupted: get().foInterrupted.filter((x) => x.id !== runId) });
      } catch (e) {
        fail(e);
      }
    },
  };
};
