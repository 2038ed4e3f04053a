import type { TimelineChart } from '../../../../shared/documents/charts';
import { niceTicks } from '../../../../shared/documents/charts';
import { ink } from '../../theme';
import { CHART_FONT, drawLabel, drawLegend, fmt, gridLine, type ChartCtx } from './common';

const LANE = 18;
const MARK_ROW = 9;
const MARK_GAP = 8.5;

/** Marker rows: an event goes into the first row where it does not touch the previous marker. */
function markerRows(xs: number[]): number[] {
  const last: number[] = [];
  return xs.map((x) => {
    let r = last.findIndex((lx) => x - lx >= MARK_GAP);
    if (r < 0) r = last.length;
    last[r] = x;
    return r;
  });
}

/** Failover time line: outage bars per protocol, 0 = the fault, cluster events as numbered markers. */
export function drawTimeline(c: ChartCtx, ch: TimelineChart): void {
  const { w } = c;
  const labelW = 90;
  const plotX = w.left + labelW + 6;
  const plotW = w.width - labelW - 12;
  const span = Math.max(1, ch.to - ch.from);
  const sx = (ms: number) => plotX + ((ms - ch.from) / span) * plotW;
  const rows = markerRows(ch.events.map((e) => sx(e.at)));
  const marksH = ch.events.length ? (Math.max(...rows) + 1) * MARK_ROW + 3 : 0;
  const eventsH = ch.events.length * 10 + 6;
  const height = 30 + marksH + ch.lanes.length * LANE + 22 + eventsH;
  w.ensure(height);
  const y0 = w.y + drawLegend(c, ch.legend, plotX, w.y, plotW);
  const marksTop = y0 + 4;
  const top = marksTop + marksH;
  const bottom = top + ch.lanes.length * LANE;
  const ticks = niceTicks(ch.from / 1000, ch.to / 1000, 8).filter((t) => t * 1000 >= ch.from - 1 && t * 1000 <= ch.to + 1);
  for (const t of ticks) {
    gridLine(c, sx(t * 1000), top, sx(t * 1000), bottom, t === 0);
    w.line(fmt(c.lang, t, 1), sx(t * 1000) - 20, bottom + 3, { font: 'sans', size: CHART_FONT, color: ink.muted, width: 40, align: 'center' });
  }
  w.line(ch.unit, plotX + plotW - 60, bottom + 13, { font: 'sans', size: CHART_FONT, color: ink.muted, width: 60, align: 'right' });
  ch.lanes.forEach((lane, k) => {
    const ly = top + k * LANE;
    drawLabel(c, lane.label, w.left, ly + LANE / 2, labelW, 1);
    w.doc.save().rect(plotX, ly + 6, plotW, LANE - 12).fill('#dff0e6').restore();
    for (const iv of lane.intervals) {
      const x1 = sx(Math.max(ch.from, iv.from));
      const x2 = sx(Math.min(ch.to, iv.to));
      w.doc.save().rect(x1, ly + 3, Math.max(1.2, x2 - x1), LANE - 6).fill(iv.color).restore();
    }
  });
  w.doc.save().lineWidth(1).strokeColor(ink.warning).moveTo(sx(0), top - 3).lineTo(sx(0), bottom + 1).stroke().restore();
  let ey = bottom + 26;
  ch.events.forEach((e, k) => {
    const x = sx(e.at);
    const my = marksTop + rows[k]! * MARK_ROW + MARK_ROW / 2;
    // A hairline from the marker to the lanes shows where on the time axis the event lies.
    w.doc.save().lineWidth(0.4).strokeColor(ink.muted).moveTo(x, my + 3.6).lineTo(x, top).stroke().restore();
    w.doc.save().circle(x, my, 3.9).fill(ink.accent).restore();
    w.line(String(k + 1), x - 5, my - 3.0, { font: 'sansBold', size: k >= 9 ? 4.6 : 5.5, color: '#ffffff', width: 10, align: 'center' });
    w.line(`${k + 1}  ${fmt(c.lang, e.at / 1000, 1)} s  ${e.label}`, plotX, ey, { font: 'sans', size: CHART_FONT, color: ink.text, width: plotW });
    ey += 10;
  });
  w.y = ey + 8;
}
