import type { z } from 'zod';
import { AppError } from '../errors';

/** Parses engine input with its schema; a failure becomes an AppError naming the first bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, code: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  throw new AppError(code, { path: first ? first.path.join('.') : '' }, r.error.message);
}
