import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The user's documents folder where no native dialog can say it (browser mode, CLI): XDG_DOCUMENTS_DIR from
 * the environment or ~/.config/user-dirs.dirs (a German desktop calls it ~/Dokumente), else ~/Documents or
 * ~/Dokumente if present, else the home folder. Never the server's working directory.
 */
export function documentsDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  const expand = (p: string) => p.replace(/^\$HOME(?=\/|$)/, home).replace(/^~(?=\/|$)/, home);
  if (env.XDG_DOCUMENTS_DIR) return expand(env.XDG_DOCUMENTS_DIR);
  try {
    const dirs = readFileSync(path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'user-dirs.dirs'), 'utf8');
    const m = /^XDG_DOCUMENTS_DIR="([^"]+)"/m.exec(dirs);
    if (m?.[1]) return expand(m[1]);
  } catch {
    // No user-dirs file: fall back to the usual names.
  }
  for (const name of ['Documents', 'Dokumente']) if (existsSync(path.join(home, name))) return path.join(home, name);
  return home;
}

/** A project file name from the customer and title: umlauts and ß kept, only what no file system takes replaced. */
export function projectFileName(suggestedName: string): string {
  const base = suggestedName
    .replace(/\.mhs\.json$|\.json$/i, '')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 120)
    .trim();
  return `${base || 'Projekt'}.mhs.json`;
}

/** Where a path typed without a folder goes: into the documents folder, never the process's working directory. */
export function resolveProjectPath(p: string, docs = documentsDir()): string {
  const expanded = p.replace(/^~(?=\/|$)/, os.homedir());
  return path.isAbsolute(expanded) ? expanded : path.join(docs, expanded);
}
