import type { KeyValues } from '../../../shared/documents/model';
import { ink, type } from '../theme';
import type { PdfWriter } from '../writer';
import { leadHeight, planBreaks } from './breaks';
import { wrapLines } from './wrap';

const GAP = 3;

/** Label and value lines of every pair; a pair taller than a page is cut into page-high parts. */
function measure(w: PdfWriter, kv: KeyValues) {
  const labelW = w.width * 0.32;
  const lineH = w.lineHeight('sans', type.body, 2);
  const perPage = Math.max(1, Math.floor((w.bottom - w.top - GAP) / lineH));
  const units = kv.rows.flatMap(([label, value]) => {
    const ls = wrapLines(w, label, labelW - 8, 'sansBold', type.body);
    const vs = wrapLines(w, value, w.width - labelW, 'sans', type.body);
    const n = Math.max(ls.length, vs.length);
    return Array.from({ length: Math.ceil(n / perPage) }, (_, p) => ({
      labels: ls.slice(p * perPage, (p + 1) * perPage), values: vs.slice(p * perPage, (p + 1) * perPage),
    }));
  });
  const heights = units.map((u) => Math.max(u.labels.length, u.values.length) * lineH + GAP);
  return { labelW, lineH, units, heights };
}

/** The room the list needs where it starts (the pairs it keeps together), for the heading above it. */
export function keyValuesLead(w: PdfWriter, kv: KeyValues): number {
  return leadHeight(measure(w, kv).heights, 0, 0);
}

/** Label/value pairs: a two-column table without a header, labels bold; pairs break across pages like table rows. */
export function drawKeyValues(w: PdfWriter, kv: KeyValues): void {
  const m = measure(w, kv);
  const plan = planBreaks(m.heights, { room: w.room, page: w.bottom - w.top, head: 0, tail: 0, atTop: w.atTop });
  if (plan.newPage) w.addPage();
  plan.parts.forEach((part, p) => {
    if (p > 0) w.addPage();
    for (const u of part) {
      const { labels, values } = m.units[u]!;
      for (let i = 0; i < Math.max(labels.length, values.length); i++) {
        if (labels[i]) w.line(labels[i]!, w.left, w.y, { font: 'sansBold', size: type.body, color: ink.text });
        if (values[i]) w.line(values[i]!, w.left + m.labelW, w.y, { font: 'sans', size: type.body, color: ink.text });
        w.y += m.lineH;
      }
      w.y += GAP;
    }
  });
  w.y += 6;
}
