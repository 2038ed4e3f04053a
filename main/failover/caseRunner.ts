/**
 * One failover case, start to verdict: check the cluster is in its start state and the probes are green,
 * start the mail flow, inject the fault (the plan's steps), undo it, let the senders retry, clean up (fail
 * counts, constraints) and wait for the start state again, fetch and match the mails, read the journals, judge.
 * Cancel stops the plan where it is, but the undo and the fail-count cleanup still run.
 */
import type { CaseId } from '../../shared/failover/cases';
import { findCase } from '../../shared/failover/cases';
import { mailResources } from '../../shared/failover/clusterFacts';
import type { ClusterEvent } from '../../shared/failover/events';
import { faultPlan, type FaultPlan, type FaultStep, type PlanNode } from '../../shared/failover/faultPlan';
import type { Finding } from '../../shared/failover/logScan';
import type { DeliveredCopy } from '../../shared/failover/mailMatch';
import type { ProbeSample } from '../../shared/failover/outage';
import type { ClusterProfile } from '../../shared/failover/profile';
import type { Protocol } from '../../shared/failover/protocols';
import type { CaseResult, FailoverSettings } from '../../shared/failover/schema';
import type { ResolvedTargets } from '../../shared/failover/targets';
import { AppError } from '../../shared/errors';
import { shCommand } from '../../shared/shell/quote';
import type { NodeRole } from '../../shared/commission/types';
import { SshErrorCode } from '../ssh';
import { buildCaseResult, type CaseRaw } from './caseEvidence';
import type { Round } from './clusterWatch';
import { readJournals } from './journal';
import { fetchTestMails } from './mailFetch';
import { MailFlow, newMailToken } from './mailFlow';
import type { TlsPins } from './net/tlsPins';
import { endpoint, type ProbeSettings } from './settings';
import { runStep, type StepEnv, type StepRecord } from './stepExec';
import { sleep } from '../commission/runControl';

export interface CaseEnv extends StepEnv {
  probeSettings: ProbeSettings;
  settings: FailoverSettings;
  pins: TlsPins;
  profile: ClusterProfile;
  planNodes: PlanNode[];
  drbdPort?: number;
  targets: ResolvedTargets;
  offsets: Map<NodeRole, number>;
  upgrade: boolean;
  phase(p: 'baseline' | 'fault' | 'recovery' | 'cleanup' | 'collect', extra?: { faultAt?: number }): void;
  stepState(stepId: string, state: 'running' | 'done' | 'failed', note?: string): void;
  /** Saves what must be undone if the app dies now (null: nothing pending). */
  pending(caseId: CaseId, undo: FaultStep[] | null): Promise<void>;
  flow?: MailFlow;
}

async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs: number, signal: AbortSignal, everyMs = 500): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return true;
    if (signal.aborted || Date.now() > end) return false;
    await sleep(everyMs, signal);
  }
}

function medianOffset(offsets: Map<NodeRole, number>): number {
  const v = [...offsets.values()].sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)]! : 0;
}

/** The planned but not executed case: not applicable, or aborted before anything happened. */
function emptyResult(env: CaseEnv, caseId: CaseId, startedAt: number, aborted?: { key: string; params?: Record<string, string | number> }): CaseResult {
  return buildCaseResult({
    caseId, startedAt, endedAt: Date.now(), profile: env.profile, targets: env.targets, samples: {}, rounds: [], servicesAfter: [], lines: [], runnerEvents: [], extraFindings: [], steps: [], recovered: false,
    ...(aborted ? { aborted } : {}),
  });
}

export async function runCase(env: CaseEnv, caseId: CaseId): Promise<CaseResult> {
  const startedAt = Date.now();
  const c = findCase(caseId);
  if (!c.applicable(env.profile).runnable) return emptyResult(env, caseId, startedAt);
  const expected = env.planNodes.map((n) => n.name);

  // --- start state
  env.phase('baseline');
  env.output(`== ${caseId}`);
  let settled = false;
  await waitFor(async () => {
    const r = env.watch.latest();
    const s = r ? env.watch.settled(r, expected) : undefined;
    settled = !!s?.settled;
    return settled;
  }, 5 * 60_000, env.signal, 1000);
  if (env.signal.aborted) return emptyResult(env, caseId, startedAt, { key: SshErrorCode.cancelled });
  const first = await env.watch.fresh();
  const where = env.watch.where(first);
  if (!settled || where.length !== 1) {
    const s = env.watch.settled(first, expected);
    return emptyResult(env, caseId, startedAt, { key: 'failover:errors.notSettled', params: { waiting: s.waiting.join(', ') || where.join(', ') || '–' } });
  }
  const active = where[0]!;
  const peer = expected.find((n) => n !== active && env.watch.nodeOnline(first, n)) ?? expected.find((n) => n !== active);
  if (!peer) return emptyResult(env, caseId, startedAt, { key: 'failover:errors.noPeer' });
  const crm = first.samples.find((s) => s.node === active)?.crm;
  const group = crm ? mailResources(crm).group : undefined;
  let plan: FaultPlan;
  try {
    plan = faultPlan(caseId, {
      active, peer, nodes: env.planNodes, group: group ?? 'g_mail', ...(env.drbdPort !== undefined ? { drbdPort: env.drbdPort } : {}),
      profile: env.profile, healAfterS: 180, upgrade: env.upgrade, caseTimeoutMs: env.settings.caseTimeoutMs,
    });
  } catch (e) {
    return emptyResult(env, caseId, startedAt, { key: 'failover:errors.planFailed', params: { error: e instanceof Error ? e.message : String(e) } });
  }

  // --- mail flow and baseline
  const ps = env.probeSettings;
  const token = newMailToken();
  const flow = new MailFlow({
    ...(ps.protocols.includes('smtp') ? { smtp: endpoint(ps, 'smtp') } : {}),
    ...(ps.protocols.includes('submission') && ps.mailbox ? { submission: endpoint(ps, 'submission'), credentials: ps.mailbox } : {}),
    from: ps.from ?? ps.mailAddress!,
    to: ps.mailAddress!,
    caseId,
    token,
    ratePerS: env.settings.mailRatePerS,
    pins: env.pins,
    heloName: ps.heloName,
  });
  env.flow = flow;
  flow.start();
  const green = await waitFor(() => env.probes.allGreenFor(env.settings.baselineMs), env.settings.baselineMs + 60_000, env.signal);
  const steps: StepRecord[] = [];
  const runnerEvents: ClusterEvent[] = [];
  const mark = (text: string, kind: ClusterEvent['kind'] = 'runner', node = '', bad = false) => runnerEvents.push({ t: Date.now(), node, kind, text, ...(bad ? { bad } : {}) });
  let faultAt: number | undefined;
  let effectAt: number | undefined;
  let healAt: number | undefined;
  let servicesAfter: string[] = [];
  let aborted: CaseRaw['aborted'];
  env.faultAt = undefined;
  env.quorumWaitHeld = undefined;

  if (!green) {
    const latest = env.probes.latest();
    const bad = (Object.entries(latest) as [Protocol, ProbeSample | undefined][]).filter(([, s]) => !s?.ok).map(([p, s]) => `${p}: ${s?.error ?? 'no answer'}`);
    aborted = env.signal.aborted ? { key: SshErrorCode.cancelled } : { key: 'failover:errors.probesNotGreen', params: { probes: bad.join(', ') || '–' } };
  }

  // --- the fault
  const exec = async (list: FaultStep[], cancellable: boolean, phase: 'fault' | 'recovery' | 'cleanup') => {
    for (const step of list) {
      if (cancellable && env.signal.aborted) throw new AppError(SshErrorCode.cancelled);
      env.stepState(step.id, 'running');
      let rec: StepRecord;
      try {
        rec = await runStep(env, step, {
          cancellable,
          onFault: (at) => {
            faultAt = at;
            env.faultAt = at;
            mark(`fault: ${step.id}`, 'fault', 'node' in step ? step.node : '');
            env.phase('fault', { faultAt: at });
          },
        });
      } catch (e) {
        const r = (e as { record?: StepRecord }).record;
        if (r) steps.push(r);
        env.stepState(step.id, 'failed', 'cancelled');
        throw e;
      }
      steps.push(rec);
      env.stepState(step.id, rec.ok ? 'done' : 'failed', rec.note);
      if (!rec.ok) mark(`${step.id} failed${rec.note ? `: ${rec.note}` : ''}`, 'runner', rec.node ?? '', true);
      // A node action that did not happen (a power-on refused, a crash not done) leaves the fault not as planned:
      // stop here and undo instead of waiting out every later step (seen: 10 min for a node never switched on).
      if (!rec.ok && step.kind === 'hook' && phase === 'fault') throw new AppError('failover:errors.hookFailed');
      if (step.kind === 'wait' && step.effect) {
        effectAt = Date.now();
        const r = env.watch.latest();
        servicesAfter = r ? env.watch.where(r) : [];
        mark(`services on ${servicesAfter.join(', ') || 'no node'}`);
        env.phase('recovery');
      }
      if (step.id === 'heal') healAt = Date.now();
      if (phase === 'fault' && 'fault' in step && step.fault) await env.pending(caseId, plan.undo);
    }
  };
  if (!aborted) {
    await env.pending(caseId, plan.undo);
    try {
      await exec(plan.steps, true, 'fault');
    } catch (e) {
      aborted = { key: e instanceof AppError ? e.code : 'errors:internal' };
    }
  }

  // --- undo (also after cancel), mails, cleanup
  env.phase('cleanup');
  if (faultAt !== undefined || aborted) {
    try {
      await exec(plan.undo, false, 'recovery');
    } catch {
      // every undo step records its own failure
    }
  }
  await env.pending(caseId, null);
  flow.stopNew();
  const retryUntil = Date.now() + (env.signal.aborted ? 0 : 90_000);
  await flow.finish(retryUntil);
  let recovered = false;
  if (!env.signal.aborted) {
    try {
      await exec(plan.cleanup, true, 'cleanup');
      recovered = steps.filter((s) => s.id.startsWith('cleanup.')).every((s) => s.ok);
    } catch {
      recovered = false;
    }
  } else {
    // Cancelled: clear fail counts, but do not wait for the start state.
    try {
      await exec(plan.cleanup.filter((s) => s.kind === 'ssh'), false, 'cleanup');
    } catch {
      // recorded
    }
  }
  const recoveredAt = recovered ? Date.now() : undefined;
  if (recovered) mark('cluster back to its start state');
  if (!env.signal.aborted) await sleep(env.settings.tailMs, env.signal);
  const endedAt = Date.now();

  // --- collect
  env.phase('collect');
  const sent = flow.mails();
  let delivered: DeliveredCopy[] = [];
  // Whether any fetch of the mailbox returned (even with no mail). Without one, `delivered` stays empty because
  // nobody could look, and the accepted mails must not be reported as lost.
  let mailboxRead = false;
  const extraFindings: Finding[] = [];
  if (ps.mailbox && ps.protocols.includes('imap')) {
    const accepted = new Set(sent.filter((m) => m.acceptedAt !== undefined).map((m) => m.n));
    const offset = medianOffset(env.offsets);
    const fetchAll = async () => {
      try {
        delivered = (await fetchTestMails({ imap: endpoint(ps, 'imap'), credentials: ps.mailbox!, pins: env.pins, token })).map((d) => (d.deliveredAt !== undefined ? { ...d, deliveredAt: d.deliveredAt - offset } : d));
        mailboxRead = true;
      } catch (e) {
        env.output(`IMAP fetch: ${e instanceof Error ? e.message : String(e)}`);
      }
      const got = new Set(delivered.map((d) => d.n));
      return [...accepted].every((n) => got.has(n));
    };
    let complete = await waitFor(fetchAll, env.signal.aborted ? 0 : 60_000, env.signal, 3000);
    if (!complete && !env.signal.aborted) {
      // Deferred mail waits for Postfix's next queue run (minutes): say so, flush the queue, look again.
      const queued = await flushQueue(env, mark);
      if (queued !== undefined) complete = await waitFor(fetchAll, 60_000, env.signal, 3000);
    }
    if (!complete) {
      env.output(mailboxRead
        ? `${accepted.size - new Set(delivered.map((d) => d.n)).size} accepted mails not found in the mailbox`
        : `mailbox could not be read over IMAP: ${accepted.size} accepted mails not verified`);
    }
    // Counted and recorded: the case's mails leave the test mailbox, so it does not grow with every drill
    // (thousands of mails make every IMAP and POP3 login slower, which the next case would measure).
    try {
      await fetchTestMails({ imap: endpoint(ps, 'imap'), credentials: ps.mailbox, pins: env.pins, token, deleteAfter: true });
    } catch (e) {
      env.output(`IMAP cleanup: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  for (const [key, ch] of env.pins.changed) {
    extraFindings.push({ kind: 'certificateChanged', severity: 'error', node: key, t: ch.at, lastT: ch.at, count: 1, source: 'mail-ha-studio', line: `TLS certificate of ${key} changed: expected ${ch.expected}, got ${ch.seen}` });
  }
  const { lines, failed } = await readJournals(env.links, startedAt - 2000, Date.now(), env.offsets);
  if (failed.length) mark(`journal not readable on ${failed.join(', ')}`, 'runner', '', true);

  const samples: Partial<Record<Protocol, ProbeSample[]>> = {};
  for (const p of ps.protocols) samples[p] = env.probes.samplesSince(p, startedAt).filter((s) => s.t <= endedAt);
  const rounds: Round[] = env.watch.since(startedAt);
  return buildCaseResult({
    caseId, startedAt, endedAt, profile: env.profile, targets: env.targets, samples, sent, delivered, mailboxRead, rounds,
    servicesBefore: active, servicesAfter, peer, lines, runnerEvents, extraFindings, steps, recovered,
    ...(faultAt !== undefined ? { faultAt } : {}),
    ...(effectAt !== undefined ? { effectAt } : {}),
    ...(healAt !== undefined ? { healAt } : {}),
    ...(recoveredAt !== undefined ? { recoveredAt } : {}),
    ...(env.quorumWaitHeld !== undefined ? { quorumWaitHeld: env.quorumWaitHeld } : {}),
    ...(aborted ? { aborted } : {}),
  });
}

/** Counts the queue on the node with the services and flushes it; undefined when nothing could be read. */
async function flushQueue(env: CaseEnv, mark: (t: string) => void): Promise<number | undefined> {
  const r = env.watch.latest();
  const node = r ? env.watch.where(r)[0] : undefined;
  const link = node ? env.links.byName(node) : undefined;
  if (!link) return undefined;
  try {
    const q = await env.links.exec(link.role, 'postqueue -j', { timeoutMs: 30_000 });
    const n = q.stdout.split('\n').filter((l) => l.trim().startsWith('{')).length;
    await env.links.exec(link.role, shCommand(['postqueue', '-f']), { timeoutMs: 30_000 });
    mark(`${n} mails in the Postfix queue on ${node}: queue flushed`);
    env.output(`postqueue on ${node}: ${n} queued, flushed`);
    return n;
  } catch {
    return undefined;
  }
}
