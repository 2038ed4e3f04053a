/**
 * Runs one Action or Probe of a step on its node. Every command goes through the SSH engine (audit log,
 * cancel, timeouts, reconnect); secrets are filled into stdin/content here and nowhere else.
 */
import { AppError } from '../../shared/errors';
import type { Action, NodeRole, Probe, RunAction } from '../../shared/commission/types';
import type { ExecOptions, SshSession } from '../ssh';
import type { NodeSessions } from './nodeSessions';
import { progressParsers, type ActionProgress } from './progressParsers';
import { MAX_TRANSFER_BYTES, parseReadFile, readFileCommand, writeFileCommand, type RemoteFile } from './remoteFiles';
import { sleep } from './runControl';
import { fillSecrets, secretRefsIn, type SecretValues } from './secretValues';
import type { StepOutput } from './stepOutput';

export interface ActionContext {
  stepId: string;
  node: NodeRole;
  nodes: NodeSessions;
  secrets: SecretValues;
  signal: AbortSignal;
  out: StepOutput;
  onProgress?: (p: ActionProgress) => void;
  /** Told just before a run action is sent (the executor notes whether a redo could repeat it). */
  beforeRun?: (a: RunAction) => void;
}

const PROBE_TIMEOUT_MS = 30_000;
const RUN_TIMEOUT_MS = 10 * 60_000;

function shortCommand(c: string): string {
  const one = c.replace(/\s+/g, ' ').trim();
  return one.length > 160 ? `${one.slice(0, 157)}...` : one;
}

function streamed(ctx: ActionContext, extra: Partial<ExecOptions> = {}): ExecOptions {
  return {
    sudo: true,
    signal: ctx.signal,
    onStdout: (t) => ctx.out.write('stdout', t),
    onStderr: (t) => ctx.out.write('stderr', t),
    ...extra,
  };
}

export async function readRemoteFile(session: SshSession, path: string, opts: { hashOnly?: boolean; maxBytes?: number; signal?: AbortSignal } = {}): Promise<RemoteFile> {
  const r = await session.exec(readFileCommand(path, opts), { sudo: true, idempotent: true, timeoutMs: 120_000, ...(opts.signal ? { signal: opts.signal } : {}) });
  if (r.exitCode !== 0) throw new AppError('install:errors.readFailed', { path }, r.stderr.slice(-500));
  return parseReadFile(path, r.stdout, opts.hashOnly, opts.maxBytes);
}

/** Reads a transfer's source from the other node in one command: it must exist and fit the size limit. */
export async function readTransferSource(nodes: NodeSessions, from: NodeRole, fromPath: string, signal?: AbortSignal): Promise<Buffer> {
  const f = await readRemoteFile(await nodes.get(from), fromPath, { maxBytes: MAX_TRANSFER_BYTES, ...(signal ? { signal } : {}) });
  if (f.state !== 'file') throw new AppError('install:errors.transferSourceMissing', { node: from, path: fromPath });
  if (!f.content) throw new AppError('install:errors.transferTooLarge', { node: from, path: fromPath, mb: Math.round((f.size ?? 0) / 1e6) });
  return f.content;
}

async function writeRemote(ctx: ActionContext, path: string, content: Buffer, mode: string, owner: string | undefined): Promise<void> {
  const s = await ctx.nodes.get(ctx.node);
  const r = await s.exec(writeFileCommand(path, mode, owner), { sudo: true, idempotent: true, timeoutMs: 120_000, signal: ctx.signal, stdin: content.toString('base64') + '\n' });
  if (r.exitCode !== 0) {
    ctx.out.write('stderr', r.stderr);
    throw new AppError('install:errors.writeFailed', { stepId: ctx.stepId, node: ctx.node, path }, r.stderr.slice(-500));
  }
}

async function runCommand(ctx: ActionContext, a: RunAction): Promise<void> {
  if (secretRefsIn(a.command).length) throw new AppError('install:errors.secretInCommand', { stepId: ctx.stepId });
  const s = await ctx.nodes.get(ctx.node);
  ctx.out.note(`$ ${a.command}`);
  ctx.beforeRun?.(a);
  const parse = a.progress ? progressParsers[a.progress] : undefined;
  const onText = (stream: 'stdout' | 'stderr') => (t: string) => {
    ctx.out.write(stream, t);
    const p = parse?.(t);
    if (p) ctx.onProgress?.(p);
  };
  const r = await s.exec(a.command, {
    sudo: true,
    signal: ctx.signal,
    timeoutMs: a.timeoutMs ?? RUN_TIMEOUT_MS,
    idempotent: a.idempotent === true,
    ...(a.stdin !== undefined ? { stdin: fillSecrets(a.stdin, ctx.secrets) } : {}),
    onStdout: onText('stdout'),
    onStderr: onText('stderr'),
  });
  ctx.out.flush();
  const ok = a.okExitCodes ?? [0];
  if (r.exitCode === null || !ok.includes(r.exitCode)) {
    throw new AppError('install:errors.actionFailed', { stepId: ctx.stepId, node: ctx.node, exitCode: r.exitCode ?? r.signal ?? '?', command: shortCommand(a.command) });
  }
}

export async function runAction(ctx: ActionContext, a: Action): Promise<void> {
  switch (a.kind) {
    case 'run':
      return runCommand(ctx, a);
    case 'write': {
      ctx.out.note(`write ${a.path} (${a.mode}${a.owner ? ` ${a.owner}` : ''})${a.secret ? ' [secret content]' : ''}`);
      return writeRemote(ctx, a.path, Buffer.from(fillSecrets(a.content, ctx.secrets), 'utf8'), a.mode, a.owner);
    }
    case 'transfer': {
      ctx.out.note(`transfer ${a.from}:${a.fromPath} -> ${ctx.node}:${a.toPath} (${a.mode}${a.owner ? ` ${a.owner}` : ''})${a.secret ? ' [secret content]' : ''}`);
      const content = await readTransferSource(ctx.nodes, a.from, a.fromPath, ctx.signal);
      return writeRemote(ctx, a.toPath, content, a.mode, a.owner);
    }
  }
}

/**
 * Runs a probe (retrying until waitMs is used up); true = exit 0. Probes are read-only by contract, so
 * they are always re-run after a reconnect. freshSession probes log in anew for every attempt.
 */
export async function runProbe(ctx: ActionContext, probe: Probe, intervalMs = 1000): Promise<boolean> {
  if (secretRefsIn(probe.command).length) throw new AppError('install:errors.secretInCommand', { stepId: ctx.stepId });
  const fresh = probe.freshSession === true;
  const deadline = Date.now() + (probe.waitMs ?? 0);
  ctx.out.note(`$ ${probe.command}${fresh ? '   (new SSH connection)' : ''}`);
  for (let attempt = 1; ; attempt++) {
    const opts = streamed(ctx, { idempotent: true, timeoutMs: probe.timeoutMs ?? PROBE_TIMEOUT_MS });
    let code: string | number;
    try {
      const r = fresh ? await ctx.nodes.fresh(ctx.node, (s) => s.exec(probe.command, opts)) : await (await ctx.nodes.get(ctx.node)).exec(probe.command, opts);
      if (r.exitCode === 0) {
        ctx.out.flush();
        return true;
      }
      code = r.exitCode ?? r.signal ?? '?';
    } catch (e) {
      // A probe that hangs is a "no" for this attempt (e.g. a service still starting), not a broken run.
      if (!(e instanceof AppError) || e.code !== 'ssh:errors.commandTimeout') throw e;
      code = 'timeout';
    }
    ctx.out.flush();
    const left = deadline - Date.now();
    if (left <= 0 || ctx.signal.aborted) {
      ctx.out.note(`-> exit ${code}${attempt > 1 ? ` after ${attempt} attempts` : ''}`);
      return false;
    }
    await sleep(Math.min(intervalMs, left), ctx.signal);
    if (ctx.signal.aborted) throw new AppError('ssh:errors.cancelled');
  }
}
