/**
 * Backups on the node itself: before a step changes a file, its original is copied into the project's backup
 * folder on that node (`<dir>/files/<path>`), or, when it did not exist, a marker (`<dir>/missing/<path>`)
 * says so. The first backup of a path wins: a re-run, a resumed run or a later step writing the same file
 * never overwrites the original, so rollback always returns to the state before commissioning began.
 */
import { shQuote } from '../../shared/shell/quote';
import type { Step } from '../../shared/commission/types';
import { checkedPath } from './remoteFiles';

export const DEFAULT_BACKUP_ROOT = '/var/backups/mail-ha-studio';

export function backupDirFor(projectId: string, root = DEFAULT_BACKUP_ROOT): string {
  return `${checkedPath(root)}/${projectId}`;
}

/** Every path a step changes and must be able to put back: its writes and transfers, and backupPaths. */
export function stepPaths(step: Step): string[] {
  const paths = step.apply.flatMap((a) => (a.kind === 'write' ? [a.path] : a.kind === 'transfer' ? [a.toPath] : []));
  return [...new Set([...paths, ...(step.backupPaths ?? [])].map(checkedPath))];
}

function perPath(dir: string, path: string, body: string): string {
  return `p=${shQuote(checkedPath(path))}; f=${shQuote(dir)}/files"$p"; m=${shQuote(dir)}/missing"$p"; ${body}`;
}

/** Idempotent; prints one line per path it actually backed up. */
export function backupCommand(dir: string, paths: readonly string[]): string {
  const body =
    'if [ ! -e "$f" ] && [ ! -L "$f" ] && [ ! -e "$m" ]; then ' +
    'if [ -e "$p" ] || [ -L "$p" ]; then mkdir -p -- "$(dirname -- "$f")"; rm -rf -- "$f.part"; cp -a -- "$p" "$f.part"; mv -- "$f.part" "$f"; echo "backup: $p"; ' +
    'else mkdir -p -- "$(dirname -- "$m")"; : > "$m"; echo "backup: $p (did not exist)"; fi; ' +
    `printf '%s\\n' "$p" >> ${shQuote(dir)}/manifest; fi`;
  return ['set -e', 'umask 077', `mkdir -p -- ${shQuote(dir)}`, ...paths.map((p) => perPath(dir, p, body))].join('; ');
}

/**
 * Puts the originals back (a path that did not exist is removed). Copies beside the target first and renames,
 * so an interruption never leaves the path without either version. Idempotent.
 */
export function restoreCommand(dir: string, paths: readonly string[]): string {
  const body =
    'if [ -e "$f" ] || [ -L "$f" ]; then mkdir -p -- "$(dirname -- "$p")"; rm -rf -- "$p.mhs-restore"; cp -a -- "$f" "$p.mhs-restore"; rm -rf -- "$p"; mv -- "$p.mhs-restore" "$p"; echo "restored: $p"; ' +
    'elif [ -e "$m" ]; then if [ -e "$p" ] || [ -L "$p" ]; then rm -rf -- "$p"; echo "removed: $p (did not exist before)"; fi; fi';
  return ['set -e', ...paths.map((p) => perPath(dir, p, body))].join('; ');
}

/** Every path ever backed up in the folder, one per line (for the final sweep of a rollback). */
export function manifestCommand(dir: string): string {
  return `cat -- ${shQuote(dir)}/manifest 2>/dev/null || true`;
}

export function parseManifest(text: string): string[] {
  return [...new Set(text.split('\n').filter((l) => l.startsWith('/')))];
}

/** After a complete rollback the originals are back in place: set the folder aside so a new run backs up afresh. */
export function retireBackupCommand(dir: string, stamp: string): string {
  const d = shQuote(dir);
  return `if [ -d ${d} ]; then mv -- ${d} ${shQuote(`${dir}.rolledback-${stamp}`)}; fi`;
}
