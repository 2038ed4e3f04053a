/**
 * The whole failover catalogue against the commissioned lab cluster (LAB_TIER=ct|vm, MHS_LAB_INSTANCE=n), through
 * the app's own handlers: every case the tier can run must meet the targets of the issue (ct: planned standby
 * <= 5 s SMTP outage, hard crash <= 10 s; every tier: no mail lost or duplicated), and every case it cannot
 * run must say why instead of passing. LAB_FAILOVER_CASES=standby,hardCrash runs a subset (the CI hook).
 * The run's figures go to test-results/failover-lab-<tier>.json and to the test log.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseIds, findCase, isCaseId, type CaseId } from '../../../shared/failover/cases';
import type { FailoverRun } from '../../../shared/failover/schema';
import { failoverHarness, type Harness } from './harness';
import { lab, tier } from './labContext';
import { runSummary } from './summary';

/**
 * LAB_FAILOVER_JUDGE=report (the CI hook): the verdicts and the outage goals are printed, not asserted. On a shared
 * 2-core CI machine they measure its load as much as the cluster (the goals are judged by full-catalogue.sh on a
 * quiet machine); what CI asserts is what load cannot excuse: every case ran and was saved, no mail was lost, and
 * the negative control fails, and no planned case delivered a mail twice (a crash's duplicates are printed).
 */
const judge = process.env.LAB_FAILOVER_JUDGE !== 'report';
const wanted: CaseId[] = (process.env.LAB_FAILOVER_CASES ?? '').split(',').map((x) => x.trim()).filter(isCaseId);
let h: Harness;
let run: FailoverRun;

beforeAll(async () => {
  h = await failoverHarness(lab());
  const preview = await h.preview();
  if (preview.servicesOn.length !== 1) throw new Error(`the lab cluster is not commissioned (services on: ${preview.servicesOn.join(', ') || 'no node'}); run the commissioning first`);
  const runnable = preview.cases.filter((c) => c.runnable && (wanted.length ? wanted.includes(c.caseId) : !c.fullOutage || tier === 'ct')).map((c) => c.caseId);
  const cases = wanted.length ? wanted : [...runnable, ...caseIds.filter((c) => !runnable.includes(c))];
  run = await h.run(cases, { kind: 'acceptance', label: `lab ${tier}`, onEvent: (e, p) => { if (e === 'failover.case') process.stderr.write(`${JSON.stringify(p)}\n`); } });
  const out = path.resolve('test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, `failover-lab-${tier}.json`), JSON.stringify(run, null, 1));
  for (const l of runSummary(run)) process.stdout.write(`${l}\n`);
  if (!judge) process.stdout.write('verdicts and outage goals reported only (LAB_FAILOVER_JUDGE=report); mails, saving and the negative control are asserted\n');
});

describe(`failover catalogue on the ${tier} lab cluster`, () => {
  it('the run finished and saved every case into the project file', () => {
    expect(run.status).toBe('done');
    const saved = h.project().failover.runs.find((r) => r.id === run.id);
    expect(saved?.cases.map((c) => c.caseId)).toEqual(run.cases.map((c) => c.caseId));
  });

  it.runIf(judge)('every case passes or says why it cannot run on this tier', () => {
    for (const c of run.cases) {
      if (c.verdict.value === 'notApplicable') expect(c.verdict.reason?.key, c.caseId).toMatch(/^failover:reasons\./);
      else expect(c.verdict.value, `${c.caseId}: ${JSON.stringify(c.verdict.checks.filter((x) => !x.ok))}`).toBe('pass');
    }
  });

  it('no mail lost (and, when judging, none duplicated) in any case, and every case really carried mail', () => {
    for (const c of run.cases.filter((x) => x.verdict.value !== 'notApplicable')) {
      const m = c.mails!.tally;
      expect(m.accepted, c.caseId).toBeGreaterThan(10);
      expect(m.lost, c.caseId).toEqual([]);
      // A planned stop drains Postfix first (ocf:mhs:unit drain_dir), so nothing may arrive twice. A node that dies
      // while Postfix's LMTP client waits for Dovecot's 250 leaves the queue file for the peer to deliver again
      // (at-least-once, like every MTA): judged in full runs, printed in the CI hook for the failure cases.
      if (judge || findCase(c.caseId).kind === 'planned') expect(m.duplicated, c.caseId).toEqual([]);
      else if (m.duplicated.length) process.stdout.write(`${c.caseId}: duplicated ${JSON.stringify(m.duplicated)} (reported, LAB_FAILOVER_JUDGE=report)\n`);
    }
  });

  it.runIf(judge && tier === 'ct')('ct targets: planned standby <= 5 s SMTP outage, hard crash <= 10 s', () => {
    const smtp = (id: CaseId) => run.cases.find((c) => c.caseId === id)?.outages.find((o) => o.protocol === 'smtp')?.maxMs;
    if (!wanted.length || wanted.includes('standby')) expect(smtp('standby')).toBeLessThanOrEqual(5000);
    if (!wanted.length || wanted.includes('hardCrash')) expect(smtp('hardCrash')).toBeLessThanOrEqual(10_000);
  });

  it.runIf(tier === 'ct')('ct: the fencing cases and the DRBD cut say why the container tier cannot run them', () => {
    for (const id of ['killCorosync', 'clusterLinkCut', 'fenceTest', 'drbdLinkCut'] as const) {
      const c = run.cases.find((x) => x.caseId === id);
      if (c) expect(c.verdict.value, id).toBe('notApplicable');
    }
  });
});
