/**
 * Page breaks inside tables and key/value lists, read back from the PDF with poppler: the table is moved down
 * the page one padding line at a time, so every break position is met once, and on every page the table
 * touches there are at least two of its rows (a table of three rows or fewer is never split), the header
 * row is repeated, the caption stays with the last row and a heading stays with the first rows.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b, col, type Block, type DocModel } from '../../shared/documents/model';
import { renderPdf } from './renderPdf';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-breaks-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const model = (blocks: Block[]): DocModel => ({
  kind: 'handbook',
  lang: 'de',
  meta: { title: 'Umbruchtest', author: 'Test', subject: 'Tabellen', keywords: [], creator: 'vitest' },
  header: { left: 'Kopf', right: 'Umbruchtest' },
  footer: { left: 'Fuss', pageLabel: 'Seite {n} von {total}' },
  blocks,
});

/** The text of every page, one string per page. */
async function pages(blocks: Block[], name: string): Promise<string[]> {
  const r = await renderPdf(model(blocks), { creationDate: new Date('2026-11-27T10:00:00Z') });
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, r.pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, r.pageCount);
}

/** Monospaced filler lines that push what follows down the page in steps of about 10 pt. */
const pad = (n: number): Block => b.code(Array.from({ length: n }, (_, i) => `pad ${i}`));

const ids = (text: string, prefix: string) => [...text.matchAll(new RegExp(`\\b${prefix}\\d\\d\\b`, 'g'))].map((m) => m[0]);

/** Where the rows landed: the row ids of every page the block touches, in page order. */
function spread(texts: string[], prefix: string): { page: number; rows: string[]; text: string }[] {
  return texts.map((text, page) => ({ page, rows: ids(text, prefix), text })).filter((p) => p.rows.length > 0);
}

const table = (n: number, caption?: string) =>
  b.table([col('Schritt', 1), col('Befehl', 3)], Array.from({ length: n }, (_, i) => [`R${String(i + 1).padStart(2, '0')}`, `Zeile ${i + 1}: crm status`]), caption ? { caption } : {});

// 64 steps of about 10 pt cover a whole page, so the table's end passes the bottom margin at every row.
const steps = Array.from({ length: 64 }, (_, i) => i + 1);

describe('page breaks in tables', () => {
  it('never leave fewer than two rows on either side of a break, and repeat the header', { timeout: 120_000 }, async () => {
    let splits = 0;
    for (const n of steps) {
      const texts = await pages([pad(n), b.h(2, 'tab', 'Tabellenkapitel', '4.2'), table(8, 'Tabelle 7: Befehle'), b.p('Danach.')], `t${n}`);
      const parts = spread(texts, 'R');
      const where = `padding ${n}: ${JSON.stringify(parts.map((p) => p.rows))}`;
      expect(parts.flatMap((p) => p.rows), where).toEqual(['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08']);
      if (parts.length > 1) splits++;
      for (const p of parts) {
        if (parts.length > 1) expect(p.rows.length, where).toBeGreaterThanOrEqual(2);
        expect(p.text, `header on page ${p.page + 1}, ${where}`).toMatch(/Schritt\s+Befehl/);
      }
      expect(parts[0]!.text, `heading with the first rows, ${where}`).toContain('4.2 Tabellenkapitel');
      expect(parts.at(-1)!.text, `caption with the last row, ${where}`).toContain('Tabelle 7: Befehle');
    }
    // The sweep must actually have broken the table somewhere, else it proved nothing.
    expect(splits).toBeGreaterThan(3);
  });

  it('keep a table of three rows in one piece, with its heading and caption', { timeout: 120_000 }, async () => {
    for (const n of steps) {
      const parts = spread(await pages([pad(n), b.h(3, 'kurz', 'Kurze Tabelle', '4.3'), table(3, 'Tabelle 8: kurz')], `s${n}`), 'R');
      expect(parts.map((p) => p.rows), `padding ${n}`).toEqual([['R01', 'R02', 'R03']]);
      expect(parts[0]!.text, `padding ${n}`).toContain('4.3 Kurze Tabelle');
      expect(parts[0]!.text, `padding ${n}`).toContain('Tabelle 8: kurz');
    }
  });

  it('cut only a row taller than a page, line by line under the repeated header', { timeout: 60_000 }, async () => {
    const tall = Array.from({ length: 130 }, (_, i) => `L${String(i).padStart(3, '0')}`).join('\n');
    const t = b.table([col('Schritt', 1), col('Befehl', 3)], [['R01', 'kurz'], ['R02', tall], ['R03', 'kurz']]);
    const texts = await pages([b.p('Davor.'), t], 'tall');
    const parts = texts.map((text) => ({ text, lines: [...text.matchAll(/\bL\d{3}\b/g)].map((m) => m[0]) })).filter((p) => p.lines.length);
    expect(parts.flatMap((p) => p.lines)).toEqual(Array.from({ length: 130 }, (_, i) => `L${String(i).padStart(3, '0')}`));
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.text).toMatch(/Schritt\s+Befehl/);
    expect(texts.join('\f').match(/\bR0[123]\b/g)).toEqual(['R01', 'R02', 'R03']);
  });

  it('leave no key/value pair alone on either side of a break', { timeout: 120_000 }, async () => {
    let splits = 0;
    const kv = b.kv(Array.from({ length: 7 }, (_, i): [string, string] => [`K${String(i + 1).padStart(2, '0')}`, `Wert ${i + 1}`]));
    for (const n of steps) {
      const parts = spread(await pages([pad(n), kv, b.p('Danach.')], `k${n}`), 'K');
      const where = `padding ${n}: ${JSON.stringify(parts.map((p) => p.rows))}`;
      expect(parts.flatMap((p) => p.rows), where).toHaveLength(7);
      if (parts.length > 1) splits++;
      for (const p of parts) if (parts.length > 1) expect(p.rows.length, where).toBeGreaterThanOrEqual(2);
    }
    expect(splits).toBeGreaterThan(1);
  });
});
