import type { GanttChart } from '../../../../shared/documents/charts';
import { ink } from '../../theme';
import { CHART_FONT, drawLabel, drawLegend, gridLine, type ChartCtx } from './common';

const ROW = 15;

/** Gantt chart: one row per task, day boundaries with their dates on top; split over pages, axis repeated. */
export function drawGantt(c: ChartCtx, ch: GanttChart): void {
  const { w } = c;
  const labelW = Math.min(w.width * 0.36, 170);
  const plotX = w.left + labelW + 6;
  const plotW = w.width - labelW - 12;
  const total = Math.max(ch.total, 1);
  const sx = (h: number) => plotX + (h / total) * plotW;
  let i = 0;
  while (i < ch.rows.length) {
    const fit = Math.floor((w.room - 60) / ROW);
    if (fit < 4 && !w.atTop) {
      w.addPage();
      continue;
    }
    const n = Math.min(Math.max(fit, 1), ch.rows.length - i);
    let y = w.y;
    y += drawLegend(c, ch.legend, plotX, y, plotW);
    // Axis: day boundaries with the date of the working day that starts there.
    const axisY = y + 10;
    const top = axisY + 4;
    const bottom = top + n * ROW;
    let lastRight = -Infinity;
    for (const a of ch.axisLabels) {
      gridLine(c, sx(a.at), top, sx(a.at), bottom);
      const lw = w.widthOf(a.label, 'sans', CHART_FONT);
      if (sx(a.at) + 2 > lastRight + 4 && sx(a.at) + 2 + lw <= plotX + plotW + 8) {
        w.line(a.label, sx(a.at) + 2, axisY - 8, { font: 'sans', size: CHART_FONT, color: ink.muted });
        lastRight = sx(a.at) + 2 + lw;
      }
    }
    gridLine(c, sx(total), top, sx(total), bottom);
    w.line(`${total} ${ch.unit}`, plotX + plotW - 60, bottom + 3, { font: 'sans', size: CHART_FONT, color: ink.muted, width: 60, align: 'right' });
    for (let k = 0; k < n; k++) {
      const r = ch.rows[i + k]!;
      const ry = top + k * ROW;
      if (k % 2 === 1) w.doc.save().rect(w.left, ry, w.width, ROW).fill(ink.tableZebra).restore();
      drawLabel(c, r.label, w.left + 2, ry + ROW / 2, labelW - 2, 1, 'left');
      const planned = r.actual ? 7 : 10;
      w.doc.save().rect(sx(r.start), ry + 2.5, Math.max(1, sx(r.end) - sx(r.start)), planned).fill(r.color).restore();
      if (r.actual) w.doc.save().rect(sx(r.actual.start), ry + 10, Math.max(1, sx(r.actual.end) - sx(r.actual.start)), 3.5).fill(ink.muted).restore();
    }
    w.y = bottom + 18;
    i += n;
    if (i < ch.rows.length) w.addPage();
  }
}
