import type { z } from 'zod';
import type { ErrorValue } from '../errors';

/** A request/response method: its argument and result are both validated at the boundary. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodDef<I, O> {
  return { input, output };
}

/** Every call resolves to a Result; errors never travel as exceptions across the boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };
