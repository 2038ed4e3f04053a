import { describe, expect, it } from 'vitest';
import { methodNames, type Result } from '../../../shared/contract';
import type { Dispatch } from '../../../main/handlers/dispatch';
import { createDispatcher } from '../../../main/handlers/dispatch';
import { createNodeServices } from '../../../main/nodeServices';
import {
  createEmitter,
  createIpcHandler,
  EVENT_CHANNEL,
  frameInfoOf,
  METHOD_CHANNEL_PREFIX,
  registerIpc,
  type FrameInfo,
} from '../../../main/electron/ipc';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A dispatcher that records what reached it. */
function recordingDispatch() {
  const calls: [unknown, unknown][] = [];
  const dispatch: Dispatch = async (method, input) => {
    calls.push([method, input]);
    return { ok: true, value: { echoed: method } };
  };
  return { calls, dispatch };
}

const handlerFor = (dispatch: Dispatch) => createIpcHandler<FrameInfo | undefined>(dispatch, (frame) => frame);

describe('createIpcHandler', () => {
  const foreign: [string, FrameInfo | undefined][] = [
    ['https://evil.example top frame', { url: 'https://evil.example/', isMainFrame: true }],
    ['app-origin iframe', { url: 'app://mail-ha-studio/index.html', isMainFrame: false }],
    ['https iframe inside the app', { url: 'https://evil.example/frame', isMainFrame: false }],
    ['file:// page', { url: 'file:///tmp/index.html', isMainFrame: true }],
    ['frame already gone (senderFrame null)', undefined],
    ['no url', { url: undefined, isMainFrame: true }],
  ];

  it.each(foreign)('rejects %s and never dispatches', async (_label, frame) => {
    const { calls, dispatch } = recordingDispatch();
    const res = await handlerFor(dispatch)(frame, 'app.info', {});
    expect(res).toEqual({ ok: false, error: { code: 'errors:untrustedSender', params: { method: 'app.info' } } });
    expect(calls).toEqual([]);
  });

  it('dispatches a message from the app main frame with its method and input', async () => {
    const { calls, dispatch } = recordingDispatch();
    const res = await handlerFor(dispatch)({ url: 'app://mail-ha-studio/index.html', isMainFrame: true }, 'project.open', { path: '/x.mhs.json' });
    expect(res).toEqual({ ok: true, value: { echoed: 'project.open' } });
    expect(calls).toEqual([['project.open', { path: '/x.mhs.json' }]]);
  });
});

describe('frameInfoOf', () => {
  it('reads url and top-frame-ness from the sender frame', () => {
    const top = { url: 'app://mail-ha-studio/index.html', parent: null };
    const child = { url: 'app://mail-ha-studio/index.html', parent: top };
    expect(frameInfoOf({ senderFrame: top } as never)).toEqual({ url: top.url, isMainFrame: true });
    expect(frameInfoOf({ senderFrame: child } as never)).toEqual({ url: child.url, isMainFrame: false });
    expect(frameInfoOf({ senderFrame: null } as never)).toBeUndefined();
  });
});

describe('registerIpc', () => {
  function register() {
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<Result<unknown>>>();
    const ipcMain = { handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<Result<unknown>>) => void handlers.set(channel, fn) };
    const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mhs-ipc-'));
    const services = createNodeServices({ userDataDir, transport: 'electron', osLocale: 'de-DE' });
    registerIpc(ipcMain as never, createDispatcher({ services, emit: () => undefined }));
    return handlers;
  }

  it('registers exactly one channel per contract method', () => {
    expect([...register().keys()].sort()).toEqual(methodNames.map((n) => METHOD_CHANNEL_PREFIX + n).sort());
  });

  it('answers the app page through the real dispatcher and refuses an iframe', async () => {
    const handlers = register();
    const info = handlers.get('mhs:app.info')!;
    const top = { url: 'app://mail-ha-studio/index.html', parent: null };
    const res = await info({ senderFrame: top }, {});
    expect(res.ok && res.value).toMatchObject({ transport: 'electron', defaultLanguage: 'de' });
    const iframe = await info({ senderFrame: { url: 'app://mail-ha-studio/index.html', parent: top } }, {});
    expect(iframe).toMatchObject({ ok: false, error: { code: 'errors:untrustedSender' } });
    const bad = await info({ senderFrame: top }, { unexpected: 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'errors:invalidInput' } });
  });
});

describe('createEmitter', () => {
  it('sends validated events on the event channel', () => {
    const sent: [string, unknown][] = [];
    const emit = createEmitter(() => ({ isDestroyed: () => false, send: (c, m) => void sent.push([c, m]) }));
    emit('run.progress', { runId: 'r1', done: 1, total: 3 });
    expect(sent).toEqual([[EVENT_CHANNEL, { event: 'run.progress', payload: { runId: 'r1', done: 1, total: 3 } }]]);
  });

  it('refuses a payload that does not match the event schema', () => {
    const sent: unknown[] = [];
    const emit = createEmitter(() => ({ isDestroyed: () => false, send: (_c, m) => void sent.push(m) }));
    expect(() => emit('run.progress', { runId: 'r1', done: 'one' } as never)).toThrow();
    expect(sent).toEqual([]);
  });

  it('drops events when the window is gone', () => {
    const sent: unknown[] = [];
    const destroyed = createEmitter(() => ({ isDestroyed: () => true, send: (_c, m) => void sent.push(m) }));
    destroyed('run.output', { runId: 'r', stream: 'info', text: 'x' });
    createEmitter(() => undefined)('run.output', { runId: 'r', stream: 'info', text: 'x' });
    expect(sent).toEqual([]);
  });
});
