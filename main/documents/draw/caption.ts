import { ink, type } from '../theme';
import type { PdfWriter } from '../writer';
import { wrapLines } from './wrap';

const captionLines = (w: PdfWriter, text: string) => ({
  lh: w.lineHeight('sansItalic', type.small, 1.5),
  lines: wrapLines(w, text, w.width, 'sansItalic', type.small),
});

/** The height drawCaption takes, for blocks that keep their caption on the page of their last lines. */
export function captionHeight(w: PdfWriter, text: string): number {
  const { lh, lines } = captionLines(w, text);
  return lines.length * lh;
}

/** Caption under a table, code block or chart; wraps instead of running past the margin. */
export function drawCaption(w: PdfWriter, text: string): void {
  const { lh, lines } = captionLines(w, text);
  w.ensure(lines.length * lh);
  lines.forEach((s, i) => w.line(s, w.left, w.y + i * lh, { font: 'sansItalic', size: type.small, color: ink.muted, width: w.width }));
  w.y += lines.length * lh;
}
