import path from 'node:path';
import type { Handler } from '../types';
import { documentsDir, projectFileName } from './documentsDir';

export const dialogOpenProject: Handler<'dialog.openProject'> = async (_input, { services }) => services.dialogs.openProject();

/** Without a native dialog the renderer asks itself; it gets a full path in the documents folder to start from. */
export const dialogSaveProject: Handler<'dialog.saveProject'> = async ({ suggestedName }, { services }) => {
  const r = await services.dialogs.saveProject(suggestedName);
  return r.native ? r : { ...r, suggestedPath: path.join(documentsDir(), projectFileName(suggestedName)) };
};

export const dialogOpenFile: Handler<'dialog.openFile'> = async ({ kind }, { services }) => services.dialogs.openFile(kind);

export const dialogSaveFile: Handler<'dialog.saveFile'> = async ({ kind, suggestedName }, { services }) =>
  services.dialogs.saveFile(kind, suggestedName);
