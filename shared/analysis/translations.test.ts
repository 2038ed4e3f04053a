import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import de from '../i18n/locales/de/analysis.json';
import en from '../i18n/locales/en/analysis.json';

const leaves = (o: unknown, prefix = ''): Map<string, string> => {
  const out = new Map<string, string>();
  if (typeof o === 'string') out.set(prefix, o);
  else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) for (const [kk, vv] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  return out;
};

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [readFileSync(join(dir, e.name), 'utf8')] : []));

describe('analysis translations', () => {
  const deKeys = leaves(de), enKeys = leaves(en);

  it('de and en have the same keys and the same placeholders', () => {
    expect([...deKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
    const ph = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of enKeys) expect(ph(deKeys.get(k) ?? ''), k).toEqual(ph(v));
  });

  it('every note, warning and collector title used in the code is translated', () => {
    const code = [...sources('main/analysis'), ...sources('shared/analysis')].join('\n');
    const used = new Set<string>();
    for (const m of code.matchAll(/note\('([\w.]+)'/g)) used.add(`notes.${m[1]}`);
    for (const m of code.matchAll(/'analysis:([\w.]+)'/g)) used.add(m[1] ?? '');
    for (const m of code.matchAll(/\bw\('(\w+)'/g)) used.add(`warnings.${m[1]}`);
    for (const m of code.matchAll(/analysis:collectors\.(\w+)/g)) used.add(`collectors.${m[1]}`);
    expect(used.size).toBeGreaterThan(40);
    const missing = [...used].filter((k) => !enKeys.has(k));
    expect(missing).toEqual([]);
  });
});
