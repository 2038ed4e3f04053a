/**
 * The Realisierung chapter's data from the commissioning record and the audit log: each step with its node,
 * start, duration and outcome, and the commands the audit log holds for that node in the step's time window.
 */
import type { CommissionRecord } from '../commission/recordSchema';
import type { RealisationData, RealisationStep } from './sources';

export interface AuditCommand {
  host: string;
  port: number;
  command: string;
  startedAt: string;
  durationMs: number;
  kind?: 'command' | 'connect';
}

export interface StepInfo {
  title: string;
  phase?: string;
}

/** Commands shown per step at most (the report quotes only excerpts). */
const MAX_COMMANDS = 4;

export function realisationFrom(
  record: CommissionRecord,
  audit: readonly AuditCommand[],
  stepInfo: (id: string) => StepInfo | undefined,
  hostOf: (role: string) => { host: string; port: number } | undefined,
): RealisationData {
  const commands = audit.filter((a) => a.kind !== 'connect' && a.command.trim()).map((a) => ({ ...a, t: Date.parse(a.startedAt) }));
  const steps: RealisationStep[] = Object.entries(record.steps)
    .sort(([, a], [, b]) => Date.parse(a.startedAt) - Date.parse(b.startedAt))
    .map(([id, run]) => {
      const from = Date.parse(run.startedAt);
      const to = run.endedAt ? Date.parse(run.endedAt) : from + (run.durationMs ?? 0);
      const target = hostOf(run.node);
      const mine = commands.filter((a) => a.t >= from - 1 && a.t <= to + 1 && (!target || (a.host === target.host && a.port === target.port)));
      const info = stepInfo(id);
      return {
        id,
        title: info?.title ?? id,
        ...(info?.phase ? { phase: info.phase } : {}),
        node: run.node,
        ...(target ? { host: target.host } : {}),
        outcome: run.outcome,
        startedAt: run.startedAt,
        ...(run.durationMs !== undefined ? { durationMs: run.durationMs } : to > from ? { durationMs: to - from } : {}),
        commands: [...new Set(mine.map((a) => a.command))].slice(0, MAX_COMMANDS),
      };
    });
  const timers = Object.entries(record.timers)
    .map(([id, t]) => ({ id, ms: t.ms ?? (t.stoppedAt ? Date.parse(t.stoppedAt) - Date.parse(t.startedAt) : NaN) }))
    .filter((t) => Number.isFinite(t.ms));
  const inWindow = commands.filter((a) => a.t >= Date.parse(record.startedAt) - 1 && (!record.completedAt || a.t <= Date.parse(record.completedAt) + 1));
  return {
    startedAt: record.startedAt,
    ...(record.completedAt ? { completedAt: record.completedAt } : {}),
    steps,
    timers,
    ...(record.pointOfNoReturnAt ? { pointOfNoReturnAt: record.pointOfNoReturnAt } : {}),
    auditEntries: inWindow.length,
  };
}
