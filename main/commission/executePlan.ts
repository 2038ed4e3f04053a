/**
 * The generic executor: runs any Plan step by step, knowing nothing of what a step is for.
 *
 * Per step: check (exit 0 = already done: no apply) -> confirmations (point of no return, destructive) ->
 * back up every file the step writes -> apply -> verify (probes with retry) -> record. The record is saved
 * when a step starts and when it ends, so a run killed anywhere is resumed by running the plan again: every
 * step is checked anew and what is done is skipped.
 */
import { AppError, toErrorValue, type ErrorValue } from '../../shared/errors';
import type { CommissionRecord, StepRun } from '../../shared/commission/recordSchema';
import type { NodeRole, Plan, Step } from '../../shared/commission/types';
import { SshErrorCode } from '../ssh/errors';
import { sleep } from './runControl';
import { runAction, runProbe, type ActionContext } from './actions';
import { backupCommand, stepPaths } from './backup';
import { parallelUnits, PlanEta } from './eta';
import type { ExecuteHooks, ExecuteResult, ExecutorEnv } from './executorTypes';
import { StepOutput } from './stepOutput';
import { stepHash } from './stepHash';
import type { ActionProgress } from './progressParsers';

const CANCELLED = 'ssh:errors.cancelled';
/** Errors that mean "the node is not reachable right now" (a dropped connection, a node rebooting). */
const CONNECTION_ERRORS = new Set<string>([SshErrorCode.connectionLost, SshErrorCode.protocolError, SshErrorCode.unreachable, SshErrorCode.notConnected, SshErrorCode.timeout, SshErrorCode.channelFailed]);

/** The nodes a step talks to: its own and those it transfers from. */
function stepNodes(step: Step): NodeRole[] {
  return [...new Set([step.node, ...step.apply.flatMap((a) => (a.kind === 'transfer' ? [a.from] : []))])];
}

type StepEnd = { stop: false } | { stop: true; result: Omit<ExecuteResult, 'record'> };

export class PlanExecution {
  private record: CommissionRecord;
  private readonly eta: PlanEta;
  private readonly started = Date.now();
  private readonly running = new Map<string, { index: number; t0: number; progress?: ActionProgress }>();
  private saving: Promise<unknown> = Promise.resolve();
  private asking: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly plan: Plan,
    record: CommissionRecord,
    private readonly env: ExecutorEnv,
    private readonly hooks: ExecuteHooks,
    learnedMs: Record<string, number> = {},
  ) {
    this.record = record;
    const likelySkipped = new Set(plan.steps.filter((s) => this.recordedDone(s)).map((s) => s.id));
    this.eta = new PlanEta(plan.steps, learnedMs, likelySkipped);
  }

  private now(): string {
    return this.env.now().toISOString();
  }

  private recordedDone(step: Step): boolean {
    const r = this.record.steps[step.id];
    return !!r && (r.outcome === 'done' || r.outcome === 'skipped') && r.stepHash === stepHash(step);
  }

  /** Saves one change at a time, each applied to the newest record (steps of a parallel group save at once). */
  private persist(change: (r: CommissionRecord) => CommissionRecord): Promise<void> {
    const next = this.saving.then(async () => {
      this.record = await this.env.saveRecord(change(this.record));
    });
    this.saving = next.catch(() => undefined);
    return next;
  }

  /** One question at a time, even when the steps of a parallel group ask together. */
  private confirm(req: Parameters<ExecuteHooks['confirm']>[0]): Promise<boolean> {
    const next = this.asking.then(() => (this.env.control.signal.aborted ? false : this.hooks.confirm(req)));
    this.asking = next.catch(() => undefined);
    return next;
  }

  private setStep(id: string, run: StepRun): Promise<void> {
    return this.persist((r) => ({ ...r, steps: { ...r.steps, [id]: run } }));
  }

  private progress(): void {
    const now = Date.now();
    const running = [...this.running].map(([id, r]) => ({ id, elapsedMs: now - r.t0, ...(r.progress ? { fraction: r.progress.fraction, ...(r.progress.etaS !== undefined ? { toolEtaS: r.progress.etaS } : {}) } : {}) }));
    const snap = this.eta.snapshot(running);
    const first = [...this.running].sort((a, b) => a[1].index - b[1].index)[0];
    this.hooks.progress({
      stepIndex: first?.[1].index ?? this.plan.steps.length,
      stepCount: this.plan.steps.length,
      ...(first ? { stepId: first[0] } : {}),
      ...(snap.stepFraction !== undefined ? { stepFraction: snap.stepFraction } : {}),
      fraction: snap.totalMs > 0 ? Math.min(1, snap.doneMs / snap.totalMs) : 1,
      elapsedMs: Date.now() - this.started,
      etaMs: Math.round(snap.etaMs),
    });
  }

  async run(): Promise<ExecuteResult> {
    const ticker = setInterval(() => this.progress(), 1000);
    try {
      await this.persist((r) => ({ ...r, state: 'running' }));
      const index = new Map(this.plan.steps.map((st, i) => [st.id, i]));
      for (const unit of parallelUnits(this.plan.steps)) {
        const control = this.env.control;
        if (control.isPaused && !control.signal.aborted) {
          this.hooks.paused?.(true);
          await this.persist((r) => ({ ...r, state: 'paused' }));
          await control.waitWhilePaused();
          this.hooks.paused?.(false);
          if (!control.signal.aborted) await this.persist((r) => ({ ...r, state: 'running' }));
        }
        if (this.env.control.signal.aborted) return await this.end('cancelled', new AppError('install:errors.cancelled'));
        // A group with two steps on one node runs one after the other: a node does one thing at a time.
        const together = new Set(unit.map((st) => st.node)).size === unit.length ? [unit] : unit.map((st) => [st]);
        for (const batch of together) {
          for (const st of batch) this.running.set(st.id, { index: index.get(st.id)!, t0: Date.now() });
          this.progress();
          const ends = await Promise.all(batch.map((st) => this.runStep(st).finally(() => this.running.delete(st.id))));
          const stop = ends.find((e) => e.stop && e.result.outcome === 'failed') ?? ends.find((e) => e.stop);
          if (stop?.stop) return { ...stop.result, record: this.record };
        }
      }
      await this.persist((r) => {
        const { lastError: _drop, ...rest } = r;
        return { ...rest, state: 'completed', completedAt: this.now() };
      });
      this.progress();
      return { outcome: 'completed', record: this.record };
    } finally {
      clearInterval(ticker);
    }
  }

  private async end(outcome: ExecuteResult['outcome'], error: AppError, stepId?: string): Promise<ExecuteResult> {
    const state = outcome === 'cancelled' ? 'cancelled' : outcome === 'failed' ? 'failed' : 'stopped';
    const value = error.toValue();
    await this.persist((r) => ({ ...r, state, lastError: { code: value.code, ...(value.params ? { params: value.params } : {}), ...(stepId ? { stepId } : {}) } }));
    return { outcome, record: this.record, error: value };
  }

  private async stopWith(outcome: 'cancelled' | 'failed' | 'refused' | 'stopped', error: AppError, stepId: string): Promise<StepEnd> {
    const r = await this.end(outcome, error, stepId);
    return { stop: true, result: { outcome: r.outcome, ...(r.error ? { error: r.error } : {}) } };
  }

  private async runStep(step: Step): Promise<StepEnd> {
    const prev = this.record.steps[step.id];
    const hash = stepHash(step);
    const recordedDone = this.recordedDone(step);
    const out = new StepOutput(this.env.secretList, (stream, text) => this.hooks.output({ stepId: step.id, node: step.node, stream, text }));
    // Set when a command that may not run twice has been sent in this attempt (a redo would repeat it).
    let unsafe = false;
    const ctx: ActionContext = {
      stepId: step.id,
      node: step.node,
      nodes: this.env.nodes,
      secrets: this.env.secrets,
      signal: this.env.control.signal,
      out,
      onProgress: (p) => {
        const r = this.running.get(step.id);
        if (r) r.progress = p;
      },
      beforeRun: (a) => {
        if (!a.idempotent) unsafe = true;
      },
    };
    const startedAt = this.now();
    const t0 = Date.now();
    const base: StepRun = { node: step.node, outcome: 'running', startedAt, attempts: (prev?.attempts ?? 0) + 1, stepHash: hash };
    await this.setStep(step.id, base);
    const finish = async (outcome: StepRun['outcome'], applied: boolean, error?: ErrorValue): Promise<void> => {
      out.flush();
      const durationMs = Date.now() - t0;
      await this.setStep(step.id, {
        ...base,
        outcome,
        applied,
        endedAt: this.now(),
        durationMs,
        outputDigest: out.digest(),
        outputTail: out.tailText(),
        ...(error ? { errorCode: error.code, ...(error.params ? { errorParams: error.params } : {}) } : {}),
      });
      this.eta.finish(step.id, durationMs, applied);
      this.hooks.step({ stepId: step.id, node: step.node, state: outcome, durationMs, ...(error ? { error } : {}) });
      if (applied && outcome === 'done') await this.env.learned?.remember(step.id, durationMs);
    };
    const state = { applied: false, confirmed: false };

    /** After apply (or after a check that says a cut-off apply got done): verify, timer, done. */
    const completeApplied = async (): Promise<StepEnd> => {
      this.hooks.step({ stepId: step.id, node: step.node, state: 'verifying' });
      if (!(await this.verifyAll(ctx, step))) {
        const e = new AppError('install:errors.verifyFailed', { stepId: step.id, node: step.node });
        await finish('failed', true, e.toValue());
        return this.stopWith('failed', e, step.id);
      }
      await this.stopTimer(step);
      await finish('done', true);
      return { stop: false };
    };

    const attempt = async (): Promise<StepEnd> => {
      let done = false;
      if (step.check) {
        this.hooks.step({ stepId: step.id, node: step.node, state: 'checking' });
        done = await runProbe(ctx, step.check, this.env.probeIntervalMs);
        out.note(done ? 'check: already done, apply skipped' : 'check: not done yet');
      } else if (recordedDone) {
        done = true;
        out.note('done in an earlier run of this plan (no check), apply skipped');
      }
      if (!done && recordedDone) out.note('the record says done; checking whether it still verifies');
      if ((done || recordedDone) && !state.applied) {
        this.hooks.step({ stepId: step.id, node: step.node, state: 'verifying' });
        if (await this.verifyAll(ctx, step)) {
          // Applied in an earlier run of this commissioning: stays 'done' (rollback must still undo it).
          const earlier = recordedDone && prev?.applied === true;
          await finish(earlier ? 'done' : 'skipped', earlier);
          return { stop: false };
        }
        out.note('verify failed: applying the step');
      } else if (done) return completeApplied();

      if (!state.confirmed) {
        const asked = await this.confirmations(step);
        if (asked) return asked;
        state.confirmed = true;
      }
      if (!state.applied) {
        state.applied = true;
        await this.setStep(step.id, { ...base, applied: true });
      }
      const paths = stepPaths(step);
      if (paths.length) {
        this.hooks.step({ stepId: step.id, node: step.node, state: 'backingUp' });
        await this.backup(ctx, step, paths);
      }
      if (step.timer?.start) {
        const name = step.timer.start;
        const startedAt = this.now();
        await this.persist((r) => (r.timers[name] ? r : { ...r, timers: { ...r.timers, [name]: { startedAt } } }));
      }
      this.hooks.step({ stepId: step.id, node: step.node, state: 'applying' });
      for (const a of step.apply) await runAction(ctx, a);
      return completeApplied();
    };

    for (let round = 1; ; round++) {
      unsafe = false;
      try {
        return await attempt();
      } catch (e) {
        let err = e instanceof AppError ? e : new AppError('errors:internal', {}, e instanceof Error ? e.message : String(e));
        if (err.code === CANCELLED || this.env.control.signal.aborted) {
          const c = new AppError('install:errors.cancelled', { stepId: step.id });
          await finish('cancelled', state.applied, c.toValue());
          return this.stopWith('cancelled', c, step.id);
        }
        if (CONNECTION_ERRORS.has(err.code)) {
          // The node went away (dropped connection, reboot). Wait for it; then redo what is safe to redo.
          out.note(`connection lost (${err.code}); waiting for ${stepNodes(step).join(', ')} to answer again`);
          const back = round < 3 && (await this.waitForNodes(stepNodes(step), ctx.signal));
          if (back && (!unsafe || !step.check)) {
            out.note(`the node answers again: the step once more${step.check ? ' from its check' : ''}`);
            continue;
          }
          if (back && step.check && (await runProbe(ctx, step.check, this.env.probeIntervalMs).catch(() => false))) {
            out.note('check after reconnect: the step got done');
            try {
              return await completeApplied();
            } catch (again) {
              err = again instanceof AppError ? again : err;
            }
          }
          if (this.env.control.signal.aborted) continue;
          // Anything but a lost node (e.g. a verify that broke differently) keeps its own error.
          if (CONNECTION_ERRORS.has(err.code)) err = new AppError('install:errors.connectionLostStep', { stepId: step.id, node: step.node }, err.detail ?? err.code);
        }
        out.note(`error: ${err.code}${err.detail ? ` (${err.detail.slice(0, 300)})` : ''}`);
        await finish('failed', state.applied, toErrorValue(err));
        return this.stopWith(err.code === 'install:errors.connectionLostStep' ? 'stopped' : 'failed', err, step.id);
      }
    }
  }

  /** Until every node answers a trivial command again (reconnecting as needed), or the time is up. */
  private async waitForNodes(nodes: readonly NodeRole[], signal: AbortSignal, withinMs = 180_000): Promise<boolean> {
    const deadline = Date.now() + withinMs;
    for (const node of nodes) {
      for (;;) {
        if (signal.aborted) return false;
        try {
          const s = await this.env.nodes.get(node);
          const r = await s.exec('true', { idempotent: true, timeoutMs: 15_000, signal });
          if (r.exitCode === 0) break;
        } catch (e) {
          if (e instanceof AppError && !CONNECTION_ERRORS.has(e.code)) return false;
        }
        if (Date.now() > deadline) return false;
        await sleep(3000, signal);
      }
    }
    return true;
  }

  private stopTimer(step: Step): Promise<void> {
    const name = step.timer?.stop;
    if (!name) return Promise.resolve();
    const stoppedAt = this.env.now();
    return this.persist((r) => {
      const t = r.timers[name];
      if (!t || t.stoppedAt) return r;
      return { ...r, timers: { ...r.timers, [name]: { ...t, stoppedAt: stoppedAt.toISOString(), ms: stoppedAt.getTime() - Date.parse(t.startedAt) } } };
    });
  }

  /** Asks what must be asked before this step's apply; a stop result when the answer is no. */
  private async confirmations(step: Step): Promise<StepEnd | undefined> {
    const req = { stepId: step.id, node: step.node, title: step.title, explanation: step.explanation };
    if (step.pointOfNoReturn && !this.record.pointOfNoReturnAt) {
      if (!(await this.confirm({ kind: 'pointOfNoReturn', ...req }))) return this.refused(step);
      // From the moment this apply begins, the standalone state can no longer be promised back.
      await this.persist((r) => ({ ...r, pointOfNoReturnAt: this.now() }));
    } else if (step.destructive) {
      if (!(await this.confirm({ kind: 'destructive', ...req }))) return this.refused(step);
    }
    return undefined;
  }

  private async refused(step: Step): Promise<StepEnd> {
    const prev = this.record.steps[step.id];
    await this.persist((r) => {
      const steps = { ...r.steps };
      // Nothing ran: the step's entry goes back to what it was before this attempt.
      if (prev && prev.outcome !== 'running') steps[step.id] = prev;
      else delete steps[step.id];
      return { ...r, steps };
    });
    this.hooks.step({ stepId: step.id, node: step.node, state: 'refused' });
    if (this.env.control.signal.aborted) return this.stopWith('cancelled', new AppError('install:errors.cancelled', { stepId: step.id }), step.id);
    return this.stopWith('refused', new AppError('install:errors.refused', { stepId: step.id }), step.id);
  }

  private async backup(ctx: ActionContext, step: Step, paths: string[]): Promise<void> {
    const s = await this.env.nodes.get(step.node);
    const r = await s.exec(backupCommand(this.env.backupDir, paths), {
      sudo: true,
      idempotent: true,
      timeoutMs: 30 * 60_000,
      signal: ctx.signal,
      onStdout: (t) => ctx.out.write('info', t),
      onStderr: (t) => ctx.out.write('stderr', t),
    });
    ctx.out.flush();
    if (r.exitCode !== 0) throw new AppError('install:errors.backupFailed', { stepId: step.id, node: step.node }, r.stderr.slice(-500));
  }

  private async verifyAll(ctx: ActionContext, step: Step): Promise<boolean> {
    for (const p of step.verify) if (!(await runProbe(ctx, p, this.env.probeIntervalMs))) return false;
    return true;
  }
}
