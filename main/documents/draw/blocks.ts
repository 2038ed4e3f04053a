import type { CodeBlock, FillIn, Signatures } from '../../../shared/documents/model';
import { ink, type } from '../theme';
import type { PdfWriter } from '../writer';
import { drawCaption } from './caption';
import { wrapLines } from './wrap';

/** Commands and config excerpts: monospaced on a grey band, long lines wrapped with an indent. */
export function drawCode(w: PdfWriter, c: CodeBlock): void {
  const pad = 5;
  const lineH = w.lineHeight('mono', type.code, 1.4);
  const inner = w.width - 2 * pad;
  // Tabs as four spaces: config files indent with them, and a tab has no width of its own in the PDF.
  const lines = c.lines.flatMap((l) => wrapLines(w, l.replace(/\t/g, '    '), inner, 'mono', type.code).map((s, i) => (i === 0 ? s : `\u00a0\u00a0${s}`)));
  w.ensure(Math.min(lines.length, 4) * lineH + 2 * pad);
  w.y += 2;
  let i = 0;
  while (i < lines.length) {
    const fit = Math.max(1, Math.floor((w.room - 2 * pad) / lineH));
    const chunk = lines.slice(i, i + fit);
    const h = chunk.length * lineH + 2 * pad;
    w.doc.save().rect(w.left, w.y, w.width, h).fill(ink.codeBg).restore();
    chunk.forEach((s, k) => w.line(s, w.left + pad, w.y + pad + k * lineH, { font: 'mono', size: type.code, color: ink.text }));
    w.y += h;
    i += chunk.length;
    if (i < lines.length) w.addPage();
  }
  if (c.caption) {
    w.y += 2;
    drawCaption(w, c.caption);
  }
  w.y += 8;
}

/** Signature boxes side by side: place/date line, signature line, role and name beneath. */
export function drawSignatures(w: PdfWriter, s: Signatures): void {
  const gap = 24;
  const n = Math.max(1, s.fields.length);
  const bw = (w.width - gap * (n - 1)) / n;
  const h = 92;
  w.ensure(h + 10);
  w.y += 10;
  s.fields.forEach((f, i) => {
    const x = w.left + i * (bw + gap);
    const d = w.doc.save().lineWidth(0.6).strokeColor(ink.text);
    d.moveTo(x, w.y + 26).lineTo(x + bw, w.y + 26).stroke();
    d.moveTo(x, w.y + 66).lineTo(x + bw, w.y + 66).stroke().restore();
    w.line(s.placeDateLabel, x, w.y + 29, { font: 'sans', size: type.small, color: ink.muted });
    w.line(`${s.signatureLabel} ${f.role}`, x, w.y + 69, { font: 'sans', size: type.small, color: ink.muted, width: bw });
    w.line(f.name, x, w.y + 80, { font: 'sansBold', size: type.small + 0.5, color: ink.text, width: bw });
  });
  w.y += h + 6;
}

/** Labelled blank lines to fill in by hand. */
export function drawFillIn(w: PdfWriter, f: FillIn): void {
  for (const label of f.labels) {
    w.ensure(30);
    w.y += 18;
    w.doc.save().lineWidth(0.5).strokeColor(ink.text).moveTo(w.left, w.y).lineTo(w.left + w.width, w.y).stroke().restore();
    w.line(label, w.left, w.y + 2, { font: 'sans', size: type.small, color: ink.muted });
    w.y += 12;
  }
  w.y += 6;
}
