import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import { readProjectFile, writeProjectFile } from './projectFiles';
import { newProject } from '../../shared/project/schema';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temp file', async () => {
    const f = path.join(dir, 'p.json');
    writeFileSync(f, 'old');
    await writeFileAtomic(f, 'new ä');
    expect(readFileSync(f, 'utf8')).toBe('new ä');
    expect(readdirSync(dir)).toEqual(['p.json']);
  });

  it('keeps the old file when the write fails before the rename', async () => {
    const f = path.join(dir, 'p.json');
    writeFileSync(f, 'old');
    await expect(writeFileAtomic(f, 'new', { beforeRename: () => Promise.reject(new Error('boom')) })).rejects.toThrow('boom');
    expect(readFileSync(f, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['p.json']);
  });

  it('a process killed between write and rename leaves the previous file intact and readable', async () => {
    const f = path.join(dir, 'project.mhs.json');
    const before = newProject('3b241101-e2bb-4255-8caf-4136c566a962', new Date('2026-11-01T00:00:00Z'));
    before.meta.customer = 'Vorher GmbH';
    await writeProjectFile(f, before);
    const original = readFileSync(f, 'utf8');

    // A real second process saves a changed project and is SIGKILLed while the temp file is written but not renamed.
    const script = `
      import { writeProjectFile } from ${JSON.stringify(path.resolve('main/project/projectFiles.ts'))};
      import { readProjectFile } from ${JSON.stringify(path.resolve('main/project/projectFiles.ts'))};
      const { project } = await readProjectFile(process.env.MHS_TEST_FILE);
      project.meta.customer = 'Nachher GmbH';
      await writeProjectFile(process.env.MHS_TEST_FILE, project, { beforeRename: () => { process.stdout.write('READY\\n'); return new Promise(() => {}); } });
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, MHS_TEST_FILE: f }, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    const temps = readdirSync(dir).filter((n) => n.endsWith('.tmp'));
    expect(temps).toHaveLength(1);
    expect(readFileSync(path.join(dir, temps[0]!), 'utf8')).toContain('Nachher GmbH');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    expect(readFileSync(f, 'utf8')).toBe(original);
    expect((await readProjectFile(f)).project.meta.customer).toBe('Vorher GmbH');
    // The next save succeeds beside the stale temp file.
    before.meta.customer = 'Danach GmbH';
    await writeProjectFile(f, before);
    expect((await readProjectFile(f)).project.meta.customer).toBe('Danach GmbH');
    expect(existsSync(f)).toBe(true);
  });
});
