import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventNames, methodNames } from '../../../shared/contract';
import { contentSecurityPolicy } from '../../../main/security/csp';
import { secureWebPreferences } from '../../../main/electron/window';

/**
 * Checks the bundles scripts/build-main.mjs produces, laid out like the app (main/electron/*, renderer/,
 * package.json at the root). The preload runs in a vm with a recording 'electron'; main.mjs runs in Node
 * against fixtures/fakeElectron.mjs, since this machine has no Electron binary (the real-Electron check
 * is test/electron/smoke.spec.ts).
 */
const root = path.resolve(import.meta.dirname, '../../..');
const out = mkdtempSync(path.join(os.tmpdir(), 'mhs-build-'));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'scripts/build-main.mjs'), '--outdir', out], { cwd: root, stdio: 'pipe' });
  copyFileSync(path.join(root, 'package.json'), path.join(out, 'package.json'));
  symlinkSync(path.join(root, 'node_modules'), path.join(out, 'node_modules'), 'junction');
  mkdirSync(path.join(out, 'renderer'));
  writeFileSync(path.join(out, 'renderer/index.html'), '<!doctype html><title>Mail HA Studio</title><p>built renderer</p>');
}, 60000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface PreloadRun {
  exposed: Map<string, unknown>;
  required: string[];
  invoked: [string, unknown][];
  ipcListeners: Map<string, (event: unknown, msg: unknown) => void>;
}

function runPreload(): PreloadRun {
  const run: PreloadRun = { exposed: new Map(), required: [], invoked: [], ipcListeners: new Map() };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void run.exposed.set(key, value) },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => void run.invoked.push([channel, input]),
      on: (channel: string, fn: (event: unknown, msg: unknown) => void) => void run.ipcListeners.set(channel, fn),
    },
  };
  const code = readFileSync(path.join(out, 'main/electron/preload.cjs'), 'utf8');
  const module = { exports: {} };
  const require = (id: string) => {
    run.required.push(id);
    if (id !== 'electron') throw new Error(`sandboxed preload cannot require ${id}`);
    return electron;
  };
  vm.runInNewContext(code, { require, module, exports: module.exports, console });
  return run;
}

type Mhs = {
  api: Record<string, (input: unknown) => Promise<unknown>>;
  on(event: string, cb: (payload: unknown) => void): () => void;
  transport: string;
};

describe('built preload.cjs', () => {
  it('is small, requires only electron and does not bundle zod', () => {
    const code = readFileSync(path.join(out, 'main/electron/preload.cjs'), 'utf8');
    expect(code.length).toBeLessThan(10_000);
    expect(code).not.toMatch(/zod|ZodType/);
    expect(runPreload().required).toEqual(['electron']);
  });

  it('exposes exactly { api, on, transport } with one function per contract method', async () => {
    const run = runPreload();
    expect([...run.exposed.keys()]).toEqual(['mhs']);
    const mhs = run.exposed.get('mhs') as Mhs;
    expect(Object.keys(mhs).sort()).toEqual(['api', 'on', 'transport']);
    expect(mhs.transport).toBe('electron');
    expect(Object.keys(mhs.api).sort()).toEqual([...methodNames].sort());
    for (const name of methodNames) await mhs.api[name]!({ probe: name });
    expect(run.invoked).toEqual(methodNames.map((n) => [`mhs:${n}`, { probe: n }]));
  });

  it('delivers known events as payload only and refuses unknown ones', () => {
    const run = runPreload();
    const mhs = run.exposed.get('mhs') as Mhs;
    expect([...run.ipcListeners.keys()]).toEqual(['mhs-event']);
    const deliver = run.ipcListeners.get('mhs-event')!;
    const got: unknown[][] = [];
    const off = mhs.on('run.output', (...args) => void got.push(args));
    const fakeIpcEvent = { sender: 'ipcRenderer itself' };
    deliver(fakeIpcEvent, { event: 'run.output', payload: { runId: 'r', stream: 'info', text: 'hi' } });
    deliver(fakeIpcEvent, { event: 'run.progress', payload: { runId: 'r', done: 1, total: 2 } });
    expect(got).toEqual([[{ runId: 'r', stream: 'info', text: 'hi' }]]);
    off();
    deliver(fakeIpcEvent, { event: 'run.output', payload: { runId: 'r', stream: 'info', text: 'again' } });
    expect(got).toHaveLength(1);
    expect(() => mhs.on('ipc.raw', () => undefined)).toThrow(/unknown event/);
    for (const e of eventNames) expect(typeof mhs.on(e, () => undefined)).toBe('function');
  });
});

describe.runIf(existsSync(path.join(root, 'main/cli/index.ts')))('built cli.mjs', () => {
  it('runs from dist with its locale files beside it', () => {
    expect(existsSync(path.join(out, 'locales/en/errors.json'))).toBe(true);
    expect(existsSync(path.join(out, 'locales/de/errors.json'))).toBe(true);
    const res = spawnSync(process.execPath, [path.join(out, 'cli.mjs'), '--help'], { cwd: os.tmpdir(), encoding: 'utf8', timeout: 30000 });
    expect(res.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find/);
    expect(res.status).toBe(0);
    expect(readFileSync(path.join(out, 'cli.mjs'), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });
});

interface MainReport {
  calls: { name: string; args: unknown[] }[];
  ipcChannels: string[];
  appInfo: unknown;
  fromIframe: unknown;
  fromForeign: unknown;
  index?: { status: number; csp: string | null; body: string };
  outsideStatus?: number;
  permissionAnswers: boolean[];
  permissionCheck: unknown;
  contentsEvents: string[];
  windowOpen: unknown;
}

describe('built main.mjs (against a recording electron module)', () => {
  let report: MainReport;
  let stderr = '';
  const userData = mkdtempSync(path.join(os.tmpdir(), 'mhs-userdata-'));
  afterAll(() => rmSync(userData, { recursive: true, force: true }));
  beforeAll(() => {
    // MHS_LOCALE empty: the OS locale (de-DE from the fake) must win over an empty override.
    const res = spawnSync(
      process.execPath,
      [path.join(import.meta.dirname, 'fixtures/runBuiltMain.mjs'), path.join(out, 'main/electron/main.mjs')],
      { cwd: out, encoding: 'utf8', env: { ...process.env, MHS_USER_DATA: userData, MHS_LOCALE: '' }, timeout: 30000 },
    );
    if (res.status !== 0) throw new Error(`runBuiltMain failed (${res.status}): ${res.stderr}`);
    report = JSON.parse(res.stdout) as MainReport;
    stderr = res.stderr;
  }, 60000);

  const names = () => report.calls.map((c) => c.name);
  const call = (name: string) => report.calls.find((c) => c.name === name);

  it('does the pre-ready setup before waiting for ready', () => {
    const n = names();
    const ready = n.indexOf('app.whenReady');
    expect(ready).toBeGreaterThan(0);
    for (const before of ['protocol.registerSchemesAsPrivileged', 'app.enableSandbox', 'app.setPath', 'app.requestSingleInstanceLock']) {
      expect(n.indexOf(before), before).toBeGreaterThanOrEqual(0);
      expect(n.indexOf(before), before).toBeLessThan(ready);
    }
    expect(n.indexOf('app.setPath')).toBeLessThan(n.indexOf('app.requestSingleInstanceLock'));
    expect(call('app.setPath')?.args).toEqual(['userData', userData]);
    expect(call('protocol.registerSchemesAsPrivileged')?.args[0]).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(call('dialog.showErrorBox')).toBeUndefined();
  });

  it('opens one window with the secure preferences and a preload that exists', () => {
    const windows = report.calls.filter((c) => c.name === 'BrowserWindow');
    expect(windows).toHaveLength(1);
    const opts = windows[0]!.args[0] as { webPreferences: { preload: string } };
    expect(opts.webPreferences).toEqual(secureWebPreferences(path.join(out, 'main/electron/preload.cjs')));
    expect(existsSync(opts.webPreferences.preload)).toBe(true);
    expect(call('win.loadURL')?.args).toEqual(['app://mail-ha-studio/index.html']);
  });

  it('serves the renderer folder beside main/ through app:// with the CSP', () => {
    expect(call('protocol.handle')?.args).toEqual(['app']);
    expect(report.index).toEqual({ status: 200, csp: contentSecurityPolicy(), body: expect.stringContaining('built renderer') });
    expect(report.outsideStatus).toBe(404);
  });

  it('answers the contract over IPC for the app page only, with the version from package.json', () => {
    expect([...report.ipcChannels].sort()).toEqual(methodNames.map((n) => `mhs:${n}`).sort());
    expect(report.appInfo).toMatchObject({ ok: true, value: { transport: 'electron', version: pkg.version, osLocale: 'de-DE', defaultLanguage: 'de' } });
    expect(report.fromIframe).toMatchObject({ ok: false, error: { code: 'errors:untrustedSender' } });
    expect(report.fromForeign).toMatchObject({ ok: false, error: { code: 'errors:untrustedSender' } });
  });

  it('denies permissions and guards every webContents', () => {
    expect(report.permissionAnswers).toEqual([false]);
    expect(report.permissionCheck).toBe(false);
    expect(report.contentsEvents.sort()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
    expect(report.windowOpen).toEqual({ action: 'deny' });
  });

  it('keeps secrets in memory when encryption is unavailable and writes no secrets file', () => {
    expect(existsSync(path.join(userData, 'secrets.json'))).toBe(false);
    expect(stderr).toMatch(/OS encryption unavailable \(encryptionUnavailable\).*memory/);
  });
});
