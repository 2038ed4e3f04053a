import type { StateCreator } from 'zustand';
import type { AppState } from '../../store';

/** UI state of the Projekt step: which fields the user has left, so errors show only after a first try. */
export interface ProjectStepSlice {
  projectTouched: Record<string, boolean>;
  touchProjectField(field: string): void;
}

export const createProjectStepSlice: StateCreator<AppState, [], [], ProjectStepSlice> = (set) => ({
  projectTouched: {},
  touchProjectField: (field) => set((s) => ({ projectTouched: { ...s.projectTouched, [field]: true } })),
});
