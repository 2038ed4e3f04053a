/** MariaDB facts from `mariadb -N -B -e` queries on information_schema (tab-separated rows). Pure. */
import type { CollectorResult, Mariadb, Note } from '../../../shared/analysis/facts.js';
import { int, note, num, splitSections, usable } from '../sections.js';

const rows = (text: string): string[][] => text.split('\n').filter((l) => l.includes('\t') || /^\S+$/.test(l)).map((l) => l.split('\t'));

export function parseVars(text: string): Partial<Mariadb> {
  const out: Partial<Mariadb> = {};
  for (const [k, v] of rows(text)) {
    if (!k || v === undefined) continue;
    if (k === 'version' && /^\d+\.\d+/.test(v)) out.version = v;
    else if (k === 'datadir' && v.startsWith('/')) out.datadir = v;
    else if (k === 'innodb_buffer_pool_size') {
      const n = num(v);
      if (n !== undefined) out.innodbBufferPoolSizeBytes = n;
    }
  }
  return out;
}

export function parseDatabases(text: string): NonNullable<Mariadb['databases']> {
  const out: NonNullable<Mariadb['databases']> = [];
  for (const [name, size, tables] of rows(text)) {
    if (!name || size === undefined) continue;
    const s = num(size), t = int(tables);
    out.push({ name, ...(s !== undefined ? { sizeBytes: s } : {}), ...(t !== undefined ? { tables: t } : {}) });
  }
  return out;
}

export function parseEngines(text: string): NonNullable<Mariadb['engines']> {
  const out: NonNullable<Mariadb['engines']> = [];
  for (const [name, tables, size] of rows(text)) {
    if (!name || tables === undefined || !/^\w+$/.test(name)) continue;
    const s = num(size), t = int(tables);
    out.push({ name, ...(t !== undefined ? { tables: t } : {}), ...(s !== undefined ? { sizeBytes: s } : {}) });
  }
  return out;
}

export function parseMariadb(raw: string): CollectorResult {
  const secs = splitSections(raw);
  const notes: Note[] = [];
  const vars = usable(secs, 'vars', notes);
  if (vars === undefined) return { notes: [...notes, note('mariadb.notAvailable')] };
  const m: Mariadb = { ...parseVars(vars) };
  const dbs = usable(secs, 'databases', notes);
  if (dbs !== undefined) m.databases = parseDatabases(dbs);
  const eng = usable(secs, 'engines', notes);
  if (eng !== undefined) m.engines = parseEngines(eng);
  if (m.engines?.some((e) => e.name.toLowerCase() === 'myisam' || e.name.toLowerCase() === 'aria')) notes.push(note('mariadb.nonInnodbTables'));
  return { mariadb: m, notes };
}
