/**
 * The dry run: every command and every file change of a plan, per node, before anything runs. Read-only on
 * the nodes: it reads the files the plan would write (and the sources of transfers) and, optionally, runs
 * each step's check. File writes are diffed against what the node holds at that point of the plan (a file
 * written twice is diffed against the first write the second time). Secret or binary content shows only as
 * size and sha256.
 */
import { createHash } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import { AppError, toErrorValue } from '../../shared/errors';
import type { DryRun, DryRunAction, DryRunStep } from '../../shared/contract/methods/commission';
import type { CommissionRecord } from '../../shared/commission/recordSchema';
import type { Action, NodeRole, Plan, Probe, Step } from '../../shared/commission/types';
import { readRemoteFile, readTransferSource, runProbe } from './actions';
import { stepPaths } from './backup';
import type { NodeSessions } from './nodeSessions';
import { checkedMode, checkedOwner, type RemoteFile } from './remoteFiles';
import { restorePlan, stepsToRollBack } from './rollbackPlan';
import { fillSecrets, secretRefsIn, type SecretValues } from './secretValues';
import { stepHash } from './stepHash';
import { StepOutput } from './stepOutput';

export interface DryRunOptions {
  plan: Plan;
  nodes: NodeSessions;
  secrets: SecretValues;
  secretList: readonly string[];
  mode: 'run' | 'rollback';
  withChecks: boolean;
  record?: CommissionRecord;
  signal: AbortSignal;
  /** Called as each step is done, for progress. */
  onStep?: (index: number, count: number, stepId: string) => void;
}

interface FileState {
  content?: Buffer;
  missing: boolean;
  mode?: string;
  owner?: string;
  sha256?: string;
  bytes?: number;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function isText(b: Buffer): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

function fromRemote(f: RemoteFile): FileState {
  return f.state === 'file'
    ? { missing: false, ...(f.content ? { content: f.content } : {}), ...(f.mode ? { mode: f.mode } : {}), ...(f.owner ? { owner: f.owner } : {}), ...(f.sha256 ? { sha256: f.sha256 } : {}), ...(f.size !== undefined ? { bytes: f.size } : {}) }
    : { missing: true };
}

const normMode = (m: string) => checkedMode(m).padStart(4, '0');

export async function dryRunPlan(o: DryRunOptions): Promise<DryRun> {
  const files = new Map<string, FileState>();
  const key = (node: NodeRole, path: string) => `${node}\0${path}`;

  async function current(node: NodeRole, path: string, hashOnly: boolean): Promise<FileState> {
    const k = key(node, path);
    const known = files.get(k);
    if (known && (hashOnly || known.missing || known.content)) return known;
    const f = fromRemote(await readRemoteFile(await o.nodes.get(node), path, { hashOnly, signal: o.signal }));
    files.set(k, f);
    return f;
  }

  async function fileChange(node: NodeRole, path: string, next: Buffer | undefined, mode: string, owner: string, secret: boolean, secretNotSet: boolean): Promise<NonNullable<Extract<DryRunAction, { kind: 'write' }>['file']>> {
    const hide = secret || secretNotSet || (next !== undefined && !isText(next));
    const cur = await current(node, path, hide);
    const meta = { mode: normMode(mode), owner };
    const currentInfo = cur.missing ? {} : { current: { mode: cur.mode ?? '', owner: cur.owner ?? '', bytes: cur.bytes ?? 0 } };
    if (next === undefined) {
      return { change: cur.missing ? 'create' : 'modify', summary: { bytes: 0, reason: 'secretNotSet', ...(cur.missing ? {} : { currentBytes: cur.bytes ?? 0, ...(cur.sha256 ? { currentSha256: cur.sha256 } : {}) }) }, ...currentInfo };
    }
    const nextHash = sha256(next);
    files.set(key(node, path), { missing: false, content: next, sha256: nextHash, bytes: next.length, ...meta });
    const sameContent = !cur.missing && cur.sha256 === nextHash;
    const sameMeta = !cur.missing && cur.mode === meta.mode && cur.owner === meta.owner;
    const change = cur.missing ? 'create' : sameContent ? (sameMeta ? 'unchanged' : 'metadata') : 'modify';
    if (hide) {
      return {
        change,
        summary: { bytes: next.length, sha256: nextHash, reason: secret ? 'secret' : 'binary', ...(cur.missing ? {} : { currentBytes: cur.bytes ?? 0, ...(cur.sha256 ? { currentSha256: cur.sha256 } : {}) }) },
        ...currentInfo,
      };
    }
    const before = cur.missing ? '' : cur.content && isText(cur.content) ? cur.content.toString('utf8') : undefined;
    if (before === undefined) return { change, summary: { bytes: next.length, sha256: nextHash, reason: 'binary', currentBytes: cur.bytes ?? 0, ...(cur.sha256 ? { currentSha256: cur.sha256 } : {}) }, ...currentInfo };
    const diff = change === 'modify' || change === 'create' ? createTwoFilesPatch(cur.missing ? '/dev/null' : path, path, before, next.toString('utf8'), cur.missing ? '' : 'current', 'planned', { context: 3 }) : undefined;
    return { change, ...(diff ? { diff } : {}), ...currentInfo };
  }

  async function describe(step: Step, a: Action): Promise<DryRunAction> {
    if (a.kind === 'run') return { kind: 'run', command: a.command, ...(a.stdin !== undefined ? { stdin: a.stdin } : {}), ...(a.timeoutMs ? { timeoutMs: a.timeoutMs } : {}) };
    const owner = checkedOwner(a.owner);
    if (a.kind === 'write') {
      const refs = secretRefsIn(a.content);
      const notSet = refs.some((id) => o.secrets[id as keyof SecretValues] === undefined);
      const base = { kind: 'write' as const, path: a.path, mode: a.mode, owner, secret: !!a.secret || refs.length > 0 };
      try {
        const next = notSet ? undefined : Buffer.from(fillSecrets(a.content, o.secrets), 'utf8');
        return { ...base, file: await fileChange(step.node, a.path, next, a.mode, owner, base.secret, notSet) };
      } catch (e) {
        return { ...base, error: toErrorValue(e) };
      }
    }
    const base = { kind: 'transfer' as const, from: a.from, fromPath: a.fromPath, path: a.toPath, mode: a.mode, owner, secret: !!a.secret };
    try {
      const content = await readTransferSource(o.nodes, a.from, a.fromPath, o.signal);
      return { ...base, file: await fileChange(step.node, a.toPath, content, a.mode, owner, base.secret, false) };
    } catch (e) {
      return { ...base, error: toErrorValue(e) };
    }
  }

  const probeView = (p: Probe) => {
    const fresh = p.freshSession;
    return { command: p.command, ...(fresh ? { freshSession: true } : {}), ...(p.waitMs ? { waitMs: p.waitMs } : {}) };
  };

  async function check(step: Step): Promise<DryRunStep['check']> {
    if (!step.check) return undefined;
    if (!o.withChecks) return { command: step.check.command };
    const out = new StepOutput(o.secretList, () => {});
    try {
      const done = await runProbe({ stepId: step.id, node: step.node, nodes: o.nodes, secrets: o.secrets, signal: o.signal, out }, { ...step.check, waitMs: 0 });
      return { command: step.check.command, done };
    } catch (e) {
      if (o.signal.aborted) throw new AppError('install:errors.cancelled');
      return { command: step.check.command, error: toErrorValue(e) };
    }
  }

  const record = o.record;
  const restores = o.mode === 'rollback' && record ? restorePlan(o.plan, record) : new Map<string, string[]>();
  const steps = o.mode === 'rollback' ? (record ? stepsToRollBack(o.plan, record) : []) : o.plan.steps;
  const result: DryRunStep[] = [];
  for (const [i, step] of steps.entries()) {
    if (o.signal.aborted) throw new AppError('install:errors.cancelled');
    const prev = record?.steps[step.id];
    const actions: DryRunAction[] = [];
    for (const a of o.mode === 'rollback' ? (step.rollback ?? []) : step.apply) actions.push(await describe(step, a));
    const restore = restores.get(step.id);
    if (o.mode === 'rollback' && restore?.length) actions.push({ kind: 'restore', paths: restore });
    result.push({
      id: step.id,
      phase: step.phase,
      node: step.node,
      title: step.title,
      explanation: step.explanation,
      destructive: step.destructive,
      pointOfNoReturn: !!step.pointOfNoReturn,
      expectedDurationS: step.expectedDurationS,
      ...(o.mode === 'run' ? { check: await check(step) } : {}),
      ...(prev ? { recorded: prev.stepHash && prev.stepHash !== stepHash(step) ? `${prev.outcome} (step changed since)` : prev.outcome } : {}),
      backupPaths: stepPaths(step),
      actions,
      verify: o.mode === 'run' ? step.verify.map(probeView) : [],
      hasRollback: !!step.rollback?.length,
      secrets: [...new Set([...(step.secrets ?? []), ...step.apply.flatMap((a) => (a.kind === 'run' ? secretRefsIn(a.stdin ?? '') : a.kind === 'write' ? secretRefsIn(a.content) : []))])],
    });
    o.onStep?.(i + 1, steps.length, step.id);
  }
  return {
    mode: o.mode,
    planHash: o.plan.hash,
    notices: o.plan.notices,
    summary: o.plan.summary,
    nodes: [...new Set(o.plan.steps.map((s) => s.node))],
    steps: result,
    ...(o.mode === 'rollback' && record?.pointOfNoReturnAt ? { pointOfNoReturnAt: record.pointOfNoReturnAt } : {}),
  };
}
