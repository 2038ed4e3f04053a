import { analyseWarnings } from '../../../shared/analysis/warnings';
import type { Facts } from '../../../shared/analysis/facts';
import type { Project } from '../../../shared/project/schema';
import type { StepStatus } from '../../../shared/project/steps';

/** Facts hold something beyond bookkeeping (collector states, notes, source, time). */
export function hasFacts(facts: Facts | undefined): facts is Facts {
  if (!facts) return false;
  return (['hardware', 'storage', 'os', 'services', 'postfix', 'dovecot', 'mariadb', 'data', 'mailVolume', 'cluster'] as const).some((k) => {
    const v = facts[k];
    return v !== undefined && Object.keys(v).length > 0;
  });
}

/**
 * Done when facts exist; attention when a senior engineer would stop here (critical warnings such as a
 * degraded RAID); in progress once a connection is entered.
 */
export function analysisStepStatus(project: Project): StepStatus {
  if (hasFacts(project.facts)) return analyseWarnings(project.facts).some((w) => w.severity === 'critical') ? 'attention' : 'done';
  return project.hosts.primary ? 'inProgress' : 'notStarted';
}
