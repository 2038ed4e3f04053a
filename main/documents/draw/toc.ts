import type { Heading } from '../../../shared/documents/model';
import { ink, type } from '../theme';
import type { PdfWriter } from '../writer';
import { wrapLines } from './wrap';

export interface TocEntry {
  heading: Heading;
  page: number;
}

const indentOf = (level: number) => (level - 1) * 14;
const NUM_W = 34;
const PAGE_W = 28;

function entryLines(w: PdfWriter, h: Heading): string[] {
  const font = h.level === 1 ? 'sansBold' : 'sans';
  return wrapLines(w, h.text, w.width - indentOf(h.level) - NUM_W - PAGE_W - 10, font, type.body);
}

const lineH = (w: PdfWriter) => w.lineHeight('sans', type.body, 1.8);
const titleH = (w: PdfWriter) => w.lineHeight('sansBold', type.h1, 0) + 14;

/** Pages the contents will take, known before the content is drawn because the entries are known. */
export function tocPages(w: PdfWriter, headings: Heading[]): number {
  const body = w.bottom - w.top;
  let y = titleH(w);
  let pages = 1;
  for (const h of headings) {
    const hh = entryLines(w, h).length * lineH(w) + (h.level === 1 ? 3 : 0);
    if (y + hh > body) {
      pages++;
      y = 0;
    }
    y += hh;
  }
  return pages;
}

/** Draws the contents into the reserved pages, each entry a link to its heading. */
export function drawToc(w: PdfWriter, title: string, firstPage: number, entries: TocEntry[], pageLabel: (page: number) => string): void {
  let pageIdx = firstPage;
  w.doc.switchToPage(pageIdx);
  w.y = w.top;
  w.line(title, w.left, w.y, { font: 'sansBold', size: type.h1, color: ink.accent });
  w.y += titleH(w);
  for (const e of entries) {
    const h = e.heading;
    const lines = entryLines(w, h);
    const hh = lines.length * lineH(w) + (h.level === 1 ? 3 : 0);
    if (w.y + hh > w.bottom) {
      w.doc.switchToPage(++pageIdx);
      w.y = w.top;
    }
    if (h.level === 1) w.y += 3;
    const font = h.level === 1 ? 'sansBold' : 'sans';
    const x = w.left + indentOf(h.level);
    const y0 = w.y;
    if (h.number) w.line(h.number, x, w.y, { font, size: type.body, color: ink.text });
    lines.forEach((s, i) => w.line(s, x + (h.number ? NUM_W : 0), w.y + i * lineH(w), { font, size: type.body, color: ink.text }));
    const lastY = w.y + (lines.length - 1) * lineH(w);
    const textEnd = x + (h.number ? NUM_W : 0) + w.widthOf(lines[lines.length - 1] ?? '', font, type.body) + 4;
    const pageX = w.left + w.width - PAGE_W;
    // Dot leaders from the end of the title to the page number.
    const dotW = w.widthOf('. ', 'sans', type.body);
    const dots = Math.max(0, Math.floor((pageX - textEnd - 4) / dotW));
    if (dots > 0) w.line('. '.repeat(dots), pageX - 4 - dots * dotW, lastY, { font: 'sans', size: type.body, color: ink.muted, width: dots * dotW + 2 });
    w.line(pageLabel(e.page), pageX, lastY, { font, size: type.body, color: ink.text, width: PAGE_W, align: 'right' });
    w.doc.goTo(x, y0, w.left + w.width - x, lastY - y0 + lineH(w), h.id);
    w.y += lines.length * lineH(w);
  }
}
