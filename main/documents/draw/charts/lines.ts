import type { LineChart } from '../../../../shared/documents/charts';
import { niceTicks } from '../../../../shared/documents/charts';
import { ink } from '../../theme';
import { CHART_FONT, drawLegend, fmt, gridLine, type ChartCtx } from './common';

/** Lines over years (amortisation, storage forecast), bars behind them where the chart has bar data. */
export function drawLines(c: ChartCtx, ch: LineChart): void {
  const { w } = c;
  const height = 210;
  w.ensure(height + 20);
  const legend = [
    ...(ch.bars ? [{ name: ch.bars.name, color: ch.bars.color }] : []),
    ...ch.series.map((s) => ({ name: s.name, color: s.color, ...(s.dashed ? { dashed: true } : {}) })),
  ];
  const axisW = 52;
  const plotX = w.left + axisW;
  const plotW = w.width - axisW - 8;
  const legendH = drawLegend(c, legend, plotX, w.y, plotW);
  const top = w.y + legendH + 8;
  const plotH = height - legendH - 40;
  const bottom = top + plotH;
  const all = [...ch.series.flatMap((s) => s.values), ...(ch.bars?.values ?? [])].filter(Number.isFinite);
  const ticks = niceTicks(Math.min(0, ...all), Math.max(0, ...all), 6);
  const lo = ticks[0]!;
  const hi = ticks[ticks.length - 1]!;
  const sy = (v: number) => bottom - ((v - lo) / (hi - lo)) * plotH;
  const n = ch.xLabels.length;
  const slot = plotW / Math.max(1, n);
  const sx = (i: number) => plotX + slot * (i + 0.5);
  for (const t of ticks) {
    gridLine(c, plotX, sy(t), plotX + plotW, sy(t), t === 0);
    w.line(fmt(c.lang, t, ch.digits), w.left, sy(t) - 4, { font: 'sans', size: CHART_FONT, color: ink.muted, width: axisW - 5, align: 'right' });
  }
  w.line(ch.unit, w.left, top - 12, { font: 'sans', size: CHART_FONT, color: ink.muted, width: axisW - 5, align: 'right' });
  ch.xLabels.forEach((l, i) => w.line(l, sx(i) - slot / 2, bottom + 4, { font: 'sans', size: CHART_FONT, color: ink.muted, width: slot, align: 'center' }));
  if (ch.xTitle) w.line(ch.xTitle, plotX, bottom + 15, { font: 'sans', size: CHART_FONT, color: ink.muted, width: plotW, align: 'center' });
  if (ch.bars) {
    const bw = slot * 0.55;
    ch.bars.values.forEach((v, i) => w.doc.save().fillColor(ch.bars!.color).rect(sx(i) - bw / 2, sy(Math.max(0, v)), bw, Math.abs(sy(v) - sy(0))).fill().restore());
  }
  for (const s of ch.series) {
    const d = w.doc.save().lineWidth(1.6).strokeColor(s.color);
    if (s.dashed) d.dash(5, { space: 3 });
    s.values.forEach((v, i) => (i === 0 ? d.moveTo(sx(i), sy(v)) : d.lineTo(sx(i), sy(v))));
    d.stroke();
    if (s.dashed) d.undash();
    if (!s.dashed) s.values.forEach((v, i) => d.circle(sx(i), sy(v), 1.8).fill(s.color));
    d.restore();
  }
  w.y = bottom + (ch.xTitle ? 30 : 20);
}
