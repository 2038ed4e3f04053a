/**
 * The live output of a run, bounded: a chatty step (apt-get, rsync, a DRBD resync) must not grow the page
 * without end. Lines keep the step and node they came from, so the view can show the running step's lines.
 */
import type { NodeRole } from '../../../shared/commission/types';
import { visibleText } from './visibleText';

export interface OutLine {
  n: number;
  stepId: string;
  node: NodeRole;
  stream: 'stdout' | 'stderr' | 'info';
  text: string;
}

export const OUTPUT_LIMIT = 1000;
/** One line longer than this is cut: a progress bar without newlines would otherwise be one huge line. */
export const LINE_LIMIT = 2000;

export interface Chunk {
  stepId: string;
  node: NodeRole;
  stream: OutLine['stream'];
  text: string;
}

/**
 * Splits chunks into lines (a carriage return without newline overwrites the line, as a terminal shows
 * progress) and keeps only the newest `limit` lines. `next` is the number of the first new line.
 */
export function appendOutput(lines: readonly OutLine[], chunks: readonly Chunk[], next: number, limit = OUTPUT_LIMIT): { lines: OutLine[]; next: number } {
  const out = lines.slice();
  let n = next;
  for (const c of chunks) {
    const parts = c.text.split('\n');
    if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    for (const raw of parts) {
      const cr = raw.replace(/\r+$/, '').split('\r');
      const last = cr[cr.length - 1] ?? '';
      const text = visibleText(last.length > LINE_LIMIT ? `${last.slice(0, LINE_LIMIT)}…` : last);
      out.push({ n: n++, stepId: c.stepId, node: c.node, stream: c.stream, text });
    }
  }
  return { lines: out.length > limit ? out.slice(out.length - limit) : out, next: n };
}
