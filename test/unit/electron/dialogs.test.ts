import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createElectronDialogs, projectFileName, withProjectExtension } from '../../../main/electron/dialogs';

describe('projectFileName', () => {
  it.each([
    ['Kunde GmbH – Mail HA', 'Kunde GmbH – Mail HA.mhs.json'],
    ['../../etc/passwd', 'etc passwd.mhs.json'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a b c d e f g h i j.mhs.json'],
    ['line\nbreak\u0000nul', 'line break nul.mhs.json'],
    ['...hidden', 'hidden.mhs.json'],
    ['already.mhs.json', 'already.mhs.json'],
    ['plain.json', 'plain.mhs.json'],
    ['', 'project.mhs.json'],
    ['   ', 'project.mhs.json'],
    ['x'.repeat(200), 'x'.repeat(120) + '.mhs.json'],
  ])('%j -> %j', (input, expected) => {
    expect(projectFileName(input)).toBe(expected);
    expect(projectFileName(input)).not.toMatch(/[\\/]/);
  });
});

describe('withProjectExtension', () => {
  it('keeps .json names and completes the rest', () => {
    expect(withProjectExtension('/home/u/a.mhs.json')).toBe('/home/u/a.mhs.json');
    expect(withProjectExtension('/home/u/a.JSON')).toBe('/home/u/a.JSON');
    expect(withProjectExtension('/home/u/kunde')).toBe('/home/u/kunde.mhs.json');
  });
});

describe('createElectronDialogs', () => {
  type Call = [string, unknown[]];
  function fakeDialog(open: unknown, save: unknown) {
    const calls: Call[] = [];
    return {
      calls,
      dialog: {
        showOpenDialog: async (...args: unknown[]) => (calls.push(['open', args]), open),
        showSaveDialog: async (...args: unknown[]) => (calls.push(['save', args]), save),
      } as never,
    };
  }
  const win = { id: 1 } as never;

  it('open: returns the chosen file, parented to the window, with the project filters', async () => {
    const { calls, dialog } = fakeDialog({ canceled: false, filePaths: ['/d/x.mhs.json'] }, null);
    const dialogs = createElectronDialogs(dialog, () => win, '/docs');
    expect(await dialogs.openProject()).toEqual({ native: true, path: '/d/x.mhs.json' });
    const [kind, args] = calls[0]!;
    expect(kind).toBe('open');
    expect(args[0]).toBe(win);
    expect(args[1]).toMatchObject({
      properties: ['openFile'],
      filters: [{ extensions: ['mhs.json'] }, { extensions: ['json'] }].map((f) => expect.objectContaining(f)),
    });
  });

  it('open: cancel is a native answer with no path; works without a window', async () => {
    const { calls, dialog } = fakeDialog({ canceled: true, filePaths: [] }, null);
    expect(await createElectronDialogs(dialog, () => undefined, '/docs').openProject()).toEqual({ native: true, path: null });
    expect(calls[0]![1]).toHaveLength(1);
  });

  it('save: suggests a safe name in the documents folder and completes the extension', async () => {
    const { calls, dialog } = fakeDialog(null, { canceled: false, filePath: '/docs/kunde' });
    const res = await createElectronDialogs(dialog, () => win, '/docs').saveProject('../Kunde');
    expect(res).toEqual({ native: true, path: '/docs/kunde.mhs.json' });
    expect(calls[0]![1][1]).toMatchObject({ defaultPath: path.join('/docs', 'Kunde.mhs.json') });
  });

  it('save: cancel gives no path', async () => {
    const { dialog } = fakeDialog(null, { canceled: true, filePath: '' });
    expect(await createElectronDialogs(dialog, () => win, '/docs').saveProject('x')).toEqual({ native: true, path: null });
  });

  it('openPath hands only an existing absolute .pdf file to the system viewer', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mhs-open-'));
    const pdf = path.join(dir, 'Handbuch.pdf');
    const script = path.join(dir, 'run.sh');
    writeFileSync(pdf, '%PDF-1.7\n');
    writeFileSync(script, '#!/bin/sh\n');
    const opened: string[] = [];
    const shell = { openPath: async (p: string) => (opened.push(p), '') };
    const { dialog } = fakeDialog(null, null);
    const d = createElectronDialogs(dialog, () => win, '/docs', shell);
    expect(await d.openPath!(pdf)).toBe(true);
    expect(await d.openPath!(script)).toBe(false);
    expect(await d.openPath!('Handbuch.pdf')).toBe(false);
    expect(await d.openPath!(path.join(dir, 'missing.pdf'))).toBe(false);
    expect(await d.openPath!(dir + '.pdf')).toBe(false);
    expect(opened).toEqual([pdf]);
    expect(createElectronDialogs(dialog, () => win, '/docs').openPath).toBeUndefined();
  });
});
