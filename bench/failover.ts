/**
 * `npm run bench -- failover`: the measured outages of a planned standby and a hard crash of the active node on
 * the running, commissioned lab cluster (LAB_TIER, default ct; MHS_LAB_INSTANCE), per protocol, with the mails
 * and corosync's detection floor (token + consensus) beside them. MHS_BENCH_FAILOVER_CASES picks other cases,
 * MHS_BENCH_FAILOVER_RUNS repeats them. Goals printed beside the figures (ct: standby <= 5 s SMTP, crash <= 10 s).
 */
import type { CaseId } from '../shared/failover/cases';
import { isCaseId } from '../shared/failover/cases';
import type { CaseResult } from '../shared/failover/schema';
import { failoverHarness } from '../test/lab/failover/harness';
import { tier } from '../test/lab/failover/labContext';
import { readLabStatus } from '../test/lab/lib/statusSchema.js';

const goals: Partial<Record<CaseId, number>> = tier === 'ct' ? { standby: 5000, hardCrash: 10_000 } : {};
const s = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);

export async function benchFailover(): Promise<string[]> {
  let st;
  try {
    st = readLabStatus(tier);
  } catch {
    return [`failover (${tier}): lab not running; start and commission it (npm run lab -- up --tier ${tier}, then npm run cli -- commission --yes)`];
  }
  const cases = (process.env.MHS_BENCH_FAILOVER_CASES ?? 'standby,hardCrash').split(',').filter(isCaseId);
  const runs = Number(process.env.MHS_BENCH_FAILOVER_RUNS ?? 1);
  const h = await failoverHarness(st);
  const pv = await h.preview(cases);
  if (pv.servicesOn.length !== 1) return [`failover (${tier}): the lab cluster is not commissioned (services on ${pv.servicesOn.join(', ') || 'no node'})`];
  const out = [`failover (${tier}): corosync token ${pv.profile.tokenMs ?? '?'} ms, consensus ${pv.profile.consensusMs ?? '?'} ms -> detection floor ${s(pv.detectionFloorMs)}; targets planned ${s(pv.targets.plannedRtoMs)}, unplanned ${s(pv.targets.unplannedRtoMs)}`];
  const byCase = new Map<CaseId, CaseResult[]>();
  for (let i = 0; i < runs; i++) {
    const run = await h.run(cases, { kind: 'drill', label: `bench ${i + 1}` });
    for (const c of run.cases) byCase.set(c.caseId, [...(byCase.get(c.caseId) ?? []), c]);
  }
  for (const [id, results] of byCase) {
    for (const c of results) {
      const o = Object.fromEntries(c.outages.map((x) => [x.protocol, x.maxMs]));
      const m = c.mails?.tally;
      const goal = goals[id];
      out.push(
        `failover (${tier}) ${id}: ${c.verdict.value}; outage ${c.outages.map((x) => `${x.protocol} ${s(x.maxMs)}`).join(', ')}` +
          `${goal ? ` (goal SMTP <= ${s(goal)}: ${(o.smtp ?? Infinity) <= goal ? 'met' : 'MISSED'})` : ''}` +
          `; mails ${m ? `${m.accepted}/${m.sent} accepted, lost ${m.lost.length}, duplicated ${m.duplicated.length}, delayed ${m.delayed.length}` : '–'}; floor ${s(c.detectionFloorMs)}`,
      );
    }
  }
  return out;
}
