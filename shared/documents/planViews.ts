/**
 * Tables and charts of the plan, shared by the proposal, the report and the acceptance record. Every number
 * comes from the planning composition (planProject); nothing is computed here except presentation.
 */
import type { Section } from '../planning/planProject';
import type { CostEstimate } from '../planning/costs';
import type { RankedDecision } from '../planning/matrix';
import type { ComparisonCell, SizingResult } from '../planning/sizing';
import { raidName } from '../planning/raid';
import { workingDay, type SollIstRow, type TimePlanResult } from '../planning/timePlan';
import { phases } from '../planning/timePlanSchema';
import type { FailoverBudget } from '../planning/failover';
import { palette, phaseColors, type Chart } from './charts';
import { figureCaption, tableCaption, type BuildContext } from './context';
import { b, col, type Block, type ChartBlock, type Paragraph, type Table } from './model';

export const taskTitle = (c: BuildContext, r: Pick<SollIstRow, 'title'>): string => ('text' in r.title ? r.title.text : c.r(r.title));
export const phaseName = (c: BuildContext, phase: string): string => c.t(`planning:timePlan.phases.${phase}`);

/** A planning section that failed: its translated error instead of invented numbers. */
export function sectionFailed(c: BuildContext, s: Section<unknown>): Paragraph | null {
  return s.ok ? null : b.p(c.d('common.sectionFailed', { error: c.t(s.error.code, s.error.params) }), 'warning');
}

/** Phases with their tasks and hours; phase rows are the sums of their tasks, the last row the total. */
export function phaseTaskTable(c: BuildContext, tp: TimePlanResult, opts: { actual: boolean }): Table {
  const rows: string[][] = [];
  const totals: number[] = [];
  const h = (v: number | null) => (v === null ? '–' : c.fmt.num(v, 2));
  for (const p of tp.phases) {
    const tasks = tp.rows.filter((r) => r.phase === p.phase);
    if (!tasks.length) continue;
    totals.push(rows.length);
    rows.push(opts.actual ? [phaseName(c, p.phase), h(p.plannedHours), h(p.actualHours), signed(c, p.deltaHours)] : [phaseName(c, p.phase), h(p.plannedHours)]);
    for (const r of tasks) {
      const title = `   ${taskTitle(c, r)}`;
      rows.push(opts.actual ? [title, h(r.plannedHours), h(r.actualHours), r.deltaHours === null ? '–' : signed(c, r.deltaHours)] : [title, h(r.plannedHours)]);
    }
  }
  totals.push(rows.length);
  const t = tp.totals;
  rows.push(opts.actual
    ? [c.d('common.total'), h(t.planned.value), h(t.actual.value), signed(c, t.delta.value)]
    : [c.d('common.total'), h(t.planned.value)]);
  const columns = opts.actual
    ? [col(c.d('common.phaseTask'), 6), col(c.d('common.plannedH'), 1.3, 'right'), col(c.d('common.actualH'), 1.3, 'right'), col(c.d('common.deltaH'), 1.3, 'right')]
    : [col(c.d('common.phaseTask'), 6), col(c.d('common.plannedH'), 1.4, 'right')];
  return b.table(columns, rows, { totalRows: totals, caption: tableCaption(c, c.d(opts.actual ? 'common.captionSollIstTasks' : 'common.captionPhases')) });
}

export function signed(c: BuildContext, v: number): string {
  return `${v > 0 ? '+' : ''}${c.fmt.num(v, 2)}`;
}

/** The Gantt chart of the app's time plan: planned bars per task by phase colour, actual bars beneath. */
export function ganttChart(c: BuildContext, tp: TimePlanResult): ChartBlock {
  const byId = new Map(tp.rows.map((r) => [r.id, r]));
  const hasActual = tp.rows.some((r) => r.actualHours !== null);
  const hoursPerDay = c.src.plan.inputs.planning.timePlan.hoursPerDay;
  const total = tp.totals.planned.value;
  const start = c.src.plan.inputs.startDate;
  const axisLabels: { at: number; label: string }[] = [];
  for (let at = 0, n = 0; at < total; at += hoursPerDay, n++) {
    axisLabels.push({ at, label: start ? shortDay(c, workingDay(start, n)) : c.d('common.dayN', { n: n + 1 }) });
  }
  const chart: Chart = {
    type: 'gantt',
    rows: tp.gantt.map((g) => ({
      label: taskTitle(c, byId.get(g.id)!),
      start: g.startHour,
      end: g.endHour,
      color: phaseColors[g.phase] ?? palette.blue,
      ...(hasActual ? { actual: { start: g.actualStartHour, end: g.actualEndHour } } : {}),
    })),
    total,
    axisLabels,
    legend: [
      ...phases.filter((p) => tp.rows.some((r) => r.phase === p)).map((p) => ({ name: phaseName(c, p), color: phaseColors[p]! })),
      ...(hasActual ? [{ name: c.d('common.actual'), color: '#5b6470' }] : []),
    ],
    unit: 'h',
  };
  return b.chart(chart, figureCaption(c, c.d('common.captionGantt', { hoursPerDay })));
}

function shortDay(c: BuildContext, iso: string): string {
  const [, m, d] = iso.split('-');
  return c.lang === 'de' ? `${d}.${m}.` : `${Number(d)}/${Number(m)}`;
}

/** Soll-Ist hours per phase as grouped bars. */
export function sollIstChart(c: BuildContext, tp: TimePlanResult): ChartBlock {
  const used = tp.phases.filter((p) => p.plannedHours > 0 || p.actualHours > 0);
  return b.chart(
    {
      type: 'bars', orientation: 'vertical', stacked: false, unit: 'h', digits: 1, valueLabels: true,
      categories: used.map((p) => phaseName(c, p.phase)),
      series: [
        { name: c.d('common.planned'), color: palette.blue, values: used.map((p) => p.plannedHours) },
        { name: c.d('common.actual'), color: palette.orange, values: used.map((p) => p.actualHours) },
      ],
    },
    figureCaption(c, c.d('common.captionSollIst')),
  );
}

/** One-time and yearly cost items with the investment total. */
export function costTable(c: BuildContext, ce: CostEstimate): Table {
  const rows: string[][] = [];
  const oneTime = ce.breakdown.filter((x) => x.kind === 'oneTime');
  const yearly = ce.breakdown.filter((x) => x.kind === 'yearly');
  const item = (id: string) => c.t(`planning:costs.items.${id}`);
  for (const x of oneTime) rows.push([item(x.id), basis(c, ce, x.id), c.fmt.eur(x.amountEur, 2)]);
  const totalRows = [rows.length];
  rows.push([c.d('common.investment'), '', c.fmt.eur(ce.oneTime.total.value, 2)]);
  for (const x of yearly) rows.push([`${item(x.id)} (${c.d('common.perYear')})`, basis(c, ce, x.id), c.fmt.eur(x.amountEur, 2)]);
  totalRows.push(rows.length);
  rows.push([c.d('common.runningPerYear'), '', c.fmt.eur(ce.yearly.total.value, 2)]);
  return b.table([col(c.d('common.costItem'), 3), col(c.d('common.basis'), 4), col(c.d('common.amount'), 1.6, 'right')], rows, {
    totalRows, caption: tableCaption(c, c.d('common.captionCosts')),
  });
}

/** How each cost item was calculated, in words and the engine's own inputs. */
function basis(c: BuildContext, ce: CostEstimate, id: string): string {
  const f = {
    hardware: ce.oneTime.hardware, labour: ce.oneTime.labour, other: ce.oneTime.other,
    power: ce.yearly.power, rack: ce.yearly.rack, support: ce.yearly.support, witness: ce.yearly.witness,
  }[id];
  if (!f) return '';
  const i = f.inputs;
  const n = (k: string) => (typeof i[k] === 'number' ? c.fmt.num(i[k] as number, 2) : String(i[k] ?? ''));
  switch (id) {
    case 'hardware': return i.offer && i.offer !== '-' ? c.d('costBasis.hardware', { offer: String(i.offer) }) : c.d('costBasis.noOffer');
    case 'labour': return c.d('costBasis.labour', { hours: n('h'), rate: c.fmt.eur(Number(i.rate), 2), overhead: c.fmt.num(Number(i.o) * 100, 0) });
    case 'other': return Object.keys(i).length ? Object.keys(i).map((k) => k.replace(/^\d+:/, '')).join(', ') : '–';
    case 'power': return c.d('costBasis.power', { watts: n('W'), price: c.fmt.eur(Number(i.p), 2) });
    case 'rack': return c.d('costBasis.rack', { units: n('RU'), price: c.fmt.eur(Number(i.pRU), 2) });
    default: return '';
  }
}

export function amortisationChart(c: BuildContext, ce: CostEstimate): ChartBlock {
  return b.chart(
    {
      type: 'lines', unit: '€', digits: 0, xTitle: c.d('common.year'),
      xLabels: ce.cumulative.map((p) => String(p.year)),
      series: [
        { name: c.t('planning:costs.labels.cumulativeCost'), color: palette.red, values: ce.cumulative.map((p) => p.costEur) },
        { name: c.t('planning:costs.labels.cumulativeSavings'), color: palette.green, values: ce.cumulative.map((p) => p.savingsEur) },
      ],
    },
    figureCaption(c, c.d('common.captionAmortisation')),
  );
}

/** The amortisation period as a sentence (or why the investment never pays back). */
export function amortisationSentence(c: BuildContext, ce: CostEstimate): string {
  if (ce.amortisation.kind === 'never') return c.r(ce.amortisation.reason);
  if (ce.amortisation.kind === 'missing') return c.d('common.amortisationMissing', { missing: ce.amortisation.missing.map((m) => c.r(m)).join(' ') });
  const years = ce.amortisation.years.value;
  return c.d('report.amortisationYears', {
    investment: c.fmt.eur(ce.oneTime.total.value), net: c.fmt.eur(ce.netBenefitPerYear.value),
    years: c.fmt.num(years, 2), months: c.fmt.num(Math.ceil(years * 12), 0),
  });
}

/** Per decision of the Nutzwertanalyse: the matrix (criteria x options with weights), the choice and why. */
export function matrixBlocks(c: BuildContext, decisions: RankedDecision[]): Block[] {
  const out: Block[] = [];
  for (const d of decisions) {
    const opts = d.options;
    const crit = opts[0]?.cells ?? [];
    const header = [col(c.d('common.criterion'), 2.6), col(c.d('common.weight'), 1.1, 'right'), ...opts.map((o) => col(c.t(`planning:matrix.options.${o.option}`), 1.6, 'right'))];
    const rows = crit.map((cell, i) => [
      c.t(`planning:matrix.criteria.${cell.criterion}`), c.fmt.num(cell.weight, 0),
      ...opts.map((o) => `${o.cells[i]!.score} (${c.fmt.num(o.cells[i]!.contribution, 2)})`),
    ]);
    rows.push([c.t('planning:matrix.labels.weightedSum'), '100', ...opts.map((o) => `${c.fmt.num(o.weightedSum.value, 2)}${o.option === d.chosen ? ` ${c.d('common.chosenMark')}` : ''}`)]);
    out.push(b.p([{ text: `${c.t(`planning:matrix.decisions.${d.decision}`)}: `, bold: true }, { text: c.r(d.reason) }]));
    out.push(b.table(header, rows, { totalRows: [rows.length - 1], caption: tableCaption(c, c.d('common.captionMatrix', { decision: c.t(`planning:matrix.decisions.${d.decision}`) })) }));
    const warnings = opts.flatMap((o) => (o.option === d.chosen ? o.warnings : []));
    for (const w of warnings) out.push(b.p(c.r(w), 'note'));
  }
  return out;
}

/** The failover budget as stacked segments, unplanned above planned. */
export function budgetChart(c: BuildContext, budgets: FailoverBudget[]): ChartBlock {
  // Segments that take no time in any budget (a fence delay of 0) would only crowd the legend.
  const ids = [...new Set(budgets.flatMap((x) => x.segments.filter((s) => s.figure.value > 0).map((s) => s.id)))];
  const colors = [palette.blue, palette.lightBlue, palette.purple, palette.red, palette.grey, palette.green, palette.teal, palette.orange, palette.brown, '#4d8f3a', '#c27ba0', '#3d5a80'];
  return b.chart(
    {
      type: 'bars', orientation: 'horizontal', stacked: true, unit: 's', digits: 1, valueLabels: true,
      categories: budgets.map((x) => c.t(`planning:failover.kind.${x.kind}`)),
      series: ids.map((id, i) => ({
        name: c.t(`planning:failover.segments.${id}`), color: colors[i % colors.length]!,
        values: budgets.map((x) => (x.segments.find((s) => s.id === id)?.figure.value ?? 0) / 1000),
      })),
    },
    figureCaption(c, c.d('common.captionBudget')),
  );
}

/** Primary, recommendation (and the candidate checked), row by row as the Sizing step shows them. */
export function sizingComparisonTable(c: BuildContext, s: SizingResult): Table {
  const hasCandidate = s.comparison.some((r) => r.candidate !== undefined);
  const v = (x: ComparisonCell | undefined): string => {
    if (!x) return '–';
    switch (x.kind) {
      case 'text': return x.text || '–';
      case 'number': return `${c.fmt.num(x.value, x.value < 10 ? 1 : 0)}${x.unit === 'GB' || x.unit === 'MB/s' ? `\u00a0${x.unit}` : ''}`;
      case 'disks': return `${x.count} × ${c.fmt.num(x.sizeGb, 0)}\u00a0GB ${c.t(`docs:diskTypes.${x.type}`)}`;
      case 'raid': return raidName(x.level);
    }
  };
  return b.table(
    [col('', 2.2), col(c.t('planning:sizing.columns.primary'), 2, 'right'), col(c.t('planning:sizing.columns.recommended'), 2, 'right'), ...(hasCandidate ? [col(c.t('planning:sizing.columns.candidate'), 2, 'right')] : [])],
    s.comparison.map((r) => [c.t(`planning:sizing.rows.${r.id}`), v(r.primary), v(r.recommended), ...(hasCandidate ? [v(r.candidate)] : [])]),
    { caption: tableCaption(c, c.d(hasCandidate ? 'common.captionSizing' : 'common.captionSizingNoCandidate')) },
  );
}

/** Data at each year against the capacity of the nodes and the fill limit (the Sizing step's chart). */
export function forecastChart(c: BuildContext, s: SizingResult): ChartBlock {
  const f = s.forecast;
  const cap = (who: string) => f.map((p) => p.capacityGb[who] ?? 0);
  const lim = (who: string) => f.map((p) => ((p.capacityGb[who] ?? 0) * p.limitPct) / 100);
  const pct = s.assumptions.maxFillPct;
  const series = [
    { name: c.t('planning:sizing.columns.primary'), color: palette.orange, values: cap('primary') },
    { name: c.d('common.fillLimitOf', { who: c.t('planning:sizing.columns.primary'), pct }), color: palette.orange, values: lim('primary'), dashed: true },
    { name: c.t('planning:sizing.columns.recommended'), color: palette.green, values: cap('recommended') },
    { name: c.d('common.fillLimitOf', { who: c.t('planning:sizing.columns.recommended'), pct }), color: palette.green, values: lim('recommended'), dashed: true },
  ];
  return b.chart(
    { type: 'lines', unit: 'GB', digits: 0, xTitle: c.d('common.year'), xLabels: f.map((p) => String(p.year)), series, bars: { name: c.d('common.dataVolume'), color: palette.lightBlue, values: f.map((p) => p.dataGb) } },
    figureCaption(c, c.d('common.captionForecast')),
  );
}

/** The offers with what each meets, the chosen one marked. */
export function offersTable(c: BuildContext, ce: CostEstimate): Table | null {
  if (!ce.offers.length) return null;
  const state = (m: boolean | null) => (m === null ? c.d('common.unchecked') : m ? c.t('planning:costs.meets') : c.t('planning:costs.missing'));
  return b.table(
    [col(c.t('planning:costs.labels.offer'), 3), col(c.d('common.price'), 1.4, 'right'), col(c.d('common.requirements'), 3), col(c.d('common.chosen'), 1, 'center')],
    ce.offers.map((o) => [
      `${o.vendor} ${o.model}`.trim(), c.fmt.eur(o.priceEur), state(o.meetsAll) + missed(c, o.checks), o.chosen ? c.d('common.yes') : '',
    ]),
    { caption: tableCaption(c, c.d('common.captionOffers')) },
  );
}

function missed(c: BuildContext, checks: CostEstimate['offers'][number]['checks']): string {
  const m = (checks ?? []).filter((x) => x.meets === false);
  return m.length ? ` (${m.map((x) => c.t(`planning:sizing.requirements.${x.id}`)).join(', ')})` : '';
}
