import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './appSlice';
import { createProjectSlice, type ProjectSlice } from './projectSlice';
import { createProjectStepSlice, type ProjectStepSlice } from '../steps/project/slice';
import { createSizingStepSlice, type SizingStepSlice } from '../steps/sizing/slice';
import { createArchitectureStepSlice, type ArchitectureStepSlice } from '../steps/architecture/slice';
import { createCostsStepSlice, type CostsStepSlice } from '../steps/costs/slice';
import { createAnalysisStepSlice, type AnalysisStepSlice } from '../steps/analysis/slice';
import { createDocsStepSlice, type DocsStepSlice } from '../steps/docs/slice';
import { createInstallStepSlice, type InstallStepSlice } from '../steps/install/slice';
import { createFailoverStepSlice, type FailoverStepSlice } from '../steps/failover/slice';

/** One store of slices: app chrome, the open project, and one slice per wizard step that needs UI state. */
export type AppState = AppSlice & ProjectSlice & ProjectStepSlice & SizingStepSlice & ArchitectureStepSlice & CostsStepSlice & AnalysisStepSlice & FailoverStepSlice & InstallStepSlice & DocsStepSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createAppSlice(...a),
  ...createProjectSlice(...a),
  ...createProjectStepSlice(...a),
  ...createSizingStepSlice(...a),
  ...createArchitectureStepSlice(...a),
  ...createCostsStepSlice(...a),
  ...createAnalysisStepSlice(...a),
  ...createDocsStepSlice(...a),
  ...createInstallStepSlice(...a),
  ...createFailoverStepSlice(...a),
}));
