import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { runFailover } from '../../failover/runFailover';
import type { Handler } from '../types';
import { activeFailoverRuns } from './activeRuns';

export const failoverRun: Handler<'failover.run'> = async ({ runId, projectId, project, path, kind, cases, label, acceptHostKeys, interactive }, { services, emit }) => {
  const runs = activeFailoverRuns(services);
  if (runs.has(runId) || services.runs.has(runId)) throw new AppError('errors:runExists', { runId });
  if ([...runs.values()].some((r) => r.projectId === projectId)) throw new AppError('failover:errors.alreadyRunning');
  const controller = new AbortController();
  const active = { projectId, controller, prompts: new Map<string, (done: boolean) => void>() };
  runs.set(runId, active);
  services.runs.set(runId, controller);
  try {
    const run = await runFailover(
      services,
      { runId, project: { ...project, id: projectId }, ...(path ? { path } : {}), kind, cases, ...(label ? { label } : {}), acceptHostKeys, interactive, signal: controller.signal, audit: services.auditLog(projectId) },
      {
        output: (text) => emit('run.output', { runId, stream: 'info', text }),
        progress: (done, total, l) => emit('run.progress', { runId, done, total, ...(l ? { label: l } : {}) }),
        live: (e, state) => emit('failover.live', { runId, ...(e.caseId ? { caseId: e.caseId } : {}), phase: e.phase, ...(e.faultAt !== undefined ? { faultAt: e.faultAt } : {}), ...state }),
        step: (caseId, stepId, state, note) => emit('failover.step', { runId, caseId, stepId, state, ...(note ? { note } : {}) }),
        caseState: (caseId, state, verdict) => emit('failover.case', { runId, caseId, state, ...(verdict ? { verdict } : {}) }),
        saved: (r) => emit('failover.run', { projectId, run: r }),
        prompt: (k, node) =>
          new Promise<boolean>((resolve) => {
            if (controller.signal.aborted) return resolve(false);
            const promptId = randomUUID();
            active.prompts.set(promptId, resolve);
            controller.signal.addEventListener('abort', () => {
              active.prompts.delete(promptId);
              resolve(false);
            }, { once: true });
            emit('failover.prompt', { runId, promptId, kind: k, node });
          }),
      },
    );
    return { run };
  } finally {
    runs.delete(runId);
    services.runs.delete(runId);
  }
};

export const failoverCancel: Handler<'failover.cancel'> = async ({ runId }, { services }) => {
  const r = activeFailoverRuns(services).get(runId);
  r?.controller.abort();
  return { cancelled: !!r };
};

export const failoverAnswer: Handler<'failover.answer'> = async ({ runId, promptId, done }, { services }) => {
  const r = activeFailoverRuns(services).get(runId);
  const resolve = r?.prompts.get(promptId);
  if (!resolve) return { answered: false };
  r!.prompts.delete(promptId);
  resolve(done);
  return { answered: true };
};
