/**
 * Projektantrag: the apprentice's first document, in the structure the chamber's form uses (Thema, geplante
 * Durchführung, Projektbeschreibung with Ist/Soll/Nutzen/Aufgaben/Schnittstellen/Umfeld, Phasenmodell,
 * Projektphasen mit Stunden, Anhänge, Präsentationsmittel). Filled from the Projekt step and the time plan.
 */
import { assemble, type SectionBodies } from './assemble';
import type { BuildContext } from './context';
import { tableCaption } from './context';
import { b, col, type Block, type DocModel } from './model';
import { outlines } from './outline';
import { amortisationSentence, phaseName, phaseTaskTable, sectionFailed, taskTitle } from './planViews';
import { chosenArchitecture, pending, serverSentence, textBlocks, who } from './prose';
import { frame } from './frame';

export function buildProposal(c: BuildContext): DocModel {
  const blocks: Block[] = [
    { kind: 'title', text: c.d('kinds.proposal'), subtitle: who(c).title || c.d('pending.noTitleShort') },
    b.kv(headerRows(c)),
    ...assemble(c, outlines.proposal, bodies),
  ];
  return frame(c, blocks, { cover: false });
}

/** The people and numbers the chamber's form asks for at the top. */
export function headerRows(c: BuildContext): [string, string][] {
  const w = who(c);
  const m = c.src.project.meta;
  const rows: [string, string][] = [
    [c.d('people.trainee'), w.trainee || '–'],
    ...(m.examNumber.trim() ? [[c.d('people.examNumber'), m.examNumber.trim()] as [string, string]] : []),
    [c.d('people.company'), w.company || w.customer || '–'],
    [c.d('people.customer'), w.customer || '–'],
    [c.d('people.supervisor'), w.supervisor || '–'],
  ];
  return rows;
}

export function processModelBlocks(c: BuildContext): Block[] {
  const m = c.src.project.meta;
  if (!m.processModel) return [pending(c, 'processModel')];
  const name = m.processModel === 'other' ? m.processModelOther.trim() || c.d('processModels.other.name') : c.d(`processModels.${m.processModel}.name`);
  const out: Block[] = [b.p([{ text: `${name}. `, bold: true }, { text: c.d(`processModels.${m.processModel}.description`) }])];
  if (m.processModelReason.trim()) out.push(b.p(c.d('proposal.modelReason')), ...textBlocks(m.processModelReason));
  else out.push(pending(c, 'processModelReason'));
  return out;
}

export function contactsTable(c: BuildContext): Block {
  const contacts = c.src.project.meta.contacts.filter((x) => x.name.trim() || x.role.trim());
  if (!contacts.length) return pending(c, 'contacts');
  return b.table(
    [col(c.d('people.role'), 2.2), col(c.d('people.name'), 2), col(c.d('people.organisation'), 2), col(c.d('people.reach'), 2.4)],
    contacts.map((x) => [x.role || '–', x.name || '–', x.organisation || '–', x.reach || '–']),
    { caption: tableCaption(c, c.d('common.captionContacts')) },
  );
}

const bodies: SectionBodies = {
  'proposal.topic': (c) => (who(c).title ? [b.p([{ text: who(c).title, bold: true }])] : [pending(c, 'noTitle')]),
  'proposal.schedule': (c) => {
    const m = c.src.project.meta;
    const out: Block[] = [];
    if (m.startDate && m.endDate) out.push(b.kv([[c.d('proposal.start'), c.fmt.date(m.startDate)], [c.d('proposal.end'), c.fmt.date(m.endDate)]]));
    else out.push(pending(c, 'dates'));
    const tp = c.src.plan.timePlan;
    if (tp.ok && tp.value.gantt.length) {
      const first = tp.value.gantt[0]!;
      const last = tp.value.gantt[tp.value.gantt.length - 1]!;
      if (first.startDate && last.endDate) {
        out.push(b.p(c.d('proposal.workDays', { start: c.fmt.date(first.startDate), end: c.fmt.date(last.endDate), hours: c.fmt.num(tp.value.totals.planned.value, 2), perDay: c.src.plan.inputs.planning.timePlan.hoursPerDay })));
      }
    }
    return out;
  },
  'proposal.description': (c) => {
    const arch = chosenArchitecture(c);
    return [b.p(c.d('proposal.descriptionLead', { customer: who(c).customer || c.d('prose.theCustomer') }) + (arch ? ` ${c.d('proposal.descriptionPlan', { architecture: arch })}` : ''))];
  },
  'proposal.current': (c) => {
    const out = textBlocks(c.src.project.meta.descriptionIst);
    const s = serverSentence(c);
    if (s) out.push(b.p(s));
    return out.length ? out : [pending(c, 'descriptionIst')];
  },
  'proposal.target': (c) => targetBlocks(c),
  'proposal.benefit': (c) => benefitBlocks(c),
  'proposal.tasks': (c) => {
    const tp = c.src.plan.timePlan;
    if (!tp.ok) return [sectionFailed(c, tp)!];
    const out: Block[] = [];
    for (const p of tp.value.phases) {
      const rows = tp.value.rows.filter((r) => r.phase === p.phase);
      if (!rows.length) continue;
      out.push(b.p([{ text: phaseName(c, p.phase), bold: true }]));
      out.push(b.bullets(rows.map((r) => taskTitle(c, r))));
    }
    return out;
  },
  'proposal.interfaces': (c) => [contactsTable(c)],
  'proposal.environment': (c) => {
    const out = textBlocks(c.src.project.meta.projectEnvironment);
    return out.length ? out : [pending(c, 'environment')];
  },
  'proposal.processModel': (c) => processModelBlocks(c),
  'proposal.phases': (c) => {
    const tp = c.src.plan.timePlan;
    if (!tp.ok) return [sectionFailed(c, tp)!];
    const v = tp.value;
    const limit = c.src.plan.inputs.planning.timePlan.limitHours;
    return [b.p(c.d('proposal.hoursTotal', { hours: c.fmt.num(v.totals.planned.value, 2), limit })), phaseTaskTable(c, v, { actual: false })];
  },
  'proposal.attachments': (c) => {
    const list = c.src.project.meta.plannedAttachments.map((x) => x.trim()).filter(Boolean);
    return list.length ? [b.bullets(list)] : [pending(c, 'attachments')];
  },
  'proposal.presentation': (c) => {
    const out = textBlocks(c.src.project.meta.presentationAids);
    return out.length ? out : [pending(c, 'presentation')];
  },
};

/** Soll-Zustand: the user's description, the requirements list and the targets the tests will check. */
export function targetBlocks(c: BuildContext): Block[] {
  const m = c.src.project.meta;
  const out = textBlocks(m.descriptionSoll);
  const reqs = m.requirements.filter((r) => r.text.trim());
  if (reqs.length) out.push(b.p(c.d('proposal.requirementsLead')), b.bullets(reqs.map((r) => r.text.trim())));
  const qf = c.src.plan.quorumFencing;
  out.push(b.p(c.d('proposal.targets', { planned: c.fmt.seconds(qf.planned.totalMs.value), unplanned: c.fmt.seconds(qf.unplanned.totalMs.value) })));
  if (!textBlocks(m.descriptionSoll).length && !reqs.length) out.unshift(pending(c, 'descriptionSoll'));
  return out;
}

/** Nutzen: the user's text and the economic figures of the cost plan. */
export function benefitBlocks(c: BuildContext): Block[] {
  const out = textBlocks(c.src.project.meta.benefit);
  const costs = c.src.plan.costs;
  const ci = c.src.plan.inputs.planning.costs;
  if (costs.ok) {
    out.push(b.p(c.d('proposal.benefitFigures', {
      without: c.fmt.num(ci.outageHoursPerYearWithout, 1), with: c.fmt.num(ci.outageHoursPerYearWith, 1),
      cost: c.fmt.eur(ci.downtimeCostPerHourEur), avoided: c.fmt.eur(costs.value.downtimeAvoidedPerYear.value),
    })));
    const a = costs.value.amortisation;
    out.push(b.p(a.kind === 'years'
      ? c.d('proposal.benefitAmortisation', { years: c.fmt.num(a.years.value, 2), investment: c.fmt.eur(costs.value.oneTime.total.value) })
      : amortisationSentence(c, costs.value)));
  } else out.push(sectionFailed(c, costs)!);
  return out;
}
