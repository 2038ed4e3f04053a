import type { Handler } from '../types';

export const dialogOpenProject: Handler<'dialog.openProject'> = async (_input, { services }) => services.dialogs.openProject();

export const dialogSaveProject: Handler<'dialog.saveProject'> = async ({ suggestedName }, { services }) =>
  services.dialogs.saveProject(suggestedName);
