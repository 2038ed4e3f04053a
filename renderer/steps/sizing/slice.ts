import type { StateCreator } from 'zustand';
import type { HardwareDraft } from '../../components/hardwareDraft';
import type { AppState } from '../../store';

/** The primary as typed so far; numbers stay undefined until entered. */
export interface PrimaryDraft extends HardwareDraft {
  vmailGb?: number;
  mariadbGb?: number;
  spoolGb?: number;
  bufferPoolGb?: number;
  mailsPerDay?: number;
  peakCpuPct?: number;
}

/** UI state of the Sizing step: the unfinished primary form (per project) and which panels are open. */
export interface SizingStepSlice {
  sizingDraft: { projectId: string; draft: PrimaryDraft } | null;
  sizingAssumptionsOpen: boolean;
  setSizingDraft(projectId: string, draft: PrimaryDraft): void;
  setSizingAssumptionsOpen(open: boolean): void;
}

export const createSizingStepSlice: StateCreator<AppState, [], [], SizingStepSlice> = (set) => ({
  sizingDraft: null,
  sizingAssumptionsOpen: false,
  setSizingDraft: (projectId, draft) => set({ sizingDraft: { projectId, draft } }),
  setSizingAssumptionsOpen: (open) => set({ sizingAssumptionsOpen: open }),
});
