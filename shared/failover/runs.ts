/**
 * Failover runs as the project keeps them: merging a saved run in (newest revision wins), the Soll-Ist rows of
 * a run (target, the planning step's estimate, what was measured), and a drill compared with the acceptance
 * run (what got slower, what broke). Pure: main, the renderer, the CLI and the documents use the same rules.
 */
import type { CaseId } from './cases';
import { MAX_DRILLS, type CaseResult, type FailoverRun } from './schema';
import type { Protocol } from './protocols';
import { findCase } from './cases';
import { ClusterProfileSchema } from './profile';
import type { OutageRule } from './cases';

/** Puts `run` into the list (replacing an older revision) and keeps the acceptance run plus the newest drills. */
export function mergeRun(runs: readonly FailoverRun[], run: FailoverRun, acceptanceRunId?: string): FailoverRun[] {
  const i = runs.findIndex((r) => r.id === run.id);
  const next = [...runs];
  if (i >= 0) {
    if ((next[i]!.revision ?? 0) > (run.revision ?? 0)) return runs as FailoverRun[];
    next[i] = run;
  } else next.push(run);
  next.sort((a, b) => a.startedAt - b.startedAt);
  const drills = next.filter((r) => r.id !== acceptanceRunId);
  const excess = drills.length - MAX_DRILLS;
  if (excess <= 0) return next;
  const drop = new Set(drills.slice(0, excess).map((r) => r.id));
  return next.filter((r) => !drop.has(r.id));
}

/** The run the customer accepted, else the newest finished acceptance-kind run. */
export function acceptanceRun(runs: readonly FailoverRun[], acceptanceRunId?: string): FailoverRun | undefined {
  if (acceptanceRunId) {
    const r = runs.find((x) => x.id === acceptanceRunId);
    if (r) return r;
  }
  return [...runs].filter((r) => r.kind === 'acceptance' && r.status === 'done').sort((a, b) => b.startedAt - a.startedAt)[0];
}

export function outageRuleOf(run: FailoverRun, c: CaseResult): OutageRule {
  return findCase(c.caseId).expect(run.profile ?? ClusterProfileSchema.parse({})).outage;
}

export interface SollIstRow {
  caseId: CaseId;
  verdict: CaseResult['verdict']['value'];
  rule: OutageRule;
  /** The target the case was judged against (ms), if the rule has one. */
  targetMs?: number;
  /** The planning step's estimate for this kind of failover (ms). */
  estimateMs?: number;
  /** Longest outage over all probed protocols, and where. */
  worstMs?: number;
  worstProtocol?: Protocol;
  smtpMs?: number;
  accepted?: number;
  lost?: number;
  /** Accepted mails not looked for: the mailbox could not be read. */
  notVerified?: number;
  duplicated?: number;
  findings: number;
}

export function sollIst(run: FailoverRun): SollIstRow[] {
  return run.cases.map((c) => {
    const rule = outageRuleOf(run, c);
    const judged = c.outages.filter((o) => o.baseline);
    const worst = judged.reduce<(typeof judged)[number] | undefined>((w, o) => (!w || o.maxMs > w.maxMs ? o : w), undefined);
    const smtp = judged.find((o) => o.protocol === 'smtp');
    const t = c.targets;
    return {
      caseId: c.caseId,
      verdict: c.verdict.value,
      rule,
      ...(rule === 'planned' ? { targetMs: t.plannedRtoMs, estimateMs: t.plannedEstimateMs } : rule === 'unplanned' ? { targetMs: t.unplannedRtoMs, estimateMs: t.unplannedEstimateMs } : rule === 'none' ? { targetMs: t.noOutageToleranceMs } : {}),
      ...(worst ? { worstMs: worst.maxMs, worstProtocol: worst.protocol } : {}),
      ...(smtp ? { smtpMs: smtp.maxMs } : {}),
      ...(c.mails ? { accepted: c.mails.tally.accepted, lost: c.mails.tally.lost.length, notVerified: c.mails.tally.notVerified.length, duplicated: c.mails.tally.duplicated.length } : {}),
      findings: c.findings.filter((f) => f.severity === 'critical' || f.severity === 'error').length,
    };
  });
}

export type Change = 'slower' | 'faster' | 'same' | 'broke' | 'fixed' | 'onlyBefore' | 'onlyAfter';

export interface ComparisonRow {
  caseId: CaseId;
  before?: SollIstRow;
  after?: SollIstRow;
  deltaMs?: number;
  change: Change;
}

/** Worse by more than this (and 20 %) counts as slower: probe jitter is a few hundred ms. */
const NOTICEABLE_MS = 500;

export function compareRuns(acceptance: FailoverRun, drill: FailoverRun): ComparisonRow[] {
  const a = new Map(sollIst(acceptance).map((r) => [r.caseId, r]));
  const d = new Map(sollIst(drill).map((r) => [r.caseId, r]));
  const ids = [...new Set([...a.keys(), ...d.keys()])];
  return ids.map((caseId) => {
    const before = a.get(caseId);
    const after = d.get(caseId);
    if (!before) return { caseId, ...(after ? { after } : {}), change: 'onlyAfter' as const };
    if (!after) return { caseId, before, change: 'onlyBefore' as const };
    const passed = (r: SollIstRow) => r.verdict === 'pass' || r.verdict === 'notApplicable';
    const deltaMs = before.worstMs !== undefined && after.worstMs !== undefined ? after.worstMs - before.worstMs : undefined;
    let change: Change = 'same';
    if (passed(before) && !passed(after)) change = 'broke';
    else if (!passed(before) && passed(after)) change = 'fixed';
    else if (deltaMs !== undefined && Math.abs(deltaMs) > NOTICEABLE_MS && Math.abs(deltaMs) > 0.2 * (before.worstMs ?? 0)) change = deltaMs > 0 ? 'slower' : 'faster';
    return { caseId, before, after, ...(deltaMs !== undefined ? { deltaMs } : {}), change };
  });
}
