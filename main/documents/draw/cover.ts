import type { Cover } from '../../../shared/documents/model';
import { ink, type } from '../theme';
import type { PdfWriter } from '../writer';
import { wrapLines } from './wrap';

/** Title page: overline, title, subtitle, then the people and dates in the lower half, blank lines to sign. */
export function drawCover(w: PdfWriter, c: Cover): void {
  const d = w.doc;
  let y = w.top + 70;
  d.save().rect(w.left, y - 18, 60, 4).fill(ink.accent).restore();
  for (const s of wrapLines(w, c.overline, w.width, 'sans', 10.5)) {
    w.line(s, w.left, y, { font: 'sans', size: 10.5, color: ink.muted });
    y += 14;
  }
  y += 18;
  for (const s of wrapLines(w, c.title, w.width, 'sansBold', 24)) {
    w.line(s, w.left, y, { font: 'sansBold', size: 24, color: ink.text });
    y += 30;
  }
  y += 6;
  for (const s of wrapLines(w, c.subtitle, w.width, 'sans', 14)) {
    w.line(s, w.left, y, { font: 'sans', size: 14, color: ink.accent });
    y += 19;
  }
  y = Math.max(y + 40, w.top + 400);
  const labelW = w.width * 0.34;
  const lh = w.lineHeight('sans', type.body, 3);
  for (const [label, value] of c.lines) {
    const vs = wrapLines(w, value || '–', w.width - labelW, 'sans', type.body);
    w.line(label, w.left, y, { font: 'sansBold', size: type.body, color: ink.text, width: labelW - 6 });
    vs.forEach((s, i) => w.line(s, w.left + labelW, y + i * lh, { font: 'sans', size: type.body, color: ink.text }));
    y += vs.length * lh + 2;
  }
  for (const label of c.fillIns ?? []) {
    y += 26;
    d.save().lineWidth(0.5).strokeColor(ink.text).moveTo(w.left + labelW, y).lineTo(w.left + w.width, y).stroke().restore();
    w.line(label, w.left, y - 11, { font: 'sansBold', size: type.body, color: ink.text, width: labelW - 6 });
  }
}
