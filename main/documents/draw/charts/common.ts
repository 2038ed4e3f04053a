import { ink, type } from '../../theme';
import type { PdfWriter } from '../../writer';
import { wrapLines } from '../wrap';

export const CHART_FONT = 7.8;

export interface ChartCtx {
  w: PdfWriter;
  lang: 'de' | 'en';
}

export function fmt(lang: 'de' | 'en', v: number, digits: number): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v);
}

/** Legend items in one or more rows; returns the height used. */
export function drawLegend(c: ChartCtx, items: { name: string; color: string; dashed?: boolean }[], x: number, y: number, width: number): number {
  if (!items.length) return 0;
  const { w } = c;
  const lh = 11;
  let cx = x;
  let cy = y;
  for (const it of items) {
    const tw = w.widthOf(it.name, 'sans', CHART_FONT);
    if (cx > x && cx + 14 + tw > x + width) {
      cx = x;
      cy += lh;
    }
    const d = w.doc.save();
    if (it.dashed) d.lineWidth(1.6).dash(3, { space: 2 }).strokeColor(it.color).moveTo(cx, cy + 4.5).lineTo(cx + 10, cy + 4.5).stroke().undash();
    else d.rect(cx, cy + 1, 10, 7).fill(it.color);
    d.restore();
    w.line(it.name, cx + 13, cy, { font: 'sans', size: CHART_FONT, color: ink.text });
    cx += 13 + tw + 12;
  }
  return cy - y + lh + 4;
}

/** Category labels that may need two lines (horizontal charts: left of the bar). */
export function drawLabel(c: ChartCtx, text: string, x: number, y: number, width: number, maxLines: number, align: 'left' | 'right' | 'center' = 'right'): void {
  const lines = wrapLines(c.w, text, width, 'sans', CHART_FONT);
  const shown = lines.length > maxLines ? [...lines.slice(0, maxLines - 1), ellipsize(c, lines.slice(maxLines - 1).join(' '), width)] : lines;
  const lh = CHART_FONT + 1.6;
  const top = y - (shown.length * lh) / 2;
  shown.forEach((s, i) => c.w.line(s, x, top + i * lh, { font: 'sans', size: CHART_FONT, color: ink.text, width, align }));
}

export function ellipsize(c: ChartCtx, text: string, width: number, size = CHART_FONT, font: 'sans' | 'sansBold' = 'sans'): string {
  if (c.w.widthOf(text, font, size) <= width) return text;
  let s = text;
  while (s.length > 1 && c.w.widthOf(`${s}…`, font, size) > width) s = s.slice(0, -1);
  return `${s}…`;
}

export function gridLine(c: ChartCtx, x1: number, y1: number, x2: number, y2: number, strong = false): void {
  c.w.doc.save().lineWidth(strong ? 0.8 : 0.35).strokeColor(strong ? ink.muted : ink.rule).moveTo(x1, y1).lineTo(x2, y2).stroke().restore();
}

export const chartType = type;
