import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNodeServices } from '../nodeServices';
import { createDispatcher } from './dispatch';
import { methodNames } from '../../shared/contract';
import { handlers } from './registry';

function dispatcher() {
  const services = createNodeServices({ userDataDir: mkdtempSync(path.join(os.tmpdir(), 'mhs-d-')), transport: 'bridge', osLocale: 'de-AT' });
  const emitted: unknown[] = [];
  return { dispatch: createDispatcher({ services, emit: (e, p) => emitted.push([e, p]) }), emitted };
}

describe('dispatch', () => {
  it('has a handler for exactly the contract methods', () => {
    expect(Object.keys(handlers).sort()).toEqual([...methodNames].sort());
  });

  it('refuses unknown methods and prototype tricks', async () => {
    const { dispatch } = dispatcher();
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 42]) {
      const r = await dispatch(name, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'errors:unknownMethod' } });
    }
  });

  it('validates input before any handler runs', async () => {
    const { dispatch } = dispatcher();
    expect(await dispatch('project.open', { path: 42 })).toMatchObject({ ok: false, error: { code: 'errors:invalidInput', params: { fields: 'path' } } });
    expect(await dispatch('project.open', { path: '/tmp/x', extra: 1 })).toMatchObject({ ok: false, error: { code: 'errors:invalidInput' } });
    expect(await dispatch('settings.setLanguage', { language: 'fr' })).toMatchObject({ ok: false, error: { code: 'errors:invalidInput' } });
  });

  it('derives the default language from the OS locale', async () => {
    const { dispatch } = dispatcher();
    expect(await dispatch('app.info', {})).toMatchObject({ ok: true, value: { defaultLanguage: 'de', osLocale: 'de-AT' } });
  });

  it('turns handler failures into translated error values', async () => {
    const { dispatch } = dispatcher();
    expect(await dispatch('project.open', { path: '/definitely/not/here.mhs.json' })).toMatchObject({
      ok: false,
      error: { code: 'project:errors.notFound', params: { path: '/definitely/not/here.mhs.json' } },
    });
  });

  it('autosaves a file-less project to recovery, lists it and recovers it', async () => {
    const { dispatch, emitted } = dispatcher();
    const created = await dispatch('project.new', {});
    if (!created.ok) throw new Error('new failed');
    const project = (created.value as { project: { id: string; meta: { title: string } } }).project;
    project.meta.title = 'Wiederherstellen';
    expect(await dispatch('project.autosave', { project })).toMatchObject({ ok: true, value: { target: 'recovery' } });
    expect(emitted[0]).toMatchObject(['project.saved', { target: 'recovery' }]);
    expect(await dispatch('project.recoverable', {})).toMatchObject({ ok: true, value: [{ id: project.id, title: 'Wiederherstellen' }] });
    expect(await dispatch('project.recover', { id: project.id })).toMatchObject({ ok: true, value: { project: { meta: { title: 'Wiederherstellen' } } } });
  });
});
