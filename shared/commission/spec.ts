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
  return step;
}
