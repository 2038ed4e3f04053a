import { estimateCosts, type CostEstimate } from '../../../shared/planning/costs';
import { timePlan, type TimePlanResult } from '../../../shared/planning/timePlan';
import type { Project } from '../../../shared/project/schema';
import { attempt, planningOf, type Outcome } from '../../components/planning';
import { sizingOf } from '../sizing/inputs';

export interface CostsView {
  plan: Outcome<TimePlanResult>;
  costs: Outcome<CostEstimate>;
  /** Rate and overhead actually used: the step's override, else the project's apprentice rate and overhead. */
  rate: { eur: number; fromProject: boolean };
  overhead: { pct: number; fromProject: boolean };
  sizingKnown: boolean;
}

const cache = new WeakMap<Project, CostsView>();

/** Time plan and cost estimate of the project; the labour hours are the time plan's planned hours. */
export function costsOf(project: Project): CostsView {
  const hit = cache.get(project);
  if (hit) return hit;
  const pl = planningOf(project);
  const tp = pl.timePlan;
  const plan = attempt(() => timePlan({ ...tp, startDate: tp.startDate || project.meta.startDate }));
  const sizing = sizingOf(project);
  const requirements = sizing?.ok ? sizing.value.requirements : undefined;
  const rate = pl.costs.hourlyRateEur !== undefined ? { eur: pl.costs.hourlyRateEur, fromProject: false } : { eur: project.meta.rates.apprentice, fromProject: true };
  const overhead = pl.costs.overheadPct !== undefined ? { pct: pl.costs.overheadPct, fromProject: false } : { pct: project.meta.rates.overheadPercent, fromProject: true };
  const costs = attempt(() =>
    estimateCosts({
      costs: pl.costs,
      ...(requirements ? { requirements, readSharePct: sizing!.ok ? sizing!.value.assumptions.readSharePct : 70 } : {}),
      plannedHours: plan.ok ? plan.value.totals.planned.value : 0,
      // Labour at the hours actually worked, once any are entered (Soll-Ist of the costs).
      ...(plan.ok && plan.value.rows.some((r) => r.actualHours !== null) ? { actualHours: plan.value.totals.actual.value } : {}),
      hourlyRateEur: rate.eur,
      overheadPct: overhead.pct,
      horizonYears: pl.growth.horizonYears,
    }),
  );
  const view = { plan, costs, rate, overhead, sizingKnown: requirements !== undefined };
  cache.set(project, view);
  return view;
}
