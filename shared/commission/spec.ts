/**
 * How step files describe a step: the Step the executor runs, plus what each command means on a small model
 * of node state (keys like `pkg:corosync`, `unit:postfix:enabled`, `file:/etc/corosync/corosync.conf`). The
 * model meaning is what the property tests check (a rollback undoes its apply, a check that says "done" is
 * true, apply twice = apply once); the commands are what runs. Both come from the same constructors in
 * ops.ts, so a step file never writes one without the other.
 */
import type { L10n, NodeRole, PhaseId, Probe, RunAction, SecretId, Step, TimerMark, TransferAction, WriteFileAction } from './types';

/** A model condition: the key has this value (null = absent), or all / any of several conditions. */
export type Cond = { key: string; is: string | null } | { key: string; not: string | null } | { all: Cond[] } | { any: Cond[] };

/**
 * What a run action changes on the model: set a key (on another node when the cluster does it there, e.g.
 * Pacemaker stopping DRBD on every node); save keys under a stamp (first save wins, like the executor's
 * backups) before changing them; put saved keys back; forget every key with a prefix (the helpers' own
 * records and milestones go when their folder does).
 */
export type Effect = { set: string; to: string | null; node?: NodeRole } | { save: string[]; stamp: string } | { restore: string } | { forget: string };

export interface ModelRun {
  action: RunAction;
  effects: Effect[];
}

/** A probe and what it tests on the model; `holds: []` = a fact of the running system the model does not know. */
export interface ModelProbe {
  probe: Probe;
  holds: Cond[];
}

export type SpecAction = ModelRun | WriteFileAction | TransferAction;

export interface StepSpec {
  id: string;
  phase: PhaseId;
  node: NodeRole;
  title: L10n;
  explanation: L10n;
  check?: ModelProbe;
  apply: SpecAction[];
  verify: ModelProbe[];
  rollback?: ModelRun[];
  destructive: boolean;
  pointOfNoReturn?: boolean;
  expectedDurationS: number;
  timer?: TimerMark;
  secrets?: SecretId[];
  backupPaths?: string[];
  /** Consecutive steps with the same group run at the same time, each on its own node (types.ts). */
  parallelGroup?: string;
}

/** Puts steps on different nodes into one parallel group (they must not depend on each other). */
export function together(name: string, steps: StepSpec[]): StepSpec[] {
  const nodes = steps.map((s) => s.node);
  if (new Set(nodes).size !== nodes.length) throw new Error(`parallel group ${name} has two steps on one node`);
  return steps.length > 1 ? steps.map((s) => ({ ...s, parallelGroup: name })) : steps;
}

/**
 * Groups each run of consecutive steps of one of these concerns (the id before '@') into a parallel group.
 * Only for concerns whose steps on different nodes do not depend on each other.
 */
export function groupConsecutive(steps: StepSpec[], concerns: readonly string[]): StepSpec[] {
  const out: StepSpec[] = [];
  let run: StepSpec[] = [];
  const concernOf = (s: StepSpec) => s.id.slice(0, s.id.lastIndexOf('@'));
  const flush = () => {
    if (run.length) out.push(...together(concernOf(run[0]!), run));
    run = [];
  };
  for (const s of steps) {
    const c = concernOf(s);
    if (run.length && (concernOf(run[0]!) !== c || run.some((x) => x.node === s.node))) flush();
    if (concerns.includes(c)) run.push(s);
    else {
      flush();
      out.push(s);
    }
  }
  flush();
  return out;
}

export const isModelRun = (a: SpecAction): a is ModelRun => 'action' in a;

/** The Step the executor sees: the same data without the model meaning. */
export function toStep(s: StepSpec): Step {
  const step: Step = {
    id: s.id,
    phase: s.phase,
    node: s.node,
    title: s.title,
    explanation: s.explanation,
    apply: s.apply.map((a) => (isModelRun(a) ? a.action : a)),
    verify: s.verify.map((v) => v.probe),
    destructive: s.destructive,
    expectedDurationS: s.expectedDurationS,
  };
  if (s.check) step.check = s.check.probe;
  if (s.rollback) step.rollback = s.rollback.map((r) => r.action);
  if (s.pointOfNoReturn) step.pointOfNoReturn = true;
  if (s.timer) step.timer = s.timer;
  if (s.secrets?.length) step.secrets = s.secrets;
  if (s.backupPaths?.length) step.backupPaths = s.backupPaths;
  if (s.parallelGroup) step.parallelGroup = s.parallelGroup;
  return step;
}
