import { AppError } from '../../../shared/errors';
import { collectors } from '../../analysis/collectors/index';
import { runAnalysis } from '../../analysis/runAnalysis';
import type { Handler } from '../types';
import { connectSecretsFor } from './secrets';

export const analysisCollectors: Handler<'analysis.collectors'> = async () =>
  collectors.map((c) => ({ id: c.id, titleKey: c.titleKey, needsSudo: c.needsSudo }));

export const analysisRun: Handler<'analysis.run'> = async ({ runId, projectId, role, target, acceptHostKeys }, { services, emit }) => {
  if (services.runs.has(runId)) throw new AppError('errors:runExists', { runId });
  const controller = new AbortController();
  services.runs.set(runId, controller);
  try {
    const { secrets, sudoPassword } = await connectSecretsFor(services, projectId, role);
    const facts = await runAnalysis({
      target,
      secrets,
      ...(sudoPassword !== undefined ? { sudoPassword } : {}),
      knownHosts: services.knownHosts,
      acceptHostKeys,
      audit: services.auditLog(projectId),
      collectors,
      signal: controller.signal,
      onCollector: (collectorId, status, info) => emit('analysis.collector', { runId, collectorId, status, ...info }),
      onOutput: (collectorId, stream, text) => emit('run.output', { runId, stream, text: `[${collectorId}] ${text}` }),
      onConnection: (e) => {
        const state = e.type === 'lost' ? 'lost' : e.type;
        emit('run.connection', { runId, state, ...('attempt' in e ? { attempt: e.attempt } : {}) });
      },
      now: services.now,
    });
    return { facts: { ...facts, hostname: facts.hostname ?? target.host } };
  } finally {
    services.runs.delete(runId);
  }
};

export const analysisCancel: Handler<'analysis.cancel'> = async ({ runId }, { services }) => {
  const c = services.runs.get(runId);
  c?.abort();
  return { cancelled: !!c };
};
