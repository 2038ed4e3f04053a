/**
 * `--rollback`: undoes what this commissioning applied, newest step first: the step's rollback actions,
 * then its backed-up files put back (a file that did not exist before is removed). A file that several steps
 * write comes back once, to its original, when the first of them is undone. A final
 * sweep over each node's backup manifest restores whatever a changed plan no longer names. Refused once the
 * point of no return was crossed: then the standalone state cannot be promised any more.
 */
import { AppError, toErrorValue } from '../../shared/errors';
import type { CommissionRecord, StepRun } from '../../shared/commission/recordSchema';
import type { NodeRole, Plan, Step } from '../../shared/commission/types';
import { runAction, type ActionContext } from './actions';
import { manifestCommand, parseManifest, restoreCommand, retireBackupCommand, stepPaths } from './backup';
import type { ExecuteHooks, ExecuteResult, ExecutorEnv } from './executorTypes';
import { StepOutput } from './stepOutput';

/** The steps a rollback undoes, in the order it undoes them. */
export function stepsToRollBack(plan: Plan, record: CommissionRecord): Step[] {
  return [...plan.steps].reverse().filter((s) => {
    const r = record.steps[s.id];
    return !!r && r.applied === true && r.outcome !== 'rolledBack' && r.rollback?.outcome !== 'done';
  });
}

/** Per step, the paths it restores: each path at the earliest applied step that backed it up. */
export function restorePlan(plan: Plan, record: CommissionRecord): Map<string, string[]> {
  const owner = new Map<string, string>();
  for (const s of plan.steps) {
    if (record.steps[s.id]?.applied !== true) continue;
    for (const p of stepPaths(s)) if (!owner.has(`${s.node}\0${p}`)) owner.set(`${s.node}\0${p}`, s.id);
  }
  const byStep = new Map<string, string[]>();
  for (const [key, id] of owner) byStep.set(id, [...(byStep.get(id) ?? []), key.split('\0')[1]!]);
  return byStep;
}

export function assertRollbackAllowed(record: CommissionRecord | undefined): asserts record is CommissionRecord {
  // A rollback interrupted after its last step still has its sweep to do: let it finish.
  const unfinished = record?.state === 'rollingBack';
  if (!record || (!unfinished && Object.values(record.steps).every((r) => r.applied !== true || r.outcome === 'rolledBack'))) throw new AppError('install:errors.nothingToRollBack');
  if (record.pointOfNoReturnAt) throw new AppError('install:errors.rollbackAfterPointOfNoReturn', { at: record.pointOfNoReturnAt });
}

export async function rollbackPlan(plan: Plan, start: CommissionRecord, env: ExecutorEnv, hooks: ExecuteHooks): Promise<ExecuteResult> {
  assertRollbackAllowed(start);
  let record = start;
  const persist = async (change: (r: CommissionRecord) => CommissionRecord) => {
    record = await env.saveRecord(change(record));
  };
  const now = () => env.now().toISOString();
  const steps = stepsToRollBack(plan, record);
  const restores = restorePlan(plan, record);
  const ok = await hooks.confirm({ kind: 'rollback', steps: steps.map((s) => ({ stepId: s.id, node: s.node, title: s.title })) });
  if (!ok) {
    const e = new AppError(env.control.signal.aborted ? 'install:errors.cancelled' : 'install:errors.refused', {});
    return { outcome: env.control.signal.aborted ? 'cancelled' : 'refused', record, error: e.toValue() };
  }
  await persist((r) => ({ ...r, state: 'rollingBack' }));
  const t0 = Date.now();
  const restored = new Set<string>();
  for (const [index, step] of steps.entries()) {
    hooks.progress({ stepIndex: index, stepCount: steps.length, stepId: step.id, fraction: index / Math.max(1, steps.length), elapsedMs: Date.now() - t0, etaMs: 0 });
    if (env.control.signal.aborted) return fail(new AppError('install:errors.cancelled'), 'cancelled');
    const out = new StepOutput(env.secretList, (stream, text) => hooks.output({ stepId: step.id, node: step.node, stream, text }));
    const ctx: ActionContext = { stepId: step.id, node: step.node, nodes: env.nodes, secrets: env.secrets, signal: env.control.signal, out };
    const run = record.steps[step.id]!;
    const setRun = (r: StepRun) => persist((rec) => ({ ...rec, steps: { ...rec.steps, [step.id]: r } }));
    await setRun({ ...run, rollback: { outcome: 'running', startedAt: now() } });
    hooks.step({ stepId: step.id, node: step.node, state: 'rollingBack' });
    try {
      for (const a of step.rollback ?? []) await runAction(ctx, a);
      const paths = restores.get(step.id) ?? [];
      if (paths.length) {
        hooks.step({ stepId: step.id, node: step.node, state: 'restoring' });
        await restore(step.node, paths, ctx, step.id);
        for (const p of paths) restored.add(`${step.node}\0${p}`);
      }
      out.flush();
      await setRun({ ...run, outcome: 'rolledBack', rollback: { outcome: 'done', startedAt: record.steps[step.id]!.rollback!.startedAt, endedAt: now(), outputTail: out.tailText() } });
      hooks.step({ stepId: step.id, node: step.node, state: 'rolledBack' });
    } catch (e) {
      out.flush();
      const err = e instanceof AppError ? e : new AppError('errors:internal', {}, String(e));
      const cancelled = err.code === 'ssh:errors.cancelled' || env.control.signal.aborted;
      await setRun({ ...run, rollback: { outcome: 'failed', startedAt: now(), endedAt: now(), outputTail: out.tailText(), errorCode: err.code } });
      hooks.step({ stepId: step.id, node: step.node, state: 'failed', error: toErrorValue(err) });
      return fail(cancelled ? new AppError('install:errors.cancelled', { stepId: step.id }) : err, cancelled ? 'cancelled' : 'failed', step.id);
    }
  }
  // The sweep and the retiring of the backup folders, per node that has one.
  const nodes = [...new Set(plan.steps.map((s) => s.node))];
  for (const node of nodes) {
    const out = new StepOutput(env.secretList, (stream, text) => hooks.output({ stepId: 'rollback.sweep', node, stream, text }));
    const ctx: ActionContext = { stepId: 'rollback.sweep', node, nodes: env.nodes, secrets: env.secrets, signal: env.control.signal, out };
    try {
      const s = await env.nodes.get(node);
      const m = await s.exec(manifestCommand(env.backupDir), { sudo: true, idempotent: true, timeoutMs: 60_000, signal: env.control.signal });
      const left = parseManifest(m.stdout).filter((p) => !restored.has(`${node}\0${p}`));
      if (left.length) await restore(node, left, ctx, 'rollback.sweep');
      const stamp = now().replace(/[:.]/g, '-');
      await s.exec(retireBackupCommand(env.backupDir, stamp), { sudo: true, idempotent: true, timeoutMs: 60_000, signal: env.control.signal });
    } catch (e) {
      return fail(e instanceof AppError ? e : new AppError('errors:internal', {}, String(e)), 'failed', 'rollback.sweep');
    }
  }
  await persist((r) => {
    const { lastError: _drop, ...rest } = r;
    return { ...rest, state: 'rolledBack', rolledBackAt: now() };
  });
  hooks.progress({ stepIndex: steps.length, stepCount: steps.length, fraction: 1, elapsedMs: Date.now() - t0, etaMs: 0 });
  return { outcome: 'completed', record };

  async function restore(node: NodeRole, paths: string[], ctx: ActionContext, stepId: string): Promise<void> {
    const s = await env.nodes.get(node);
    const r = await s.exec(restoreCommand(env.backupDir, paths), {
      sudo: true,
      idempotent: true,
      timeoutMs: 30 * 60_000,
      signal: env.control.signal,
      onStdout: (t) => ctx.out.write('info', t),
      onStderr: (t) => ctx.out.write('stderr', t),
    });
    ctx.out.flush();
    if (r.exitCode !== 0) throw new AppError('install:errors.restoreFailed', { stepId, node }, r.stderr.slice(-500));
  }

  async function fail(err: AppError, outcome: 'failed' | 'cancelled', stepId?: string): Promise<ExecuteResult> {
    const v = err.toValue();
    await persist((r) => ({ ...r, state: outcome === 'cancelled' ? 'cancelled' : 'failed', lastError: { code: v.code, ...(v.params ? { params: v.params } : {}), ...(stepId ? { stepId } : {}) } }));
    return { outcome, record, error: v };
  }
}
