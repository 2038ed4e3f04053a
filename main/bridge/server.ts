import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { events as eventSchemas, type EventName, type EventPayload } from '../../shared/contract';
import { createDispatcher } from '../handlers/dispatch';
import { contentSecurityPolicy } from '../security/csp';
import type { Services } from '../services';
import { readStatic } from '../staticFiles';

/**
 * The test bridge: the same handlers the app registers over Electron IPC, served on 127.0.0.1 over a
 * WebSocket so Playwright can drive the real renderer in Chromium. Guarded by a random token and an
 * Origin check; never part of the packaged app (electron-builder.yml excludes main/bridge).
 */
export interface Bridge {
  url: string;
  /** The URL to open in the browser: the token travels in the fragment, which is never sent to a server. */
  appUrl: string;
  token: string;
  close(): Promise<void>;
}

export interface BridgeOptions {
  services: Services;
  staticDir: string;
  port?: number;
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = randomBytes(24).toString('hex');
  const sockets = new Set<WebSocket>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    const msg = JSON.stringify({ event, payload: eventSchemas[event].parse(payload) });
    for (const ws of sockets) ws.send(msg);
  };
  const dispatch = createDispatcher({ services: opts.services, emit });

  let origin = '';
  const server = http.createServer(async (req, res) => {
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    const file = await readStatic(opts.staticDir, req.url ?? '/');
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': contentSecurityPolicy([origin.replace('http:', 'ws:')]),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(file.body);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/api' || req.headers.origin !== origin || !tokenMatches(url.searchParams.get('token'), token)) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', async (data) => {
        let msg: { id?: unknown; method?: unknown; input?: unknown };
        try {
          msg = JSON.parse(String(data));
        } catch {
          return;
        }
        if (typeof msg.id !== 'number') return;
        const result = await dispatch(msg.method, msg.input);
        ws.send(JSON.stringify({ id: msg.id, result }));
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    appUrl: `${origin}/#bridge=${token}`,
    token,
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
