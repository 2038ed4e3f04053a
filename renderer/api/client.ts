import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput, Result } from '../../shared/contract';

/** What the UI needs from main, whichever transport carries it (Electron preload or the test bridge). */
export interface ApiClient {
  transport: 'electron' | 'bridge';
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
}

export class ApiCallError extends Error {
  constructor(readonly error: { code: string; params?: Record<string, string | number>; detail?: string }) {
    super(error.code);
  }
}

/** Calls a method and throws ApiCallError (a translated-code error value) when main answered with an error. */
export async function call<M extends MethodName>(api: ApiClient, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await api.call(method, input);
  if (!r.ok) throw new ApiCallError(r.error);
  return r.value;
}
