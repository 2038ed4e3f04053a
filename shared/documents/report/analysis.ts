/** 3 Analysephase: Ist-Analyse from the facts, Wirtschaftlichkeit (make or buy, costs, amortisation), Nutzwertanalyse. */
import type { Facts } from '../../analysis/facts';
import type { SectionBodies } from '../assemble';
import { palette } from '../charts';
import type { BuildContext } from '../context';
import { figureCaption, tableCaption } from '../context';
import { b, col, type Block } from '../model';
import { amortisationChart, amortisationSentence, costTable, matrixBlocks, sectionFailed } from '../planViews';
import { pending, raidLabel, serverSentence } from '../prose';

const GB = 1e9;

export const analysisBodies: SectionBodies = {
  'report.current': (c) => currentBlocks(c),
  'report.makeOrBuy': (c) => makeOrBuyBlocks(c),
  'report.costs': (c) => {
    const ce = c.src.plan.costs;
    if (!ce.ok) return [sectionFailed(c, ce)!];
    const v = ce.value;
    const i = c.src.plan.inputs;
    const out: Block[] = [
      b.p(c.d('report.costsLead', {
        hours: c.fmt.num(Number(v.oneTime.labour.inputs.h), 2), rate: c.fmt.eur(i.hourlyRate.value, 2), overhead: c.fmt.num(i.overhead.value, 0),
        labour: c.fmt.eur(v.oneTime.labour.value), hardware: c.fmt.eur(v.oneTime.hardware.value), total: c.fmt.eur(v.oneTime.total.value),
      })),
      costTable(c, v),
    ];
    if (v.labourActual) out.push(b.p(c.d('report.labourActual', { amount: c.fmt.eur(v.labourActual.value), hours: c.fmt.num(Number(v.labourActual.inputs.h_actual), 2) })));
    for (const w of v.warnings) out.push(b.p(c.r(w), 'note'));
    return out;
  },
  'report.amortisation': (c) => {
    const ce = c.src.plan.costs;
    if (!ce.ok) return [sectionFailed(c, ce)!];
    const ci = c.src.plan.inputs.planning.costs;
    return [
      b.p(c.d('report.amortisationLead', {
        without: c.fmt.num(ci.outageHoursPerYearWithout, 1), with: c.fmt.num(ci.outageHoursPerYearWith, 1), cost: c.fmt.eur(ci.downtimeCostPerHourEur),
        avoided: c.fmt.eur(ce.value.downtimeAvoidedPerYear.value), running: c.fmt.eur(ce.value.yearly.total.value),
      })),
      b.p(amortisationSentence(c, ce.value)),
      amortisationChart(c, ce.value),
    ];
  },
  'report.utility': (c) => {
    const m = c.src.plan.matrix;
    if (!m.ok) return [sectionFailed(c, m)!];
    const weights = m.value[0]?.options[0]?.cells.map((x) => `${c.t(`planning:matrix.criteria.${x.criterion}`)} ${c.fmt.num(x.weight, 0)} %`).join(', ') ?? '';
    // All decisions at a glance, the first one's matrix in full; the other matrices are in the annex (page limit).
    const summary = b.table(
      [col(c.d('report.colDecision'), 2), col(c.d('report.colOptions'), 5), col(c.d('common.chosen'), 2)],
      m.value.map((d) => [
        c.t(`planning:matrix.decisions.${d.decision}`),
        d.options.map((o) => `${c.t(`planning:matrix.options.${o.option}`)} ${c.fmt.num(o.weightedSum.value, 2)}`).join('; '),
        c.t(`planning:matrix.options.${d.chosen}`),
      ]),
      { caption: tableCaption(c, c.d('report.captionUtilitySummary')) },
    );
    return [b.p(c.d('report.utilityLead', { weights })), summary, b.p(c.t('planning:matrix.labels.scale'), 'small'), ...matrixBlocks(c, m.value.slice(0, 1)), b.p(c.d('report.utilityAnnex'))];
  },
};

function currentBlocks(c: BuildContext): Block[] {
  const f = c.src.project.facts;
  const out: Block[] = [];
  const s = serverSentence(c);
  if (!f && !c.src.plan.inputs.primary) return [pending(c, 'noFacts')];
  if (f?.source) out.push(b.p(c.d(`report.factsSource.${f.source}`, { date: f.collectedAt ? c.fmt.dateTime(f.collectedAt) : '–' })));
  if (s) out.push(b.p(s));
  const rows = factRows(c, f);
  if (rows.length) out.push(b.table([col(c.d('common.property'), 2), col(c.d('common.value'), 4)], rows, { caption: tableCaption(c, c.d('report.captionFacts')) }));
  const sizes = dataSizes(c, f);
  if (sizes) out.push(sizes);
  const mail = mailChart(c, f);
  if (mail) out.push(mail);
  return out;
}

function factRows(c: BuildContext, f: Facts | undefined): string[][] {
  const rows: string[][] = [];
  const add = (k: string, v: string | undefined) => v && rows.push([c.d(`facts.${k}`), v]);
  const p = c.src.plan.inputs.primary;
  add('hostname', f?.hostname);
  add('os', [f?.os?.prettyName, f?.os?.kernel].filter(Boolean).join(', ') || undefined);
  add('virtualization', f?.hardware?.virtualization);
  if (p) {
    add('cpu', `${p.cpuModel || '–'} (${p.cores} / ${p.threads})`);
    add('ram', `${c.fmt.num(p.ramGb, 1)} GB`);
    add('disks', `${p.disks.count} × ${c.fmt.num(p.disks.sizeGb, 0)} GB ${c.t(`docs:diskTypes.${p.disks.type}`)}, ${raidLabel(p.disks.raidLevel)}`);
  }
  const raids = f?.storage?.raids ?? [];
  if (raids.length) add('raids', raids.map((r) => `${r.name} ${r.level ?? ''}${r.degraded ? ` (${c.d('facts.degraded')})` : ''}`.trim()).join(', '));
  const vgs = f?.storage?.vgs ?? [];
  if (vgs.length) add('vgs', vgs.map((v) => `${v.name}: ${c.fmt.num((v.sizeBytes ?? 0) / GB, 0)} GB, ${c.d('facts.free')} ${c.fmt.num((v.freeBytes ?? 0) / GB, 0)} GB`).join('; '));
  add('postfix', f?.postfix?.version && `${f.postfix.version}${f.postfix.myhostname ? `, myhostname ${f.postfix.myhostname}` : ''}${f.postfix.role ? `, ${c.d(`facts.role.${f.postfix.role}`)}` : ''}`);
  add('dovecot', f?.dovecot?.version && `${f.dovecot.version}${f.dovecot.protocols?.length ? ` (${f.dovecot.protocols.join(', ')})` : ''}`);
  add('mariadb', f?.mariadb?.version);
  const d = f?.data;
  if (d?.totalMailboxes !== undefined || d?.domains?.length) add('mailboxes', c.d('facts.mailboxesValue', { mailboxes: d?.totalMailboxes ?? d?.domains?.reduce((s, x) => s + x.mailboxes, 0) ?? 0, domains: d?.domains?.length ?? 0 }));
  const days = f?.mailVolume?.days ?? [];
  if (days.length) {
    const avg = days.reduce((s, x) => s + x.received, 0) / days.length;
    add('mailsPerDay', c.d('facts.mailsPerDayValue', { avg: c.fmt.num(avg, 0), days: days.length }));
  } else if (p) add('mailsPerDay', c.fmt.num(p.mailsPerDay, 0));
  const listeners = f?.services?.listeners ?? [];
  if (listeners.length) add('ports', [...new Set(listeners.map((l) => l.port))].sort((a, b2) => a - b2).slice(0, 20).join(', '));
  return rows;
}

function dataSizes(c: BuildContext, f: Facts | undefined): Block | null {
  const p = c.src.plan.inputs.primary;
  const vals = p
    ? [p.data.vmailGb, p.data.mariadbGb, p.data.spoolGb]
    : [f?.data?.vmailBytes, f?.data?.datadirBytes, f?.data?.spoolBytes].map((x) => (x === undefined ? 0 : x / GB));
  if (!vals.some((v) => v > 0)) return null;
  return b.chart(
    { type: 'bars', orientation: 'horizontal', stacked: false, unit: 'GB', digits: 1, valueLabels: true, categories: [c.d('facts.vmail'), c.d('facts.database'), c.d('facts.spool')], series: [{ name: 'GB', color: palette.blue, values: vals }] },
    figureCaption(c, c.d('report.captionDataSizes')),
  );
}

/** Mails per day as the mail-log analysis counted them (the last 31 days at most, so the bars stay readable). */
function mailChart(c: BuildContext, f: Facts | undefined): Block | null {
  const days = (f?.mailVolume?.days ?? []).slice(-31);
  if (days.length < 2) return null;
  const full = !!f?.collectors?.maillog;
  const keys = full ? (['received', 'delivered', 'deferred', 'rejected'] as const) : (['received'] as const);
  const colors = { received: palette.blue, delivered: palette.green, deferred: palette.orange, rejected: palette.red };
  const label = (iso: string) => (c.lang === 'de' ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.` : `${Number(iso.slice(8, 10))}/${Number(iso.slice(5, 7))}`);
  return b.chart(
    {
      type: 'bars', orientation: 'vertical', stacked: false, unit: c.d('facts.mails'), digits: 0,
      categories: days.map((x) => label(x.date)),
      series: keys.map((k) => ({ name: c.d(`facts.mail.${k}`), color: colors[k], values: days.map((x) => x[k]) })),
    },
    figureCaption(c, c.d('report.captionMailVolume', { days: days.length })),
  );
}

function makeOrBuyBlocks(c: BuildContext): Block[] {
  const mob = c.src.project.documents.makeOrBuy;
  const ce = c.src.plan.costs;
  if (!mob?.provider.trim() || mob.costPerYearEur === undefined) return [pending(c, 'makeOrBuy')];
  if (!ce.ok) return [sectionFailed(c, ce)!];
  const years = c.src.plan.inputs.planning.growth.horizonYears;
  const own = ce.value.oneTime.total.value + years * ce.value.yearly.total.value;
  const ext = years * mob.costPerYearEur;
  const out: Block[] = [
    b.p(c.d('report.makeOrBuyLead', { provider: mob.provider.trim(), years })),
    b.table(
      [col(c.d('common.option'), 3), col(c.d('report.colOneTime'), 1.5, 'right'), col(c.d('report.colPerYear'), 1.5, 'right'), col(c.d('report.colOverYears', { years }), 1.8, 'right')],
      [
        [c.d('report.make'), c.fmt.eur(ce.value.oneTime.total.value), c.fmt.eur(ce.value.yearly.total.value), c.fmt.eur(own)],
        [c.d('report.buy', { provider: mob.provider.trim() }), c.fmt.eur(0), c.fmt.eur(mob.costPerYearEur), c.fmt.eur(ext)],
      ],
      { caption: tableCaption(c, c.d('report.captionMakeOrBuy')) },
    ),
    b.p(c.d(own <= ext ? 'report.makeCheaper' : 'report.buyCheaper', { diff: c.fmt.eur(Math.abs(ext - own)), years })),
  ];
  if (mob.note.trim()) out.push(b.p(mob.note.trim()));
  return out;
}
