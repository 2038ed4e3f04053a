import type { Project } from '../../../shared/project/schema';
import type { StepStatus } from '../../../shared/project/steps';
import { sizingStatus } from '../../../shared/wizard/stepStatus';
import { planOf } from '../../components/planning';

export function sizingStepStatus(project: Project): StepStatus {
  const plan = planOf(project);
  return sizingStatus(project, plan.ok ? plan.value : null);
}
