import { analyseWarnings } from '../analysis/warnings';
import type { Facts } from '../analysis/facts';
import { validateWeights } from '../planning/matrix';
import { criteria, decisionIds, defaultWeights } from '../planning/matrixDefaults';
import type { ProjectPlan } from '../planning/planProject';
import { defaultTasks } from '../planning/timePlanSchema';
import type { Project } from '../project/schema';
import type { StepStatus } from '../project/steps';
import { analysisCoverage } from './analysisCoverage';

/** Facts hold something beyond bookkeeping (collector states, notes, source, time). */
export function hasFacts(facts: Facts | undefined): facts is Facts {
  if (!facts) return false;
  return (['hardware', 'storage', 'os', 'services', 'postfix', 'dovecot', 'mariadb', 'data', 'mailVolume', 'cluster'] as const).some((k) => {
    const v = facts[k];
    return v !== undefined && Object.keys(v).length > 0;
  });
}

/**
 * Attention when a senior engineer would stop here (a critical warning such as a degraded RAID); done only
 * when the facts cover what the plan needs and the three services; in progress once anything is known or a
 * connection is entered.
 */
export function analysisStatus(project: Project): StepStatus {
  const facts = project.facts;
  if (hasFacts(facts)) {
    if (analyseWarnings(facts).some((w) => w.severity === 'critical')) return 'attention';
    return analysisCoverage(facts).complete ? 'done' : 'inProgress';
  }
  return project.hosts.primary ? 'inProgress' : 'notStarted';
}

/** Done when the sizing computes, attention when the engines reject the inputs, in progress while fields are missing. */
export function sizingStatus(project: Project, plan: ProjectPlan | null): StepStatus {
  if (!plan) return 'attention';
  if (plan.sizing) return plan.sizing.ok ? 'done' : 'attention';
  const touched = Object.keys(plan.inputs.planning.sizing.overrides ?? {}).length > 0 || hasFacts(project.facts);
  return touched ? 'inProgress' : 'notStarted';
}

/**
 * Attention when the weights do not add up to 100 % or the quorum/fencing choice breaks a rule; done when an
 * option is chosen for every decision of the matrix.
 */
export function architectureStatus(plan: ProjectPlan | null): StepStatus {
  if (!plan) return 'attention';
  const m = plan.inputs.planning.matrix;
  try {
    validateWeights(m.weights);
  } catch {
    return 'attention';
  }
  if (!plan.quorumFencing.ok) return 'attention';
  if (decisionIds.every((d) => m.chosen[d] !== undefined)) return 'done';
  const touched =
    Object.keys(m.chosen).length > 0 || Object.keys(m.scores).length > 0 || Object.keys(m.rationales).length > 0 ||
    criteria.some((c) => m.weights[c] !== defaultWeights[c]);
  return touched ? 'inProgress' : 'notStarted';
}

/**
 * Attention when the plan exceeds the chosen hour limit or the chosen offer misses the sizing; done when an
 * offer is chosen and the plan fits; in progress once offers or tasks were entered.
 */
export function costsStatus(plan: ProjectPlan | null): StepStatus {
  if (!plan || !plan.timePlan.ok || !plan.costs.ok) return 'attention';
  const tp = plan.timePlan.value;
  if (tp.totals.planned.value > tp.limit.hours) return 'attention';
  const chosen = plan.costs.value.offers.find((o) => o.chosen);
  if (chosen?.meetsAll === false) return 'attention';
  if (chosen) return 'done';
  const pl = plan.inputs.planning;
  const tasksTouched = JSON.stringify(pl.timePlan.tasks) !== JSON.stringify(defaultTasks());
  return pl.costs.offers.length > 0 || tasksTouched ? 'inProgress' : 'notStarted';
}
