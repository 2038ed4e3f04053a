import type { Handler } from '../types';

export const dialogOpenProject: Handler<'dialog.openProject'> = async (_input, { services }) => services.dialogs.openProject();

export const dialogSaveProject: Handler<'dialog.saveProject'> = async ({ suggestedName }, { services }) =>
  services.dialogs.saveProject(suggestedName);

export const dialogOpenFile: Handler<'dialog.openFile'> = async ({ kind }, { services }) => services.dialogs.openFile(kind);

export const dialogSaveFile: Handler<'dialog.saveFile'> = async ({ kind, suggestedName }, { services }) =>
  services.dialogs.saveFile(kind, suggestedName);
