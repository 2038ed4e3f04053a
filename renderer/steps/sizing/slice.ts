import type { StateCreator } from 'zustand';
import type { AppState } from '../../store';

/** UI state of the Sizing step: whether the existing server's values and the further assumptions are unfolded. */
export interface SizingStepSlice {
  /** null: open while values are missing or guessed, folded once the Ist-Analyse has given them all. */
  sizingPrimaryOpen: boolean | null;
  sizingAssumptionsOpen: boolean;
  setSizingPrimaryOpen(open: boolean): void;
  setSizingAssumptionsOpen(open: boolean): void;
}

export const createSizingStepSlice: StateCreator<AppState, [], [], SizingStepSlice> = (set) => ({
  sizingPrimaryOpen: null,
  sizingAssumptionsOpen: false,
  setSizingPrimaryOpen: (sizingPrimaryOpen) => set({ sizingPrimaryOpen }),
  setSizingAssumptionsOpen: (sizingAssumptionsOpen) => set({ sizingAssumptionsOpen }),
});
