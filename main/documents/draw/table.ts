import type { Table } from '../../../shared/documents/model';
import type { FontName } from '../fonts';
import { ink, type } from '../theme';
import type { PdfWriter } from '../writer';
import { leadHeight, planBreaks } from './breaks';
import { captionHeight, drawCaption } from './caption';
import { wrapLines } from './wrap';

const PAD_X = 3.5;
const PAD_Y = 2.6;

/** A body row as drawn: whole, or one page-high part of a row taller than a page. */
interface Unit {
  row: number;
  cells: string[][];
  first: boolean;
}

/** Everything the break decision and the drawing need, measured once. */
interface Measured {
  widths: number[];
  lineH: number;
  head: string[][];
  headH: number;
  units: Unit[];
  heights: number[];
  /** Room the caption takes under the last row. */
  tail: number;
}

function cellFont(t: Table, col: number, bold: boolean): FontName {
  if (t.columns[col]?.mono) return bold ? 'monoBold' : 'mono';
  return bold ? 'sansBold' : 'sans';
}

const linesOf = (cells: string[][]) => Math.max(1, ...cells.map((c) => c.length));
const rowHeight = (cells: string[][], lineH: number) => linesOf(cells) * lineH + 2 * PAD_Y;

function measure(w: PdfWriter, t: Table): Measured {
  const total = t.columns.reduce((s, c) => s + c.width, 0) || 1;
  const widths = t.columns.map((c) => (c.width / total) * w.width);
  const lineH = w.lineHeight('sans', type.table, 1.2);
  const totals = new Set(t.totalRows ?? []);
  const wrap = (row: string[], bold: boolean) =>
    t.columns.map((c, i) => wrapLines(w, row[i] ?? '', widths[i]! - 2 * PAD_X, cellFont(t, i, bold), type.table));
  const head = wrap(t.columns.map((c) => c.title), true);
  const headH = rowHeight(head, lineH);
  const tail = t.caption ? 3 + captionHeight(w, t.caption) : 0;
  // Rows stay whole; only a row taller than a page under the header is cut, into page-high parts.
  const perPage = Math.max(1, Math.floor((w.bottom - w.top - headH - tail - 2 * PAD_Y) / lineH));
  const units = t.rows.flatMap((row, r) => {
    const cells = wrap(row, totals.has(r));
    return Array.from({ length: Math.ceil(linesOf(cells) / perPage) }, (_, p) => ({
      row: r, first: p === 0, cells: cells.map((c) => c.slice(p * perPage, (p + 1) * perPage)),
    }));
  });
  return { widths, lineH, head, headH, units, heights: units.map((u) => rowHeight(u.cells, lineH)), tail };
}

function drawRow(w: PdfWriter, t: Table, m: Measured, cells: string[][], opts: { bold: boolean; fill?: string; ruleAbove?: boolean }): void {
  const h = rowHeight(cells, m.lineH);
  const d = w.doc;
  if (opts.fill) d.save().rect(w.left, w.y, w.width, h).fill(opts.fill).restore();
  d.save().lineWidth(opts.ruleAbove ? 0.9 : 0.4).strokeColor(opts.ruleAbove ? ink.text : ink.rule);
  d.moveTo(w.left, w.y).lineTo(w.left + w.width, w.y).stroke().restore();
  let x = w.left;
  cells.forEach((cellLines, i) => {
    const cw = m.widths[i]!;
    const col = t.columns[i]!;
    cellLines.forEach((text, k) => {
      w.line(text, x + PAD_X, w.y + PAD_Y + k * m.lineH, {
        font: cellFont(t, i, opts.bold), size: type.table, color: ink.text, width: cw - 2 * PAD_X, align: col.align ?? 'left',
      });
    });
    x += cw;
  });
  w.y += h;
}

/** The room a table needs where it starts (header and the first rows it keeps together), for the heading above it. */
export function tableLead(w: PdfWriter, t: Table): number {
  const m = measure(w, t);
  return leadHeight(m.heights, m.headH, m.tail);
}

/**
 * A table that breaks across pages as planned by `planBreaks` (at least two rows on every page, a short
 * table in one piece, the caption with the last rows), with the header row repeated on every page.
 */
export function drawTable(w: PdfWriter, t: Table): void {
  const m = measure(w, t);
  const totals = new Set(t.totalRows ?? []);
  const plan = planBreaks(m.heights, { room: w.room, page: w.bottom - w.top, head: m.headH, tail: m.tail, atTop: w.atTop });
  if (plan.newPage) w.addPage();
  plan.parts.forEach((part, p) => {
    if (p > 0) w.addPage();
    drawRow(w, t, m, m.head, { bold: true, fill: ink.tableHead });
    for (const u of part) {
      const unit = m.units[u]!;
      const total = totals.has(unit.row);
      const fill = unit.row % 2 === 1 ? ink.tableZebra : undefined;
      drawRow(w, t, m, unit.cells, { bold: total, ...(fill ? { fill } : {}), ruleAbove: total && unit.first });
    }
  });
  w.doc.save().lineWidth(0.6).strokeColor(ink.rule).moveTo(w.left, w.y).lineTo(w.left + w.width, w.y).stroke().restore();
  if (t.caption) {
    w.y += 3;
    drawCaption(w, t.caption);
  }
  w.y += 8;
}
