/**
 * A small model of node state for the plan's property tests: per node a map of keys (`pkg:corosync`,
 * `unit:postfix:enabled`, `file:/etc/corosync/corosync.conf` ...) as the step files' ops describe them
 * (shared/commission/spec.ts), plus what the helpers and the executor remember (saved keys per stamp, file
 * backups, first one wins). It runs plans the way main/commission does: check -> back up -> apply -> verify,
 * resume after an interruption, rollback in reverse order with the backups put back.
 */
import type { Cond, Effect, ModelProbe, SpecAction, StepSpec } from '../../../shared/commission/spec';
import { isModelRun } from '../../../shared/commission/spec';
import type { NodeRole } from '../../../shared/commission/types';

export type Keys = Record<string, string | null>;

export interface World {
  nodes: Partial<Record<NodeRole, Keys>>;
  /** Helper records: node -> stamp -> saved keys. */
  saved: Partial<Record<NodeRole, Record<string, Keys>>>;
  /** Executor backups: node -> file key -> that path and everything below it, before the first step that changed it. */
  backups: Partial<Record<NodeRole, Record<string, Keys>>>;
}

export interface StepRecord {
  applied: boolean;
  done: boolean;
}
export type Record_ = Record<string, StepRecord>;

export const clone = (w: World): World => structuredClone(w);

const node = (w: World, r: NodeRole): Keys => (w.nodes[r] ??= {});
const val = (k: Keys, key: string): string | null => k[key] ?? null;

export function holds(c: Cond, k: Keys): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, k));
  if ('any' in c) return c.any.some((x) => holds(x, k));
  if ('is' in c) return val(k, c.key) === c.is;
  return val(k, c.key) !== c.not;
}
export const probeHolds = (p: ModelProbe, k: Keys) => p.holds.every((c) => holds(c, k));

function effect(w: World, r: NodeRole, e: Effect): void {
  if ('set' in e) {
    const target = node(w, e.node ?? r);
    if (e.to === null) delete target[e.set];
    else target[e.set] = e.to;
  } else if ('save' in e) {
    const s = ((w.saved[r] ??= {})[e.stamp] ??= {});
    for (const key of e.save) if (!(key in s)) s[key] = val(node(w, r), key);
  } else if ('forget' in e) {
    const k = node(w, r);
    for (const key of Object.keys(k)) if (key.startsWith(e.forget)) delete k[key];
    delete w.saved[r];
  } else {
    const s = w.saved[r]?.[e.restore];
    if (!s) return;
    for (const [key, v] of Object.entries(s)) {
      if (v === null) delete node(w, r)[key];
      else node(w, r)[key] = v;
    }
    delete w.saved[r]![e.restore];
  }
}

/** The file keys an action writes (what the executor backs up before the step). */
export function writtenKeys(a: SpecAction): string[] {
  if (isModelRun(a)) return [];
  return [`file:${a.kind === 'write' ? a.path : a.toPath}`];
}
export const stepFileKeys = (s: StepSpec) => [...new Set([...s.apply.flatMap(writtenKeys), ...(s.backupPaths ?? []).map((p) => `file:${p}`)])];

export function act(w: World, r: NodeRole, a: SpecAction): void {
  if (isModelRun(a)) for (const e of a.effects) effect(w, r, e);
  else if (a.kind === 'write') node(w, r)[`file:${a.path}`] = a.content;
  else {
    const v = val(node(w, a.from), `file:${a.fromPath}`);
    if (v === null) throw new Error(`transfer of ${a.from}:${a.fromPath}, which does not exist there`);
    node(w, r)[`file:${a.toPath}`] = v;
  }
}

/** A path and what lies below it (cp -a of a directory backs up its whole tree). */
const under = (k: Keys, key: string) => Object.fromEntries(Object.entries(k).filter(([x]) => x === key || x.startsWith(`${key}/`)));

function backup(w: World, s: StepSpec): void {
  const b = (w.backups[s.node] ??= {});
  for (const key of stepFileKeys(s)) if (!(key in b)) b[key] = under(node(w, s.node), key);
}

function restore(w: World, r: NodeRole, key: string): void {
  const k = node(w, r);
  for (const x of Object.keys(under(k, key))) delete k[x];
  Object.assign(k, w.backups[r]?.[key] ?? {});
}

/**
 * One step as the executor runs it. `stopAfter` applies only that many actions (an interruption inside the
 * step). Returns false when a verify fails.
 */
export function runStep(w: World, rec: Record_, s: StepSpec, stopAfter?: number): boolean {
  const k = node(w, s.node);
  const prev = rec[s.id];
  const checked = s.check ? probeHolds(s.check, k) : !!prev?.done;
  if (checked && s.verify.every((v) => probeHolds(v, k))) {
    rec[s.id] = { applied: prev?.applied ?? false, done: true };
    return true;
  }
  rec[s.id] = { applied: true, done: false };
  backup(w, s);
  const actions = stopAfter === undefined ? s.apply : s.apply.slice(0, stopAfter);
  for (const a of actions) act(w, s.node, a);
  if (stopAfter !== undefined) return true;
  const ok = s.verify.every((v) => probeHolds(v, node(w, s.node)));
  rec[s.id] = { applied: true, done: ok };
  return ok;
}

/** Rollback: applied steps newest first; each path restored at the earliest applied step that backed it up. */
export function rollback(w: World, rec: Record_, steps: readonly StepSpec[]): void {
  const owner = new Map<string, string>();
  for (const s of steps) if (rec[s.id]?.applied) for (const key of stepFileKeys(s)) if (!owner.has(`${s.node}\0${key}`)) owner.set(`${s.node}\0${key}`, s.id);
  for (const s of [...steps].reverse()) {
    if (!rec[s.id]?.applied) continue;
    for (const a of s.rollback ?? []) act(w, s.node, a);
    for (const [nk, id] of owner) {
      if (id !== s.id) continue;
      const [r, key] = nk.split('\0') as [NodeRole, string];
      restore(w, r, key);
    }
  }
}

/**
 * The nodes' own state for comparisons: everything but what lies on the new volume (`vol:`), which a rollback
 * does not empty file by file but wipes or removes as a whole.
 */
export function keysOf(w: World): Partial<Record<NodeRole, Keys>> {
  const out: Partial<Record<NodeRole, Keys>> = {};
  for (const [r, k] of Object.entries(w.nodes) as [NodeRole, Keys][]) {
    const kept = Object.fromEntries(Object.entries(k).filter(([key, v]) => v !== null && !key.startsWith('vol:')));
    if (Object.keys(kept).length) out[r] = kept;
  }
  return out;
}
