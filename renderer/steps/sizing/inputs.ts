import { planningInputsFromProject, type PlanningInputs } from '../../../shared/planning/fromProject';
import type { PrimaryFacts } from '../../../shared/planning/hardwareSchema';
import { sizeSecondaryNode, type SizingInput, type SizingResult } from '../../../shared/planning/sizing';
import type { Project } from '../../../shared/project/schema';
import { attempt, planningOf, type Outcome } from '../../components/planning';

const inputsCache = new WeakMap<Project, Outcome<PlanningInputs>>();

/** What the planning engine reads from the project: the hand-entered primary, else the Ist-Analyse facts. */
export function planningInputsOf(project: Project): Outcome<PlanningInputs> {
  let r = inputsCache.get(project);
  if (!r) {
    r = attempt(() => planningInputsFromProject(project));
    inputsCache.set(project, r);
  }
  return r;
}

export function primaryOf(project: Project): PrimaryFacts | undefined {
  const r = planningInputsOf(project);
  return r.ok ? (r.value.primary ?? undefined) : undefined;
}

export function sizingInputOf(project: Project): SizingInput | null {
  const pl = planningOf(project);
  const primary = primaryOf(project);
  if (!primary) return null;
  return { primary, growth: pl.growth, assumptions: pl.sizing.assumptions, ...(pl.sizing.candidate ? { candidate: pl.sizing.candidate } : {}) };
}

const cache = new WeakMap<Project, Outcome<SizingResult> | null>();

/** The sizing for the open project (null: primary not known yet); cached per project state. */
export function sizingOf(project: Project): Outcome<SizingResult> | null {
  if (cache.has(project)) return cache.get(project)!;
  const input = sizingInputOf(project);
  const r = input ? attempt(() => sizeSecondaryNode(input)) : null;
  cache.set(project, r);
  return r;
}
