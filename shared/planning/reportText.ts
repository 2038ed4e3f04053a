import type { ErrorValue } from '../errors';
import type { ProjectPlan, Section } from './planProject';
import type { Figure, Reason } from './trace';

/** Any translator with i18next's call shape (main's nodeTranslator, the renderer's t). */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

export function formatNumber(lang: 'de' | 'en', v: number, digits = 2): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v);
}

const tr = (t: Translate, r: Reason): string => t(r.key, r.params);

/** Plain-text rendering of a plan report for the CLI; the app renders the same report as tables and charts. */
export function renderPlanText(r: ProjectPlan, t: Translate, lang: 'de' | 'en'): string[] {
  const n = (v: number, d = 2) => formatNumber(lang, v, d);
  const fig = (f: Figure, d = 2) => `${n(f.value, d)} ${t(`planning:units.${f.unit}`)}  [${f.formula}]`;
  const out: string[] = [];
  const head = (key: string) => out.push('', `== ${t(key)} ==`);
  const failed = (e: ErrorValue) => out.push(`  ${t('planning:cli.error')}: ${t(e.code, e.params)}`);
  const list = (items: { key: string; params?: Record<string, string | number> }[], label: string) => {
    if (items.length) out.push(`  ${t(label)}:`, ...items.map((w) => `   - ${tr(t, w)}`));
  };
  const when = <T>(s: Section<T>, f: (v: T) => void) => (s.ok ? f(s.value) : failed(s.error));

  head('planning:cli.sizing');
  if (!r.sizing) out.push(`  ${t('planning:notes.noPrimary')}`);
  else when(r.sizing, (s) => {
    for (const row of s.comparison) {
      const cells = [row.primary, row.recommended, ...(row.candidate !== undefined ? [row.candidate] : [])].map((v) => (typeof v === 'number' ? n(v, 0) : v));
      out.push(`  ${t(`planning:sizing.rows.${row.id}`).padEnd(22)} ${cells.join('  |  ')}`);
    }
    out.push(`  (${t('planning:cli.columns')})`);
    out.push(`  ${t('planning:sizing.labels.cpu')}: ${tr(t, s.cpu.reason)}`);
    out.push(`  ${t('planning:sizing.labels.ramRequired')}: ${fig(s.ram.requiredGb)}`);
    out.push(`  ${t('planning:sizing.labels.dataAtHorizon')}: ${fig(s.storage.dataAtHorizonGb)}`);
    out.push(`  ${t('planning:sizing.labels.drbdVolume')}: ${fig(s.storage.drbdVolumeGb)}`);
    out.push(`  ${t('planning:sizing.labels.metadata')}: ${fig(s.drbd.metadataSectors, 0)} = ${n(s.drbd.metadataGb.value, 3)} GB`);
    out.push(`  ${t('planning:sizing.labels.bitmap')}: ${fig(s.drbd.bitmapMiB, 1)}`);
    out.push(`  ${t('planning:sizing.labels.requiredUsable')}: ${fig(s.storage.requiredUsableGb)}`);
    out.push(`  ${t('planning:sizing.labels.iopsRequired')}: ${fig(s.iops.requiredAtHorizon, 0)}`);
    out.push(`  ${t('planning:sizing.labels.syncThroughput')}: ${fig(s.drbd.syncThroughput, 1)}`);
    out.push(`  ${t('planning:sizing.labels.initialSync')}: ${fig(s.drbd.initialSyncHours, 1)}`);
    out.push(`  ${t('planning:sizing.labels.resyncRate')}: ${fig(s.drbd.resyncRate, 0)}`);
    for (const nic of s.nics) out.push(`  ${t(`planning:sizing.nics.${nic.role}`)}: ${nic.count} x ${n(nic.speedGbps)} Gbit/s - ${tr(t, nic.reason)}`);
    list(s.warnings, 'planning:cli.warnings');
  });

  head('planning:cli.matrix');
  when(r.matrix, (decisions) => {
    for (const d of decisions) {
      out.push(`  ${t(`planning:matrix.decisions.${d.decision}`)}:`);
      for (const o of d.options) {
        const mark = o.option === d.chosen ? '*' : ' ';
        out.push(`   ${mark}${o.rank}. ${t(`planning:matrix.options.${o.option}`).padEnd(40)} ${n(o.weightedSum.value)}`);
      }
      out.push(`     ${tr(t, d.reason)}`);
    }
  });

  head('planning:cli.quorumFencing');
  const qf = r.quorumFencing;
  const c = qf.choice;
  const quorum = [c.twoNode ? 'twoNode' : null, c.qdevice ? 'qdevice' : null].filter((x) => x !== null);
  out.push(`  ${t('planning:quorumFencing.labels.nodes', { nodes: c.nodeCount })}`);
  out.push(`  ${t('planning:quorumFencing.labels.quorum')}: ${quorum.map((q) => t(`planning:quorumFencing.options.${q}.label`)).join(', ') || '-'}`);
  out.push(`  ${t('planning:quorumFencing.labels.fencing')}: ${c.fencing.map((f) => t(`planning:quorumFencing.options.${f}.label`)).join(', ') || '-'}`);
  if (c.riskAcceptance) out.push(`  ${t('planning:quorumFencing.labels.riskAcceptance')}: ${c.riskAcceptance.who}, ${c.riskAcceptance.when}: ${c.riskAcceptance.reason}`);
  list(qf.issues.map((i) => ({ key: i.key, ...(i.params ? { params: i.params } : {}) })), 'planning:cli.rules');
  for (const b of [qf.unplanned, qf.planned]) {
    out.push(`  ${t(`planning:failover.kind.${b.kind}`)}: ${n(b.totalMs.value / 1000, 1)} s`);
    for (const s of b.segments) out.push(`   ${t(`planning:failover.segments.${s.id}`).padEnd(34)} ${n(s.figure.value / 1000, 1)} s`);
  }

  head('planning:cli.costs');
  when(r.costs, (c) => {
    for (const o of c.offers) {
      const state = o.meetsAll === null ? '?' : o.meetsAll ? t('planning:costs.meets') : t('planning:costs.missing');
      out.push(`  ${o.chosen ? '*' : ' '} ${o.vendor} ${o.model}: ${n(o.priceEur)} ${t('planning:units.EUR')} (${state})`);
    }
    for (const b of c.breakdown) out.push(`  ${t(`planning:costs.items.${b.id}`).padEnd(34)} ${n(b.amountEur)} ${t('planning:units.EUR')}${b.kind === 'yearly' ? ` / ${t('planning:costs.labels.perYear')}` : ''}`);
    out.push(`  ${t('planning:costs.labels.investment')}: ${fig(c.oneTime.total)}`);
    if (c.labourActual) out.push(`  ${t('planning:costs.labels.labourActual')}: ${fig(c.labourActual)}`);
    out.push(`  ${t('planning:costs.labels.avoided')}: ${fig(c.downtimeAvoidedPerYear)}`);
    out.push(`  ${t('planning:costs.labels.net')}: ${fig(c.netBenefitPerYear)}`);
    out.push(`  ${t('planning:costs.labels.amortisation')}: ${c.amortisation.kind === 'years' ? fig(c.amortisation.years) : tr(t, c.amortisation.reason)}`);
    list(c.warnings, 'planning:cli.warnings');
  });

  head('planning:cli.timePlan');
  when(r.timePlan, (tp) => {
    for (const p of tp.phases) out.push(`  ${t(`planning:timePlan.phases.${p.phase}`).padEnd(20)} ${n(p.plannedHours)} h | ${n(p.actualHours)} h | ${p.deltaHours >= 0 ? '+' : ''}${n(p.deltaHours)} h`);
    out.push(`  ${t('planning:timePlan.labels.total').padEnd(20)} ${n(tp.totals.planned.value)} h | ${n(tp.totals.actual.value)} h | ${n(tp.totals.delta.value)} h`);
    const first = tp.gantt[0];
    const last = tp.gantt[tp.gantt.length - 1];
    if (first?.startDate && last?.endDate) out.push(`  ${t('planning:timePlan.labels.period', { start: first.startDate, end: last.endDate })}`);
    list(tp.warnings, 'planning:cli.warnings');
  });
  list(r.notes, 'planning:cli.notes');
  return out;
}
