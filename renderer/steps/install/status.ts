import type { CommissionRecord } from '../../../shared/commission/recordSchema';
import type { Project } from '../../../shared/project/schema';
import type { StepStatus } from '../../../shared/project/steps';

/** Record states that mean: a run stopped before the end and needs the operator (resume or roll back). */
const needsOperator: CommissionRecord['state'][] = ['failed', 'cancelled', 'stopped', 'rolledBack'];

/** A record in one of these states was interrupted when no run is active: it can be resumed. */
export const unfinishedStates: CommissionRecord['state'][] = ['running', 'paused', 'stopped', 'failed', 'cancelled', 'rollingBack'];

export function isUnfinished(record: CommissionRecord | undefined): record is CommissionRecord {
  return !!record && unfinishedStates.includes(record.state);
}

/**
 * From the commissioning record: done when it completed; attention when a run failed, was cancelled or
 * stopped, or the cluster was rolled back; in progress while one runs (or was interrupted) and once the
 * operator has entered a node, an inventory or the service address.
 */
export function installStepStatus(project: Project): StepStatus {
  const r = project.commission.record;
  if (r) {
    if (r.state === 'completed') return 'done';
    if (needsOperator.includes(r.state)) return 'attention';
    return 'inProgress';
  }
  const c = project.commission;
  const started = !!(project.hosts.secondary || project.hosts.witness || project.hosts.node3 || c.inventory || c.settings.vip || c.settings.vipName || c.settings.links.length);
  return started ? 'inProgress' : 'notStarted';
}
