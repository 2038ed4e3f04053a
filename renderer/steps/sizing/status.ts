import type { Project } from '../../../shared/project/schema';
import type { StepStatus } from '../../../shared/project/steps';
import { sizingOf } from './inputs';

/** Done when the primary is known and the sizing computes; attention when the engine rejects the inputs. */
export function sizingStepStatus(project: Project): StepStatus {
  const r = sizingOf(project);
  if (!r) return project.steps.sizing.status === 'inProgress' ? 'inProgress' : 'notStarted';
  return r.ok ? 'done' : 'attention';
}
