/**
 * Append-only audit log per project: one JSON object per line (JSONL) in a file the caller chooses. Every
 * command the SSH engine runs and every login it attempts (kind 'connect', failed ones with their reason) is
 * recorded with host, user, timing, exit status and bounded output. Secrets (the
 * sudo/login password and anything registered with addSecret) are replaced by [REDACTED] before anything is
 * written. Reading back is paged; export writes JSONL or CSV.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { boundText, redactDeep } from './redact';
import type { AuditEntry, AuditSink } from './types';

export type { AuditEntry, AuditSink } from './types';

export interface AuditLogOptions {
  /** Bytes kept from the start and from the end of stdout and of stderr (default 8 KiB each). */
  outputLimitBytes?: number;
  secrets?: Iterable<string>;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Number of readable entries in the file. */
  total: number;
  /** Offset for the next page, absent on the last page. */
  nextOffset?: number;
}

export const AUDIT_CSV_COLUMNS = [
  'id',
  'startedAt',
  'host',
  'port',
  'user',
  'via',
  'sudo',
  'command',
  'durationMs',
  'exitCode',
  'signal',
  'errorCode',
  'attempt',
  'outputTruncated',
  'stdout',
  'stderr',
  // Added later, at the end so spreadsheets built on the older columns keep working.
  'kind',
  'detail',
] as const satisfies readonly (keyof AuditEntry)[];

export class AuditLog implements AuditSink {
  private readonly secrets = new Set<string>();
  private readonly limit: number;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly filePath: string,
    opts: AuditLogOptions = {},
  ) {
    this.limit = opts.outputLimitBytes ?? 8 * 1024;
    for (const s of opts.secrets ?? []) this.addSecret(s);
  }

  /** Registers a string that must never appear in the log (passwords, tokens ...). */
  addSecret(secret: string): void {
    if (secret) this.secrets.add(secret);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Redacts, bounds and appends one entry. Entries are written in call order. */
  record(entry: AuditEntry): Promise<void> {
    const clean = redactDeep({ ...entry, id: entry.id || randomUUID() }, this.secrets);
    const out = boundText(clean.stdout, this.limit);
    const err = boundText(clean.stderr, this.limit);
    const line = JSON.stringify({ ...clean, stdout: out.text, stderr: err.text, outputTruncated: clean.outputTruncated || out.truncated || err.truncated }) + '\n';
    return this.serial(async () => {
      await mkdir(dirname(this.filePath), { recursive: true });
      await appendFile(this.filePath, line, { encoding: 'utf8', mode: 0o600, flag: 'a' });
    });
  }

  private async readAll(): Promise<AuditEntry[]> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const entries: AuditEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        // A torn last line after a crash: skip it, keep the rest readable.
      }
    }
    return entries;
  }

  /** Oldest first. */
  read(opts: { offset?: number; limit?: number } = {}): Promise<AuditPage> {
    return this.serial(async () => {
      const all = await this.readAll();
      const offset = Math.max(0, opts.offset ?? 0);
      const limit = Math.max(1, opts.limit ?? 100);
      const entries = all.slice(offset, offset + limit);
      const next = offset + entries.length;
      return { entries, total: all.length, ...(next < all.length ? { nextOffset: next } : {}) };
    });
  }

  /** Writes all entries to destPath as JSONL or CSV (RFC 4180, UTF-8 with BOM so spreadsheet apps read umlauts). */
  export(destPath: string, format: 'jsonl' | 'csv'): Promise<number> {
    return this.serial(async () => {
      const all = await this.readAll();
      const body = format === 'jsonl' ? all.map((e) => JSON.stringify(e) + '\n').join('') : toCsv(all);
      await mkdir(dirname(destPath), { recursive: true });
      await writeFile(destPath, body, { encoding: 'utf8', mode: 0o600 });
      return all.length;
    });
  }
}

export function toCsv(entries: readonly AuditEntry[]): string {
  const rows = [AUDIT_CSV_COLUMNS.join(',')];
  for (const e of entries) rows.push(AUDIT_CSV_COLUMNS.map((c) => csvCell(e[c])).join(','));
  return '\uFEFF' + rows.join('\r\n') + '\r\n';
}

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  let s = String(v);
  // Spreadsheet formula injection: a cell starting with = + - @ (or tab/CR) would be evaluated. Numbers stay.
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}
