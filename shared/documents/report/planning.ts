/** 2 Projektplanung: Projektphasen (Gantt), Abweichungen vom Projektantrag, Ressourcenplanung, Vorgehensmodell. */
import type { SectionBodies } from '../assemble';
import type { BuildContext } from '../context';
import { tableCaption } from '../context';
import { compareWithProposal } from '../deviations';
import { b, col, type Block } from '../model';
import { ganttChart, phaseName, sectionFailed, signed, taskTitle } from '../planViews';
import { processModelBlocks } from '../proposal';
import { pending, who } from '../prose';
import { nodeName, usesQdevice } from '../topology';

export const planningBodies: SectionBodies = {
  'report.phases': (c) => {
    const tp = c.src.plan.timePlan;
    if (!tp.ok) return [sectionFailed(c, tp)!];
    const v = tp.value;
    const first = v.gantt[0];
    const last = v.gantt[v.gantt.length - 1];
    const out: Block[] = [
      b.p(c.d('report.phasesLead', {
        tasks: v.rows.length, phases: v.phases.filter((p) => p.plannedHours > 0).length, hours: c.fmt.num(v.totals.planned.value, 2),
        limit: c.src.plan.inputs.planning.timePlan.limitHours,
      }) + (first?.startDate && last?.endDate ? ` ${c.d('report.phasesPeriod', { start: c.fmt.date(first.startDate), end: c.fmt.date(last.endDate) })}` : '')),
    ];
    const total = v.totals.planned.value || 1;
    out.push(b.table(
      [col(c.d('common.phase'), 4), col(c.d('common.plannedH'), 1.4, 'right'), col(c.d('common.share'), 1.2, 'right')],
      [...v.phases.filter((p) => p.plannedHours > 0).map((p) => [phaseName(c, p.phase), c.fmt.num(p.plannedHours, 2), `${c.fmt.num((p.plannedHours / total) * 100, 0)} %`]),
        [c.d('common.total'), c.fmt.num(v.totals.planned.value, 2), '100 %']],
      { totalRows: [v.phases.filter((p) => p.plannedHours > 0).length], caption: tableCaption(c, c.d('common.captionPhaseHours')) },
    ));
    out.push(ganttChart(c, v));
    out.push(b.p(c.d('report.phasesDetail')));
    return out;
  },
  'report.deviations': (c) => deviationBlocks(c),
  'report.resources': (c) => resourceBlocks(c),
  'report.processModel': (c) => processModelBlocks(c),
};

function deviationBlocks(c: BuildContext): Block[] {
  const snap = c.src.project.documents.approvedProposal;
  if (!snap) return [pending(c, 'noApprovedProposal')];
  const tp = c.src.plan.timePlan;
  if (!tp.ok) return [sectionFailed(c, tp)!];
  const titleOf = (id: string) => taskTitle(c, tp.value.rows.find((r) => r.id === id)!);
  const d = compareWithProposal(snap, c.src.project.meta, tp.value, titleOf);
  const out: Block[] = [b.p(c.d('report.deviationsLead', { date: c.fmt.date(d.approvedAt), hours: c.fmt.num(d.totals.approved, 2) }))];
  const h = (v: number | null) => (v === null ? '–' : c.fmt.num(v, 2));
  out.push(b.table(
    [col(c.d('common.phase'), 3), col(c.d('report.colApproved'), 1.4, 'right'), col(c.d('report.colPlanned'), 1.4, 'right'), col(c.d('common.actualH'), 1.3, 'right'), col(c.d('report.colDeltaApproved'), 1.6, 'right')],
    [...d.phases.map((p) => [phaseName(c, p.phase), h(p.approved), h(p.planned), h(p.actual), signed(c, (p.actual ?? p.planned) - p.approved)]),
      [c.d('common.total'), h(d.totals.approved), h(d.totals.planned), h(d.totals.actual), signed(c, (d.totals.actual ?? d.totals.planned) - d.totals.approved)]],
    { totalRows: [d.phases.length], caption: tableCaption(c, c.d('report.captionDeviations')) },
  ));
  if (d.none) out.push(b.p(c.d('report.deviationsNone')));
  const items: string[] = [];
  if (d.title) items.push(c.d('report.devTitle', { from: d.title.from, to: d.title.to }));
  if (d.start) items.push(c.d('report.devStart', { from: c.fmt.date(d.start.from) || '–', to: c.fmt.date(d.start.to) || '–' }));
  if (d.end) items.push(c.d('report.devEnd', { from: c.fmt.date(d.end.from) || '–', to: c.fmt.date(d.end.to) || '–' }));
  for (const x of d.added) items.push(c.d('report.devAdded', { task: x.title, hours: c.fmt.num(x.hours, 2) }));
  for (const x of d.removed) items.push(c.d('report.devRemoved', { task: x.title, hours: c.fmt.num(x.hours, 2) }));
  for (const x of d.changed) items.push(c.d('report.devChanged', { task: x.title, from: c.fmt.num(x.from, 2), to: c.fmt.num(x.to, 2) }));
  for (const x of d.requirementsAdded) items.push(c.d('report.devReqAdded', { text: x }));
  for (const x of d.requirementsRemoved) items.push(c.d('report.devReqRemoved', { text: x }));
  if (items.length) out.push(b.bullets(items));
  if (d.totals.actual !== null) {
    const diff = d.totals.actual - d.totals.approved;
    out.push(b.p(c.d(Math.abs(diff) < 1e-9 ? 'report.deviationsActualSame' : diff > 0 ? 'report.deviationsActualMore' : 'report.deviationsActualLess', { hours: c.fmt.num(Math.abs(diff), 2) })));
  }
  return out;
}

function resourceBlocks(c: BuildContext): Block[] {
  const w = who(c);
  const p = c.src.project;
  const rows: string[][] = [];
  rows.push([c.d('resources.staff'), w.trainee || c.d('prose.theTrainee'), c.d('resources.traineeRole', { hours: c.src.plan.timePlan.ok ? c.fmt.num(c.src.plan.timePlan.value.totals.planned.value, 2) : '–' })]);
  if (w.supervisor) rows.push([c.d('resources.staff'), w.supervisor, c.d('resources.supervisorRole')]);
  for (const x of p.meta.contacts.filter((k) => k.name.trim())) rows.push([c.d('resources.staff'), x.name, x.role || '–']);
  const primary = c.src.plan.inputs.primary;
  rows.push([c.d('resources.hardware'), nodeName(c, 'primary'), primary ? `${primary.cpuModel || '–'}, ${c.fmt.num(primary.ramGb, 0)} GB RAM, ${primary.disks.count} × ${c.fmt.num(primary.disks.sizeGb, 0)} GB (${c.d('resources.existing')})` : c.d('resources.existing')]);
  const chosen = c.src.plan.costs.ok ? c.src.plan.costs.value.offers.find((o) => o.chosen) : undefined;
  rows.push([c.d('resources.hardware'), nodeName(c, 'secondary'), chosen ? `${chosen.vendor} ${chosen.model} (${c.fmt.eur(chosen.priceEur)})` : c.d('resources.secondaryPending')]);
  if (usesQdevice(c)) rows.push([c.d('resources.hardware'), nodeName(c, 'witness'), c.d('resources.witness')]);
  const os = p.facts?.os;
  rows.push([c.d('resources.software'), os?.prettyName ?? 'Debian GNU/Linux', c.d('resources.softwareStack')]);
  const cost = c.src.plan.inputs;
  rows.push([c.d('resources.rates'), c.fmt.eur(cost.hourlyRate.value, 2), c.d('resources.ratesNote', { overhead: c.fmt.num(cost.overhead.value, 0) })]);
  return [
    b.p(c.d('report.resourcesLead')),
    b.table([col(c.d('resources.kind'), 1.4), col(c.d('resources.what'), 2.4), col(c.d('resources.use'), 4)], rows, { caption: tableCaption(c, c.d('report.captionResources')) }),
  ];
}
