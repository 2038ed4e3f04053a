import { answerConfirm, cancelRun, pauseRun, pendingConfirm, runningRunId } from '../../commission/commissionRuns';
import { recordStoreOf } from '../../commission/recordStore';
import type { Handler } from '../types';

export const commissionAnswer: Handler<'commission.answer'> = async ({ runId, confirmId, yes }, { services }) => ({ answered: answerConfirm(services, runId, confirmId, yes) });

export const commissionPause: Handler<'commission.pause'> = async ({ runId, paused }, { services }) => ({ found: pauseRun(services, runId, paused) });

/** Cancels a commissioning run, a dry run, an inventory or a status query by its runId. */
export const commissionCancel: Handler<'commission.cancel'> = async ({ runId }, { services }) => {
  const other = services.runs.get(runId);
  other?.abort();
  return { cancelled: cancelRun(services, runId) || !!other };
};

export const commissionRecord: Handler<'commission.record'> = async ({ projectId, path }, { services }) => {
  const runId = runningRunId(services, projectId);
  const open = pendingConfirm(services, projectId);
  return {
    record: (await recordStoreOf(services).load(projectId, path, undefined)) ?? null,
    running: runId !== undefined,
    ...(runId ? { runId } : {}),
    ...(open && open.runId === runId ? { pendingConfirm: { confirmId: open.confirmId, request: open.request } } : {}),
  };
};
