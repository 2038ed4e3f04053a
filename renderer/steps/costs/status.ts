import type { Project } from '../../../shared/project/schema';
import type { StepStatus } from '../../../shared/project/steps';
import { defaultTasks } from '../../../shared/planning/timePlanSchema';
import { planningOf } from '../../components/planning';
import { costsOf } from './inputs';

/**
 * Attention when the plan exceeds the 40 hours or the chosen offer misses the sizing; done when an offer is
 * chosen and the plan fits; in progress once offers or tasks were entered.
 */
export function costsStepStatus(project: Project): StepStatus {
  const pl = planningOf(project);
  const v = costsOf(project);
  if (!v.plan.ok || !v.costs.ok) return 'attention';
  if (v.plan.value.totals.planned.value > pl.timePlan.limitHours) return 'attention';
  const chosen = v.costs.value.offers.find((o) => o.chosen);
  if (chosen?.meetsAll === false) return 'attention';
  if (chosen) return 'done';
  const tasksTouched = JSON.stringify(pl.timePlan.tasks) !== JSON.stringify(defaultTasks());
  return pl.costs.offers.length > 0 || tasksTouched ? 'inProgress' : 'notStarted';
}
