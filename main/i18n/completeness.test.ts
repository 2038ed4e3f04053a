import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { languages, namespaces } from '../../shared/i18n/namespaces';
import { loadResources, localesDir, nodeTranslator } from './nodeI18n';

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function placeholders(s: unknown): string[] {
  return typeof s === 'string' ? [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort() : [];
}

function at(obj: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

describe('translations', () => {
  const res = loadResources();

  it('has a file for every namespace in every language and no stray files', () => {
    for (const lng of languages) {
      const files = readdirSync(path.join(localesDir(), lng)).filter((f) => f.endsWith('.json')).sort();
      expect(files).toEqual([...namespaces].map((n) => `${n}.json`).sort());
    }
  });

  for (const ns of namespaces) {
    it(`${ns}: German and English have exactly the same keys and placeholders`, () => {
      const de = keys(res.de![ns]).filter(Boolean).sort();
      const en = keys(res.en![ns]).filter(Boolean).sort();
      expect(de.filter((k) => !en.includes(k)), `keys only in de/${ns}.json`).toEqual([]);
      expect(en.filter((k) => !de.includes(k)), `keys only in en/${ns}.json`).toEqual([]);
      for (const k of de) {
        expect(placeholders(at(res.en![ns], k)), `placeholders of ${ns}:${k}`).toEqual(placeholders(at(res.de![ns], k)));
        const v = at(res.de![ns], k);
        if (typeof v === 'string') expect(v.trim(), `empty text ${ns}:${k}`).not.toBe('');
      }
    });
  }

  it('translates an error code with parameters in both languages', async () => {
    const de = await nodeTranslator('de');
    const en = await nodeTranslator('en');
    expect(de('project:errors.newerVersion', { version: 3, supported: 2 })).toContain('neueren Version');
    expect(en('project:errors.newerVersion', { version: 3, supported: 2 })).toContain('newer version');
  });
});
