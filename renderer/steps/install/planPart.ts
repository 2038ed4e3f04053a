/**
 * The plan for the project as it is now, or the list of what is still missing: made here by the same pure
 * generator main and the CLI use (shared/commission/generate.ts), so the list follows every keystroke; and the dry run, which shows every command and file diff per node
 * before anything runs (mode 'rollback': what a rollback would do).
 */
import type { StateCreator } from 'zustand';
import type { MethodOutput } from '../../../shared/contract';
import type { DryRun } from '../../../shared/contract/methods/commission';
import { planFromInput } from '../../../shared/commission/generate';
import { resolveInput } from '../../../shared/commission/inputs/resolve';
import { toErrorValue, type ErrorValue } from '../../../shared/errors';
import type { Project } from '../../../shared/project/schema';
import { call } from '../../api/client';
import type { AppState } from '../../store';
import { acceptedKeys } from './inventoryPart';
import { apiOf, errorOf, hostKeyPromptOf, isCancelled, isHostKeyError } from './sliceUtil';

export type PlanResult = MethodOutput<'commission.plan'>;

/** What is missing (every item, also before any inventory), else the plan. Never throws. */
export function makePlan(p: Project): PlanResult {
  try {
    // resolveInput once: planErrors and generatePlan would each resolve the same inputs again.
    const { input, errors } = resolveInput(p, p.commission.inventory);
    if (errors.length || !input || !p.commission.inventory) return { plan: null, errors };
    return { plan: planFromInput(input), errors: [] };
  } catch (e) {
    const err = toErrorValue(e);
    return { plan: null, errors: [{ key: err.code, ...(err.params ? { params: err.params } : {}) }] };
  }
}

export interface PlanState {
  projectId: string;
  /** The inputs the plan was made from (hosts, facts, planning, settings, inventory). */
  inputs: readonly unknown[];
  result?: PlanResult;
  loading: boolean;
  error?: ErrorValue;
}

export interface DryRunState {
  runId: string;
  projectId: string;
  mode: 'run' | 'rollback';
  phase: 'running' | 'done' | 'failed' | 'cancelled';
  startedAt: number;
  finishedAt?: number;
  result?: DryRun;
  error?: ErrorValue;
}

export interface PlanPart {
  insPlan: PlanState | null;
  insDryRun: DryRunState | null;
  insRollbackDryRun: DryRunState | null;
  /** Makes the plan again when its inputs changed. */
  refreshPlan(force?: boolean): Promise<void>;
  startDryRun(mode: 'run' | 'rollback'): Promise<void>;
  cancelDryRun(mode: 'run' | 'rollback'): Promise<void>;
}

/**
 * What the plan depends on, by identity (the store's project is immutable, so an unchanged part keeps its
 * object): cheap enough to compare on every store change, unlike serialising facts and inventory.
 */
export function planInputs(p: Project): readonly unknown[] {
  return [p.id, p.hosts, p.facts, p.planning, p.commission.settings, p.commission.inventory, !!p.commission.record];
}

const sameInputs = (a: readonly unknown[] | undefined, b: readonly unknown[]) => !!a && a.length === b.length && a.every((x, i) => x === b[i]);

export const createPlanPart: StateCreator<AppState, [], [], PlanPart> = (set, get) => ({
  insPlan: null,
  insDryRun: null,
  insRollbackDryRun: null,

  async refreshPlan(force = false) {
    const p = get().project;
    if (!p) return;
    const inputs = planInputs(p);
    const cur = get().insPlan;
    if (!force && cur && cur.projectId === p.id && sameInputs(cur.inputs, inputs) && cur.result) return;
    set({ insPlan: { projectId: p.id, inputs, loading: false, result: makePlan(p) } });
  },

  async startDryRun(mode) {
    const p = get().project;
    const key = mode === 'run' ? 'insDryRun' : 'insRollbackDryRun';
    if (!p || get()[key]?.phase === 'running') return;
    if (!(await get().sendInsSecrets())) return;
    const runId = crypto.randomUUID();
    set({ [key]: { runId, projectId: p.id, mode, phase: 'running', startedAt: Date.now() } } as Partial<AppState>);
    const patch = (change: Partial<DryRunState>) => {
      const cur = get()[key];
      if (cur?.runId === runId) set({ [key]: { ...cur, ...change, finishedAt: Date.now() } } as Partial<AppState>);
    };
    try {
      const result = await call(apiOf(get), 'commission.dryRun', { runId, projectId: p.id, project: get().project!, ...(get().filePath ? { path: get().filePath! } : {}), acceptHostKeys: acceptedKeys(get()), mode, withChecks: true });
      patch({ phase: 'done', result });
    } catch (e) {
      const err = errorOf(e);
      patch({ phase: isCancelled(err) ? 'cancelled' : 'failed', error: err });
      if (isHostKeyError(err)) get().askHostKey(hostKeyPromptOf(err), mode === 'run' ? 'dryRun' : 'rollbackDryRun');
      else if (!isCancelled(err)) get().showError(err);
    }
  },

  async cancelDryRun(mode) {
    const cur = mode === 'run' ? get().insDryRun : get().insRollbackDryRun;
    if (cur?.phase === 'running') await apiOf(get).call('commission.cancel', { runId: cur.runId });
  },
});
