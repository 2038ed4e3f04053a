import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadResources } from './nodeI18n';

const ROOT = path.resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) return n === 'node_modules' ? [] : files(p);
    return /\.(ts|tsx)$/.test(n) && !/\.test\.ts$/.test(n) ? [p] : [];
  });
}

/** Literal error codes (`new AppError('ns:key'`) and `t('ns:key')` calls must exist in both languages. */
describe('keys used in code', () => {
  const res = loadResources();
  const sources = ['shared', 'main', 'renderer'].flatMap((d) => files(path.join(ROOT, d)));
  const used = new Set<string>();
  for (const f of sources) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/(?:AppError\(|\bt\(|code: )'(\w+):([\w.]+)'/g)) used.add(`${m[1]}:${m[2]}`);
  }

  it('finds keys to check', () => expect(used.size).toBeGreaterThan(10));

  for (const lng of ['de', 'en'] as const) {
    it(`every literal key exists in ${lng}`, () => {
      const missing = [...used].filter((k) => {
        const [ns, key] = k.split(':') as [string, string];
        const at = (k: string) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], res[lng]?.[ns]);
        // A key with plural forms (t(key, { count })) exists as key_one and key_other.
        return typeof at(key) !== 'string' && !(typeof at(`${key}_one`) === 'string' && typeof at(`${key}_other`) === 'string');
      });
      expect(missing).toEqual([]);
    });
  }
});
