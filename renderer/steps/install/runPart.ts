/**
 * A run on the nodes (the commissioning, its rollback, the config sync, the legacy cleanup): live step
 * states, progress with ETA, bounded output, pause/cancel, the confirmations main asks for, and the record
 * main saves after every step (merged into the open project when it is newer). After an app restart the
 * record main still holds is loaded, so an unfinished run can be resumed.
 */
import type { StateCreator } from 'zustand';
import type { EventPayload } from '../../../shared/contract';
import type { DryRun } from '../../../shared/contract/methods/commission';
import type { CommissionRecord } from '../../../shared/commission/recordSchema';
import type { NodeRole } from '../../../shared/commission/types';
import type { ErrorValue } from '../../../shared/errors';
import { call } from '../../api/client';
import type { AppState } from '../../store';
import { acceptedKeys } from './inventoryPart';
import { appendOutput, type Chunk, type OutLine } from './outputBuffer';
import { apiOf, errorOf, hostKeyPromptOf, isCancelled, isHostKeyError } from './sliceUtil';

export type RunKind = 'run' | 'rollback' | 'configSync' | 'cleanup';
export type StepState = EventPayload<'commission.step'>['state'];
export type RunOutcome = 'completed' | 'cancelled' | 'failed' | 'refused' | 'stopped';
export type ConfirmEvent = EventPayload<'commission.confirm'>;

const BUSY: StepState[] = ['checking', 'backingUp', 'applying', 'verifying', 'running', 'rollingBack', 'restoring'];

/** The steps working right now: one, or several of a parallel group (each on its own node). */
export function busySteps(run: LiveRun | null | undefined): string[] {
  return run ? Object.entries(run.steps).filter(([, s]) => BUSY.includes(s.state)).map(([id]) => id) : [];
}

export interface LiveStep {
  state: StepState;
  node: NodeRole;
  durationMs?: number;
  error?: ErrorValue;
}

export interface LiveRun {
  runId: string;
  projectId: string;
  kind: RunKind;
  phase: 'running' | RunOutcome | 'error';
  paused: boolean;
  /** Pause was asked for; it takes effect before the next step. */
  pausing: boolean;
  steps: Record<string, LiveStep>;
  currentStepId?: string;
  progress?: EventPayload<'commission.progress'>;
  connection: Partial<Record<NodeRole, { state: EventPayload<'commission.connection'>['state']; attempt?: number }>>;
  startedAt: number;
  finishedAt?: number;
  error?: ErrorValue;
  /** Followed after a reload of the window: main ran it all along, this window only watches its events. */
  attached?: boolean;
}

/** A dry run of the config sync or the cleanup (they are their own small plans). */
export interface SideDryRun {
  kind: 'configSync' | 'cleanup';
  projectId: string;
  phase: 'running' | 'done' | 'failed';
  result?: DryRun;
  error?: ErrorValue;
}

export interface RunPart {
  insRun: LiveRun | null;
  insOutput: OutLine[];
  insConfirm: ConfirmEvent | null;
  /** What main said about the record when the step was opened: running = a run is active in main. */
  insRecordInfo: { projectId: string; running: boolean } | null;
  insSideDryRun: SideDryRun | null;
  loadRecord(): Promise<void>;
  mergeRecord(projectId: string, record: CommissionRecord): void;
  startRun(resume: boolean): Promise<void>;
  startRollback(): Promise<void>;
  startConfigSync(dryRun: boolean): Promise<void>;
  startCleanup(dryRun: boolean): Promise<void>;
  pauseRun(paused: boolean): Promise<void>;
  cancelRun(): Promise<void>;
  answerConfirm(yes: boolean): Promise<void>;
}

const FLUSH_MS = 100;
const ATTACH_POLL_MS = 3000;
let unsubscribe: (() => void) | null = null;
let pending: Chunk[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let nextLine = 1;

export const createRunPart: StateCreator<AppState, [], [], RunPart> = (set, get) => {
  function flush() {
    flushTimer = undefined;
    if (!pending.length) return;
    const r = appendOutput(get().insOutput, pending, nextLine);
    pending = [];
    nextLine = r.next;
    set({ insOutput: r.lines });
  }
  function patchRun(runId: string, change: (r: LiveRun) => LiveRun) {
    const r = get().insRun;
    if (r?.runId === runId) set({ insRun: change(r) });
  }
  function subscribe(runId: string, projectId: string) {
    unsubscribe?.();
    const a = apiOf(get);
    const offs = [
      a.on('commission.step', (e) => {
        if (e.runId !== runId) return;
        patchRun(runId, (r) => ({
          ...r,
          currentStepId: e.stepId,
          steps: { ...r.steps, [e.stepId]: { state: e.state, node: e.node, ...(e.durationMs !== undefined ? { durationMs: e.durationMs } : {}), ...(e.error ? { error: e.error } : {}) } },
        }));
      }),
      a.on('commission.output', (e) => {
        if (e.runId !== runId) return;
        pending.push({ stepId: e.stepId, node: e.node, stream: e.stream, text: e.text });
        if (pending.length > 2000) flush();
        flushTimer ??= setTimeout(flush, FLUSH_MS);
      }),
      a.on('commission.progress', (e) => {
        if (e.runId === runId) patchRun(runId, (r) => ({ ...r, progress: e, ...(e.stepId ? { currentStepId: e.stepId } : {}) }));
      }),
      a.on('commission.paused', (e) => {
        if (e.runId === runId) patchRun(runId, (r) => ({ ...r, paused: e.paused, pausing: false }));
      }),
      a.on('commission.connection', (e) => {
        if (e.runId === runId) patchRun(runId, (r) => ({ ...r, connection: { ...r.connection, [e.node]: { state: e.state, ...(e.attempt !== undefined ? { attempt: e.attempt } : {}) } } }));
      }),
      a.on('commission.confirm', (e) => {
        if (e.runId === runId) set({ insConfirm: e });
      }),
      a.on('commission.record', (e) => {
        if (e.projectId === projectId) get().mergeRecord(e.projectId, e.record);
      }),
    ];
    unsubscribe = () => offs.forEach((off) => off());
  }

  /** One run at a time per window: starts it, follows its events, and settles the outcome. */
  async function execute(kind: RunKind, retry: 'run' | 'rollback' | 'configSync' | 'cleanup', fn: (base: { runId: string; projectId: string }) => Promise<{ outcome: RunOutcome; error?: ErrorValue; record?: CommissionRecord } | undefined>, mode?: 'resume') {
    const p = get().project;
    if (!p || get().insRun?.phase === 'running') return;
    if (!(await get().sendInsSecrets())) return;
    const runId = crypto.randomUUID();
    pending = [];
    set({ insRun: { runId, projectId: p.id, kind, phase: 'running', paused: false, pausing: false, steps: {}, connection: {}, startedAt: Date.now() }, insOutput: [], insConfirm: null, insTab: kind === 'configSync' || kind === 'cleanup' ? get().insTab : 'run' });
    subscribe(runId, p.id);
    try {
      const r = await fn({ runId, projectId: p.id });
      flush();
      if (r?.record) get().mergeRecord(p.id, r.record);
      patchRun(runId, (run) => ({ ...run, phase: r?.outcome ?? 'completed', finishedAt: Date.now(), ...(r?.error ? { error: r.error } : {}) }));
    } catch (e) {
      flush();
      const err = errorOf(e);
      patchRun(runId, (run) => ({ ...run, phase: isCancelled(err) ? 'cancelled' : 'error', finishedAt: Date.now(), error: err }));
      if (isHostKeyError(err)) get().askHostKey(hostKeyPromptOf(err), retry, mode);
      else if (!isCancelled(err)) get().showError(err);
    } finally {
      if (get().insRun?.runId === runId) {
        unsubscribe?.();
        unsubscribe = null;
        set({ insConfirm: null, insRecordInfo: { projectId: p.id, running: false } });
      }
    }
  }

  let attachTimer: ReturnType<typeof setInterval> | undefined;
  /** Questions this window answered: a poll that left main before the answer must not ask them again. */
  const answered = new Set<string>();
  /**
   * A run main is still doing (the window was reloaded or the renderer restarted): follow its events again,
   * and ask main now and then whether it is over, since this window has no answer of the call to wait for.
   */
  function reattach(runId: string, projectId: string, state: CommissionRecord['state'] | undefined) {
    const kind: RunKind = state === 'rollingBack' ? 'rollback' : state === 'running' || state === 'paused' ? 'run' : 'configSync';
    pending = [];
    // The run's own tab, as when the run was started in this window (the side actions have their own cards).
    set({ insRun: { runId, projectId, kind, phase: 'running', paused: state === 'paused', pausing: false, steps: {}, connection: {}, startedAt: Date.now(), attached: true }, insOutput: [], ...(kind === 'configSync' ? {} : { insTab: 'run' as const }) });
    subscribe(runId, projectId);
    clearInterval(attachTimer);
    attachTimer = setInterval(() => void get().loadRecord(), ATTACH_POLL_MS);
  }
  function settleAttached(runId: string, state: CommissionRecord['state'] | undefined) {
    clearInterval(attachTimer);
    flush();
    const phase: LiveRun['phase'] = state === 'completed' || state === 'rolledBack' ? 'completed' : state === 'cancelled' ? 'cancelled' : state === 'stopped' ? 'stopped' : state === 'failed' ? 'failed' : 'completed';
    patchRun(runId, (r) => ({ ...r, phase, finishedAt: Date.now() }));
    unsubscribe?.();
    unsubscribe = null;
    set({ insConfirm: null });
  }

  const base = () => {
    const s = get();
    return { project: s.project!, ...(s.filePath ? { path: s.filePath } : {}), acceptHostKeys: acceptedKeys(s) };
  };

  async function sideDryRun(kind: 'configSync' | 'cleanup') {
    const p = get().project;
    if (!p || get().insSideDryRun?.phase === 'running') return;
    if (!(await get().sendInsSecrets())) return;
    set({ insSideDryRun: { kind, projectId: p.id, phase: 'running' } });
    const runId = crypto.randomUUID();
    try {
      const input = { runId, projectId: p.id, ...base(), dryRun: true };
      const r = kind === 'configSync' ? await call(apiOf(get), 'commission.configSync', input) : await call(apiOf(get), 'commission.cleanup', input);
      set({ insSideDryRun: { kind, projectId: p.id, phase: 'done', ...(r.dryRun ? { result: r.dryRun } : {}) } });
    } catch (e) {
      const err = errorOf(e);
      set({ insSideDryRun: { kind, projectId: p.id, phase: 'failed', error: err } });
      if (isHostKeyError(err)) get().askHostKey(hostKeyPromptOf(err), kind);
      else if (!isCancelled(err)) get().showError(err);
    }
  }

  return {
    insRun: null,
    insOutput: [],
    insConfirm: null,
    insRecordInfo: null,
    insSideDryRun: null,

    async loadRecord() {
      const p = get().project;
      if (!p || !get().api) return;
      const r = await apiOf(get).call('commission.record', { projectId: p.id, ...(get().filePath ? { path: get().filePath! } : {}) });
      if (!r.ok || get().project?.id !== p.id) return;
      if (r.value.record) get().mergeRecord(p.id, r.value.record);
      set({ insRecordInfo: { projectId: p.id, running: r.value.running } });
      const cur = get().insRun;
      if (r.value.running && r.value.runId && cur?.runId !== r.value.runId) reattach(r.value.runId, p.id, r.value.record?.state);
      else if (!r.value.running && cur?.attached && cur.phase === 'running') settleAttached(cur.runId, r.value.record?.state);
      // The question the run waits for went to the page before the reload: ask it again (a cancel clears it).
      const now = get().insRun;
      const open = r.value.pendingConfirm;
      if (open && now?.attached && now.runId === r.value.runId && get().insConfirm?.confirmId !== open.confirmId && !answered.has(open.confirmId)) set({ insConfirm: { runId: now.runId, ...open } });
    },

    mergeRecord(projectId, record) {
      const p = get().project;
      if (!p || p.id !== projectId) return;
      // Of two copies the higher revision is the newer one (main counts on across fresh records too).
      const have = p.commission.record;
      if (have && have.revision >= record.revision) return;
      get().updateProject((proj) => ({ ...proj, commission: { ...proj.commission, record } }));
    },

    startRun: (resume) =>
      execute('run', 'run', async ({ runId, projectId }) => call(apiOf(get), 'commission.run', { runId, projectId, ...base(), resume }), resume ? 'resume' : undefined),

    startRollback: () => execute('rollback', 'rollback', async ({ runId, projectId }) => call(apiOf(get), 'commission.rollback', { runId, projectId, ...base() })),

    async startConfigSync(dryRun) {
      if (dryRun) return sideDryRun('configSync');
      await execute('configSync', 'configSync', async ({ runId, projectId }) => (await call(apiOf(get), 'commission.configSync', { runId, projectId, ...base(), dryRun: false })).result);
    },

    async startCleanup(dryRun) {
      if (dryRun) return sideDryRun('cleanup');
      await execute('cleanup', 'cleanup', async ({ runId, projectId }) => (await call(apiOf(get), 'commission.cleanup', { runId, projectId, ...base(), dryRun: false })).result);
    },

    async pauseRun(paused) {
      const r = get().insRun;
      if (r?.phase !== 'running') return;
      set({ insRun: { ...r, pausing: paused } });
      await apiOf(get).call('commission.pause', { runId: r.runId, paused });
    },

    async cancelRun() {
      const r = get().insRun;
      if (r?.phase !== 'running') return;
      await apiOf(get).call('commission.cancel', { runId: r.runId });
    },

    async answerConfirm(yes) {
      const c = get().insConfirm;
      if (!c) return;
      set({ insConfirm: null });
      answered.add(c.confirmId);
      const r = await apiOf(get).call('commission.answer', { runId: c.runId, confirmId: c.confirmId, yes });
      if (!r.ok) get().showError(r.error);
    },
  };

};
