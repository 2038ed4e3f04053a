/** 6 Validierung: each failover case with outage per protocol, mails lost, verdict, time line and log findings. */
import type { SectionBodies } from '../assemble';
import type { BuildContext } from '../context';
import { figureCaption, tableCaption } from '../context';
import { caseTitle, checkLine, quotedRun, resultsTable, timelineOf } from '../failoverRuns';
import { b, col, type Block } from '../model';
import { pending } from '../prose';

export const validationBodies: SectionBodies = {
  'report.testResults': (c) => resultBlocks(c),
  'report.timelines': (c) => {
    const q = quotedRun(c);
    if (!q) return [pending(c, 'noFailoverRun')];
    const out: Block[] = [];
    for (const cr of q.run.cases) {
      const ch = timelineOf(c, cr);
      if (ch) out.push(b.chart(ch, figureCaption(c, c.d('report.captionTimeline', { case: caseTitle(c, cr.caseId) }))));
    }
    return out.length ? [b.p(c.d('report.timelinesLead')), ...out] : [pending(c, 'noTimelines')];
  },
  'report.logFindings': (c) => {
    const q = quotedRun(c);
    if (!q) return [pending(c, 'noFailoverRun')];
    const rows = q.run.cases.flatMap((cr) => cr.findings.map((f) => [caseTitle(c, cr.caseId), c.t(`failover:findings.${f.kind}`), c.t(`failover:severity.${f.severity}`), f.node, String(f.count)]));
    if (!rows.length) return [b.p(c.d('report.noFindings'))];
    const out: Block[] = [
      b.p(c.d('report.findingsLead', { count: rows.length })),
      b.table([col(c.d('results.case'), 2.5), col(c.d('report.colFinding'), 2), col(c.d('report.colSeverity'), 1.2), col(c.d('report.colNode'), 1.4), col(c.d('report.colCount'), 0.8, 'right')], rows, { caption: tableCaption(c, c.d('report.captionFindings')) }),
    ];
    const critical = q.run.cases.flatMap((cr) => cr.findings.filter((f) => f.severity === 'critical' || f.severity === 'error')).slice(0, 8);
    if (critical.length) out.push(b.code(critical.map((f) => `${f.node}: ${f.line}`), c.d('report.captionFindingLines')));
    return out;
  },
};

export function resultBlocks(c: BuildContext): Block[] {
  const q = quotedRun(c);
  if (!q) return [pending(c, 'noFailoverRun')];
  const { run, accepted } = q;
  const passed = run.cases.filter((x) => x.verdict.value === 'pass').length;
  const failed = run.cases.filter((x) => x.verdict.value === 'fail').length;
  const out: Block[] = [
    b.p(c.d(accepted ? 'report.resultsAccepted' : run.kind === 'acceptance' ? 'report.resultsAcceptance' : 'report.resultsDrill', {
      date: c.fmt.dateTime(new Date(run.startedAt).toISOString()), cases: run.cases.length, passed, failed, label: run.label ?? '',
    })),
  ];
  if (run.status !== 'done') out.push(b.p(c.d('report.runStatus', { status: c.d(`runStatus.${run.status}`) }), 'warning'));
  out.push(resultsTable(c, run));
  for (const cr of run.cases) {
    const failedChecks = cr.verdict.checks.filter((x) => !x.ok);
    const lines = [c.t(`failover:cases.${cr.caseId}.expected`)];
    if (failedChecks.length) lines.push(c.d('report.failedChecks', { checks: failedChecks.map((x) => checkLine(c, x.key, x.params)).join('; ') }));
    if (cr.verdict.reason) lines.push(checkLine(c, cr.verdict.reason.key, cr.verdict.reason.params));
    out.push(b.p([{ text: `${caseTitle(c, cr.caseId)}: `, bold: true }, { text: lines.join(' ') }]));
  }
  const t = run.cases[0]?.targets;
  if (t) out.push(b.p(c.d('report.targetsSource', { planned: c.fmt.seconds(t.plannedRtoMs), unplanned: c.fmt.seconds(t.unplannedRtoMs), lost: t.maxLost, dup: t.maxDuplicated })));
  return out;
}

