import type { EventName } from '../../shared/contract';
import type { ApiClient } from './client';

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };

/** Talks to main/bridge/server.ts over a WebSocket on the page's own origin (tests and browser dev only). */
export async function connectBridge(token: string): Promise<ApiClient> {
  const url = `${location.origin.replace(/^http/, 'ws')}/api?token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(url);
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let nextId = 1;

  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error('bridge connection failed')), { once: true });
  });
  ws.addEventListener('message', (ev) => {
    const msg = JSON.parse(String(ev.data)) as { id?: number; result?: unknown; event?: string; payload?: unknown };
    if (typeof msg.id === 'number') {
      pending.get(msg.id)?.resolve(msg.result);
      pending.delete(msg.id);
    } else if (msg.event) {
      listeners.get(msg.event)?.forEach((cb) => cb(msg.payload));
    }
  });
  ws.addEventListener('close', () => {
    for (const p of pending.values()) p.resolve({ ok: false, error: { code: 'errors:connectionLost' } });
    pending.clear();
  });

  return {
    transport: 'bridge',
    call(method, input) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        ws.send(JSON.stringify({ id, method, input }));
      });
    },
    on(event: EventName, cb) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(cb as (p: unknown) => void);
      return () => set.delete(cb as (p: unknown) => void);
    },
  };
}
