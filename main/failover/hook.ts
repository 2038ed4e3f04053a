/**
 * The out-of-band hook: a local program for node actions SSH cannot do (switch a node on, crash a container,
 * cut a link from outside). Called with argv, never through a shell: `<hook> <action> <node> [client|cluster]`.
 * Every call goes to the project's audit log like an SSH command (host "local").
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { AppError } from '../../shared/errors';
import type { NodeAction } from '../../shared/failover/faultPlan';
import { shCommand } from '../../shared/shell/quote';
import type { AuditSink } from '../audit/types';

export interface HookResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export async function runHook(hookPath: string, action: NodeAction, node: string, net: 'client' | 'cluster' | undefined, audit: AuditSink | undefined, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<HookResult> {
  const args = [action, node, ...(net ? [net] : [])];
  const started = new Date();
  const t0 = performance.now();
  const r = await new Promise<HookResult & { error?: string }>((resolve) => {
    execFile(hookPath, args, { timeout: opts.timeoutMs ?? 300_000, maxBuffer: 4 * 1024 * 1024, ...(opts.signal ? { signal: opts.signal } : {}) }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: string | number }) | null;
      const exitCode = e ? (typeof e.code === 'number' ? e.code : null) : 0;
      resolve({ exitCode, stdout: String(stdout), stderr: String(stderr), durationMs: Math.round(performance.now() - t0), ...(e && typeof e.code === 'string' ? { error: e.code } : {}) });
    });
  });
  await Promise.resolve(
    audit?.record({
      id: randomUUID(),
      kind: 'command',
      host: 'local',
      port: 0,
      user: userInfo().username,
      command: shCommand([hookPath, ...args]),
      sudo: false,
      startedAt: started.toISOString(),
      durationMs: r.durationMs,
      exitCode: r.exitCode,
      signal: null,
      ...(r.error ? { errorCode: 'failover:errors.hookFailed' } : {}),
      stdout: r.stdout.slice(0, 8192),
      stderr: r.stderr.slice(0, 8192),
      outputTruncated: r.stdout.length > 8192 || r.stderr.length > 8192,
      attempt: 1,
    }),
  ).catch(() => undefined);
  if (r.error === 'ENOENT' || r.error === 'EACCES') throw new AppError('failover:errors.hookMissing', { path: hookPath }, r.error);
  return r;
}
