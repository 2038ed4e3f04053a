import { ink, type } from '../theme';
import type { PdfWriter } from '../writer';
import { wrapLines } from './wrap';

/** Caption under a table, code block or chart; wraps instead of running past the margin. */
export function drawCaption(w: PdfWriter, text: string): void {
  const lh = w.lineHeight('sansItalic', type.small, 1.5);
  const lines = wrapLines(w, text, w.width, 'sansItalic', type.small);
  w.ensure(lines.length * lh);
  lines.forEach((s, i) => w.line(s, w.left, w.y + i * lh, { font: 'sansItalic', size: type.small, color: ink.muted, width: w.width }));
  w.y += lines.length * lh;
}
