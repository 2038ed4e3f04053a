import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProject } from '../../../test/support/documents/seedProject';
import type { CliIO } from '../command';
import { docsCommand } from './docs';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-docs-cli-'));
  process.env.MHS_USER_DATA = path.join(dir, 'userdata');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(lang: 'de' | 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = { lang, out: (l) => out.push(l), err: (l) => err.push(l) };
  return { value, out, err };
}

describe('docs command', { timeout: 180_000 }, () => {
  it('writes the report with progress on stderr and the page check on stdout', async () => {
    const file = path.join(dir, 'seed.mhs.json');
    writeFileSync(file, JSON.stringify(seedProject({ actualHours: true })));
    const pdf = path.join(dir, 'Projektdokumentation.pdf');
    const o = io('de');
    expect(await docsCommand.run(['report', '--project', file, '--out', pdf], o.value)).toBe(0);
    expect(existsSync(pdf)).toBe(true);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(o.err.some((l) => /^PDF setzen \d+ %$/.test(l))).toBe(true);
    expect(o.out[0]).toMatch(new RegExp(`^PDF geschrieben: ${pdf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ Seiten\\)$`));
    expect(o.out[1]).toMatch(/^Haupttext: \d+ von höchstens 15 Seiten\.$/);
  });

  it('--approved stores the proposal snapshot in the project file', async () => {
    const file = path.join(dir, 'approve.mhs.json');
    writeFileSync(file, JSON.stringify(seedProject()));
    const o = io('en');
    expect(await docsCommand.run(['proposal', '--project', file, '--out', path.join(dir, 'proposal.pdf'), '--approved'], o.value)).toBe(0);
    expect(o.out).toContain(`The proposal is stored as approved in ${file}.`);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.documents.approvedProposal).toMatchObject({ lang: 'en', title: 'Hochverfügbarer Mailserver mit Pacemaker und DRBD' });
    expect(saved.documents.approvedProposal.tasks).toHaveLength(19);
  });

  it('usage errors and a path that is no PDF', async () => {
    const u = io('de');
    expect(await docsCommand.run(['minutes', '--project', 'x', '--out', 'y.pdf'], u.value)).toBe(2);
    expect(u.err[0]).toContain('usage: docs proposal|report|handbook|acceptance');
    const file = path.join(dir, 'seed2.mhs.json');
    writeFileSync(file, JSON.stringify(seedProject()));
    const n = io('en');
    await expect(docsCommand.run(['report', '--project', file, '--out', path.join(dir, 'report.txt')], n.value)).rejects.toMatchObject({ exitCode: 1 });
    expect(n.err.join('\n')).toContain('does not end in .pdf');
  });
});
