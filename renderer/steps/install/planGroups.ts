/**
 * The plan's steps grouped the way the overview shows them: by phase in plan order, inside a phase by node,
 * with the expected duration per phase and node. Works for the plan's steps and for the dry run's steps
 * alike (both carry id, phase, node and expectedDurationS).
 */
import type { NodeRole } from '../../../shared/commission/types';

export interface StepLike {
  id: string;
  phase: string;
  node: NodeRole;
  expectedDurationS: number;
  destructive: boolean;
  pointOfNoReturn?: boolean;
}

export interface NodeGroup<S> {
  node: NodeRole;
  steps: S[];
  durationS: number;
}

export interface PhaseGroup<S> {
  phase: string;
  steps: S[];
  nodes: NodeGroup<S>[];
  durationS: number;
  destructive: number;
  pointOfNoReturn: boolean;
}

/** Phases and nodes in the order the plan first names them (the order the executor runs them). */
export function groupByPhase<S extends StepLike>(steps: readonly S[]): PhaseGroup<S>[] {
  const phases: PhaseGroup<S>[] = [];
  for (const s of steps) {
    let p = phases.find((g) => g.phase === s.phase);
    if (!p) phases.push((p = { phase: s.phase, steps: [], nodes: [], durationS: 0, destructive: 0, pointOfNoReturn: false }));
    p.steps.push(s);
    p.durationS += s.expectedDurationS;
    if (s.destructive) p.destructive++;
    if (s.pointOfNoReturn) p.pointOfNoReturn = true;
    let n = p.nodes.find((g) => g.node === s.node);
    if (!n) p.nodes.push((n = { node: s.node, steps: [], durationS: 0 }));
    n.steps.push(s);
    n.durationS += s.expectedDurationS;
  }
  return phases;
}

export function totalDurationS(steps: readonly StepLike[]): number {
  return steps.reduce((a, s) => a + s.expectedDurationS, 0);
}

/** The index of the first point-of-no-return step: every step from here on cannot be rolled back automatically. */
export function pointOfNoReturnIndex(steps: readonly StepLike[]): number {
  return steps.findIndex((s) => s.pointOfNoReturn);
}
