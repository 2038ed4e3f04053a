import type { EventName, EventPayload } from './events';
import type { MethodInput, MethodName, MethodOutput } from './index';
import type { Result } from './define';

/**
 * What the Electron preload exposes as `window.mhs` (main/electron/preload.ts). Pure types: the renderer
 * declares `interface Window { mhs?: PreloadApi }` itself (shared/ has no DOM types).
 */
export type MhsApi = { readonly [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>> };

export interface PreloadApi {
  readonly api: MhsApi;
  /** Subscribes to a main-process event; returns the unsubscribe function. Unknown names throw. */
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
  readonly transport: 'electron';
}
