import type { ErrorValue } from '../errors';
import { explainFigure, formatQuantity, type Lang, type Translate } from './explain';
import type { ProjectPlan, Section } from './planProject';
import type { ComparisonCell, ComparisonRow } from './sizing';
import type { Figure, Reason } from './trace';

export { formatNumber, type Translate } from './explain';

const tr = (t: Translate, r: Reason): string => t(r.key, r.params);

/** A comparison cell in words: "4 × 2.000 GB SAS (10.000 U/min)", "RAID 10", "32 GB". */
export function comparisonCellText(c: ComparisonCell, t: Translate, lang: Lang): string {
  switch (c.kind) {
    case 'text':
      return c.text || '–';
    case 'number':
      return formatQuantity(t, lang, c.value, c.unit, 0);
    case 'disks':
      return `${c.count} × ${formatQuantity(t, lang, c.sizeGb, 'GB', 0)} ${t(`planning:values.diskType.${c.type}`)}`;
    case 'raid':
      return t(`planning:values.raidLevel.${c.level}`);
  }
}

/** Columns padded to the widest cell, so the table the header promises is the table printed. */
function table(rows: string[][], indent = '  '): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

/** Plain-text rendering of a project plan for the CLI; the app renders the same plan as tables and charts. */
export function renderPlanText(r: ProjectPlan, t: Translate, lang: Lang): string[] {
  const out: string[] = [];
  // A figure: its value, then the formula in words and with the values put in.
  const fig = (label: string, f: Figure, digits?: number) => {
    const e = explainFigure(f, t, lang, digits);
    out.push(`  ${label}: ${e.result}`, `      = ${e.formula}`);
    if (e.withValues) out.push(`      = ${e.withValues}`);
  };
  const head = (key: string) => out.push('', `== ${t(key)} ==`);
  const failed = (e: ErrorValue) => out.push(`  ${t('planning:cli.error')}: ${t(e.code, e.params)}`);
  const list = (items: Reason[], label: string) => {
    if (items.length) out.push(`  ${t(label)}:`, ...items.map((w) => `   - ${tr(t, w)}`));
  };
  const when = <T>(s: Section<T>, f: (v: T) => void) => (s.ok ? f(s.value) : failed(s.error));

  head('planning:cli.sizing');
  const pf = r.inputs.primaryFields;
  if (!r.sizing) {
    out.push(`  ${pf.missing.length < 10 ? t('planning:notes.primaryIncomplete', { count: pf.missing.length }) : t('planning:notes.noPrimary')}`);
    out.push(`  ${t('planning:cli.missingFields')}: ${pf.missing.map((id) => t(`planning:fields.${id}`)).join(', ')}`);
  }
  else when(r.sizing, (s) => {
    const withCandidate = s.comparison.some((row) => row.candidate !== undefined);
    const cols: ('primary' | 'recommended' | 'candidate')[] = ['primary', 'recommended', ...(withCandidate ? (['candidate'] as const) : [])];
    const cells = (row: ComparisonRow) => cols.map((c) => (row[c] ? comparisonCellText(row[c]!, t, lang) : '–'));
    out.push(...table([
      [t('planning:sizing.columns.property'), ...cols.map((c) => t(`planning:sizing.columns.${c}`))],
      ...s.comparison.map((row) => [t(`planning:sizing.rows.${row.id}`), ...cells(row)]),
    ]));
    out.push(`  ${t('planning:sizing.labels.cpu')}: ${tr(t, s.cpu.reason)}`);
    fig(t('planning:sizing.labels.ramRequired'), s.ram.requiredGb, 1);
    fig(t('planning:sizing.labels.dataAtHorizon'), s.storage.dataAtHorizonGb, 0);
    const v = s.drbd.volume;
    fig(t(`planning:sizing.labels.backing.${v.primaryBackingGb.source}`), v.primaryBackingGb, 0);
    fig(t(`planning:sizing.labels.backing.${v.secondaryBackingGb.source}`), v.secondaryBackingGb, 0);
    fig(t('planning:sizing.labels.drbdVolume'), v.volumeGb, 0);
    fig(t('planning:sizing.labels.metadata'), s.drbd.metadataSectors, 0);
    fig(t('planning:sizing.labels.metadataGb'), s.drbd.metadataGb, 3);
    fig(t('planning:sizing.labels.bitmap'), s.drbd.bitmapMiB, 1);
    fig(t('planning:sizing.labels.requiredUsable'), s.storage.requiredUsableGb, 0);
    if (v.outgrown && v.remedy) out.push(`  ${t('planning:sizing.labels.growth')}: ${tr(t, v.remedy.reason)}`);
    fig(t('planning:sizing.labels.iopsRequired'), s.iops.requiredAtHorizon, 0);
    for (const l of s.drbd.links) {
      const link = formatQuantity(t, lang, l.linkGbps, 'Gbit/s');
      fig(t(`planning:sizing.labels.syncOn.${l.role}`, { link }), l.initialSyncHours, 1);
      out.push(`      ${t(`planning:sizing.labels.bound.${l.throughput.bound}`, { throughput: formatQuantity(t, lang, l.throughput.value, 'MB/s', 1) })}`);
    }
    fig(t('planning:sizing.labels.resyncRate'), s.drbd.resyncRate, 0);
    for (const nic of s.nics) out.push(`  ${t(`planning:sizing.nics.${nic.role}`)}: ${nic.count} × ${formatQuantity(t, lang, nic.speedGbps, 'Gbit/s')} – ${tr(t, nic.reason)}`);
    list(s.warnings, 'planning:cli.warnings');
  });
  if (pf.guessed.length) out.push(`  ${t('planning:cli.guessedFields')}: ${pf.guessed.map((id) => t(`planning:fields.${id}`)).join(', ')}`);
  if (pf.overridden.length) out.push(`  ${t('planning:cli.overriddenFields')}: ${pf.overridden.map((id) => t(`planning:fields.${id}`)).join(', ')}`);

  head('planning:cli.matrix');
  when(r.matrix, (decisions) => {
    for (const d of decisions) {
      out.push(`  ${t(`planning:matrix.decisions.${d.decision}`)}:`);
      for (const o of d.options) {
        const mark = o.option === d.chosen ? '*' : ' ';
        out.push(`   ${mark}${o.rank}. ${t(`planning:matrix.options.${o.option}`).padEnd(52)} ${formatQuantity(t, lang, o.weightedSum.value, 'points', 2)}`);
      }
      out.push(`     ${tr(t, d.reason)}`);
    }
  });

  head('planning:cli.quorumFencing');
  const qf = r.quorumFencing;
  const c = qf.choice;
  const quorum = [c.twoNode ? 'twoNode' : null, c.qdevice ? 'qdevice' : null].filter((x) => x !== null);
  out.push(`  ${t('planning:quorumFencing.labels.nodes', { nodes: c.nodeCount })}`);
  out.push(`  ${t('planning:quorumFencing.labels.quorum')}: ${quorum.map((q) => t(`planning:quorumFencing.options.${q}.label`)).join(', ') || '–'}`);
  out.push(`  ${t('planning:quorumFencing.labels.fencing')}: ${c.fencing.map((f) => t(`planning:quorumFencing.options.${f}.label`)).join(', ') || '–'}`);
  if (c.riskAcceptance) out.push(`  ${t('planning:quorumFencing.labels.riskAcceptance')}: ${c.riskAcceptance.who}, ${c.riskAcceptance.when}: ${c.riskAcceptance.reason}`);
  list(qf.issues, 'planning:cli.rules');
  for (const b of [qf.unplanned, qf.planned]) {
    out.push(`  ${t(`planning:failover.kind.${b.kind}`)}: ${formatQuantity(t, lang, b.totalMs.value / 1000, 's', 1)}`);
    // Segments print in the order they happen (segmentOrder): a planned switchover stops the old node first.
    for (const s of b.segments) out.push(`   ${t(`planning:failover.segments.${s.id}`).padEnd(38)} ${formatQuantity(t, lang, s.figure.value / 1000, 's', 1)}`);
  }

  head('planning:cli.costs');
  when(r.costs, (e) => {
    for (const o of e.offers) {
      const state = o.meetsAll === null ? t('planning:costs.notChecked') : o.meetsAll ? t('planning:costs.meets') : t('planning:costs.missing');
      out.push(`  ${o.chosen ? '*' : ' '} ${o.vendor} ${o.model}: ${formatQuantity(t, lang, o.priceEur, 'EUR')} (${state})`);
    }
    for (const b of e.breakdown) out.push(`  ${t(`planning:costs.items.${b.id}`).padEnd(34)} ${formatQuantity(t, lang, b.amountEur, b.kind === 'yearly' ? 'EUR/year' : 'EUR', 2)}`);
    fig(t('planning:costs.labels.investment'), e.oneTime.total, 2);
    if (e.labourActual) fig(t('planning:costs.labels.labourActual'), e.labourActual, 2);
    fig(t('planning:costs.labels.avoided'), e.downtimeAvoidedPerYear, 2);
    fig(t('planning:costs.labels.net'), e.netBenefitPerYear, 2);
    if (e.amortisation.kind === 'years') fig(t('planning:costs.labels.amortisation'), e.amortisation.years, 2);
    else if (e.amortisation.kind === 'never') out.push(`  ${t('planning:costs.labels.amortisation')}: ${tr(t, e.amortisation.reason)}`);
    else out.push(`  ${t('planning:costs.labels.amortisation')}: ${t('planning:costs.labels.notYet')}`, ...e.amortisation.missing.map((m) => `   - ${tr(t, m)}`));
    list(e.warnings, 'planning:cli.warnings');
  });

  head('planning:cli.timePlan');
  when(r.timePlan, (tp) => {
    const h = (v: number) => formatQuantity(t, lang, v, 'h', 2);
    const signed = (v: number) => `${v > 0 ? '+' : ''}${h(v)}`;
    out.push(...table([
      [t('planning:timePlan.labels.phase'), t('planning:timePlan.labels.planned'), t('planning:timePlan.labels.actual'), t('planning:timePlan.labels.delta')],
      ...tp.phases.map((p) => [t(`planning:timePlan.phases.${p.phase}`), h(p.plannedHours), h(p.actualHours), signed(p.deltaHours)]),
      [t('planning:timePlan.labels.total'), h(tp.totals.planned.value), h(tp.totals.actual.value), signed(tp.totals.delta.value)],
    ]));
    out.push(`  ${t(`planning:timePlan.limit.${tp.limit.rule}`, { limit: tp.limit.hours })}`);
    const first = tp.gantt[0];
    const last = tp.gantt[tp.gantt.length - 1];
    if (first?.startDate && last?.endDate) out.push(`  ${t('planning:timePlan.labels.period', { start: first.startDate, end: last.endDate })}`);
    list(tp.warnings, 'planning:cli.warnings');
  });
  list(r.notes, 'planning:cli.notes');
  return out;
}
