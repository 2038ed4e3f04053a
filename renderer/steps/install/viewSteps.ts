/**
 * One model of a step for the plan view, whichever sources there are: the plan alone (commands and the
 * files as they will be written) or the plan with its dry run (the same plus diffs against the nodes'
 * current files and whether the check says "already done"). A dry run made for another plan is ignored,
 * so the view never shows diffs that do not belong to the commands beside them.
 */
import type { DryRun, DryRunAction, DryRunStep } from '../../../shared/contract/methods/commission';
import type { L10n, NodeRole } from '../../../shared/commission/types';
import type { WireAction as Action, WirePlan as Plan, WireStep as Step } from './wire';

type FileChange = NonNullable<Extract<DryRunAction, { kind: 'write' }>['file']>;
type ErrorValue = NonNullable<Extract<DryRunAction, { kind: 'write' }>['error']>;

export type ViewAction =
  | { kind: 'run'; command: string; stdin?: string; timeoutMs?: number }
  | { kind: 'write'; path: string; mode: string; owner: string; secret: boolean; content?: string; file?: FileChange; error?: ErrorValue }
  | { kind: 'transfer'; from: NodeRole; fromPath: string; path: string; mode: string; owner: string; secret: boolean; file?: FileChange; error?: ErrorValue }
  | { kind: 'restore'; paths: string[] };

export interface ViewStep {
  id: string;
  phase: string;
  node: NodeRole;
  title: L10n;
  explanation: L10n;
  destructive: boolean;
  pointOfNoReturn: boolean;
  expectedDurationS: number;
  check?: { command: string; done?: boolean; error?: ErrorValue };
  actions: ViewAction[];
  verify: { command: string; title?: L10n; freshSession?: boolean; waitMs?: number }[];
  /** The undo actions when the plan has them; `hasRollback` alone when only the dry run says so. */
  rollback?: ViewAction[];
  hasRollback: boolean;
  backupPaths: string[];
  secrets: string[];
  /** What the dry run says the record holds for this step. */
  recorded?: string;
}

function fromAction(a: Action): ViewAction {
  if (a.kind === 'run') return { kind: 'run', command: a.command, ...(a.stdin !== undefined ? { stdin: a.stdin } : {}), ...(a.timeoutMs !== undefined ? { timeoutMs: a.timeoutMs } : {}) };
  if (a.kind === 'write') return { kind: 'write', path: a.path, mode: a.mode, owner: a.owner ?? 'root:root', secret: !!a.secret, ...(a.secret ? {} : { content: a.content }) };
  return { kind: 'transfer', from: a.from, fromPath: a.fromPath, path: a.toPath, mode: a.mode, owner: a.owner ?? 'root:root', secret: !!a.secret };
}

function fromDryAction(a: DryRunAction): ViewAction {
  if (a.kind === 'run') return { kind: 'run', command: a.command, ...(a.stdin !== undefined ? { stdin: a.stdin } : {}), ...(a.timeoutMs !== undefined ? { timeoutMs: a.timeoutMs } : {}) };
  if (a.kind === 'restore') return { kind: 'restore', paths: a.paths };
  const file = a.file ? { file: a.file } : {};
  const error = a.error ? { error: a.error } : {};
  if (a.kind === 'write') return { kind: 'write', path: a.path, mode: a.mode, owner: a.owner, secret: a.secret, ...file, ...error };
  return { kind: 'transfer', from: a.from, fromPath: a.fromPath, path: a.path, mode: a.mode, owner: a.owner, secret: a.secret, ...file, ...error };
}

function fromPlanStep(s: Step): ViewStep {
  return {
    id: s.id,
    phase: s.phase,
    node: s.node,
    title: s.title,
    explanation: s.explanation,
    destructive: s.destructive,
    pointOfNoReturn: !!s.pointOfNoReturn,
    expectedDurationS: s.expectedDurationS,
    ...(s.check ? { check: { command: s.check.command } } : {}),
    actions: s.apply.map(fromAction),
    verify: s.verify.map((v) => ({ command: v.command, ...(v.title ? { title: v.title } : {}), ...(v.freshSession ? { freshSession: true } : {}), ...(v.waitMs ? { waitMs: v.waitMs } : {}) })),
    ...(s.rollback ? { rollback: s.rollback.map(fromAction) } : {}),
    hasRollback: !!s.rollback?.length,
    backupPaths: s.backupPaths ?? [],
    secrets: s.secrets ?? [],
  };
}

export function fromDryStep(d: DryRunStep): ViewStep {
  return {
    id: d.id,
    phase: d.phase,
    node: d.node,
    title: d.title,
    explanation: d.explanation,
    destructive: d.destructive,
    pointOfNoReturn: d.pointOfNoReturn,
    expectedDurationS: d.expectedDurationS,
    ...(d.check ? { check: d.check } : {}),
    actions: d.actions.map(fromDryAction),
    verify: d.verify.map((v) => ({ command: v.command, ...(v.freshSession ? { freshSession: true } : {}), ...(v.waitMs ? { waitMs: v.waitMs } : {}) })),
    hasRollback: d.hasRollback,
    backupPaths: d.backupPaths,
    secrets: d.secrets,
    ...(d.recorded ? { recorded: d.recorded } : {}),
  };
}

/** The plan's steps, enriched by a dry run of the same plan (matched by hash) where there is one. */
export function viewSteps(plan: Plan, dry?: DryRun): { steps: ViewStep[]; dryMatches: boolean } {
  const dryMatches = !!dry && dry.mode === 'run' && dry.planHash === plan.hash;
  const byId = new Map((dryMatches ? dry!.steps : []).map((d) => [d.id, d]));
  const steps = plan.steps.map((s) => {
    const v = fromPlanStep(s);
    const d = byId.get(s.id);
    if (!d) return v;
    const rich = fromDryStep(d);
    return { ...rich, title: v.title, explanation: v.explanation, verify: v.verify, ...(v.rollback ? { rollback: v.rollback } : {}), hasRollback: v.hasRollback || rich.hasRollback };
  });
  return { steps, dryMatches };
}

/** The steps of a dry run alone (rollback preview, config sync, cleanup). */
export const dryViewSteps = (dry: DryRun): ViewStep[] => dry.steps.map(fromDryStep);

/** `{{secret:ID}}` in a command's stdin: shown as a named placeholder, never as a value. */
export const SECRET_REF = /\{\{secret:([A-Za-z0-9_-]+)\}\}/g;
