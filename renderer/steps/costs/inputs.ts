import type { CostEstimate } from '../../../shared/planning/costs';
import type { RateInput } from '../../../shared/planning/fromProject';
import type { TimePlanResult } from '../../../shared/planning/timePlan';
import type { Project } from '../../../shared/project/schema';
import { planOf, type Outcome } from '../../components/planning';

export interface CostsView {
  plan: Outcome<TimePlanResult>;
  costs: Outcome<CostEstimate>;
  /** Rate and overhead actually used: the step's override, else the project's apprentice rate and overhead. */
  rate: RateInput;
  overhead: RateInput;
  sizingKnown: boolean;
}

const cache = new WeakMap<Project, CostsView>();

/** Time plan and cost estimate of the project, as the one plan composition computed them. */
export function costsOf(project: Project): CostsView {
  const hit = cache.get(project);
  if (hit) return hit;
  const r = planOf(project);
  const view: CostsView = r.ok
    ? { plan: r.value.timePlan, costs: r.value.costs, rate: r.value.inputs.hourlyRate, overhead: r.value.inputs.overhead, sizingKnown: r.value.sizing?.ok === true }
    : { plan: r, costs: r, rate: { value: project.meta.rates.apprentice, source: 'project' }, overhead: { value: project.meta.rates.overheadPercent, source: 'project' }, sizingKnown: false };
  cache.set(project, view);
  return view;
}
