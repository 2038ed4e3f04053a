import { validateWeights } from '../../../shared/planning/matrix';
import { criteria, decisionIds, defaultWeights } from '../../../shared/planning/matrixDefaults';
import { validateQuorumFencing } from '../../../shared/planning/quorum';
import type { Project } from '../../../shared/project/schema';
import type { StepStatus } from '../../../shared/project/steps';
import { attempt, planningOf } from '../../components/planning';

/**
 * Attention when the weights do not add up to 100 % or the quorum/fencing choice breaks a rule; done when an
 * option is chosen for every decision of the matrix.
 */
export function architectureStepStatus(project: Project): StepStatus {
  const pl = planningOf(project);
  const m = pl.matrix;
  if (!attempt(() => validateWeights(m.weights)).ok) return 'attention';
  if (!validateQuorumFencing(pl.quorumFencing).ok) return 'attention';
  if (decisionIds.every((d) => m.chosen[d] !== undefined)) return 'done';
  const touched =
    Object.keys(m.chosen).length > 0 || Object.keys(m.scores).length > 0 || Object.keys(m.rationales).length > 0 ||
    criteria.some((c) => m.weights[c] !== defaultWeights[c]);
  return touched ? 'inProgress' : 'notStarted';
}
