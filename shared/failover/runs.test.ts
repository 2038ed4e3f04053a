import { describe, expect, it } from 'vitest';
import { QuorumFencingChoiceSchema } from '../planning/quorumSchema';
import { acceptanceRun, compareRuns, mergeRun, sollIst } from './runs';
import { FailoverRunSchema, MAX_DRILLS, type CaseResult, type FailoverRun } from './schema';
import { FailoverTargetsSchema, resolveTargets } from './targets';

const targets = resolveTargets(FailoverTargetsSchema.parse({ plannedRtoMs: 5000, unplannedRtoMs: 10_000 }), QuorumFencingChoiceSchema.parse({}));
const profile = { platform: 'container' as const, replication: 'shared' as const };

function caseResult(caseId: CaseResult['caseId'], smtpMs: number, verdict: CaseResult['verdict']['value'] = 'pass', lost = 0): unknown {
  return {
    caseId, startedAt: 0, faultAt: 1000, targets,
    outages: [{ protocol: 'smtp', samples: 100, baseline: true, preFaultFailures: 0, windows: [], maxMs: smtpMs, totalMs: smtpMs, recovered: true }, { protocol: 'imap', samples: 100, baseline: true, preFaultFailures: 0, windows: [], maxMs: smtpMs + 300, totalMs: smtpMs + 300, recovered: true }],
    mails: { records: [], tally: { sent: 10, accepted: 10, delivered: 10 - lost, lost: Array.from({ length: lost }, (_, i) => i), duplicated: [], duplicatedAfterLostReply: [], delayed: [], refusedRetried: [], neverAccepted: [], unexpected: [], deliveredAfterLostReply: [] } },
    verdict: { value: verdict, checks: [] },
  };
}

function run(id: number, kind: 'acceptance' | 'drill', cases: unknown[], startedAt = id * 1000, revision = 0): FailoverRun {
  return FailoverRunSchema.parse({ id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`, kind, startedAt, status: 'done', profile, cases, revision });
}

describe('failover runs', () => {
  it('a newer revision replaces an older one, never the other way round', () => {
    const a1 = run(1, 'acceptance', [], 1000, 1);
    const a2 = { ...a1, revision: 2, label: 'newer' };
    expect(mergeRun([a1], a2)[0]!.label).toBe('newer');
    expect(mergeRun([a2], a1)[0]!.label).toBe('newer');
  });

  it('keeps the acceptance run and the newest drills', () => {
    const acc = run(1, 'acceptance', []);
    let runs = [acc];
    for (let i = 2; i < MAX_DRILLS + 10; i++) runs = mergeRun(runs, run(i, 'drill', []), acc.id);
    expect(runs).toHaveLength(MAX_DRILLS + 1);
    expect(runs[0]!.id).toBe(acc.id);
    expect(runs[runs.length - 1]!.startedAt).toBe((MAX_DRILLS + 9) * 1000);
    expect(acceptanceRun(runs, acc.id)?.id).toBe(acc.id);
  });

  it('Soll-Ist: the target and the planning estimate per case kind beside the worst measured outage', () => {
    const rows = sollIst(run(1, 'acceptance', [caseResult('standby', 2800), caseResult('hardCrash', 7400)]));
    expect(rows[0]).toMatchObject({ caseId: 'standby', rule: 'planned', targetMs: 5000, estimateMs: targets.plannedEstimateMs, worstMs: 3100, worstProtocol: 'imap', smtpMs: 2800, lost: 0 });
    expect(rows[1]).toMatchObject({ caseId: 'hardCrash', rule: 'unplanned', targetMs: 10_000, estimateMs: targets.unplannedEstimateMs });
    // A tally saved without notVerified (the shape above) counts none.
    expect(rows[0]!.notVerified).toBe(0);
  });

  it('Soll-Ist: mails of an unread mailbox count as not verified beside the lost ones', () => {
    const aborted = caseResult('standby', 2800, 'aborted') as { mails: { tally: Record<string, unknown> } };
    aborted.mails.tally = { ...aborted.mails.tally, delivered: 0, notVerified: Array.from({ length: 10 }, (_, i) => i) };
    expect(sollIst(run(1, 'acceptance', [aborted]))[0]).toMatchObject({ accepted: 10, lost: 0, notVerified: 10 });
  });

  it('a drill shows what got slower and what broke against the acceptance run', () => {
    const acc = run(1, 'acceptance', [caseResult('standby', 2800), caseResult('hardCrash', 7400), caseResult('killService', 9000)]);
    const drill = run(2, 'drill', [caseResult('standby', 2900), caseResult('hardCrash', 9800), caseResult('killService', 9100, 'fail', 2), caseResult('move', 3000)]);
    const c = Object.fromEntries(compareRuns(acc, drill).map((r) => [r.caseId, r]));
    expect(c.standby!.change).toBe('same');
    expect(c.hardCrash).toMatchObject({ change: 'slower', deltaMs: 2400 });
    expect(c.killService!.change).toBe('broke');
    expect(c.move!.change).toBe('onlyAfter');
  });
});
