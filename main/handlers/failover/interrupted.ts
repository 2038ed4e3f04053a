import { AppError } from '../../../shared/errors';
import { undoInterrupted } from '../../failover/runFailover';
import { runStoreOf } from '../../failover/runStore';
import type { Handler } from '../types';
import { activeFailoverRuns } from './activeRuns';

/** Mirrored runs no run in this process is working on: left behind by a crash. */
export const failoverInterrupted: Handler<'failover.interrupted'> = async ({ projectId }, { services }) => {
  const active = activeFailoverRuns(services);
  const runs = (await runStoreOf(services).mirrored(projectId)).filter((r) => r.status === 'running' && !active.has(r.id));
  return { runs };
};

export const failoverUndoInterrupted: Handler<'failover.undoInterrupted'> = async ({ runId, projectId, project, path, interruptedRunId, acceptHostKeys }, { services, emit }) => {
  if (activeFailoverRuns(services).has(interruptedRunId)) throw new AppError('failover:errors.alreadyRunning');
  const run = (await runStoreOf(services).mirrored(projectId)).find((r) => r.id === interruptedRunId);
  if (!run) throw new AppError('failover:errors.noInterruptedRun');
  const saved = await undoInterrupted(services, { ...project, id: projectId }, path, run, services.auditLog(projectId), acceptHostKeys, (text) => emit('run.output', { runId, stream: 'info', text }));
  emit('failover.run', { projectId, run: saved });
  return { run: saved };
};
