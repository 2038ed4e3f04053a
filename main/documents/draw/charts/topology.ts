import type { TopologyChart, TopologyNode } from '../../../../shared/documents/charts';
import { palette } from '../../../../shared/documents/charts';
import { ink } from '../../theme';
import { CHART_FONT, ellipsize, type ChartCtx } from './common';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const roleColor: Record<TopologyNode['role'], string> = {
  primary: palette.blue,
  secondary: palette.green,
  node3: palette.teal,
  witness: palette.purple,
  storage: palette.brown,
};

/**
 * The cluster as a diagram: clients on top, the service address above the node it runs on, the cluster
 * nodes in a row with their links (corosync rings, DRBD) between them, the quorum witness or the shared
 * LUN below.
 */
export function drawTopology(c: ChartCtx, ch: TopologyChart): void {
  const { w } = c;
  const cluster = ch.nodes.filter((n) => n.role === 'primary' || n.role === 'secondary' || n.role === 'node3');
  const below = ch.nodes.filter((n) => n.role === 'witness' || n.role === 'storage');
  const lineH = CHART_FONT + 2.4;
  const boxH = (n: TopologyNode) => 20 + n.lines.length * lineH;
  const rowH = Math.max(60, ...cluster.map(boxH));
  const belowH = below.length ? Math.max(...below.map(boxH)) : 0;
  const height = 34 + 26 + rowH + (below.length ? 50 + belowH : 0) + 10;
  w.ensure(height);
  const top = w.y;
  const boxes = new Map<string, Box>();

  // Cluster nodes in a row, with room between them for the link labels.
  const gap = cluster.length > 2 ? 34 : 120;
  const bw = Math.min(165, (w.width - gap * (cluster.length - 1)) / Math.max(1, cluster.length));
  const rowW = cluster.length * bw + (cluster.length - 1) * gap;
  const rowX = w.left + (w.width - rowW) / 2;
  const rowY = top + 60;
  cluster.forEach((n, i) => boxes.set(n.id, { x: rowX + i * (bw + gap), y: rowY, w: bw, h: rowH }));
  const belowY = rowY + rowH + 50;
  const bbw = Math.min(170, w.width / Math.max(1, below.length) - 20);
  below.forEach((n, i) => {
    const total = below.length * bbw + (below.length - 1) * 30;
    boxes.set(n.id, { x: w.left + (w.width - total) / 2 + i * (bbw + 30), y: belowY, w: bbw, h: belowH });
  });

  // Clients and the VIP.
  const clientsW = 190;
  const clients: Box = { x: w.left + (w.width - clientsW) / 2, y: top, w: clientsW, h: 20 };
  w.doc.save().roundedRect(clients.x, clients.y, clients.w, clients.h, 4).fillAndStroke('#f2f4f7', ink.rule).restore();
  w.line(ellipsize(c, ch.clientsLabel, clientsW - 8), clients.x + 4, clients.y + 6, { font: 'sans', size: CHART_FONT, color: ink.text, width: clientsW - 8, align: 'center' });
  const vipBox = ch.vip ? boxes.get(ch.vip.node) : undefined;
  const first = boxes.get(cluster[0]?.id ?? '');
  if (!vipBox && first) {
    // No service address yet: the clients still reach the cluster, drawn as a thin dashed line.
    w.doc.save().lineWidth(0.8).dash(3, { space: 3 }).strokeColor(ink.muted).moveTo(clients.x + clients.w / 2, clients.y + clients.h).lineTo(first.x + first.w / 2, rowY).stroke().undash().restore();
  }
  if (ch.vip && vipBox) {
    const vx = vipBox.x + vipBox.w / 2;
    const vy = rowY - 24;
    const vw = Math.min(w.widthOf(ch.vip.label, 'sansBold', CHART_FONT) + 16, bw + 40);
    w.doc.save().lineWidth(1).strokeColor(palette.red).moveTo(clients.x + clients.w / 2, clients.y + clients.h).lineTo(vx, vy).stroke().restore();
    w.doc.save().roundedRect(vx - vw / 2, vy - 8, vw, 16, 8).fill(palette.red).restore();
    w.line(ellipsize(c, ch.vip.label, vw - 8, CHART_FONT, 'sansBold'), vx - vw / 2 + 4, vy - 4, { font: 'sansBold', size: CHART_FONT, color: '#ffffff', width: vw - 8, align: 'center' });
    w.doc.save().lineWidth(1).strokeColor(palette.red).moveTo(vx, vy + 8).lineTo(vx, rowY).stroke().restore();
  }

  // Links: between cluster nodes side by side (several links between one pair are stacked), to the witness below.
  const pairCount = new Map<string, number>();
  for (const l of ch.links) {
    const a = boxes.get(l.from);
    const b = boxes.get(l.to);
    if (!a || !b) continue;
    const dashed = l.kind === 'qnetd';
    const color = l.kind === 'drbd' ? palette.green : l.kind === 'qnetd' ? palette.purple : l.kind === 'shared' ? palette.brown : palette.blue;
    const d = w.doc.save().lineWidth(l.kind === 'drbd' ? 2 : 1.2).strokeColor(color);
    if (dashed) d.dash(4, { space: 3 });
    if (Math.abs(a.y - b.y) < 1) {
      const key = [l.from, l.to].sort().join('|');
      const k = pairCount.get(key) ?? 0;
      pairCount.set(key, k + 1);
      const [left, right] = a.x < b.x ? [a, b] : [b, a];
      const y = left.y + 18 + k * 22;
      d.moveTo(left.x + left.w, y).lineTo(right.x, y).stroke();
      if (dashed) d.undash();
      d.restore();
      const span = right.x - (left.x + left.w);
      w.line(ellipsize(c, l.label, span - 4, CHART_FONT - 0.6), left.x + left.w + 2, y - 10, { font: 'sans', size: CHART_FONT - 0.6, color, width: span - 4, align: 'center' });
    } else {
      const [upper, lower] = a.y < b.y ? [a, b] : [b, a];
      // Each end sits on the side facing the other box, so the lines to two boxes below do not start in one point.
      const x1 = upper.x + upper.w * (lower.x + lower.w / 2 < upper.x + upper.w / 2 ? 0.3 : 0.7);
      const x2 = lower.x + lower.w * (upper.x + upper.w / 2 < lower.x + lower.w / 2 ? 0.3 : 0.7);
      d.moveTo(x1, upper.y + upper.h).lineTo(x2, lower.y).stroke();
      if (dashed) d.undash();
      d.restore();
      // The label a third of the way down, clear of where two such lines cross.
      const mx = x1 + (x2 - x1) / 3;
      const my = upper.y + upper.h + (lower.y - upper.y - upper.h) / 3;
      const lw = Math.min(w.widthOf(l.label, 'sans', CHART_FONT - 0.6) + 6, 150);
      w.doc.save().rect(mx - lw / 2, my - 5, lw, 10).fill('#ffffff').restore();
      w.line(ellipsize(c, l.label, lw - 4, CHART_FONT - 0.6), mx - lw / 2 + 2, my - 4, { font: 'sans', size: CHART_FONT - 0.6, color, width: lw - 4, align: 'center' });
    }
  }

  for (const n of ch.nodes) {
    const bx = boxes.get(n.id);
    if (!bx) continue;
    const color = roleColor[n.role];
    w.doc.save().lineWidth(1.2).roundedRect(bx.x, bx.y, bx.w, bx.h, 5).fillAndStroke('#ffffff', color).restore();
    w.doc.save().roundedRect(bx.x, bx.y, bx.w, 16, 5).fill(color).rect(bx.x, bx.y + 10, bx.w, 6).fill(color).restore();
    w.line(ellipsize(c, n.label, bx.w - 8, CHART_FONT + 0.4, 'sansBold'), bx.x + 4, bx.y + 4, { font: 'sansBold', size: CHART_FONT + 0.4, color: '#ffffff', width: bx.w - 8, align: 'center' });
    n.lines.forEach((s, i) => w.line(ellipsize(c, s, bx.w - 10), bx.x + 5, bx.y + 20 + i * lineH, { font: 'sans', size: CHART_FONT, color: ink.text, width: bx.w - 10 }));
  }
  w.y = top + height;
}
