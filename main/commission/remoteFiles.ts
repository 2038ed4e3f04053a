/**
 * Shell snippets the executor runs on a node to read, inspect and write whole files. File content always
 * travels base64-encoded (binary-safe, and exec output is decoded as UTF-8); writes go to a temp file in the
 * target's folder and are renamed over it, so a crash leaves the old or the new file, never half of one.
 * Commands that print file content start with FILE_READ_MARKER so the audit log keeps a summary instead of
 * the content (see auditSink.ts).
 */
import { posix } from 'node:path';
import { AppError } from '../../shared/errors';
import { shQuote } from '../../shared/shell/quote';

export const FILE_READ_MARKER = ': mhs-file-read;';

/** Absolute, normalised, not the root: the only kind of path a step may write, back up or restore. */
export function checkedPath(p: string): string {
  const n = posix.normalize(p).replace(/\/+$/, '');
  if (!p.startsWith('/') || n === '' || n === '/' || /[\0\n\r\t]/.test(n) || p.split('/').includes('..')) throw new AppError('install:errors.badPath', { path: p });
  return n;
}

const MODE = /^[0-7]{3,4}$/;
const OWNER = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/;

export function checkedMode(mode: string): string {
  if (!MODE.test(mode)) throw new AppError('install:errors.badMode', { mode });
  return mode;
}

export function checkedOwner(owner: string | undefined): string {
  const o = owner ?? 'root:root';
  if (!OWNER.test(o)) throw new AppError('install:errors.badOwner', { owner: o });
  return o;
}

/**
 * Prints one header line `file SIZE MODE OWNER:GROUP SHA256` (or `missing` / `notafile`), then, unless
 * hashOnly (or the file is larger than maxBytes), the content as one base64 line.
 */
export function readFileCommand(path: string, opts: { hashOnly?: boolean; maxBytes?: number } = {}): string {
  const p = shQuote(checkedPath(path));
  const max = opts.maxBytes !== undefined ? Math.max(0, Math.floor(opts.maxBytes)) : undefined;
  const content = 'base64 -w0 < "$p"; echo';
  const body = opts.hashOnly ? '' : max !== undefined ? `; if [ "$(stat -L -c %s -- "$p")" -le ${max} ]; then ${content}; fi` : `; ${content}`;
  return (
    `${FILE_READ_MARKER} p=${p}; if [ -f "$p" ]; then ` +
    `printf 'file %s %s\\n' "$(stat -L -c '%s %a %U:%G' -- "$p")" "$(sha256sum < "$p" | cut -d' ' -f1)"${body}; ` +
    `elif [ -e "$p" ]; then echo notafile; else echo missing; fi`
  );
}

export interface RemoteFile {
  state: 'file' | 'missing' | 'notafile';
  size?: number;
  mode?: string;
  owner?: string;
  sha256?: string;
  content?: Buffer;
}

/** Parses readFileCommand's output; anything unexpected is an error naming the path. */
export function parseReadFile(path: string, stdout: string, hashOnly = false, maxBytes?: number): RemoteFile {
  const [head = '', body] = stdout.split('\n');
  if (head === 'missing') return { state: 'missing' };
  if (head === 'notafile') return { state: 'notafile' };
  const m = /^file (\d+) ([0-7]{3,4}) (\S+) ([0-9a-f]{64})$/.exec(head);
  if (!m) throw new AppError('install:errors.readFailed', { path }, stdout.slice(0, 200));
  const f: RemoteFile = { state: 'file', size: Number(m[1]), mode: m[2]!.padStart(4, '0'), owner: m[3]!, sha256: m[4]! };
  if (hashOnly || (maxBytes !== undefined && (f.size ?? 0) > maxBytes)) return f;
  f.content = Buffer.from((body ?? '').trim(), 'base64');
  if (f.content.length !== f.size) throw new AppError('install:errors.readFailed', { path }, `read ${f.content.length} of ${f.size} bytes`);
  return f;
}

/** Reads base64 from stdin and puts it in place atomically with mode and owner. Safe to run twice. */
export function writeFileCommand(path: string, mode: string, owner?: string): string {
  const p = shQuote(checkedPath(path));
  return (
    `set -e; p=${p}; d=$(dirname -- "$p"); mkdir -p -- "$d"; t=$(mktemp "$d/.mhs-write.XXXXXX"); ` +
    `trap 'rm -f -- "$t"' EXIT; base64 -d > "$t"; chown ${shQuote(checkedOwner(owner))} "$t"; chmod ${shQuote(checkedMode(mode))} "$t"; ` +
    `sync "$t" 2>/dev/null || true; mv -f -- "$t" "$p"; trap - EXIT`
  );
}

export const MAX_TRANSFER_BYTES = 8 * 1024 * 1024;

const FILE_MARK = '@@mhs-file ';

/**
 * Reads many files in one command: each readFileCommand output follows a `@@mhs-file <index>` line. Content
 * larger than MAX_TRANSFER_BYTES is left out (its size and hash say enough, and it could not be transferred).
 */
export function readFilesCommand(files: readonly { path: string; hashOnly: boolean }[]): string {
  return [FILE_READ_MARKER, ...files.map((f, i) => `echo '${FILE_MARK}${i}'; ${readFileCommand(f.path, { hashOnly: f.hashOnly, maxBytes: MAX_TRANSFER_BYTES })}`)].join('\n');
}

export function parseReadFiles(files: readonly { path: string; hashOnly: boolean }[], stdout: string): RemoteFile[] {
  const parts = new Map<number, string>();
  let cur: number | undefined;
  let buf: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith(FILE_MARK)) {
      if (cur !== undefined) parts.set(cur, buf.join('\n'));
      cur = Number(line.slice(FILE_MARK.length));
      buf = [];
    } else if (cur !== undefined) buf.push(line);
  }
  if (cur !== undefined) parts.set(cur, buf.join('\n'));
  return files.map((f, i) => {
    const part = parts.get(i);
    if (part === undefined) throw new AppError('install:errors.readFailed', { path: f.path }, 'no output for this file');
    return parseReadFile(f.path, part, f.hashOnly, MAX_TRANSFER_BYTES);
  });
}
