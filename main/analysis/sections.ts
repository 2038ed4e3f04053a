/**
 * A collector runs several commands in one `sh -c`; each is wrapped in begin/end marker lines carrying its
 * exit code, and splitSections() takes them apart again. Pure (no Node imports).
 */
import type { Note } from '../../shared/analysis/facts.js';

const BEGIN = '@@mhs:begin ';
const END = '@@mhs:end ';

/** Shell text for one section. `name` is a constant identifier; `cmd` a constant command (stderr merged). */
export function section(name: string, cmd: string): string {
  return `echo '${BEGIN}${name}'; ( ${cmd} ) 2>&1; printf '\\n${END}${name} %s\\n' "$?"`;
}

/** Whole collector command: C locale for stable output, then the sections. */
export function sections(parts: Array<[string, string]>): string {
  return ['export LC_ALL=C', ...parts.map(([n, c]) => section(n, c))].join('\n');
}

export interface SectionOutput {
  out: string;
  /** Exit code; undefined when the end marker is missing (output cut off). */
  rc?: number;
}

export function splitSections(raw: string): Map<string, SectionOutput> {
  const map = new Map<string, SectionOutput>();
  const lines = raw.split('\n');
  let name: string | undefined;
  let buf: string[] = [];
  const close = (rc?: number) => {
    if (name === undefined) return;
    // The end marker is printed after a newline of its own: drop that one empty line.
    if (rc !== undefined && buf.length && buf[buf.length - 1] === '') buf.pop();
    map.set(name, rc === undefined ? { out: buf.join('\n') } : { out: buf.join('\n'), rc });
    name = undefined;
    buf = [];
  };
  for (const line of lines) {
    if (line.startsWith(BEGIN)) {
      close();
      name = line.slice(BEGIN.length).trim();
      continue;
    }
    if (name !== undefined && line.startsWith(END + name + ' ')) {
      const rc = Number.parseInt(line.slice(END.length + name.length + 1), 10);
      close(Number.isFinite(rc) ? rc : undefined);
      continue;
    }
    if (name !== undefined) buf.push(line);
  }
  close();
  return map;
}

export const note = (key: string, params?: Record<string, string | number>): Note => (params ? { key: `analysis:notes.${key}`, params } : { key: `analysis:notes.${key}` });

const DENIED = /permission denied|must be root|must be super-user|access denied|operation not permitted|are not allowed|only root/i;

/**
 * Output of a section if it is usable; otherwise undefined plus a note saying why (tool missing, no
 * permission, failed). `okCodes` lists exit codes that still mean "output is valid".
 */
export function usable(secs: Map<string, SectionOutput>, name: string, notes: Note[], okCodes: number[] = [0]): string | undefined {
  const s = secs.get(name);
  if (!s) {
    notes.push(note('sectionMissing', { section: name }));
    return undefined;
  }
  if (s.rc === undefined) {
    notes.push(note('sectionTruncated', { section: name }));
    return s.out;
  }
  if (okCodes.includes(s.rc)) return s.out;
  if (s.rc === 127 || /: not found$|command not found/m.test(s.out)) notes.push(note('toolMissing', { section: name }));
  else if (s.rc === 126 || DENIED.test(s.out)) notes.push(note('permissionDenied', { section: name }));
  else notes.push(note('commandFailed', { section: name, exitCode: s.rc }));
  return undefined;
}

/** Integer from text; undefined unless it is a plain non-negative number. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const t = v.trim().replace(/B$/, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export const int = (v: unknown): number | undefined => {
  const n = num(v);
  return n === undefined ? undefined : Math.floor(n);
};

/** JSON.parse that returns undefined instead of throwing. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** "key: value" / "key = value" / "key<TAB>value" lines into a map (first occurrence wins). */
export function keyValues(text: string, sep: ':' | '=' | '\t'): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf(sep);
    if (i <= 0) continue;
    const k = line.slice(0, i).trim();
    if (!m.has(k)) m.set(k, line.slice(i + 1).trim());
  }
  return m;
}
