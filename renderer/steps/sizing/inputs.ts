import type { PlanningInputs } from '../../../shared/planning/fromProject';
import type { PrimaryFacts } from '../../../shared/planning/hardwareSchema';
import type { SizingResult } from '../../../shared/planning/sizing';
import type { Project } from '../../../shared/project/schema';
import { planOf, type Outcome } from '../../components/planning';

/** What the planning engines read from the project: the hand-entered primary, else the Ist-Analyse facts. */
export function planningInputsOf(project: Project): Outcome<PlanningInputs> {
  const r = planOf(project);
  return r.ok ? { ok: true, value: r.value.inputs } : r;
}

export function primaryOf(project: Project): PrimaryFacts | undefined {
  const r = planOf(project);
  return r.ok ? (r.value.inputs.primary ?? undefined) : undefined;
}

/** The sizing for the open project (null: primary not known yet). */
export function sizingOf(project: Project): Outcome<SizingResult> | null {
  const r = planOf(project);
  return r.ok ? r.value.sizing : r;
}
