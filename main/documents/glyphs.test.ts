// @ts-expect-error fontkit (pdfkit's font engine) ships no type declarations
import { create } from 'fontkit';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../shared/documents/index';
import { documentKinds, modelTexts } from '../../shared/documents/model';
import { planProject } from '../../shared/planning/planProject';
import { auditCommands, commissionedProject } from '../../test/support/documents/results';
import { seedProject } from '../../test/support/documents/seedProject';
import { realisationFrom } from '../../shared/documents/realisation';
import { nodeTranslator } from '../i18n/nodeI18n';
import { fontPaths } from './fonts';

/** Every character any document prints has a glyph in the embedded fonts: no empty boxes for umlauts or signs. */
describe('glyph coverage of the embedded fonts', { timeout: 180_000 }, () => {
  const fonts = fontPaths();
  const sans = create(readFileSync(fonts.sans)) as unknown as { hasGlyphForCodePoint(cp: number): boolean };
  const mono = create(readFileSync(fonts.mono)) as unknown as { hasGlyphForCodePoint(cp: number): boolean };

  it('covers German, the typographic signs and everything the documents print', async () => {
    for (const ch of 'äöüÄÖÜß„“”–—€…≤≥→×·•§°□') expect(sans.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(true);
    const planned = seedProject();
    const done = commissionedProject(seedProject({ actualHours: true }));
    const missing = new Set<string>();
    for (const lang of ['de', 'en'] as const) {
      const t = await nodeTranslator(lang);
      for (const p of [planned, done]) {
        const src = {
          project: p, plan: planProject(p), generatedAt: '2026-11-27T10:00:00Z', appVersion: '0.1.0',
          ...(p.commission.record ? { realisation: realisationFrom(p.commission.record, auditCommands(p), () => undefined, () => undefined) } : {}),
        };
        for (const kind of documentKinds) {
          for (const text of modelTexts(buildDocument(kind, src, (k, o) => t(k, o ?? {}), lang))) {
            for (const ch of text) {
              const cp = ch.codePointAt(0)!;
              if (ch === '\n' || (sans.hasGlyphForCodePoint(cp) && mono.hasGlyphForCodePoint(cp))) continue;
              missing.add(`U+${cp.toString(16).padStart(4, '0')} ${ch} in ${kind}/${lang}: ${text.slice(0, 60)}`);
            }
          }
        }
      }
    }
    expect([...missing]).toEqual([]);
  });
});
