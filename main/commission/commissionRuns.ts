/**
 * Glue between the handlers and the executor: opens the node sessions of a project, fills in secrets,
 * prepares or resumes the record, turns executor callbacks into contract events, and keeps the runs in flight
 * (by runId) so that confirmations, pause and cancel reach them.
 */
import { AppError } from '../../shared/errors';
import type { DryRun } from '../../shared/contract/methods/commission';
import type { CommissionRecord } from '../../shared/commission/recordSchema';
import type { NodeRole, Plan, SecretId } from '../../shared/commission/types';
import type { Project } from '../../shared/project/schema';
import { connectSecretsFor } from '../handlers/analysis/secrets';
import type { HandlerContext, Services } from '../services';
import { SshSession, type AcceptedHostKey, type ReconnectPolicy } from '../ssh';
import { backupDirFor, DEFAULT_BACKUP_ROOT } from './backup';
import { CommissionAuditSink } from './auditSink';
import { commissionSecrets, secretEnvName } from './commissionSecrets';
import { dryRunPlan } from './dryRun';
import { PlanExecution } from './executePlan';
import type { ExecuteHooks, ExecuteResult, ExecutorEnv } from './executorTypes';
import { LearnedDurations } from './learnedDurations';
import { NodeSessions } from './nodeSessions';
import { recordStoreOf } from './recordStore';
import { assertRollbackAllowed, rollbackPlan } from './rollbackPlan';
import { RunControl, type ConfirmRequest } from './runControl';
import { planSecretIds, secretList, type SecretValues } from './secretValues';
import { planChange, stepHashes } from './stepHash';

export interface PlanRunRequest {
  runId: string;
  projectId: string;
  project: Project;
  path?: string;
  acceptHostKeys?: readonly AcceptedHostKey[];
  plan: Plan;
  resume?: boolean;
  /** Root of the backup folders on the nodes (default /var/backups/mail-ha-studio). */
  backupRoot?: string;
  /** Plans beside the commissioning (config sync, cleanup): their record is not the project's. */
  ephemeral?: { backupDir: string };
  probeIntervalMs?: number;
  /** How long a session keeps reconnecting by itself (default ~95 s); the executor then waits for the node. */
  reconnect?: ReconnectPolicy;
}

interface ActiveRun {
  projectId: string;
  control: RunControl;
  /** The open questions (one at a time in practice), kept so a reloaded window can ask again. */
  confirms: Map<string, { request: ConfirmRequest; done: (yes: boolean) => void }>;
}

const registries = new WeakMap<Services, Map<string, ActiveRun>>();
function active(services: Services): Map<string, ActiveRun> {
  let m = registries.get(services);
  if (!m) registries.set(services, (m = new Map()));
  return m;
}
const learnedStores = new WeakMap<Services, LearnedDurations>();
function learnedOf(services: Services): LearnedDurations {
  let l = learnedStores.get(services);
  if (!l) learnedStores.set(services, (l = new LearnedDurations(services.userDataDir)));
  return l;
}

export function isProjectRunning(services: Services, projectId: string): boolean {
  return runningRunId(services, projectId) !== undefined;
}

/** The runId of the action running for the project, if any (a reloaded window re-attaches with it). */
export function runningRunId(services: Services, projectId: string): string | undefined {
  return [...active(services)].find(([, r]) => r.projectId === projectId)?.[0];
}

export function answerConfirm(services: Services, runId: string, confirmId: string, yes: boolean): boolean {
  const run = active(services).get(runId);
  const open = run?.confirms.get(confirmId);
  if (!open) return false;
  run!.confirms.delete(confirmId);
  open.done(yes);
  return true;
}

/** The question a run of the project is waiting for (as its commission.confirm event said), if any. */
export function pendingConfirm(services: Services, projectId: string): { runId: string; confirmId: string; request: ConfirmRequest } | undefined {
  for (const [runId, run] of active(services)) {
    if (run.projectId !== projectId) continue;
    const first = [...run.confirms][0];
    if (first) return { runId, confirmId: first[0], request: first[1].request };
  }
  return undefined;
}

export function pauseRun(services: Services, runId: string, paused: boolean): boolean {
  const run = active(services).get(runId);
  run?.control.setPaused(paused);
  return !!run;
}

export function cancelRun(services: Services, runId: string): boolean {
  const run = active(services).get(runId);
  run?.control.cancel();
  return !!run;
}

/** The SSH sessions of a project's nodes, with its audit log and every secret registered for redaction. */
export function projectNodeSessions(ctx: HandlerContext, req: { runId: string; project: Project; acceptHostKeys?: readonly AcceptedHostKey[]; reconnect?: ReconnectPolicy }, redact: readonly string[]): NodeSessions {
  const { services, emit } = ctx;
  const audit = new CommissionAuditSink(services.auditLog(req.project.id));
  for (const s of redact) audit.addSecret(s);
  return new NodeSessions(async (role: NodeRole) => {
    const target = req.project.hosts[role];
    if (!target) throw new AppError('install:errors.hostMissing', { role });
    const { secrets, sudoPassword } = await connectSecretsFor(services, req.project.id, role);
    return SshSession.open({
      target,
      secrets,
      ...(sudoPassword !== undefined ? { sudoPassword } : {}),
      knownHosts: services.knownHosts,
      acceptHostKeys: req.acceptHostKeys ?? [],
      audit,
      redact,
      // A node that reboots during a step comes back within a minute or two; keep trying that long.
      reconnect: req.reconnect ?? { attempts: 12, baseDelayMs: 1000, maxDelayMs: 10_000 },
      keepaliveIntervalMs: 5000,
      keepaliveCountMax: 3,
      onEvent: (e) => emit('commission.connection', { runId: req.runId, node: role, state: e.type, ...('attempt' in e ? { attempt: e.attempt } : {}) }),
    });
  });
}

function register(services: Services, runId: string, projectId: string): ActiveRun {
  const runs = active(services);
  if (runs.has(runId)) throw new AppError('errors:runExists', { runId });
  const run: ActiveRun = { projectId, control: new RunControl(), confirms: new Map() };
  runs.set(runId, run);
  return run;
}

function hooksFor(ctx: HandlerContext, runId: string, run: ActiveRun): ExecuteHooks {
  const { emit, services } = ctx;
  return {
    step: (e) => emit('commission.step', { runId, ...e }),
    output: (e) => emit('commission.output', { runId, ...e }),
    progress: (e) => emit('commission.progress', { runId, ...e }),
    paused: (paused) => emit('commission.paused', { runId, paused }),
    confirm: (request: ConfirmRequest) =>
      new Promise<boolean>((resolve) => {
        if (run.control.signal.aborted) return resolve(false);
        const confirmId = services.newId();
        const done = (yes: boolean) => {
          run.confirms.delete(confirmId);
          run.control.signal.removeEventListener('abort', onAbort);
          resolve(yes);
        };
        const onAbort = () => done(false);
        run.confirms.set(confirmId, { request, done });
        run.control.signal.addEventListener('abort', onAbort, { once: true });
        emit('commission.confirm', { runId, confirmId, request });
      }),
  };
}

async function resolveSecrets(services: Services, projectId: string, plan: Plan, required: boolean): Promise<SecretValues> {
  const values = await commissionSecrets(services, projectId);
  if (required) {
    const missing = planSecretIds(plan).filter((id) => values[id as keyof SecretValues] === undefined);
    if (missing.length) throw new AppError('install:errors.secretsMissing', { ids: missing.join(', '), envs: missing.map((id) => secretEnvName(id as SecretId)).join(', ') });
  }
  return values;
}

function freshRecord(services: Services, plan: Plan, backupDir: string, previous: CommissionRecord | undefined): CommissionRecord {
  return {
    id: services.newId(),
    // Continue the count, so this record is newer than the old one wherever a copy of that survives.
    revision: previous?.revision ?? 0,
    planHash: plan.hash,
    stepHashes: stepHashes(plan),
    startedAt: services.now().toISOString(),
    state: 'running',
    steps: {},
    timers: {},
    backupDir,
  };
}

/**
 * Runs (mode 'run') or rolls back (mode 'rollback') a plan for a project. Throws for what must be settled
 * before anything runs (missing host, secret, an unfinished run without resume, rollback refused); everything
 * after that ends in a result with the saved record.
 */
export async function runCommission(ctx: HandlerContext, req: PlanRunRequest, mode: 'run' | 'rollback'): Promise<ExecuteResult> {
  const { services, emit } = ctx;
  if (isProjectRunning(services, req.projectId)) throw new AppError('install:errors.runInProgress');
  if (req.project.id !== req.projectId) throw new AppError('install:errors.projectMismatch');
  const store = recordStoreOf(services);
  const backupDir = req.ephemeral?.backupDir ?? backupDirFor(req.projectId, req.backupRoot ?? DEFAULT_BACKUP_ROOT);
  const existing = req.ephemeral ? undefined : await store.load(req.projectId, req.path, req.project.commission.record);

  let record: CommissionRecord;
  let changed: ReturnType<typeof planChange> | undefined;
  if (mode === 'rollback') {
    assertRollbackAllowed(existing);
    record = existing;
  } else if (existing && (req.resume || !['completed', 'rolledBack'].includes(existing.state))) {
    if (!req.resume) throw new AppError('install:errors.unfinishedRun', { startedAt: existing.startedAt, state: existing.state });
    record = { ...existing, planHash: req.plan.hash, stepHashes: stepHashes(req.plan), backupDir: existing.backupDir ?? backupDir };
  } else record = freshRecord(services, req.plan, backupDir, existing);
  if (existing && existing.planHash !== req.plan.hash && (mode === 'rollback' || req.resume)) changed = planChange(existing.stepHashes, stepHashes(req.plan));

  const secrets = await resolveSecrets(services, req.projectId, req.plan, mode === 'run');
  const list = secretList(secrets);
  const run = register(services, req.runId, req.projectId);
  const nodes = projectNodeSessions(ctx, req, list);
  const hooks = hooksFor(ctx, req.runId, run);
  const env: ExecutorEnv = {
    nodes,
    secrets,
    secretList: list,
    backupDir: record.backupDir ?? backupDir,
    control: run.control,
    learned: learnedOf(services),
    now: services.now,
    ...(req.probeIntervalMs !== undefined ? { probeIntervalMs: req.probeIntervalMs } : {}),
    saveRecord: async (r) => {
      if (req.ephemeral) return { ...r, revision: r.revision + 1 };
      const saved = await store.save(req.projectId, req.path, r, services.now());
      emit('commission.record', { projectId: req.projectId, record: saved.record });
      if (saved.fileError) emit('commission.output', { runId: req.runId, stepId: '', node: 'primary', stream: 'info', text: `project file not written (${String(saved.fileError)}); the record is kept in the app's data folder\n` });
      return saved.record;
    },
  };
  try {
    if (changed && !(await hooks.confirm({ kind: 'planChanged', change: changed }))) {
      const cancelled = run.control.signal.aborted;
      return { outcome: cancelled ? 'cancelled' : 'refused', record: existing ?? record, error: new AppError(cancelled ? 'install:errors.cancelled' : 'install:errors.planChangeRefused').toValue() };
    }
    if (mode === 'rollback') return await rollbackPlan(req.plan, record, env, hooks);
    return await new PlanExecution(req.plan, record, env, hooks, await learnedOf(services).all()).run();
  } finally {
    for (const open of run.confirms.values()) open.done(false);
    active(services).delete(req.runId);
    await nodes.closeAll();
  }
}

/** The dry run of a plan (or of its rollback) against the project's nodes; read-only. */
export async function dryRunCommission(ctx: HandlerContext, req: PlanRunRequest, mode: 'run' | 'rollback', withChecks: boolean): Promise<DryRun> {
  const { services, emit } = ctx;
  const existing = req.ephemeral ? undefined : await recordStoreOf(services).load(req.projectId, req.path, req.project.commission.record);
  const secrets = await resolveSecrets(services, req.projectId, req.plan, false);
  const list = secretList(secrets);
  const run = register(services, req.runId, req.projectId);
  const nodes = projectNodeSessions(ctx, req, list);
  try {
    const dry = await dryRunPlan({
      plan: req.plan,
      nodes,
      secrets,
      secretList: list,
      mode,
      withChecks,
      ...(existing ? { record: existing } : {}),
      signal: run.control.signal,
      onStep: (done, total, stepId) => emit('commission.progress', { runId: req.runId, stepIndex: done, stepCount: total, stepId, fraction: total ? done / total : 1, elapsedMs: 0, etaMs: 0 }),
    });
    const change = existing && existing.planHash !== req.plan.hash && existing.state !== 'rolledBack' ? planChange(existing.stepHashes, stepHashes(req.plan)) : undefined;
    return { ...dry, ...(change ? { planChange: change } : {}) };
  } finally {
    active(services).delete(req.runId);
    await nodes.closeAll();
  }
}
