/** Which failover run the documents quote, and its figures per case: shared by report, handbook and acceptance. */
import type { TFunction } from 'i18next';
import { findCase } from '../failover/cases';
import { checkText } from '../failover/checkText';
import { ClusterProfileSchema } from '../failover/profile';
import type { CaseResult, FailoverRun } from '../failover/schema';
import { palette, type TimelineChart } from './charts';
import type { BuildContext } from './context';
import { tableCaption } from './context';
import { b, col, type Table } from './model';

type ClusterEvent = CaseResult['events'][number];

/** The accepted run, else the newest finished acceptance run, else the newest run of any kind. */
export function quotedRun(c: BuildContext): { run: FailoverRun; accepted: boolean } | null {
  const f = c.src.project.failover;
  const byTime = [...f.runs].sort((a, b2) => b2.startedAt - a.startedAt);
  const accepted = f.acceptanceRunId ? f.runs.find((r) => r.id === f.acceptanceRunId) : undefined;
  if (accepted) return { run: accepted, accepted: true };
  const acc = byTime.find((r) => r.kind === 'acceptance' && r.status === 'done');
  if (acc) return { run: acc, accepted: false };
  return byTime[0] ? { run: byTime[0], accepted: false } : null;
}

export const caseTitle = (c: BuildContext, id: string) => c.t(`failover:cases.${id}.title`);

/** The target the case's outage is judged against, as the catalogue says for the cluster that was tested. */
export function outageRule(run: FailoverRun, cr: CaseResult): 'planned' | 'unplanned' | 'none' | 'notJudged' {
  const profile = run.profile ?? ClusterProfileSchema.parse({});
  return findCase(cr.caseId).expect(profile).outage;
}

/** The longest outage over the judged protocols of a case. */
export function worstOutage(cr: CaseResult): { protocol: string; ms: number } | null {
  const judged = cr.outages.filter((o) => o.baseline);
  if (!judged.length) return null;
  const w = judged.reduce((a, o) => (o.maxMs > a.maxMs ? o : a));
  return { protocol: w.protocol, ms: w.maxMs };
}

export function targetText(c: BuildContext, run: FailoverRun, cr: CaseResult): string {
  const rule = outageRule(run, cr);
  if (rule === 'planned') return `≤ ${c.fmt.seconds(cr.targets.plannedRtoMs)}`;
  if (rule === 'unplanned') return `≤ ${c.fmt.seconds(cr.targets.unplannedRtoMs)}`;
  if (rule === 'none') return c.d('results.noOutageTarget');
  return c.d('results.notJudged');
}

/** Test case | longest outage | mails accepted/lost/(not verified)/duplicated | target | verdict. */
export function resultsTable(c: BuildContext, run: FailoverRun): Table {
  const rows = run.cases.map((cr) => {
    const w = worstOutage(cr);
    const m = cr.mails?.tally;
    return [
      caseTitle(c, cr.caseId),
      w ? `${c.fmt.seconds(w.ms)}\n${c.t(`failover:protocols.${w.protocol}`)}` : '–',
      m ? c.d(m.notVerified.length ? 'results.mailsNotVerified' : 'results.mails', { accepted: m.accepted, sent: m.sent, lost: m.lost.length, notVerified: m.notVerified.length, duplicated: m.duplicated.length }) : '–',
      targetText(c, run, cr),
      c.t(`failover:verdict.${cr.verdict.value}`),
    ];
  });
  return b.table(
    [col(c.d('results.case'), 2.6), col(c.d('results.outage'), 1.7), col(c.d('results.mailsCol'), 2.6), col(c.d('results.target'), 1.2), col(c.d('results.verdict'), 1.7)],
    rows,
    { caption: tableCaption(c, c.d('results.caption', { date: c.fmt.dateTime(new Date(run.startedAt).toISOString()) })) },
  );
}

/** Outage bars per protocol around the fault, cluster events as numbered markers (the step's time line). */
export function timelineOf(c: BuildContext, cr: CaseResult): TimelineChart | null {
  if (cr.faultAt === undefined) return null;
  const t0 = cr.faultAt;
  const windows = cr.outages.flatMap((o) => o.windows);
  const events = keyEvents(cr.events);
  const ends = [...windows.map((w) => (w.toMs ?? cr.endedAt ?? w.fromMs) - t0), ...events.map((e) => e.t - t0), (cr.recoveredAt ?? t0) - t0];
  const starts = [...windows.map((w) => w.fromMs - t0), ...events.map((e) => e.t - t0)];
  const from = Math.min(-2000, ...starts) - 1000;
  const to = Math.max(5000, ...ends) + 2000;
  return {
    type: 'timeline', from, to, unit: 's',
    lanes: cr.outages.map((o) => ({
      label: c.t(`failover:protocols.${o.protocol}`),
      intervals: o.windows.map((w) => ({ from: w.fromMs - t0, to: (w.toMs ?? cr.endedAt ?? w.fromMs) - t0, color: palette.red })),
    })),
    events: events.map((e) => ({ at: e.t - t0, label: e.kind === 'fault' ? c.d('results.faultEvent', { node: e.node, case: caseTitle(c, cr.caseId) }) : `${e.node}: ${e.text}` })),
    legend: [{ name: c.d('results.up'), color: '#dff0e6' }, { name: c.d('results.down'), color: palette.red }],
  };
}

const clusterKinds = new Set(['membership', 'quorum']);

/** How much an event tells a reader of the time line: fault, fencing, DRBD and bad signs first, resource steps last. */
function weight(e: ClusterEvent): number {
  if (e.kind === 'fault' || e.kind === 'fence' || e.kind === 'drbd' || e.bad) return 0;
  if (e.kind === 'service' || e.kind === 'quorum') return 1;
  if (e.kind === 'membership') return 2;
  if (e.kind === 'resource' && /^start .*: ok$/.test(e.text)) return 3;
  return 4;
}

/**
 * The events a printed time line can number (a case logs 40-50): the most telling ones over the whole case,
 * in time order, without the same line twice on a node within a second (journal and pacemaker both log it).
 */
export function keyEvents(events: ClusterEvent[], max = 12): ClusterEvent[] {
  const seen: ClusterEvent[] = [];
  for (const e of events) {
    if (e.kind === 'runner') continue;
    if (seen.some((x) => x.node === e.node && x.text === e.text && Math.abs(x.t - e.t) < 1000)) continue;
    // A membership change logs a burst of membership and quorum lines on every node: the first one stands for it.
    if (!e.bad && clusterKinds.has(e.kind) && seen.some((x) => clusterKinds.has(x.kind) && e.t - x.t >= 0 && e.t - x.t < 1500)) continue;
    seen.push(e);
  }
  const picked = new Set<ClusterEvent>();
  for (let level = 0; level <= 4 && picked.size < max; level++) {
    const these = seen.filter((e) => weight(e) === level);
    const room = max - picked.size;
    // Spread over the case rather than the first few: a long start chain keeps its beginning and its end.
    const step = these.length > room ? (these.length - 1) / Math.max(1, room - 1) : 1;
    for (let k = 0; k < Math.min(room, these.length); k++) picked.add(these[Math.round(k * step)]!);
  }
  return seen.filter((e) => picked.has(e));
}

/** A verdict check or reason in the document's language, worded as the Failover-Tests step and the CLI word it. */
export function checkLine(c: BuildContext, key: string, params: Record<string, string | number> = {}): string {
  // The shared helper only calls t(key, options) with string options, which a document translator takes.
  return checkText(c.t as unknown as TFunction, c.lang, key, params);
}
