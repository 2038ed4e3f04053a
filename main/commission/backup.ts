/**
 * Backups on the node itself: before a step changes a path, its original is copied into the project's backup
 * folder on that node, or, when it did not exist, the manifest says so. The first backup of a path wins: a
 * re-run, a resumed run or a later step writing the same path never overwrites the original. A path inside one
 * that is already backed up needs nothing of its own (restoring the outer one brings it back too).
 *
 * Layout: `<dir>/manifest` has one line per backed-up path, `<n> TAB file|missing TAB <path>`, and the copy of
 * item n is `<dir>/items/<n>` (cp -a: files, directories, symlinks with modes and owners). Numbered items
 * instead of a mirrored tree, because a directory and a file inside it may both need a backup.
 */
import { posix } from 'node:path';
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

function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let d = posix.dirname(path); d !== '/' && d !== '.'; d = posix.dirname(d)) out.unshift(d);
  return out;
}

// `inManifest P` is true when the manifest has a line for exactly P (paths are compared as strings, never as
// patterns: awk reads P from the environment, so no escape in a path is interpreted).
const HELPERS = [`inManifest() { P="$1" awk -F '\\t' '$3 == ENVIRON["P"] { f = 1 } END { exit !f }' "$m"; }`, `lookup() { P="$1" awk -F '\\t' '$3 == ENVIRON["P"] { print $1 "\\t" $2; exit }' "$m"; }`];

/** Idempotent; prints one line per path it actually backed up. */
export function backupCommand(dir: string, paths: readonly string[]): string {
  const d = shQuote(dir);
  const lines = ['set -e', 'umask 077', `b=${d}; m="$b/manifest"`, 'mkdir -p -- "$b/items"; touch -- "$m"', ...HELPERS];
  for (const raw of paths) {
    const p = checkedPath(raw);
    const covered = ancestors(p).map((a) => `inManifest ${shQuote(a)}`);
    lines.push(
      `p=${shQuote(p)}`,
      `if inManifest "$p"${covered.length ? ` || ${covered.join(' || ')}` : ''}; then :; else ` +
        'n=$(( $(wc -l < "$m") + 1 )); ' +
        'if [ -e "$p" ] || [ -L "$p" ]; then rm -rf -- "$b/items/$n.part"; cp -a -- "$p" "$b/items/$n.part"; mv -- "$b/items/$n.part" "$b/items/$n"; ' +
        `printf '%s\\tfile\\t%s\\n' "$n" "$p" >> "$m"; echo "backup: $p"; ` +
        `else printf '%s\\tmissing\\t%s\\n' "$n" "$p" >> "$m"; echo "backup: $p (did not exist)"; fi; fi`,
    );
  }
  return lines.join('\n');
}

/**
 * Puts the originals of the given paths back, in the given order (a path that did not exist is removed; a
 * path without a backup of its own is left alone). Copies beside the target first and renames, so an
 * interruption never leaves the path without either version. Idempotent.
 */
export function restoreCommand(dir: string, paths: readonly string[]): string {
  const lines = ['set -e', `b=${shQuote(dir)}; m="$b/manifest"; tab=$(printf '\\t')`, '[ -f "$m" ] || exit 0', ...HELPERS];
  for (const raw of paths) {
    lines.push(
      `p=${shQuote(checkedPath(raw))}`,
      'e=$(lookup "$p"); n=${e%%"$tab"*}; s=${e#*"$tab"}',
      'if [ -z "$e" ]; then :; ' +
        'elif [ "$s" = file ]; then mkdir -p -- "$(dirname -- "$p")"; rm -rf -- "$p.mhs-restore"; cp -a -- "$b/items/$n" "$p.mhs-restore"; rm -rf -- "$p"; mv -- "$p.mhs-restore" "$p"; echo "restored: $p"; ' +
        'elif [ -e "$p" ] || [ -L "$p" ]; then rm -rf -- "$p"; echo "removed: $p (did not exist before)"; fi',
    );
  }
  return lines.join('\n');
}

/** Every path ever backed up in the folder (for the final sweep of a rollback). */
export function manifestCommand(dir: string): string {
  return `cat -- ${shQuote(dir)}/manifest 2>/dev/null || true`;
}

/** The manifest's paths, newest backup first: restoring in this order puts an outer folder back before the files in it. */
export function parseManifest(text: string): string[] {
  const paths = text
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((f) => f.length >= 3 && /^\d+$/.test(f[0]!) && f[2]!.startsWith('/'))
    .map((f) => f.slice(2).join('\t'));
  return [...new Set(paths)].reverse();
}

/** After a complete rollback the originals are back in place: set the folder aside so a new run backs up afresh. */
export function retireBackupCommand(dir: string, stamp: string): string {
  const d = shQuote(dir);
  return `if [ -d ${d} ]; then mv -- ${d} ${shQuote(`${dir}.rolledback-${stamp}`)}; fi`;
}
