import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './index';
import type { CliIO } from './command';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-cli-'));
  process.env.MHS_USER_DATA = path.join(dir, 'userdata');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(lang: 'de' | 'en' = 'de') {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = { lang, out: (l) => out.push(l), err: (l) => err.push(l) };
  return { value, out, err };
}

describe('cli project', () => {
  it('creates, shows and validates a project through the app handlers', async () => {
    const file = path.join(dir, 'a.mhs.json');
    const a = io();
    expect(await runCli(['project', 'new', file, '--customer', 'Müller GmbH', '--start', '2026-11-02', '--end', '2026-12-01'], a.value)).toBe(0);
    expect(a.out.join('\n')).toContain('Projekt angelegt');
    expect(JSON.parse(readFileSync(file, 'utf8')).meta.customer).toBe('Müller GmbH');

    const s = io();
    expect(await runCli(['project', 'show', file], s.value)).toBe(0);
    expect(s.out.join('\n')).toMatch(/Auftraggeber \/ Kunde\s+Müller GmbH/);

    const j = io();
    expect(await runCli(['project', 'show', file, '--json'], j.value)).toBe(0);
    expect(JSON.parse(j.out.join('\n')).meta.startDate).toBe('2026-11-02');

    const v = io('en');
    expect(await runCli(['project', 'validate', file], v.value)).toBe(0);
    expect(v.out[0]).toContain('Valid project file');
  });

  it('refuses invalid metadata through the same schema as the app', async () => {
    const c = io();
    expect(await runCli(['project', 'new', path.join(dir, 'b.mhs.json'), '--start', '2026-12-10', '--end', '2026-12-01'], c.value)).toBe(1);
    expect(c.err.join('\n')).toMatch(/Ungültige Eingabe/);
  });

  it('explains a broken file and exits non-zero without touching it', async () => {
    const file = path.join(dir, 'broken.mhs.json');
    writeFileSync(file, '{"format":"mail-ha-studio/project","formatVersion":2');
    const r = io();
    expect(await runCli(['project', 'validate', file], r.value)).toBe(1);
    expect(r.err[0]).toContain('unvollständig');
    expect(readFileSync(file, 'utf8')).toBe('{"format":"mail-ha-studio/project","formatVersion":2');
  });

  it('prints usage for an unknown command', async () => {
    const r = io();
    expect(await runCli(['frobnicate'], r.value)).toBe(2);
    expect(r.err.join('\n')).toContain('project new FILE');
  });
});
