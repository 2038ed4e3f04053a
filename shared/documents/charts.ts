/**
 * Charts as data. The builders fill them from the same engine results the app's recharts views show; the
 * renderer draws them as vectors with pdfkit. Labels are final text; numbers are formatted by the renderer
 * with the document's language.
 */
export interface Series {
  name: string;
  color: string;
  values: number[];
  dashed?: boolean;
}

/** Bar chart, grouped or stacked; horizontal bars suit long category names. */
export interface BarChart {
  type: 'bars';
  orientation: 'horizontal' | 'vertical';
  categories: string[];
  series: Series[];
  stacked: boolean;
  unit: string;
  /** Decimals for tick and value labels. */
  digits: number;
  /** Print each bar's (or stack's) value at its end. */
  valueLabels?: boolean;
}

/** Lines over x labels (years), optionally with bars behind them (data per year). */
export interface LineChart {
  type: 'lines';
  xLabels: string[];
  xTitle?: string;
  series: Series[];
  bars?: { name: string; color: string; values: number[] };
  unit: string;
  digits: number;
}

export interface GanttRow {
  label: string;
  start: number;
  end: number;
  color: string;
  /** The actual bar under the planned one, once hours were booked. */
  actual?: { start: number; end: number };
}

export interface GanttChart {
  type: 'gantt';
  rows: GanttRow[];
  total: number;
  /** Day boundaries (working hours from the start) with the working day's date. */
  axisLabels: { at: number; label: string }[];
  legend: { name: string; color: string }[];
  unit: string;
}

/** Failover time line: one lane per protocol with its outage intervals, markers for cluster events. */
export interface TimelineChart {
  type: 'timeline';
  /** Milliseconds relative to the fault. */
  from: number;
  to: number;
  lanes: { label: string; intervals: { from: number; to: number; color: string }[] }[];
  events: { at: number; label: string }[];
  legend: { name: string; color: string }[];
  unit: string;
}

export interface TopologyNode {
  id: string;
  label: string;
  /** Address, role, hardware … one short line each. */
  lines: string[];
  role: 'primary' | 'secondary' | 'witness' | 'node3' | 'storage';
}

export interface TopologyLink {
  from: string;
  to: string;
  label: string;
  kind: 'corosync' | 'drbd' | 'qnetd' | 'shared';
}

export interface TopologyChart {
  type: 'topology';
  nodes: TopologyNode[];
  links: TopologyLink[];
  /** The service address and the node it runs on now (or is planned to start on). */
  vip?: { label: string; node: string };
  /** Mail clients and senders in front of the VIP. */
  clientsLabel: string;
}

export type Chart = BarChart | LineChart | GanttChart | TimelineChart | TopologyChart;

/** One palette for all documents, matching the app's chart colours. */
export const palette = {
  blue: '#0b5cad',
  lightBlue: '#7aa7d6',
  green: '#1e7f4f',
  orange: '#b06a00',
  red: '#b3261e',
  purple: '#7b3fa0',
  grey: '#9aa7b4',
  teal: '#127a86',
  brown: '#7a5230',
} as const;

export const phaseColors: Record<string, string> = {
  analyse: palette.blue,
  konzeption: palette.purple,
  realisierung: palette.green,
  validierung: palette.orange,
  dokumentation: palette.teal,
};

/** "Nice" axis ticks (1, 2, 2.5, 5 x 10^n) from 0 (or min) to at least max. */
export function niceTicks(min: number, max: number, maxTicks = 6): number[] {
  const lo = Math.min(0, min);
  const hi = max <= lo ? lo + 1 : max;
  const raw = (hi - lo) / Math.max(1, maxTicks - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const start = Math.floor(lo / step) * step;
  const out: number[] = [];
  for (let v = start; v < hi + step * 0.999; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}
