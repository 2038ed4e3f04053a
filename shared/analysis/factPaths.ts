/**
 * Reading, naming and removing values inside a facts object by path (as zod issues give them). Pure.
 * Used to drop exactly the one value that is wrong instead of the whole analysis.
 */

export type Path = readonly (string | number)[];

export function getAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/** Array elements that say which thing they are, so a field reads `storage.filesystems[/dev/sda1].usedBytes`. */
const IDENTITY = ['name', 'source', 'domain', 'mountpoint', 'date', 'address'] as const;

/** A path as people read it: dots between keys, array elements by their name where they have one. */
export function fieldLabel(root: unknown, path: Path): string {
  let label = '';
  let v: unknown = root;
  for (const k of path) {
    const parent = v;
    v = parent !== null && typeof parent === 'object' ? (parent as Record<string | number, unknown>)[k] : undefined;
    if (typeof k === 'number') {
      const id = v !== null && typeof v === 'object' ? IDENTITY.map((f) => (v as Record<string, unknown>)[f]).find((x) => typeof x === 'string' && x !== '') : undefined;
      label += `[${typeof id === 'string' ? id.slice(0, 40) : k}]`;
    } else label += label ? `.${k}` : k;
  }
  return label;
}

/** Short text of a value for a note: numbers and strings as they are (bounded), anything else as JSON. */
export function valueText(v: unknown, max = 60): string {
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number' || typeof v === 'boolean') s = String(v);
  else if (v === undefined) s = '–';
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Removes the values at the given paths (array elements are spliced out, deepest and highest index first, so
 * earlier removals do not shift later ones). Mutates `root`.
 */
export function removeAt(root: unknown, paths: readonly Path[]): void {
  const sorted = [...paths].sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] === b[i]) continue;
      if (typeof a[i] === 'number' && typeof b[i] === 'number') return (b[i] as number) - (a[i] as number);
      return String(a[i]) < String(b[i]) ? -1 : 1;
    }
    return b.length - a.length;
  });
  const done = new Set<string>();
  for (const p of sorted) {
    const key = JSON.stringify(p);
    if (done.has(key) || p.length === 0) continue;
    done.add(key);
    const parent = getAt(root, p.slice(0, -1));
    const last = p[p.length - 1] as string | number;
    if (Array.isArray(parent) && typeof last === 'number') {
      if (last < parent.length) parent.splice(last, 1);
    } else if (parent !== null && typeof parent === 'object') delete (parent as Record<string | number, unknown>)[last];
  }
}
