/**
 * The dry run: every command and every file change of a plan, per node, before anything runs. Read-only on
 * the nodes: it reads the files the plan would write (and the sources of transfers) and, optionally, runs
 * each step's check. File writes are diffed against what the node holds at that point of the plan (a file
 * written twice is diffed against the first write the second time). Secret or binary content shows only as
 * size and sha256; a transfer whose source an earlier step has yet to make says so.
 *
 * All reads of a node go in one command, all checks of a node in another, all nodes in parallel: an SSH round
 * trip with sudo costs about a quarter of a second, and a plan touches hundreds of files.
 */
import { createHash } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import { AppError, toErrorValue, type ErrorValue } from '../../shared/errors';
import type { DryRun, DryRunAction, DryRunStep } from '../../shared/contract/methods/commission';
import type { CommissionRecord } from '../../shared/commission/recordSchema';
import type { Action, NodeRole, Plan, Probe, Step } from '../../shared/commission/types';
import { shQuote } from '../../shared/shell/quote';
import { stepPaths } from './backup';
import type { NodeSessions } from './nodeSessions';
import { checkedMode, checkedOwner, MAX_TRANSFER_BYTES, parseReadFiles, readFilesCommand, type RemoteFile } from './remoteFiles';
import { restorePlan, stepsToRollBack } from './rollbackPlan';
import { fillSecrets, secretRefsIn, type SecretValues } from './secretValues';
import { stepHash } from './stepHash';

export interface DryRunOptions {
  plan: Plan;
  nodes: NodeSessions;
  secrets: SecretValues;
  secretList: readonly string[];
  mode: 'run' | 'rollback';
  withChecks: boolean;
  record?: CommissionRecord;
  signal: AbortSignal;
  /** Called as each node's reads and checks are done, for progress. */
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

type FileChange = NonNullable<Extract<DryRunAction, { kind: 'write' }>['file']>;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const normMode = (m: string) => checkedMode(m).padStart(4, '0');
const key = (node: NodeRole, path: string) => `${node}\0${path}`;

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

const CHECK_MARK = '@@mhs-check ';

/** Every check of a node in one command (checks are read-only by contract), each under its own timeout. */
export function checksCommand(checks: readonly Probe[]): string {
  return checks.map((c, i) => `timeout ${Math.ceil((c.timeoutMs ?? 30_000) / 1000)} sh -c ${shQuote(c.command)} >/dev/null 2>&1 </dev/null; echo "${CHECK_MARK}${i} $?"`).join('\n');
}

export function parseChecks(count: number, stdout: string): (number | undefined)[] {
  const codes = new Array<number | undefined>(count).fill(undefined);
  for (const m of stdout.matchAll(/^@@mhs-check (\d+) (\d+)$/gm)) if (Number(m[1]) < count) codes[Number(m[1])] = Number(m[2]);
  return codes;
}

/** Per node, every path the dry run must know (true = only its hash: secret content). */
function filesToRead(steps: readonly Step[]): Map<NodeRole, Map<string, boolean>> {
  const need = new Map<NodeRole, Map<string, boolean>>();
  const add = (node: NodeRole, path: string, hashOnly: boolean) => {
    const m = need.get(node) ?? new Map<string, boolean>();
    m.set(path, (m.get(path) ?? true) && hashOnly);
    need.set(node, m);
  };
  for (const s of steps)
    for (const a of [...s.apply, ...(s.rollback ?? [])]) {
      if (a.kind === 'write') add(s.node, a.path, !!a.secret || secretRefsIn(a.content).length > 0);
      if (a.kind === 'transfer') {
        add(s.node, a.toPath, !!a.secret);
        add(a.from, a.fromPath, false);
      }
    }
  return need;
}

export async function dryRunPlan(o: DryRunOptions): Promise<DryRun> {
  const record = o.record;
  const restores = o.mode === 'rollback' && record ? restorePlan(o.plan, record) : new Map<string, string[]>();
  const steps = o.mode === 'rollback' ? (record ? stepsToRollBack(o.plan, record) : []) : o.plan.steps;
  const files = new Map<string, FileState>();
  const sources = new Map<string, RemoteFile>();
  const checks = new Map<string, { done?: boolean; error?: ErrorValue }>();
  const reads = filesToRead(steps);
  const byNode = new Map<NodeRole, Step[]>();
  if (o.mode === 'run' && o.withChecks) for (const st of steps) if (st.check) byNode.set(st.node, [...(byNode.get(st.node) ?? []), st]);
  const nodes = [...new Set([...reads.keys(), ...byNode.keys()])];
  let done = 0;

  await Promise.all(
    nodes.map(async (node) => {
      const list = [...(reads.get(node) ?? [])].map(([path, hashOnly]) => ({ path, hashOnly }));
      if (list.length) {
        const s = await o.nodes.get(node);
        const r = await s.exec(readFilesCommand(list), { sudo: true, idempotent: true, timeoutMs: 300_000, signal: o.signal });
        if (r.exitCode !== 0) throw new AppError('install:errors.readFailed', { path: list[0]!.path }, r.stderr.slice(-500));
        parseReadFiles(list, r.stdout).forEach((f, i) => {
          files.set(key(node, list[i]!.path), fromRemote(f));
          if (!list[i]!.hashOnly) sources.set(key(node, list[i]!.path), f);
        });
      }
      const withCheck = byNode.get(node) ?? [];
      if (withCheck.length) {
        try {
          for (const st of withCheck) if (secretRefsIn(st.check!.command).length) throw new AppError('install:errors.secretInCommand', { stepId: st.id });
          const s = await o.nodes.get(node);
          const r = await s.exec(checksCommand(withCheck.map((x) => x.check!)), { sudo: true, idempotent: true, timeoutMs: 600_000, signal: o.signal });
          parseChecks(withCheck.length, r.stdout).forEach((code, i) => checks.set(withCheck[i]!.id, code === undefined ? {} : { done: code === 0 }));
        } catch (e) {
          if (o.signal.aborted) throw new AppError('install:errors.cancelled');
          for (const st of withCheck) checks.set(st.id, { error: toErrorValue(e) });
        }
      }
      o.onStep?.(++done, nodes.length, node);
    }),
  );

  function current(node: NodeRole, path: string): FileState {
    const f = files.get(key(node, path));
    if (!f) throw new AppError('install:errors.readFailed', { path }, 'not read');
    return f;
  }

  /** A transfer's source as its node has it now; undefined when an earlier step is yet to make it. */
  function transferSource(from: NodeRole, fromPath: string): Buffer | undefined {
    const f = sources.get(key(from, fromPath));
    if (!f || f.state === 'missing') return undefined;
    if (f.state !== 'file') throw new AppError('install:errors.transferSourceMissing', { node: from, path: fromPath });
    if (!f.content || (f.size ?? 0) > MAX_TRANSFER_BYTES) throw new AppError('install:errors.transferTooLarge', { node: from, path: fromPath, mb: Math.round((f.size ?? 0) / 1e6) });
    return f.content;
  }

  function fileChange(node: NodeRole, path: string, next: Buffer | undefined, mode: string, owner: string, secret: boolean, unknown?: 'secretNotSet' | 'sourceNotYet'): FileChange {
    const hide = secret || unknown !== undefined || (next !== undefined && !isText(next));
    const cur = current(node, path);
    const meta = { mode: normMode(mode), owner };
    const currentInfo = cur.missing ? {} : { current: { mode: cur.mode ?? '', owner: cur.owner ?? '', bytes: cur.bytes ?? 0 } };
    const currentSummary = cur.missing ? {} : { currentBytes: cur.bytes ?? 0, ...(cur.sha256 ? { currentSha256: cur.sha256 } : {}) };
    if (next === undefined) return { change: cur.missing ? 'create' : 'modify', summary: { bytes: 0, reason: unknown ?? 'secretNotSet', ...currentSummary }, ...currentInfo };
    const nextHash = sha256(next);
    files.set(key(node, path), { missing: false, content: next, sha256: nextHash, bytes: next.length, ...meta });
    const sameContent = !cur.missing && cur.sha256 === nextHash;
    const sameMeta = !cur.missing && cur.mode === meta.mode && cur.owner === meta.owner;
    const change = cur.missing ? 'create' : sameContent ? (sameMeta ? 'unchanged' : 'metadata') : 'modify';
    if (hide) return { change, summary: { bytes: next.length, sha256: nextHash, reason: secret ? 'secret' : 'binary', ...currentSummary }, ...currentInfo };
    const before = cur.missing ? '' : cur.content && isText(cur.content) ? cur.content.toString('utf8') : undefined;
    if (before === undefined) return { change, summary: { bytes: next.length, sha256: nextHash, reason: 'binary', ...currentSummary }, ...currentInfo };
    const diff = change === 'modify' || change === 'create' ? createTwoFilesPatch(cur.missing ? '/dev/null' : path, path, before, next.toString('utf8'), cur.missing ? '' : 'current', 'planned', { context: 3 }) : undefined;
    return { change, ...(diff ? { diff } : {}), ...currentInfo };
  }

  function describe(step: Step, a: Action): DryRunAction {
    if (a.kind === 'run') return { kind: 'run', command: a.command, ...(a.stdin !== undefined ? { stdin: a.stdin } : {}), ...(a.timeoutMs ? { timeoutMs: a.timeoutMs } : {}) };
    const owner = checkedOwner(a.owner);
    if (a.kind === 'write') {
      const refs = secretRefsIn(a.content);
      const notSet = refs.some((id) => o.secrets[id as keyof SecretValues] === undefined);
      const base = { kind: 'write' as const, path: a.path, mode: a.mode, owner, secret: !!a.secret || refs.length > 0 };
      try {
        const next = notSet ? undefined : Buffer.from(fillSecrets(a.content, o.secrets), 'utf8');
        return { ...base, file: fileChange(step.node, a.path, next, a.mode, owner, base.secret, notSet ? 'secretNotSet' : undefined) };
      } catch (e) {
        return { ...base, error: toErrorValue(e) };
      }
    }
    const base = { kind: 'transfer' as const, from: a.from, fromPath: a.fromPath, path: a.toPath, mode: a.mode, owner, secret: !!a.secret };
    try {
      const content = transferSource(a.from, a.fromPath);
      return { ...base, file: fileChange(step.node, a.toPath, content, a.mode, owner, base.secret, content === undefined ? 'sourceNotYet' : undefined) };
    } catch (e) {
      return { ...base, error: toErrorValue(e) };
    }
  }

  const probeView = (p: Probe) => ({ command: p.command, ...(p.freshSession ? { freshSession: true } : {}), ...(p.waitMs ? { waitMs: p.waitMs } : {}) });

  const result: DryRunStep[] = steps.map((step) => {
    const prev = record?.steps[step.id];
    const actions: DryRunAction[] = (o.mode === 'rollback' ? (step.rollback ?? []) : step.apply).map((a) => describe(step, a));
    const restore = restores.get(step.id);
    if (o.mode === 'rollback' && restore?.length) actions.push({ kind: 'restore', paths: restore });
    return {
      id: step.id,
      phase: step.phase,
      node: step.node,
      title: step.title,
      explanation: step.explanation,
      destructive: step.destructive,
      pointOfNoReturn: !!step.pointOfNoReturn,
      expectedDurationS: step.expectedDurationS,
      ...(o.mode === 'run' && step.check ? { check: { command: step.check.command, ...(checks.get(step.id) ?? {}) } } : {}),
      ...(prev ? { recorded: prev.stepHash && prev.stepHash !== stepHash(step) ? `${prev.outcome} (step changed since)` : prev.outcome } : {}),
      backupPaths: stepPaths(step),
      actions,
      verify: o.mode === 'run' ? step.verify.map(probeView) : [],
      hasRollback: !!step.rollback?.length,
      secrets: [...new Set([...(step.secrets ?? []), ...step.apply.flatMap((a) => (a.kind === 'run' ? secretRefsIn(a.stdin ?? '') : a.kind === 'write' ? secretRefsIn(a.content) : []))])],
    };
  });
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
