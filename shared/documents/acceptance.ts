/**
 * Abnahmeprotokoll: one to two pages, what was tested, the results against the targets, open points and the
 * signatures of customer and contractor. Exported alone or as an annex of the report (at a deeper level).
 */
import { catalogue } from '../failover/cases';
import { resolveTargets } from '../failover/targets';
import type { BuildContext } from './context';
import { tableCaption } from './context';
import { caseTitle, checkLine, quotedRun, resultsTable } from './failoverRuns';
import { frame } from './frame';
import { b, col, type Block, type DocModel, type Heading } from './model';
import { outlines } from './outline';
import { applyAddition } from './assemble';
import { who } from './prose';
import { clusterRoles, nodeName } from './topology';

export function buildAcceptance(c: BuildContext): DocModel {
  return frame(c, [{ kind: 'title', text: c.d('kinds.acceptance'), subtitle: who(c).title || c.d('pending.noTitleShort') }, ...acceptanceBlocks(c, 1)], { cover: false });
}

/** The record's blocks with its headings at `level` (1 alone, 3 inside the report's annex). */
export function acceptanceBlocks(c: BuildContext, level: 1 | 3): Block[] {
  const w = who(c);
  const q = quotedRun(c);
  const heading = (id: string, n: number): Heading => ({
    kind: 'heading', level, id: level === 1 ? id : `annex-${id}`, text: c.d(`titles.${id}`),
    ...(level === 1 ? { number: String(n) } : { inToc: false }),
  });
  const add = (id: string, blocks: Block[]) => applyAddition(blocks, c.src.project.documents.additions[id]);
  const out: Block[] = [
    b.kv([
      [c.d('people.project'), w.title || '–'],
      [c.d('people.customer'), w.customer || '–'],
      [c.d('people.contractor'), [w.trainee, w.company].filter(Boolean).join(', ') || '–'],
      [c.d('acceptance.date'), q ? c.fmt.date(new Date(q.run.startedAt).toISOString()) : c.d('acceptance.dateOpen')],
    ]),
  ];
  const ids = outlines.acceptance.map((s) => s.id);
  out.push(heading(ids[0]!, 1), ...add(ids[0]!, subject(c)));
  out.push(heading(ids[1]!, 2), ...tests(c));
  out.push(heading(ids[2]!, 3), ...add(ids[2]!, openPoints(c)));
  // The declaration, its three choices and the signatures stay on one page.
  out.push({ ...heading(ids[3]!, 4), keep: 250 }, ...declaration(c));
  return out;
}

function subject(c: BuildContext): Block[] {
  const s = c.src.project.commission.settings;
  const nodes = clusterRoles(c).map((r) => nodeName(c, r)).join(', ');
  const rec = c.src.project.commission.record;
  const qf = c.src.plan.inputs.planning.quorumFencing;
  // A cluster without fencing (recorded risk acceptance) must not be accepted "with its fencing".
  const noFencing = qf.fencing.length > 0 && qf.fencing.every((f) => f === 'none');
  const params = { cluster: s.clusterName, nodes, vip: s.vip ?? c.d('acceptance.vipOpen'), who: qf.riskAcceptance?.who ?? '–', when: qf.riskAcceptance?.when ? c.fmt.date(qf.riskAcceptance.when) : '–' };
  const out: Block[] = [b.p(c.d(noFencing ? 'acceptance.subjectNoFencing' : 'acceptance.subject', params))];
  out.push(b.p(rec?.completedAt ? c.d('acceptance.commissioned', { at: c.fmt.dateTime(rec.completedAt) }) : c.d('acceptance.notCommissioned'), rec?.completedAt ? undefined : 'pending'));
  out.push(b.p(c.d('acceptance.documents')));
  return out;
}

function tests(c: BuildContext): Block[] {
  const q = quotedRun(c);
  if (q) return [b.p(c.d('acceptance.testsLead', { n: q.run.cases.length })), resultsTable(c, q.run)];
  // No run yet: the planned cases with their targets, results to be filled in.
  const f = c.src.project.failover.settings;
  const t = resolveTargets(f.targets, c.src.plan.inputs.planning.quorumFencing);
  const chosen = f.selectedCases.length ? catalogue.filter((x) => f.selectedCases.includes(x.id)) : catalogue.filter((x) => !x.fullOutage);
  const target = (kind: string) => (kind === 'planned' ? `≤ ${c.fmt.seconds(t.plannedRtoMs)}` : kind === 'failure' ? `≤ ${c.fmt.seconds(t.unplannedRtoMs)}` : '–');
  return [
    b.p(c.d('pending.noFailoverRunAcceptance'), 'pending'),
    b.table(
      [col(c.d('results.case'), 3), col(c.d('results.target'), 1.5), col(c.d('acceptance.lostTarget'), 1.6), col(c.d('acceptance.result'), 2.2)],
      chosen.map((x) => [caseTitle(c, x.id), target(x.kind), `≤ ${t.maxLost}`, '']),
      { caption: tableCaption(c, c.d('acceptance.captionPlanned')) },
    ),
  ];
}

function openPoints(c: BuildContext): Block[] {
  const q = quotedRun(c);
  const points = c.src.project.documents.openPoints.map((x) => x.trim()).filter(Boolean);
  const failed = q
    ? q.run.cases.filter((x) => x.verdict.value === 'fail').map((x) => c.d('acceptance.failedCase', {
      case: caseTitle(c, x.caseId),
      checks: x.verdict.checks.filter((k) => !k.ok).map((k) => checkLine(c, k.key, k.params)).join('; ') || (x.verdict.reason ? checkLine(c, x.verdict.reason.key, x.verdict.reason.params) : '–'),
    }))
    : [];
  const all = [...failed, ...points];
  const out: Block[] = all.length ? [b.bullets(all)] : [b.p(c.d('acceptance.noOpenPoints'))];
  out.push({ kind: 'fillIn', labels: [c.d('acceptance.furtherPoints'), ''] });
  return out;
}

function declaration(c: BuildContext): Block[] {
  const w = who(c);
  return [
    b.p(c.d('acceptance.declaration')),
    ...[c.d('acceptance.optionAccepted'), c.d('acceptance.optionWithPoints'), c.d('acceptance.optionRejected')].map((x) => b.p(`□  ${x}`)),
    { kind: 'signatures', placeDateLabel: c.d('signatures.placeDate'), signatureLabel: c.d('signatures.signature'), fields: [
      { role: c.d('signatures.customer'), name: w.customer || '' },
      { role: c.d('signatures.contractor'), name: w.trainee || w.company || '' },
    ] },
  ];
}
