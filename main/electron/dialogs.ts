import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { BaseWindow, Dialog, Shell } from 'electron';
import type { FileKind } from '../../shared/contract/methods/project';
import type { DialogService } from '../services';

/** Filters and default extension per kind of file the user picks besides projects. */
const FILE_KINDS: Record<FileKind, { name: string; extensions: string[] }> = {
  collectorScript: { name: 'Shell script', extensions: ['sh'] },
  collectorBundle: { name: 'Collector output', extensions: ['txt', 'out', 'mhs-collect'] },
  auditJsonl: { name: 'JSON Lines', extensions: ['jsonl'] },
  auditCsv: { name: 'CSV', extensions: ['csv'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

/** A plain file name from a suggestion: no directories, no control or reserved characters. */
function safeFileName(suggestedName: string, fallback: string): string {
  const base = suggestedName.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').slice(0, 150);
  return base || fallback;
}

/** Native open/save dialogs for project files (*.mhs.json, plain *.json accepted when opening). */
export const PROJECT_EXTENSION = '.mhs.json';
const FILTERS = [
  { name: 'Mail HA Studio project', extensions: ['mhs.json'] },
  { name: 'JSON', extensions: ['json'] },
];

/** A file name from the renderer's suggestion: no directories, no control or reserved characters. */
export function projectFileName(suggestedName: string): string {
  const base = suggestedName
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/(^|\s)\.+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/\.mhs\.json$|\.json$/i, '')
    .slice(0, 120)
    .trim();
  return (base || 'project') + PROJECT_EXTENSION;
}

/** GTK save dialogs do not append the filter's extension; a name without .json gets .mhs.json. */
export function withProjectExtension(filePath: string): string {
  return /\.json$/i.test(filePath) ? filePath : filePath + PROJECT_EXTENSION;
}

/**
 * Only an existing, absolute *.pdf regular file is handed to the system: shell.openPath would just as well
 * start an executable or a .desktop file, and the path comes from the renderer.
 */
async function isOpenablePdf(p: string): Promise<boolean> {
  if (!path.isAbsolute(p) || !/\.pdf$/i.test(p)) return false;
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

export function createElectronDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  getWindow: () => BaseWindow | undefined,
  documentsDir: string,
  shell?: Pick<Shell, 'openPath'>,
): DialogService {
  return {
    ...(shell ? { openPath: async (p: string) => (await isOpenablePdf(p)) && (await shell.openPath(p)) === '' } : {}),
    async openProject() {
      const opts = { properties: ['openFile' as const], filters: FILTERS, defaultPath: documentsDir };
      const win = getWindow();
      const res = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      const chosen = res.canceled ? undefined : res.filePaths[0];
      return { native: true, path: chosen ?? null };
    },
    async openFile(kind) {
      const opts = { properties: ['openFile' as const], filters: [FILE_KINDS[kind], { name: '*', extensions: ['*'] }], defaultPath: documentsDir };
      const win = getWindow();
      const res = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return { native: true, path: res.canceled ? null : (res.filePaths[0] ?? null) };
    },
    async saveFile(kind, suggestedName) {
      const filter = FILE_KINDS[kind];
      const opts = {
        filters: [filter],
        defaultPath: path.join(documentsDir, safeFileName(suggestedName, `export.${filter.extensions[0]}`)),
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const win = getWindow();
      const res = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      return { native: true, path: res.canceled || !res.filePath ? null : res.filePath };
    },
    async saveProject(suggestedName) {
      const opts = {
        filters: FILTERS,
        defaultPath: path.join(documentsDir, projectFileName(suggestedName)),
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const win = getWindow();
      const res = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      return { native: true, path: res.canceled || !res.filePath ? null : withProjectExtension(res.filePath) };
    },
  };
}
