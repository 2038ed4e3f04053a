import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newProject, type Project } from '../../shared/project/schema';
import { readProjectFile, writeProjectFile } from './projectFiles';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-projfiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = () => newProject('6f9f3c52-1d7e-4d0a-9a57-0c1b2d3e4f50', new Date('2026-11-25T10:00:00Z'));

async function rejectsCode(p: Promise<unknown>): Promise<{ code: string; params: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; params: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

describe('saving checks exactly what opening checks', () => {
  it('text with U+FFFD (undecodable server bytes) and control characters saves and opens unchanged', async () => {
    const file = path.join(dir, 'fffd.mhs.json');
    const p: Project = { ...base(), meta: { ...base().meta, customer: 'M\uFFFDller \u0007GmbH' }, facts: { hostname: 'h', postfix: { relayhost: '\uFFFD\uFFFD[smart]', mainCf: { x: 'a\tb\u001b' } } } };
    await writeProjectFile(file, p);
    expect((await readProjectFile(file)).project).toEqual(p);
  });

  it('a project that would not open again is refused with a clear error, and the last good file stays', async () => {
    const file = path.join(dir, 'keep.mhs.json');
    await writeProjectFile(file, base());
    const before = readFileSync(file);
    const broken = { ...base(), facts: { hardware: { cpuThreads: 1e20 } } } as Project;
    const e = await rejectsCode(writeProjectFile(file, broken));
    expect(e.code).toBe('errors:projectWouldNotOpen');
    expect(e.params.fields).toContain('facts.hardware.cpuThreads');
    expect(readFileSync(file)).toEqual(before);
  });

  it('a project larger than opening accepts is refused before anything is written', async () => {
    const file = path.join(dir, 'big.mhs.json');
    writeFileSync(file, 'old');
    const packages = Array.from({ length: 600_000 }, (_, i) => ({ name: `package-with-a-long-name-${i}`, version: '1.2.3-4+deb12u1', status: 'ii', installed: true }));
    const e = await rejectsCode(writeProjectFile(file, { ...base(), facts: { os: { packages } } }));
    expect(e.code).toBe('errors:projectTooLargeToSave');
    expect(Number(e.params.mb)).toBeGreaterThan(50);
    expect(readFileSync(file, 'utf8')).toBe('old');
  }, 60_000);
});
