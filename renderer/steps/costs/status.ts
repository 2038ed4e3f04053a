import type { Project } from '../../../shared/project/schema';
import type { StepStatus } from '../../../shared/project/steps';
import { costsStatus } from '../../../shared/wizard/stepStatus';
import { planOf } from '../../components/planning';

export function costsStepStatus(project: Project): StepStatus {
  const plan = planOf(project);
  return costsStatus(plan.ok ? plan.value : null);
}
