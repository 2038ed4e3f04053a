// A run's figures as plain lines for the test log, the bench and the closing note.
import type { FailoverRun } from '../../../shared/failover/schema';

const s = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);

export function runSummary(run: FailoverRun): string[] {
  const out = [`run ${run.kind} ${run.status}${run.error ? ` (${run.error.key})` : ''}; profile ${JSON.stringify({ platform: run.profile?.platform, replication: run.profile?.replication, stonith: run.profile?.stonith, quorum: run.profile?.quorum, tokenMs: run.profile?.tokenMs, consensusMs: run.profile?.consensusMs })}`];
  for (const c of run.cases) {
    const outages = c.outages.map((o) => `${o.protocol} ${s(o.maxMs)}${o.windows.length > 1 ? ` (${o.windows.length}×)` : ''}`).join(', ');
    const m = c.mails?.tally;
    const mails = m ? `mails ${m.accepted}/${m.sent} accepted, ${m.delivered} delivered, lost ${m.lost.length}, dup ${m.duplicated.length}, refused+retried ${m.refusedRetried.length}, delayed ${m.delayed.length}${m.delayMaxMs !== undefined ? ` (max ${s(m.delayMaxMs)})` : ''}` : 'no mails';
    out.push(`${c.caseId.padEnd(20)} ${c.verdict.value.padEnd(13)} ${outages || '–'}; ${mails}; floor ${s(c.detectionFloorMs)}${c.verdict.reason ? `; ${c.verdict.reason.key} ${JSON.stringify(c.verdict.reason.params ?? {})}` : ''}`);
    for (const k of c.verdict.checks.filter((x) => !x.ok)) out.push(`    FAIL ${k.id} ${JSON.stringify(k.params ?? {})}`);
    for (const f of c.findings.filter((x) => x.severity === 'critical' || x.severity === 'error')) out.push(`    ${f.severity} ${f.kind} @${f.node} ×${f.count}: ${f.line.slice(0, 150)}`);
  }
  return out;
}
