import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppRequestHandler, registerAppScheme } from '../../../main/electron/protocol';
import { contentSecurityPolicy } from '../../../main/security/csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as [string, string[]];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  const d = directives(contentSecurityPolicy());
  it('allows only the app itself', () => {
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  });
  it('has no eval, no inline script, no wildcard', () => {
    const csp = contentSecurityPolicy();
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('wasm-unsafe-eval');
    expect(csp).not.toMatch(/(^|\s)\*(\s|;|$)/);
    expect(csp).not.toMatch(/https?:/);
  });
});

describe('app:// protocol handler', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mhs-proto-'));
  const rendererRoot = path.join(root, 'renderer');
  mkdirSync(path.join(rendererRoot, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererRoot, 'index.html'), '<!doctype html><title>Mail HA Studio</title>');
  writeFileSync(path.join(rendererRoot, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'secret.txt'), 'outside the renderer');
  // relative root on purpose: the handler must resolve it before readStatic compares paths
  const handle = createAppRequestHandler(path.relative(process.cwd(), rendererRoot));
  const get = (url: string, method = 'GET') => handle({ url, method });

  it('serves index.html for / and assets with their type, CSP on every response', async () => {
    const index = await get('app://mail-ha-studio/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('Mail HA Studio');
    const js = await get('app://mail-ha-studio/assets/app.js?v=1');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const res of [index, js]) {
      expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it.each([
    ['app://mail-ha-studio/missing.js', 'GET', 404],
    ['app://mail-ha-studio/../secret.txt', 'GET', 404],
    ['app://mail-ha-studio/%2e%2e/secret.txt', 'GET', 404],
    ['app://mail-ha-studio/..%2fsecret.txt', 'GET', 404],
    ['app://other-host/index.html', 'GET', 404],
    ['app://mail-ha-studio/index.html', 'POST', 405],
  ])('%s %s -> %i, still with CSP', async (url, method, status) => {
    const res = await get(url, method);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(await res.text()).not.toContain('outside the renderer');
  });

  it('registers app as a standard, secure scheme', () => {
    let schemes: unknown;
    registerAppScheme({ registerSchemesAsPrivileged: (s) => void (schemes = s) });
    expect(schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    const privileges = (schemes as [{ privileges: Record<string, boolean> }])[0].privileges;
    expect(privileges.bypassCSP).toBeUndefined();
    expect(privileges.allowServiceWorkers).toBeUndefined();
  });
});
