import type { StateCreator } from 'zustand';
import type { DecisionId } from '../../../shared/planning/matrixDefaults';
import type { AppState } from '../../store';

/** UI state of the Architektur & Quorum step: the decision tab shown and the option whose rationales are open. */
export interface ArchitectureStepSlice {
  archDecision: DecisionId;
  archOpenOption: string | null;
  setArchDecision(d: DecisionId): void;
  setArchOpenOption(option: string | null): void;
}

export const createArchitectureStepSlice: StateCreator<AppState, [], [], ArchitectureStepSlice> = (set) => ({
  archDecision: 'architecture',
  archOpenOption: null,
  setArchDecision: (archDecision) => set({ archDecision, archOpenOption: null }),
  setArchOpenOption: (archOpenOption) => set({ archOpenOption }),
});
