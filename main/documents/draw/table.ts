import type { KeyValues, Table } from '../../../shared/documents/model';
import type { FontName } from '../fonts';
import { ink, type } from '../theme';
import type { PdfWriter } from '../writer';
import { drawCaption } from './caption';
import { wrapLines } from './wrap';

const PAD_X = 3.5;
const PAD_Y = 2.6;

interface Layout {
  widths: number[];
  lineH: number;
}

function layout(w: PdfWriter, t: Table): Layout {
  const total = t.columns.reduce((s, c) => s + c.width, 0) || 1;
  return { widths: t.columns.map((c) => (c.width / total) * w.width), lineH: w.lineHeight('sans', type.table, 1.2) };
}

function cellFont(t: Table, col: number, bold: boolean): FontName {
  if (t.columns[col]?.mono) return bold ? 'monoBold' : 'mono';
  return bold ? 'sansBold' : 'sans';
}

function drawRow(w: PdfWriter, t: Table, l: Layout, cells: string[][], opts: { bold: boolean; fill?: string; ruleAbove?: boolean }): void {
  const lines = Math.max(1, ...cells.map((c) => c.length));
  const h = lines * l.lineH + 2 * PAD_Y;
  const d = w.doc;
  if (opts.fill) d.save().rect(w.left, w.y, w.width, h).fill(opts.fill).restore();
  d.save().lineWidth(opts.ruleAbove ? 0.9 : 0.4).strokeColor(opts.ruleAbove ? ink.text : ink.rule);
  d.moveTo(w.left, w.y).lineTo(w.left + w.width, w.y).stroke().restore();
  let x = w.left;
  cells.forEach((cellLines, i) => {
    const cw = l.widths[i]!;
    const col = t.columns[i]!;
    cellLines.forEach((text, k) => {
      w.line(text, x + PAD_X, w.y + PAD_Y + k * l.lineH, {
        font: cellFont(t, i, opts.bold), size: type.table, color: ink.text, width: cw - 2 * PAD_X, align: col.align ?? 'left',
      });
    });
    x += cw;
  });
  w.y += h;
}

/**
 * A table that breaks across pages: the header row is repeated on every page and a row taller than the
 * room left is split line by line, so no cell is ever clipped or runs off the page.
 */
export function drawTable(w: PdfWriter, t: Table): void {
  const l = layout(w, t);
  const wrapCells = (row: string[], bold: boolean) =>
    t.columns.map((c, i) => wrapLines(w, row[i] ?? '', l.widths[i]! - 2 * PAD_X, cellFont(t, i, bold), type.table));
  const head = wrapCells(t.columns.map((c) => c.title), true);
  const headH = Math.max(...head.map((c) => c.length)) * l.lineH + 2 * PAD_Y;
  const header = () => drawRow(w, t, l, head, { bold: true, fill: ink.tableHead });
  const captionH = t.caption ? w.lineHeight('sansItalic', type.small, 2) + 2 : 0;
  const totals = new Set(t.totalRows ?? []);

  const first = t.rows[0] ? wrapCells(t.rows[0], totals.has(0)) : [];
  w.ensure(headH + Math.min(3, Math.max(1, ...first.map((c) => c.length))) * l.lineH + 2 * PAD_Y + captionH);
  header();
  t.rows.forEach((row, r) => {
    let cells = wrapCells(row, totals.has(r));
    const fill = r % 2 === 1 ? ink.tableZebra : undefined;
    for (;;) {
      const lines = Math.max(1, ...cells.map((c) => c.length));
      // The last row keeps the caption on its page (a caption alone atop the next page reads as lost), and a
      // totals row at the end keeps the row above it: a sum alone under a repeated header sums nothing visible.
      const n = t.rows.length;
      const lastH = () => Math.max(1, ...wrapCells(t.rows[n - 1]!, true).map((c) => c.length)) * l.lineH + 2 * PAD_Y;
      const tail = r === n - 1 ? captionH + 3 : r === n - 2 && totals.has(n - 1) ? captionH + 3 + lastH() : 0;
      const fits = Math.floor((w.room - tail - 2 * PAD_Y) / l.lineH);
      if (lines <= fits) {
        drawRow(w, t, l, cells, { bold: totals.has(r), ...(fill ? { fill } : {}), ruleAbove: totals.has(r) });
        break;
      }
      if (fits >= 2) {
        // Split the row: as many lines as fit here, the rest on the next page under a repeated header.
        drawRow(w, t, l, cells.map((c) => c.slice(0, fits)), { bold: totals.has(r), ...(fill ? { fill } : {}) });
        cells = cells.map((c) => c.slice(fits));
      }
      w.addPage();
      header();
    }
  });
  w.doc.save().lineWidth(0.6).strokeColor(ink.rule).moveTo(w.left, w.y).lineTo(w.left + w.width, w.y).stroke().restore();
  if (t.caption) {
    w.y += 3;
    drawCaption(w, t.caption);
  }
  w.y += 8;
}

/** Label/value pairs: a two-column table without a header, labels bold. */
export function drawKeyValues(w: PdfWriter, kv: KeyValues): void {
  const labelW = w.width * 0.32;
  const lineH = w.lineHeight('sans', type.body, 2);
  for (const [label, value] of kv.rows) {
    const ls = wrapLines(w, label, labelW - 8, 'sansBold', type.body);
    const vs = wrapLines(w, value, w.width - labelW, 'sans', type.body);
    const n = Math.max(ls.length, vs.length);
    w.ensure(Math.min(n, 3) * lineH + 3);
    for (let i = 0; i < n; i++) {
      // Long values continue on the next page line by line.
      if (lineH > w.room) w.addPage();
      if (ls[i]) w.line(ls[i]!, w.left, w.y, { font: 'sansBold', size: type.body, color: ink.text });
      if (vs[i]) w.line(vs[i]!, w.left + labelW, w.y, { font: 'sans', size: type.body, color: ink.text });
      w.y += lineH;
    }
    w.y += 3;
  }
  w.y += 6;
}
