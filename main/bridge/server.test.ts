import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createNodeServices } from '../nodeServices';
import { startBridge, type Bridge } from './server';

let bridge: Bridge;
beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-bridge-'));
  mkdirSync(path.join(dir, 'static'));
  writeFileSync(path.join(dir, 'static', 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  bridge = await startBridge({ services: createNodeServices({ userDataDir: dir, transport: 'bridge' }), staticDir: path.join(dir, 'static') });
});
afterAll(() => bridge.close());

function open(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

describe('test bridge', () => {
  it('listens on loopback only and serves the renderer with the CSP', async () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(bridge.url + '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-eval');
  });

  it('does not serve files outside its folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      expect((await fetch(bridge.url + p)).status).toBe(404);
    }
  });

  it('refuses a WebSocket without the token or from a foreign origin', async () => {
    await expect(open(`${bridge.url.replace('http', 'ws')}/api?token=wrong`, bridge.url)).rejects.toThrow('403');
    await expect(open(`${bridge.url.replace('http', 'ws')}/api?token=${bridge.token}`, 'http://evil.example')).rejects.toThrow('403');
  });

  it('answers contract calls with the right token and origin', async () => {
    const ws = await open(`${bridge.url.replace('http', 'ws')}/api?token=${bridge.token}`, bridge.url);
    const reply = new Promise<unknown>((r) => ws.once('message', (d) => r(JSON.parse(String(d)))));
    ws.send(JSON.stringify({ id: 1, method: 'app.info', input: {} }));
    expect(await reply).toMatchObject({ id: 1, result: { ok: true, value: { transport: 'bridge' } } });
    ws.close();
  });
});
