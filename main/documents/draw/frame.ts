import type { DocModel } from '../../../shared/documents/model';
import { ink, page, type } from '../theme';
import type { PdfWriter } from '../writer';

/** Running header and footer with "page n of N" on every page but the cover, drawn once all pages exist. */
export function drawFrames(w: PdfWriter, m: DocModel, pageCount: number, skipFirst: boolean): void {
  const d = w.doc;
  const c = { w, lang: m.lang };
  const headY = page.marginTop - 30;
  const footY = page.height - page.marginBottom + 14;
  for (let i = skipFirst ? 1 : 0; i < pageCount; i++) {
    d.switchToPage(i);
    const right = m.header.right;
    const rightW = w.widthOf(right, 'sans', type.header) + 2;
    const leftW = w.width - rightW - 20;
    w.line(fit(c, m.header.left, leftW), w.left, headY, { font: 'sans', size: type.header, color: ink.muted, width: leftW });
    w.line(right, w.left + w.width - rightW, headY, { font: 'sans', size: type.header, color: ink.muted, width: rightW, align: 'right' });
    d.save().lineWidth(0.5).strokeColor(ink.rule).moveTo(w.left, headY + 12).lineTo(w.left + w.width, headY + 12).stroke().restore();
    d.save().lineWidth(0.5).strokeColor(ink.rule).moveTo(w.left, footY - 5).lineTo(w.left + w.width, footY - 5).stroke().restore();
    const label = m.footer.pageLabel.replace('{n}', String(i + 1)).replace('{total}', String(pageCount));
    const labelW = w.widthOf(label, 'sans', type.header) + 2;
    w.line(fit(c, m.footer.left, w.width - labelW - 20), w.left, footY, { font: 'sans', size: type.header, color: ink.muted, width: w.width - labelW - 20 });
    w.line(label, w.left + w.width - labelW, footY, { font: 'sans', size: type.header, color: ink.muted, width: labelW, align: 'right' });
  }
}

function fit(c: { w: PdfWriter; lang: 'de' | 'en' }, text: string, width: number): string {
  const size = type.header;
  if (c.w.widthOf(text, 'sans', size) <= width) return text;
  let s = text;
  while (s.length > 1 && c.w.widthOf(`${s}…`, 'sans', size) > width) s = s.slice(0, Math.floor(s.length * 0.9));
  return `${s}…`;
}
