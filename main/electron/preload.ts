import { contextBridge, ipcRenderer } from 'electron';
import { eventNames, methodNames, type EventName } from '../../shared/contract';
import type { MhsApi, PreloadApi } from '../../shared/contract/preloadApi';

/**
 * Sandboxed preload: bundled to one CommonJS file that requires nothing but 'electron'
 * (scripts/build-main.mjs swaps the contract import for its precomputed name lists, so no zod here).
 * The page gets one function per contract method and a subscription for known events, never
 * ipcRenderer itself nor the IPC event object (whose .sender would be ipcRenderer).
 * Channel names must match main/electron/ipc.ts.
 */
const METHOD_CHANNEL_PREFIX = 'mhs:';
const EVENT_CHANNEL = 'mhs-event';

const knownEvents = new Set<string>(eventNames);
const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, message: { event?: unknown; payload?: unknown }) => {
  if (typeof message?.event !== 'string') return;
  for (const cb of listeners.get(message.event) ?? []) {
    try {
      cb(message.payload);
    } catch (e) {
      console.error('mhs event listener failed', e);
    }
  }
});

const api = Object.freeze(
  Object.fromEntries(
    methodNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(METHOD_CHANNEL_PREFIX + name, input)]),
  ),
) as MhsApi;

const mhs: PreloadApi = {
  api,
  on(event: EventName, cb: (payload: never) => void) {
    if (!knownEvents.has(event)) throw new Error(`unknown event: ${String(event)}`);
    if (typeof cb !== 'function') throw new Error('callback must be a function');
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const listener = cb as (payload: unknown) => void;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
  transport: 'electron',
};

contextBridge.exposeInMainWorld('mhs', mhs);
