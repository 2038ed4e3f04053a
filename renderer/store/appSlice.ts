import type { StateCreator } from 'zustand';
import type { ErrorValue } from '../../shared/errors';
import type { Language } from '../../shared/i18n/namespaces';
import type { StepId } from '../../shared/project/steps';
import type { ApiClient } from '../api/client';
import type { AppState } from './index';

export interface PathPrompt {
  mode: 'open' | 'save';
  initial: string;
  /**
   * Set for files other than projects (collector script, audit export ...): the translated texts of the
   * prompt and what to do with the path. Without it the prompt opens or saves the project.
   */
  file?: { title: string; label: string; hint: string; submit: string; onSubmit(path: string): void; onCancel?(): void };
}

export interface AppSlice {
  api: ApiClient | null;
  language: Language;
  currentStep: StepId;
  stepEnteredAt: number;
  /** The error shown in the error dialog: a translated code plus technical detail. */
  error: ErrorValue | null;
  /** Set when the transport has no native dialog and the UI must ask for a path. */
  pathPrompt: PathPrompt | null;
  setApi(api: ApiClient): void;
  setLanguage(lng: Language): void;
  goTo(step: StepId): void;
  showError(e: ErrorValue | null): void;
  setPathPrompt(p: PathPrompt | null): void;
}

export const createAppSlice: StateCreator<AppState, [], [], AppSlice> = (set, get) => ({
  api: null,
  language: 'de',
  currentStep: 'project',
  stepEnteredAt: Date.now(),
  error: null,
  pathPrompt: null,
  setApi: (api) => set({ api }),
  setLanguage: (language) => set({ language }),
  goTo: (step) => {
    const { currentStep, stepEnteredAt } = get();
    if (step === currentStep) return;
    get().addTimeSpent(currentStep, (Date.now() - stepEnteredAt) / 1000);
    set({ currentStep: step, stepEnteredAt: Date.now() });
  },
  showError: (error) => set({ error }),
  setPathPrompt: (pathPrompt) => set({ pathPrompt }),
});
