import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './appSlice';
import { createProjectSlice, type ProjectSlice } from './projectSlice';
import { createProjectStepSlice, type ProjectStepSlice } from '../steps/project/slice';

/** One store of slices: app chrome, the open project, and one slice per wizard step that needs UI state. */
export type AppState = AppSlice & ProjectSlice & ProjectStepSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createAppSlice(...a),
  ...createProjectSlice(...a),
  ...createProjectStepSlice(...a),
}));
