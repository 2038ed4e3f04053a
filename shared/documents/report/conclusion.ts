/** 7 Fazit: Soll-Ist of the hours (table and chart), of the requirements, lessons learned, outlook. */
import type { SectionBodies } from '../assemble';
import type { BuildContext } from '../context';
import { tableCaption } from '../context';
import { quotedRun } from '../failoverRuns';
import { b, col, type Block } from '../model';
import { phaseName, sectionFailed, signed, sollIstChart } from '../planViews';
import { pending } from '../prose';

export const conclusionBodies: SectionBodies = {
  'report.hoursSollIst': (c) => {
    const tp = c.src.plan.timePlan;
    if (!tp.ok) return [sectionFailed(c, tp)!];
    const v = tp.value;
    if (!v.rows.some((r) => r.actualHours !== null)) return [pending(c, 'noActualHours')];
    const used = v.phases.filter((p) => p.plannedHours > 0 || p.actualHours > 0);
    const rows = used.map((p) => [phaseName(c, p.phase), c.fmt.num(p.plannedHours, 2), c.fmt.num(p.actualHours, 2), signed(c, p.deltaHours)]);
    rows.push([c.d('common.total'), c.fmt.num(v.totals.planned.value, 2), c.fmt.num(v.totals.actual.value, 2), signed(c, v.totals.delta.value)]);
    const out: Block[] = [
      b.p(c.d('report.sollIstLead', { planned: c.fmt.num(v.totals.planned.value, 2), actual: c.fmt.num(v.totals.actual.value, 2), delta: signed(c, v.totals.delta.value) })),
      b.table([col(c.d('common.phase'), 3), col(c.d('common.plannedH'), 1.3, 'right'), col(c.d('common.actualH'), 1.3, 'right'), col(c.d('common.deltaH'), 1.3, 'right')], rows, { totalRows: [rows.length - 1], caption: tableCaption(c, c.d('common.captionSollIstPhases')) }),
      sollIstChart(c, v),
    ];
    const worst = [...used].sort((a, b2) => Math.abs(b2.deltaHours) - Math.abs(a.deltaHours))[0];
    if (worst && Math.abs(worst.deltaHours) > 1e-9) out.push(b.p(c.d(worst.deltaHours > 0 ? 'report.sollIstOver' : 'report.sollIstUnder', { phase: phaseName(c, worst.phase), hours: c.fmt.num(Math.abs(worst.deltaHours), 2) })));
    return out;
  },
  'report.requirementsSollIst': (c) => {
    const reqs = c.src.project.meta.requirements.filter((r) => r.text.trim());
    if (!reqs.length) return [pending(c, 'noRequirements')];
    const res = c.src.project.documents.requirementResults;
    const rows = reqs.map((r) => [r.text.trim(), res[r.id] ? c.d(`requirementStatus.${res[r.id]!.status}`) : c.d('requirementStatus.open'), res[r.id]?.note.trim() || '']);
    const open = reqs.filter((r) => !res[r.id]).length;
    const out: Block[] = [b.table([col(c.d('common.requirement'), 4), col(c.d('common.status'), 1.4), col(c.d('common.note'), 3)], rows, { caption: tableCaption(c, c.d('report.captionRequirements')) })];
    if (open) out.push(pending(c, 'requirementsOpen', { count: open }));
    return out;
  },
  'report.lessons': (c) => {
    const facts = lessonFacts(c);
    return [...(facts.length ? [b.p(c.d('report.lessonsFacts')), b.bullets(facts)] : []), pending(c, 'lessons')];
  },
  'report.outlook': (c) => outlookBlocks(c),
};

/** What the data says about the project's course; the lessons themselves are the author's. */
function lessonFacts(c: BuildContext): string[] {
  const out: string[] = [];
  const tp = c.src.plan.timePlan;
  if (tp.ok && tp.value.rows.some((r) => r.actualHours !== null)) {
    const worst = [...tp.value.rows].filter((r) => r.deltaHours !== null).sort((a, b2) => Math.abs(b2.deltaHours!) - Math.abs(a.deltaHours!))[0];
    if (worst && Math.abs(worst.deltaHours!) > 1e-9) {
      const title = 'text' in worst.title ? worst.title.text : c.r(worst.title);
      out.push(c.d('report.lessonTask', { task: title, planned: c.fmt.num(worst.plannedHours, 2), actual: c.fmt.num(worst.actualHours!, 2) }));
    }
  }
  const q = quotedRun(c);
  if (q) {
    const failed = q.run.cases.filter((x) => x.verdict.value === 'fail').length;
    out.push(c.d(failed ? 'report.lessonTestsFailed' : 'report.lessonTestsPassed', { n: q.run.cases.length, failed }));
  }
  const r = c.src.realisation;
  if (r) {
    const retried = r.steps.filter((s) => s.outcome === 'failed').length;
    if (retried) out.push(c.d('report.lessonStepsFailed', { count: retried }));
  }
  return out;
}

function outlookBlocks(c: BuildContext): Block[] {
  const out: string[] = [];
  const s = c.src.plan.sizing;
  if (s?.ok) {
    const full = s.value.forecast.find((p) => p.full.recommended) ?? s.value.forecast.find((p) => p.full.primary);
    out.push(full ? c.d('report.outlookStorageFull', { year: full.year }) : c.d('report.outlookStorageOk', { years: c.src.plan.inputs.planning.growth.horizonYears }));
  }
  const ce = c.src.plan.costs;
  if (ce.ok && ce.value.amortisation.kind === 'years') out.push(c.d('report.outlookAmortisation', { years: c.fmt.num(ce.value.amortisation.years.value, 2) }));
  out.push(c.d('report.outlookDrills'));
  const facts = c.src.project.facts;
  if (facts?.os?.codename === 'bookworm') out.push(c.d('report.outlookTrixie'));
  return [b.bullets(out)];
}

