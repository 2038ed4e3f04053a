/** A step's identity for "what changed since the last run": sha256 of its canonical JSON (keys sorted). */
import { createHash } from 'node:crypto';
import type { Plan, Step } from '../../shared/commission/types';

export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
}

export function stepHash(step: Step): string {
  return createHash('sha256').update(canonicalJson(step)).digest('hex');
}

export function stepHashes(plan: Pick<Plan, 'steps'>): Record<string, string> {
  return Object.fromEntries(plan.steps.map((s) => [s.id, stepHash(s)]));
}

export interface PlanChange {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Which steps differ between the plan a record was made for and the plan of now. */
export function planChange(before: Readonly<Record<string, string>>, now: Readonly<Record<string, string>>): PlanChange {
  const added = Object.keys(now).filter((id) => !(id in before));
  const removed = Object.keys(before).filter((id) => !(id in now));
  const changed = Object.keys(now).filter((id) => id in before && before[id] !== now[id]);
  return { added, removed, changed };
}
