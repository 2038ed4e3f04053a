/**
 * The gate between a collector's parser and the project: everything a parser made of server output is
 * cleaned (shared/analysis/cleanText.ts), bounded in size, validated against the facts schema and checked
 * for plausibility. A value that fails is removed, on its own, with a translated note naming the field and
 * the value, so one bad figure makes its collector partial instead of ending the whole analysis. What passes
 * is exactly what the project schema accepts, so a project holding these facts always saves and opens. Pure.
 */
import { cleanServerText } from './cleanText';
import { FactsSchema, NoteSchema, type CollectorResult, type Facts, type Note } from './facts';
import { fieldLabel, getAt, removeAt, valueText, type Path } from './factPaths';
import { crossRules, ownRules, type Suspect } from './plausibility';

/** No configuration value, model name or path of a real server is this long; a multi-megabyte one is garbage. */
export const MAX_TEXT_CHARS = 4096;
/** Longest list or map per field (more means the tool printed nonsense, e.g. 20 000 listening sockets). */
export const MAX_ENTRIES: Record<string, number> = {
  'services.listeners': 1000,
  'services.units': 1000,
  'hardware.nics': 512,
  'os.packages': 5000,
  'postfix.mainCf': 2000,
  'postfix.mysqlMaps': 500,
  'mariadb.databases': 10_000,
  'mariadb.engines': 100,
  'mailVolume.days': 3700,
  'mailVolume.files': 1000,
  'data.domains': 100_000,
};
const DEFAULT_MAX_ENTRIES = 10_000;

const note = (key: string, collector: string, params: Record<string, string | number>): Note => ({ key: `analysis:notes.${key}`, params: { collector, ...params }, source: collector });

/** Facts text: cleaned, without carriage returns (CRLF from Windows-edited files becomes LF). */
function cleanText(s: string): string {
  const c = cleanServerText(s);
  return c.includes('\r') ? c.replace(/\r\n?/g, '\n') : c;
}

const schemaPath = (path: Path) => path.filter((k) => typeof k === 'string').join('.');

/** Deep copy with every string cleaned and every over-long text or list left out (with a note). */
function cleanDeep(v: unknown, path: (string | number)[], root: unknown, collector: string, notes: Note[]): unknown {
  if (typeof v === 'string') {
    const c = cleanText(v);
    if (c.length <= MAX_TEXT_CHARS) return c;
    notes.push(note('implausibleText', collector, { field: fieldLabel(root, path), chars: c.length }));
    return undefined;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : undefined;
  if (v === null || typeof v !== 'object') return v;
  const entries = Array.isArray(v) ? v.length : Object.keys(v).length;
  const max = MAX_ENTRIES[schemaPath(path)] ?? DEFAULT_MAX_ENTRIES;
  if (path.length > 0 && entries > max) {
    notes.push(note('implausibleList', collector, { field: fieldLabel(root, path), count: entries }));
    return undefined;
  }
  if (Array.isArray(v)) return v.map((x, i) => cleanDeep(x, [...path, i], root, collector, notes) ?? null).filter((x) => x !== null);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    // A key like this would change the object's prototype when the file is read back: never a fact.
    if (k === '__proto__') continue;
    const key = cleanText(k).slice(0, 200);
    const c = cleanDeep(x, [...path, key], root, collector, notes);
    if (c !== undefined) Object.defineProperty(out, key, { value: c, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function cleanNote(n: unknown): Note | undefined {
  const parsed = NoteSchema.safeParse(n);
  if (!parsed.success || !/^[a-z]+:[\w.]+$/.test(parsed.data.key)) return undefined;
  const params = parsed.data.params ? Object.fromEntries(Object.entries(parsed.data.params).filter(([k]) => k !== '__proto__').map(([k, v]) => [k, typeof v === 'string' ? cleanText(v).slice(0, 300) : Number.isFinite(v) ? v : 0])) : undefined;
  return { key: parsed.data.key, ...(params ? { params } : {}), ...(parsed.data.source ? { source: cleanText(parsed.data.source).slice(0, 40) } : {}) };
}

/** Removes every value the facts schema rejects, one note per value; returns schema-valid facts. */
function enforceSchema(facts: Record<string, unknown>, collector: string, notes: Note[]): void {
  for (let round = 0; round < 20; round++) {
    const r = FactsSchema.safeParse(facts);
    if (r.success) return;
    const doomed: Path[] = [];
    for (const issue of r.error.issues) {
      let p = issue.path as Path;
      let v = getAt(facts, p);
      // A required field is missing: the object it belongs in is what cannot be kept.
      while (v === undefined && p.length > 1) {
        p = p.slice(0, -1);
        v = getAt(facts, p);
      }
      if (p.length === 0) continue;
      notes.push(note('valueRejected', collector, { field: fieldLabel(facts, p), value: valueText(v) }));
      doomed.push(p);
    }
    if (!doomed.length) break;
    removeAt(facts, doomed);
  }
  // Should never be needed: anything still invalid goes as a whole section rather than break the project.
  const r = FactsSchema.safeParse(facts);
  if (!r.success) for (const k of new Set(r.error.issues.map((i) => String(i.path[0])))) delete facts[k];
}

function dropSuspects(facts: Record<string, unknown>, suspects: Suspect[], collector: string, notes: Note[]): void {
  if (!suspects.length) return;
  for (const s of suspects) notes.push(note('implausible', collector, { field: fieldLabel(facts, s.path), value: valueText(s.value) }));
  removeAt(facts, suspects.map((s) => s.path));
  // A required figure that went takes its entry with it (already named in the note above).
  enforceSchema(facts, collector, []);
}

/**
 * One collector's parser result, made safe to store: cleaned, bounded, schema-valid, plausible. Every value
 * that had to go is named in a note (so the collector counts as partial).
 */
export function checkCollectorResult(collector: string, result: CollectorResult): CollectorResult {
  const notes: Note[] = [];
  const { notes: parserNotes, ...rest } = (result ?? { notes: [] }) as CollectorResult;
  const facts = (cleanDeep(rest, [], rest, collector, notes) ?? {}) as Record<string, unknown>;
  enforceSchema(facts, collector, notes);
  dropSuspects(facts, ownRules[collector]?.(facts as Facts) ?? [], collector, notes);
  const kept = (Array.isArray(parserNotes) ? parserNotes : []).map(cleanNote).filter((n): n is Note => !!n);
  return { ...(facts as Omit<CollectorResult, 'notes'>), notes: [...kept, ...notes] };
}

/**
 * The merged facts of a whole run: compares collectors with each other (a mailbox larger than all disks),
 * removes what cannot be, notes it, and marks the collector whose value it was as partial.
 */
export function checkPlausibility(facts: Facts): Facts {
  const copy = structuredClone(facts) as Record<string, unknown> & Facts;
  const notes: Note[] = [];
  for (const { collector, rule } of crossRules) {
    const before = notes.length;
    dropSuspects(copy, rule(copy), collector, notes);
    const st = copy.collectors?.[collector];
    if (notes.length > before && st && st.status === 'ok') copy.collectors = { ...copy.collectors, [collector]: { ...st, status: 'partial' } };
  }
  return notes.length ? { ...copy, notes: [...(copy.notes ?? []), ...notes] } : facts;
}
