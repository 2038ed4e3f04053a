import type { StateCreator } from 'zustand';
import type { MethodOutput } from '../../shared/contract';
import { toErrorValue } from '../../shared/errors';
import type { ProjectMeta } from '../../shared/project/meta';
import { ProjectSchema, type Project } from '../../shared/project/schema';
import type { StepId, StepStatus } from '../../shared/project/steps';
import { ApiCallError, call } from '../api/client';
import type { AppState } from './index';

/** 'invalid': a field holds a value the file format cannot take yet; the last valid state stays on disk. */
export type SaveStatus = 'clean' | 'dirty' | 'saving' | 'error' | 'invalid';

export interface ProjectSlice {
  project: Project | null;
  filePath: string | null;
  saveStatus: SaveStatus;
  savedAt: string | null;
  migratedFrom: number | null;
  recent: MethodOutput<'settings.get'>['recent'];
  recoverable: MethodOutput<'project.recoverable'>;
  newProject(): Promise<void>;
  openProject(path: string): Promise<boolean>;
  saveProject(path?: string): Promise<boolean>;
  recoverProject(id: string): Promise<void>;
  discardRecovery(id: string): Promise<void>;
  refreshLists(): Promise<void>;
  updateMeta(patch: Partial<ProjectMeta>): void;
  /** Any change to the open project (step slices use it for their part); triggers autosave. */
  updateProject(change: (p: Project) => Project): void;
  setStepStatus(step: StepId, status: StepStatus): void;
  addTimeSpent(step: StepId, seconds: number): void;
  autosave(): Promise<void>;
}

const AUTOSAVE_MS = 1500;
let autosaveTimer: ReturnType<typeof setTimeout> | undefined;
/** Counts the user's changes; bookkeeping does not, so it never keeps a saved project "unsaved". */
let revision = 0;

export const createProjectSlice: StateCreator<AppState, [], [], ProjectSlice> = (set, get) => {
  /** Runs an API call and shows its error in the error dialog instead of throwing. */
  async function guarded<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      get().showError(e instanceof ApiCallError ? e.error : toErrorValue(e));
      return undefined;
    }
  }
  function changed(project: Project) {
    revision++;
    set({ project, saveStatus: 'dirty' });
    clearTimeout(autosaveTimer);
    autosaveTimer = setTimeout(() => void get().autosave(), AUTOSAVE_MS);
  }
  /**
   * Bookkeeping the app does by itself (time spent in a step, the status a step derives): kept in the open
   * project and written with the next real change, but never a reason to rewrite the file on its own, so
   * opening a project and moving between steps leaves the file as it was.
   */
  function noted(project: Project) {
    set({ project });
  }
  function api() {
    const a = get().api;
    if (!a) throw new Error('API not connected');
    return a;
  }

  return {
    project: null,
    filePath: null,
    saveStatus: 'clean',
    savedAt: null,
    migratedFrom: null,
    recent: [],
    recoverable: [],

    async newProject() {
      const r = await guarded(() => call(api(), 'project.new', {}));
      if (r) set({ project: r.project, filePath: null, saveStatus: 'clean', savedAt: null, migratedFrom: null, currentStep: 'project' });
    },
    async openProject(path) {
      const r = await guarded(() => call(api(), 'project.open', { path }));
      if (!r) return false;
      set({ project: r.project, filePath: r.path, saveStatus: 'clean', savedAt: r.project.updatedAt, migratedFrom: r.migratedFrom ?? null, currentStep: 'project' });
      await get().refreshLists();
      return true;
    },
    async saveProject(path) {
      const { project, filePath } = get();
      const target = path ?? filePath;
      if (!project || !target) return false;
      clearTimeout(autosaveTimer);
      if (!ProjectSchema.safeParse(project).success) {
        set({ saveStatus: 'invalid' });
        return false;
      }
      set({ saveStatus: 'saving' });
      const r = await guarded(() => call(api(), 'project.save', { path: target, project }));
      if (!r) {
        set({ saveStatus: 'error' });
        return false;
      }
      set({ filePath: r.path, saveStatus: 'clean', savedAt: r.savedAt, project: { ...project, updatedAt: r.savedAt } });
      await get().refreshLists();
      return true;
    },
    async recoverProject(id) {
      const r = await guarded(() => call(api(), 'project.recover', { id }));
      if (r) set({ project: r.project, filePath: null, saveStatus: 'dirty', savedAt: r.project.updatedAt, currentStep: 'project' });
    },
    async discardRecovery(id) {
      await guarded(() => call(api(), 'project.discardRecovery', { id }));
      await get().refreshLists();
    },
    async refreshLists() {
      const a = get().api;
      if (!a) return;
      const [settings, recoverable] = await Promise.all([a.call('settings.get', {}), a.call('project.recoverable', {})]);
      set({ recent: settings.ok ? settings.value.recent : [], recoverable: recoverable.ok ? recoverable.value : [] });
    },
    updateProject(change) {
      const p = get().project;
      if (p) changed(change(p));
    },
    updateMeta(patch) {
      const p = get().project;
      if (p) changed({ ...p, meta: { ...p.meta, ...patch } });
    },
    setStepStatus(step, status) {
      const p = get().project;
      if (!p || p.steps[step].status === status) return;
      noted({ ...p, steps: { ...p.steps, [step]: { ...p.steps[step], status, updatedAt: new Date().toISOString() } } });
    },
    addTimeSpent(step, seconds) {
      const p = get().project;
      if (!p || seconds < 1) return;
      noted({ ...p, steps: { ...p.steps, [step]: { ...p.steps[step], secondsSpent: p.steps[step].secondsSpent + Math.round(seconds) } } });
    },
    async autosave() {
      const { project, filePath, saveStatus } = get();
      if (!project || (saveStatus !== 'dirty' && saveStatus !== 'invalid')) return;
      if (!ProjectSchema.safeParse(project).success) {
        set({ saveStatus: 'invalid' });
        return;
      }
      const at = revision;
      const r = await get().api?.call('project.autosave', { project, ...(filePath ? { path: filePath } : {}) });
      if (r?.ok && revision === at) set({ saveStatus: 'clean', savedAt: r.value.savedAt });
      else if (r && !r.ok) set({ saveStatus: 'error' });
    },
  };
};
