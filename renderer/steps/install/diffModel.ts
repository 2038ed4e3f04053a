/**
 * A unified diff (as the dry run sends it, made by the `diff` library in main) turned into rows the diff view
 * renders: hunk headers, added, removed and context lines with their line numbers in the old and new file.
 * Parsing uses the same library (parsePatch) instead of a second hand-written reader.
 */
import { parsePatch } from 'diff';
import { visibleText } from './visibleText';

export type DiffRowKind = 'hunk' | 'add' | 'del' | 'ctx' | 'note';

export interface DiffRow {
  kind: DiffRowKind;
  oldNo?: number;
  newNo?: number;
  text: string;
}

export interface DiffModel {
  rows: DiffRow[];
  added: number;
  removed: number;
  /** More rows than the view shows (the counts are still exact). */
  truncated: boolean;
  /** The file does not exist yet on the node. */
  created: boolean;
}

/** Files the plan writes are configs; a few thousand rows is far more than any of them needs. */
export const MAX_DIFF_ROWS = 4000;

export function diffModel(patch: string, maxRows = MAX_DIFF_ROWS): DiffModel {
  const rows: DiffRow[] = [];
  let added = 0;
  let removed = 0;
  let truncated = false;
  let created = false;
  const push = (r: DiffRow) => {
    if (rows.length < maxRows) rows.push(r);
    else truncated = true;
  };
  let files: ReturnType<typeof parsePatch>;
  try {
    files = parsePatch(patch);
  } catch {
    // Not a patch after all: show it as it is rather than nothing.
    return { rows: patch.split('\n').slice(0, maxRows).map((l) => ({ kind: 'note', text: visibleText(l) })), added: 0, removed: 0, truncated: patch.split('\n').length > maxRows, created: false };
  }
  for (const f of files) {
    if (f.oldFileName === '/dev/null') created = true;
    for (const h of f.hunks) {
      push({ kind: 'hunk', text: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@` });
      let o = h.oldStart;
      let n = h.newStart;
      for (const line of h.lines) {
        const mark = line[0];
        const text = visibleText(line.slice(1));
        if (mark === '+') {
          added++;
          push({ kind: 'add', newNo: n++, text });
        } else if (mark === '-') {
          removed++;
          push({ kind: 'del', oldNo: o++, text });
        } else if (mark === '\\') push({ kind: 'note', text: line.slice(2) });
        else push({ kind: 'ctx', oldNo: o++, newNo: n++, text });
      }
    }
  }
  return { rows, added, removed, truncated, created };
}
