import type { BarChart } from '../../../../shared/documents/charts';
import { niceTicks } from '../../../../shared/documents/charts';
import { ink } from '../../theme';
import { CHART_FONT, drawLabel, drawLegend, fmt, gridLine, type ChartCtx } from './common';

const sumAt = (ch: BarChart, i: number) => ch.series.reduce((s, x) => s + Math.max(0, x.values[i] ?? 0), 0);
const maxOf = (ch: BarChart) =>
  Math.max(0, ...ch.categories.map((_, i) => (ch.stacked ? sumAt(ch, i) : Math.max(...ch.series.map((s) => s.values[i] ?? 0)))));
const minOf = (ch: BarChart) => Math.min(0, ...ch.series.flatMap((s) => s.values));

/** Height of one horizontal category band. */
function band(ch: BarChart): number {
  return ch.stacked || ch.series.length === 1 ? 20 : ch.series.length * 9 + 8;
}

/** Horizontal bars, split over pages when there are many categories (the axis repeats). */
export function drawHorizontalBars(c: ChartCtx, ch: BarChart): void {
  const { w } = c;
  const legendItems = ch.series.length > 1 ? ch.series.map((s) => ({ name: s.name, color: s.color })) : [];
  const ticks = niceTicks(minOf(ch), maxOf(ch), 6);
  const lo = ticks[0]!;
  const hi = ticks[ticks.length - 1]!;
  const labelW = Math.min(w.width * 0.34, 150);
  const plotX = w.left + labelW + 6;
  const plotW = w.width - labelW - 6 - (ch.valueLabels ? 46 : 10);
  const sx = (v: number) => plotX + ((v - lo) / (hi - lo)) * plotW;
  const bh = band(ch);
  let i = 0;
  while (i < ch.categories.length) {
    const fit = Math.max(1, Math.floor((w.room - 50) / bh));
    if (fit < 3 && !w.atTop && ch.categories.length - i > fit) {
      w.addPage();
      continue;
    }
    const n = Math.min(fit, ch.categories.length - i);
    let y = w.y;
    y += drawLegend(c, legendItems, plotX, y, plotW);
    const top = y;
    const bottom = top + n * bh;
    for (const t of ticks) {
      gridLine(c, sx(t), top, sx(t), bottom, t === 0);
      w.line(fmt(c.lang, t, ch.digits), sx(t) - 30, bottom + 3, { font: 'sans', size: CHART_FONT, color: ink.muted, width: 60, align: 'center' });
    }
    w.line(ch.unit, plotX + plotW - 80, bottom + 13, { font: 'sans', size: CHART_FONT, color: ink.muted, width: 80, align: 'right' });
    for (let k = 0; k < n; k++) {
      const ci = i + k;
      const by = top + k * bh;
      drawLabel(c, ch.categories[ci]!, w.left, by + bh / 2, labelW, 2);
      let acc = 0;
      ch.series.forEach((s, si) => {
        const v = s.values[ci] ?? 0;
        const d = w.doc.save().fillColor(s.color);
        if (ch.stacked) {
          d.rect(sx(acc), by + 4, Math.max(0, sx(acc + Math.max(0, v)) - sx(acc)), bh - 8).fill();
          acc += Math.max(0, v);
        } else {
          const h = ch.series.length === 1 ? bh - 8 : 8;
          const yy = ch.series.length === 1 ? by + 4 : by + 4 + si * 9;
          const x0 = sx(Math.min(0, v));
          d.rect(x0, yy, Math.abs(sx(v) - sx(0)), h).fill();
          if (ch.valueLabels) w.line(fmt(c.lang, v, ch.digits), Math.max(sx(v), sx(0)) + 3, yy + h / 2 - 4, { font: 'sans', size: CHART_FONT, color: ink.text });
        }
        d.restore();
      });
      if (ch.stacked && ch.valueLabels) w.line(fmt(c.lang, acc, ch.digits), sx(acc) + 3, by + bh / 2 - 4, { font: 'sans', size: CHART_FONT, color: ink.text });
    }
    w.y = bottom + 26;
    i += n;
    if (i < ch.categories.length) w.addPage();
  }
}

/** Vertical bars (grouped or stacked) over category labels. */
export function drawVerticalBars(c: ChartCtx, ch: BarChart): void {
  const { w } = c;
  const height = 190;
  w.ensure(height + 30);
  const legendH = drawLegend(c, ch.series.map((s) => ({ name: s.name, color: s.color })), w.left + 44, w.y, w.width - 44);
  const top = w.y + legendH + 6;
  const plotX = w.left + 44;
  const plotW = w.width - 50;
  const plotH = height - legendH - 40;
  const bottom = top + plotH;
  const ticks = niceTicks(minOf(ch), maxOf(ch), 6);
  const lo = ticks[0]!;
  const hi = ticks[ticks.length - 1]!;
  const sy = (v: number) => bottom - ((v - lo) / (hi - lo)) * plotH;
  for (const t of ticks) {
    gridLine(c, plotX, sy(t), plotX + plotW, sy(t), t === 0);
    w.line(fmt(c.lang, t, ch.digits), w.left, sy(t) - 4, { font: 'sans', size: CHART_FONT, color: ink.muted, width: 40, align: 'right' });
  }
  w.line(ch.unit, w.left, top - 12, { font: 'sans', size: CHART_FONT, color: ink.muted, width: 40, align: 'right' });
  const slot = plotW / Math.max(1, ch.categories.length);
  const groupW = slot * 0.7;
  ch.categories.forEach((cat, ci) => {
    const x0 = plotX + ci * slot + (slot - groupW) / 2;
    let acc = 0;
    ch.series.forEach((s, si) => {
      const v = s.values[ci] ?? 0;
      const d = w.doc.save().fillColor(s.color);
      if (ch.stacked) {
        d.rect(x0, sy(acc + v), groupW, sy(acc) - sy(acc + v)).fill();
        acc += v;
      } else {
        const bw = groupW / ch.series.length;
        d.rect(x0 + si * bw, sy(Math.max(0, v)), bw - 1, Math.abs(sy(v) - sy(0))).fill();
        if (ch.valueLabels) w.line(fmt(c.lang, v, ch.digits), x0 + si * bw - 6, sy(Math.max(0, v)) - 10, { font: 'sans', size: CHART_FONT - 0.8, color: ink.text, width: bw + 12, align: 'center' });
      }
      d.restore();
    });
    drawLabel(c, cat, plotX + ci * slot + 1, bottom + 12, slot - 2, 2, 'center');
  });
  w.y = bottom + 34;
}
