import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeServices } from '../../nodeServices';
import { createDispatcher } from '../dispatch';
import { seedProject } from '../../../test/support/documents/seedProject';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Real services and handlers; only the desktop's PDF viewer is replaced by a list of what it was asked to open. */
function app() {
  const opened: string[] = [];
  const services = createNodeServices({ userDataDir: mkdtempSync(path.join(dir, 'ud-')), transport: 'bridge', osLocale: 'de-DE' });
  services.dialogs = { ...services.dialogs, openPath: async (p) => (opened.push(p), true) };
  return { dispatch: createDispatcher({ services, emit: () => undefined }), opened };
}

async function exportProposal(dispatch: ReturnType<typeof app>['dispatch'], file: string) {
  const project = seedProject({ actualHours: false });
  const r = await dispatch('documents.export', { runId: randomUUID(), projectId: project.id, project, kind: 'proposal', lang: 'de', path: file });
  expect(r).toMatchObject({ ok: true, value: { path: file } });
}

describe('documents.open', () => {
  it('opens a PDF this process exported, also when the path is spelled differently', async () => {
    const { dispatch, opened } = app();
    const file = path.join(dir, 'Projektantrag.pdf');
    await exportProposal(dispatch, file);
    expect(await dispatch('documents.open', { path: file })).toEqual({ ok: true, value: { opened: true } });
    const roundabout = path.join(dir, 'ud-x', '..', 'Projektantrag.pdf');
    expect(await dispatch('documents.open', { path: roundabout })).toEqual({ ok: true, value: { opened: true } });
    expect(opened).toEqual([file, roundabout]);
  }, 60_000);

  it('refuses, with a translated error, any path this process did not export', async () => {
    const first = app();
    const file = path.join(dir, 'Antrag.pdf');
    await exportProposal(first.dispatch, file);
    const other = app();
    for (const p of [file, path.join(dir, 'Anderes.pdf'), '/etc/passwd', '/usr/bin/sh']) {
      expect(await other.dispatch('documents.open', { path: p })).toMatchObject({
        ok: false,
        error: { code: 'docs:errors.notExported', params: { path: p } },
      });
    }
    expect(other.opened).toEqual([]);
  }, 60_000);

  it('does not remember a failed export', async () => {
    const { dispatch, opened } = app();
    const file = path.join(dir, 'kein-pdf.txt');
    const project = seedProject({ actualHours: false });
    const r = await dispatch('documents.export', { runId: randomUUID(), projectId: project.id, project, kind: 'proposal', lang: 'de', path: file });
    expect(r).toMatchObject({ ok: false, error: { code: 'docs:errors.notPdf' } });
    expect(await dispatch('documents.open', { path: file })).toMatchObject({ ok: false, error: { code: 'docs:errors.notExported' } });
    expect(opened).toEqual([]);
  });
});
