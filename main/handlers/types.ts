import type { MethodArgs, MethodName, MethodOutput } from '../../shared/contract';
import type { HandlerContext } from '../services';

/** One handler per contract method; it receives input already validated by the method's schema. */
export type Handler<M extends MethodName> = (
  input: MethodArgs<M>,
  ctx: HandlerContext,
) => Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };
