import { isMethodName, methods, type MethodName, type Result } from '../../shared/contract';
import { toErrorValue } from '../../shared/errors';
import type { HandlerContext } from '../services';
import { handlers as allHandlers } from './registry';
import type { Handlers } from './types';

export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>;

/**
 * The single entry point every transport (Electron IPC, the test bridge, the CLI) goes through:
 * unknown methods are refused, input is validated with the method's schema, errors become values.
 */
export function createDispatcher(ctx: HandlerContext, handlers: Handlers = allHandlers): Dispatch {
  return async (name, input) => {
    if (!isMethodName(name)) return { ok: false, error: { code: 'errors:unknownMethod', params: { method: String(name) } } };
    const def = methods[name as MethodName];
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
      return { ok: false, error: { code: 'errors:invalidInput', params: { method: name, fields }, detail: parsed.error.message } };
    }
    try {
      const handler = handlers[name] as (i: unknown, c: HandlerContext) => Promise<unknown>;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value: def.output.parse(value) };
    } catch (e) {
      return { ok: false, error: toErrorValue(e) };
    }
  };
}
