/**
 * Runs one step of a fault plan: an SSH command on a node (as root), a hook call, a question to the operator,
 * or a wait for a cluster condition. Returns the step's record; a step that does not reach its goal is
 * recorded as not ok and the case goes on (its verdict will say what went wrong), except for cancellation.
 */
import { AppError } from '../../shared/errors';
import { ANY_NODE, type FaultStep } from '../../shared/failover/faultPlan';
import type { CaseResult } from '../../shared/failover/schema';
import { SshErrorCode } from '../ssh';
import type { AuditSink } from '../audit/types';
import type { ClusterWatch, Round } from './clusterWatch';
import { runHook } from './hook';
import type { NodeLinks } from './nodeLinks';
import type { ProbeLoop } from './probeLoop';
import { sleep } from '../commission/runControl';

export type StepRecord = CaseResult['steps'][number];

export interface StepEnv {
  links: NodeLinks;
  watch: ClusterWatch;
  probes: ProbeLoop;
  audit: AuditSink;
  hook?: { path: string; actions: readonly string[] };
  expectedNodes: readonly string[];
  signal: AbortSignal;
  /** Asks a person to switch a node on; resolves false when they cancel. */
  prompt(kind: 'powerOn', node: string): Promise<boolean>;
  output(text: string): void;
  /** Time of the fault, once injected (for 'stable' waits). */
  faultAt?: number;
  /** Cold start: what the lone node did while watched. */
  quorumWaitHeld?: boolean;
}

const LOST = new Set<string>([SshErrorCode.connectionLost, SshErrorCode.notConnected, SshErrorCode.timeout, SshErrorCode.unreachable]);

/** A node that can run pacemaker tools right now: reachable, online in the cluster, preferably not `avoid`. */
function anyNode(env: StepEnv, avoid?: string): string | undefined {
  const r = env.watch.latest();
  const ok = (n: string) => !!r?.samples.find((s) => s.node === n && s.reachable && s.crm) && env.watch.nodeOnline(r!, n);
  const names = env.links.all().map((l) => l.name);
  return names.find((n) => n !== avoid && ok(n)) ?? names.find(ok) ?? names.find((n) => r?.samples.find((s) => s.node === n)?.reachable);
}

async function reachable(env: StepEnv, node: string): Promise<boolean> {
  const l = env.links.byName(node);
  if (!l) return false;
  try {
    const r = await env.links.exec(l.role, 'true', { timeoutMs: 4000, sudo: false });
    return r.exitCode === 0;
  } catch {
    return false;
  }
}

/** Evaluates a wait condition on the newest round; 'reachable' asks the node itself. */
async function conditionMet(env: StepEnv, step: Extract<FaultStep, { kind: 'wait' }>, r: Round | undefined, startedAt: number): Promise<{ met: boolean; note?: string }> {
  const w = step.wait;
  switch (w.until) {
    case 'servicesOn':
      return { met: !!r && env.watch.servicesOn(r, w.node) };
    case 'servicesOff':
      return { met: !!r && !env.watch.where(r).includes(w.node) };
    case 'nodeOffline':
      return { met: !!r && env.watch.nodeOffline(r, w.node) };
    case 'nodeOnline':
      return { met: !!r && env.watch.nodeOnline(r, w.node) };
    case 'reachable':
      return { met: await reachable(env, w.node) };
    case 'stable': {
      const since = Date.now() - (env.faultAt ?? startedAt);
      return { met: since >= w.minMs && env.probes.allGreenFor(w.stableMs) };
    }
    case 'observe':
      return { met: Date.now() - startedAt >= w.ms };
    case 'quorumWait':
      return { met: Date.now() - startedAt >= w.ms };
    case 'settled': {
      if (!r) return { met: false };
      const s = env.watch.settled(r, env.expectedNodes);
      return { met: s.settled, note: s.waiting.slice(0, 4).join(', ') };
    }
  }
}

async function runWait(env: StepEnv, step: Extract<FaultStep, { kind: 'wait' }>, rec: StepRecord): Promise<void> {
  const startedAt = rec.startedAt;
  let held = true;
  let lastNote = '';
  for (;;) {
    if (env.signal.aborted) throw new AppError(SshErrorCode.cancelled);
    const r = env.watch.latest();
    if (step.wait.until === 'quorumWait') {
      const s = r?.samples.find((x) => x.node === (step.wait as { node: string }).node);
      // Inquorate (or corosync not yet answering) and no mail resource started there.
      if (s?.reachable && (s.quorum?.quorate === true || s.vip === true || (s.crm?.resources.some((x) => x.active && x.nodes.includes(s.node) && !x.agent.startsWith('stonith:')) ?? false))) held = false;
    }
    const c = await conditionMet(env, step, r, startedAt);
    if (c.note && c.note !== lastNote) {
      lastNote = c.note;
      env.output(`  … ${c.note}`);
    }
    if (c.met) {
      if (step.wait.until === 'quorumWait') env.quorumWaitHeld = held;
      rec.ok = step.wait.until === 'quorumWait' ? held : true;
      return;
    }
    if (Date.now() - startedAt > step.timeoutMs) {
      rec.ok = false;
      rec.note = `timeout after ${Math.round(step.timeoutMs / 1000)} s${lastNote ? `: ${lastNote}` : ''}`;
      if (step.wait.until === 'quorumWait') env.quorumWaitHeld = held;
      return;
    }
    await sleep(500, env.signal);
  }
}

export async function runStep(env: StepEnv, step: FaultStep, opts: { onFault?: (at: number) => void; cancellable: boolean }): Promise<StepRecord> {
  const rec: StepRecord = { id: step.id, titleKey: step.title.key, startedAt: Date.now(), ok: false, ...(('fault' in step && step.fault) ? { fault: true } : {}) };
  const signal = opts.cancellable ? env.signal : undefined;
  try {
    switch (step.kind) {
      case 'ssh': {
        const node = step.node === ANY_NODE ? anyNode(env) : step.node;
        const link = node ? env.links.byName(node) : undefined;
        if (!link) throw new AppError('failover:errors.noNode', { node: step.node });
        rec.node = link.name;
        rec.command = step.command;
        if (step.fault) {
          rec.startedAt = Date.now();
          opts.onFault?.(rec.startedAt);
        }
        env.output(`$ [${link.name}] ${step.command}`);
        try {
          const r = await env.links.exec(link.role, step.command, {
            timeoutMs: step.timeoutMs ?? 120_000,
            ...(step.stdin !== undefined ? { stdin: step.stdin } : {}),
            ...(signal ? { signal } : {}),
            onStdout: (t) => env.output(t.trimEnd()),
            onStderr: (t) => env.output(t.trimEnd()),
          });
          rec.exitCode = r.exitCode;
          rec.ok = (step.okExit ?? [0]).includes(r.exitCode ?? -1) || (!!step.mayDisconnect && r.exitCode === null);
        } catch (e) {
          if (step.mayDisconnect && e instanceof AppError && LOST.has(e.code)) {
            rec.ok = true;
            rec.note = 'connection ended with the node, as expected';
          } else throw e;
        }
        break;
      }
      case 'hook': {
        if (!env.hook || !env.hook.actions.includes(step.action)) throw new AppError('failover:errors.hookMissing', { path: env.hook?.path ?? '' });
        rec.node = step.node;
        rec.command = `${env.hook.path} ${step.action} ${step.node}${step.net ? ` ${step.net}` : ''}`;
        env.output(`$ [local] ${rec.command}`);
        const r = await runHook(env.hook.path, step.action, step.node, step.net, env.audit, signal ? { signal } : {});
        // A hook may take seconds to start before it acts (the lab's took 12 s): the fault has certainly
        // happened when it returns, so that is its time on the time line.
        if (step.fault) opts.onFault?.(Date.now());
        if (r.stdout.trim()) env.output(r.stdout.trimEnd());
        if (r.stderr.trim()) env.output(r.stderr.trimEnd());
        rec.exitCode = r.exitCode;
        rec.ok = r.exitCode === 0;
        break;
      }
      case 'operator': {
        rec.node = step.node;
        const done = await env.prompt('powerOn', step.node);
        if (!done) throw new AppError(SshErrorCode.cancelled);
        rec.ok = true;
        break;
      }
      case 'wait':
        await runWait(env, step, rec);
        break;
    }
  } catch (e) {
    rec.ok = false;
    rec.endedAt = Date.now();
    if (e instanceof AppError && e.code === SshErrorCode.cancelled) throw Object.assign(e, { record: rec });
    rec.note = (e instanceof AppError ? e.code : e instanceof Error ? e.message : String(e)).slice(0, 2000);
    return rec;
  }
  rec.endedAt = Date.now();
  return rec;
}
