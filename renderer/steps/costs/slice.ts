import type { StateCreator } from 'zustand';
import type { AppState } from '../../store';

/** UI state of the Kosten & Zeitplan step: the offer being edited (id, or 'new') and the open tab. */
export interface CostsStepSlice {
  costsEditing: string | null;
  costsTab: 'costs' | 'time';
  setCostsEditing(id: string | null): void;
  setCostsTab(tab: 'costs' | 'time'): void;
}

export const createCostsStepSlice: StateCreator<AppState, [], [], CostsStepSlice> = (set) => ({
  costsEditing: null,
  costsTab: 'costs',
  setCostsEditing: (costsEditing) => set({ costsEditing }),
  setCostsTab: (costsTab) => set({ costsTab }),
});
