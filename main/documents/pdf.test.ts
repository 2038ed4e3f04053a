/**
 * The PDFs as a reader gets them, checked with poppler: every chapter heading and the project's real figures
 * in the text, every font embedded, page count and metadata, no word outside the page's printable area.
 * Page images land in test-results/docs/ for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outlines } from '../../shared/documents/outline';
import { sectionNumbers } from '../../shared/documents/assemble';
import { planProject } from '../../shared/planning/planProject';
import { seedProject } from '../../test/support/documents/seedProject';
import { commissionedProject } from '../../test/support/documents/results';
import { FailoverRunSchema } from '../../shared/failover/schema';
import type { Project } from '../../shared/project/schema';
import { nodeTranslator } from '../i18n/nodeI18n';
import { generateDocument } from './generate';
import { page } from './theme';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/docs');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-pdf-'));
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const now = new Date('2026-11-27T10:00:00Z');

async function make(kind: 'proposal' | 'report' | 'handbook' | 'acceptance', lang: 'de' | 'en', actualHours = true) {
  const file = path.join(dir, `${kind}-${lang}.pdf`);
  const r = await generateDocument({ kind, lang, project: seedProject({ actualHours }), now, outPath: file });
  return { file, r, text: run('pdftotext', ['-layout', file, '-']) };
}

/** Words with their boxes per page (pdftotext -bbox), to prove nothing is drawn outside the page's frame. */
function wordsOutside(file: string): string[] {
  const html = run('pdftotext', ['-bbox', file, '-']);
  const bad: string[] = [];
  let words = 0;
  let pageNo = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) pageNo++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</.exec(line);
    if (!m) continue;
    words++;
    const [x0, y0, x1, y1] = m.slice(1, 5).map(Number) as [number, number, number, number];
    const inside = x0 >= page.marginLeft - 1 && x1 <= page.width - page.marginRight + 1 && y0 >= page.marginTop - 40 && y1 <= page.height - page.marginBottom + 32;
    if (!inside) bad.push(`p${pageNo} ${m[5]} (${x0.toFixed(0)},${y0.toFixed(0)})-(${x1.toFixed(0)},${y1.toFixed(0)})`);
  }
  // A parser that finds no words would prove nothing.
  if (words < 50) bad.push(`only ${words} words found`);
  return bad;
}

describe('PDF documents of the planned seed project', () => {
  for (const lang of ['de', 'en'] as const) {
    // Long timeouts: the machine these run on is shared, rendering four documents can take a while under load.
    it(`report (${lang}): headings, figures, fonts, metadata, page count, nothing off the page`, { timeout: 240_000 }, async () => {
      const { file, r, text } = await make('report', lang);
      const t = await nodeTranslator(lang);
      const flat = text.replace(/\s+/g, ' ');
      const numbers = sectionNumbers(outlines.report);
      for (const s of outlines.report) {
        const title = t(`docs:titles.${s.id}`);
        expect(flat, s.id).toContain(numbers.has(s.id) ? `${numbers.get(s.id)} ${title}` : title);
      }
      const plan = planProject(seedProject({ actualHours: true }));
      const nf = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 });
      const sizing = plan.sizing && plan.sizing.ok ? plan.sizing.value : null;
      expect(flat).toContain(new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 0 }).format(sizing!.drbd.metadataSectors.value));
      const am = plan.costs.ok && plan.costs.value.amortisation.kind === 'years' ? plan.costs.value.amortisation.years.value : NaN;
      expect(flat).toContain(lang === 'de' ? `= ${nf.format(am)} Jahre` : `= ${nf.format(am)} years`);
      expect(flat).toContain(lang === 'de' ? 'Müller & Söhne Maschinenbau GmbH' : 'Müller & Söhne Maschinenbau GmbH');

      const fonts = run('pdffonts', [file]).trim().split('\n').slice(2);
      expect(fonts.length).toBeGreaterThanOrEqual(3);
      for (const f of fonts) expect(f, f).toMatch(/^\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
      expect(fonts.join('\n')).toContain('LiberationSans');

      const info = run('pdfinfo', [file]);
      expect(info).toMatch(new RegExp(`Pages:\\s+${r.pages}\\n`));
      expect(info).toMatch(lang === 'de' ? /Title:\s+Projektdokumentation: Hochverfügbarer Mailserver mit Pacemaker und DRBD/ : /Title:\s+Project report: Hochverfügbarer Mailserver/);
      expect(info).toMatch(/Author:\s+Jana Schröder, Müller & Söhne Maschinenbau GmbH/);
      expect(info).toMatch(/Subject:\s+\S/);
      expect(info).toMatch(/Page size:\s+595.28 x 841.89 pts \(A4\)/);
      expect(readFileSync(file).toString('latin1')).toMatch(/\/PageMode \/UseOutlines/);

      expect(r.pageLimit).not.toBeNull();
      expect(r.pageLimit!.pages).toBeGreaterThan(5);
      expect(flat).toContain(lang === 'de' ? `Seite ${r.pages} von ${r.pages}` : `Page ${r.pages} of ${r.pages}`);
      expect(wordsOutside(file)).toEqual([]);
      run('pdftoppm', ['-r', '60', '-png', file, path.join(SHOTS, `report-${lang}`)]);
    });

    it(`handbook, proposal and acceptance (${lang}) render within the page with embedded fonts`, { timeout: 240_000 }, async () => {
      for (const kind of ['handbook', 'proposal', 'acceptance'] as const) {
        const { file, r, text } = await make(kind, lang);
        const t = await nodeTranslator(lang);
        const flat = text.replace(/\s+/g, ' ');
        for (const s of outlines[kind]) expect(flat, s.id).toContain(t(`docs:titles.${s.id}`));
        for (const f of run('pdffonts', [file]).trim().split('\n').slice(2)) expect(f).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+0$/);
        expect(run('pdfinfo', [file])).toMatch(new RegExp(`Pages:\\s+${r.pages}\\n`));
        expect(wordsOutside(file), kind).toEqual([]);
        run('pdftoppm', ['-r', '60', '-png', '-l', '4', file, path.join(SHOTS, `${kind}-${lang}`)]);
      }
    });
  }

  it('the 15-page warning counts only the main text and trips when it grows', { timeout: 240_000 }, async () => {
    const p = seedProject();
    const long = 'Dieser Absatz beschreibt die Ausgangslage ausführlich, damit das Kapitel länger wird. '.repeat(60);
    p.documents.additions['report.environment'] = { mode: 'append', text: Array.from({ length: 8 }, () => long).join('\n\n') };
    const r = await generateDocument({ kind: 'report', lang: 'de', project: p, now });
    expect(r.pageLimit!.over).toBe(true);
    expect(r.pageLimit!.pages).toBeGreaterThan(15);
    expect(r.pageLimit!.excess).toBe(r.pageLimit!.pages - 15);
    const cover = r.headings.find((h) => h.id === 'report.intro')!.page;
    const end = r.headings.find((h) => h.id === 'report.sources')!.page;
    expect(r.pageLimit!.pages).toBe(end - cover);
    writeFileSync(path.join(dir, 'long.pdf'), r.pdf);
    expect(wordsOutside(path.join(dir, 'long.pdf'))).toEqual([]);
  });
});

/** The seed after commissioning, with the failover runs recorded on the ct lab (acceptance: standby failed, crash passed). */
function withLabRuns(): Project {
  const p = commissionedProject(seedProject({ actualHours: true }));
  const runs = ['ct-acceptance', 'ct-drill'].map((n) =>
    FailoverRunSchema.parse(JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../test/support/failover/runs/${n}.json`), 'utf8'))));
  p.failover.runs = runs;
  p.failover.acceptanceRunId = runs[0]!.id;
  return p;
}

describe('PDF documents with real failover runs (recorded on the ct lab)', () => {
  it('Validierung, Abnahmeprotokoll and handbook show the measured outages, the mails and the verdicts', { timeout: 240_000 }, async () => {
    // layout: read table rows line by line (without it poppler may read a short page's columns one after another).
    const flat = async (kind: 'report' | 'acceptance' | 'handbook', lang: 'de' | 'en', layout = false) => {
      const file = path.join(dir, `lab-${kind}-${lang}.pdf`);
      const r = await generateDocument({ kind, lang, project: withLabRuns(), now, outPath: file });
      writeFileSync(file, r.pdf);
      expect(wordsOutside(file), kind).toEqual([]);
      run('pdftoppm', ['-r', '60', '-png', file, path.join(SHOTS, `lab-${kind}-${lang}`)]);
      return run('pdftotext', [...(layout ? ['-layout'] : []), file, '-']).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
    };
    const report = await flat('report', 'de');
    // The accepted run's figures as the failover engines measured them (test/support/failover/runs/ct-acceptance.json).
    expect(report).toContain('Die abgenommenen Failover-Tests liefen am 01.12.2026, 22:33 UTC: 2 Fälle, 1 bestanden, 1 nicht bestanden.');
    expect(report).toMatch(/Geplanter Standby 38,6 s Submission \(587\) 127\/131 angenommen, 0 verloren, 0 doppelt ≤ 21 s nicht bestanden/);
    expect(report).toMatch(/Harter Absturz des aktiven Knotens 23,8 s SMTP \(25\) 141\/141 angenommen, 0 verloren, 0 doppelt ≤ 26,6 s bestanden/);
    expect(report).toContain('Nicht erfüllt: SMTP (25): Ausfall 32,2 s (Ziel ≤ 21 s, 1 Fenster)');
    expect(report).toContain('Zeitverlauf: Harter Absturz des aktiven Knotens');
    expect(report).toContain('knet host 2 link 0 down');
    const acceptance = await flat('acceptance', 'de');
    expect(acceptance).toContain('Testfall „Geplanter Standby“ nicht bestanden – SMTP (25): Ausfall 32,2 s (Ziel ≤ 21 s, 1 Fenster)');
    expect(acceptance).not.toContain('Testfall „Harter Absturz des aktiven Knotens“ nicht bestanden');
    const handbook = await flat('handbook', 'en', true);
    expect(handbook).toContain('These values were measured in the accepted failover test on 01/12/2026, 22:33 UTC');
    expect(handbook).toMatch(/Hard crash of the active node IMAP 16.6 s 1/);
  });
});
