/**
 * `{{secret:ID}}` placeholders in a step's stdin or file content are filled here, at the last moment before
 * the text goes to the node. The plan, the record, the audit log and every event only ever see the placeholder.
 */
import { AppError } from '../../shared/errors';
import type { Action, Plan, SecretId } from '../../shared/commission/types';

export type SecretValues = Partial<Record<SecretId, string>>;

const REF = /\{\{secret:([A-Za-z0-9_-]+)\}\}/g;

/** Every secret id a text refers to. */
export function secretRefsIn(text: string): string[] {
  return [...text.matchAll(REF)].map((m) => m[1]!);
}

function actionTexts(a: Action): string[] {
  if (a.kind === 'run') return a.stdin ? [a.stdin] : [];
  if (a.kind === 'write') return [a.content];
  return [];
}

/** The secret ids a plan needs: declared on its steps or referenced in stdin/content. */
export function planSecretIds(plan: Pick<Plan, 'steps'>): string[] {
  const ids = new Set<string>();
  for (const s of plan.steps) {
    for (const id of s.secrets ?? []) ids.add(id);
    for (const a of [...s.apply, ...(s.rollback ?? [])]) for (const t of actionTexts(a)) for (const id of secretRefsIn(t)) ids.add(id);
  }
  return [...ids].sort();
}

/** Replaces every placeholder; an unknown or unset secret is an error, never an empty string on the node. */
export function fillSecrets(text: string, values: SecretValues): string {
  return text.replace(REF, (_m, id: string) => {
    const v = values[id as SecretId];
    if (v === undefined) throw new AppError('install:errors.secretMissing', { id });
    return v;
  });
}

/** The values to redact everywhere output can go. */
export function secretList(values: SecretValues): string[] {
  return Object.values(values).filter((v): v is string => typeof v === 'string' && v.length > 0);
}
