import type { Project } from '../../../shared/project/schema';
import type { StepStatus } from '../../../shared/project/steps';
import { architectureStatus } from '../../../shared/wizard/stepStatus';
import { planOf } from '../../components/planning';

export function architectureStepStatus(project: Project): StepStatus {
  const plan = planOf(project);
  return architectureStatus(plan.ok ? plan.value : null);
}
