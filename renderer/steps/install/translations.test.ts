import { describe, expect, it } from 'vitest';
import de from '../../../shared/i18n/locales/de/install.json';
import en from '../../../shared/i18n/locales/en/install.json';
import { phaseIds, secretIds } from '../../../shared/commission/types';

const sources = import.meta.glob(['./*.ts', './*.tsx', '!./*.test.ts'], { eager: true, query: '?raw', import: 'default' }) as Record<string, string>;

const leaves = (o: unknown, prefix = ''): Map<string, string> => {
  const out = new Map<string, string>();
  if (typeof o === 'string') out.set(prefix, o);
  else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) for (const [kk, vv] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  return out;
};

describe('Installation step translations (install:ui.*)', () => {
  const deKeys = leaves({ ui: de.ui });
  const enKeys = leaves({ ui: en.ui });
  const has = (keys: Map<string, string>, k: string) => keys.has(k) || keys.has(`${k}_one`) || keys.has(`${k}_other`);

  it('de and en have the same ui keys and placeholders', () => {
    expect([...deKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
    const ph = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of enKeys) expect(ph(deKeys.get(k) ?? ''), k).toEqual(ph(v));
  });

  it('every literal ui key the step uses exists in both languages', () => {
    const code = Object.values(sources).join('\n');
    const used = new Set<string>();
    for (const m of code.matchAll(/['`](?:install:)?(ui\.[A-Za-z0-9_.]+)['`]/g)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(250);
    expect([...used].filter((k) => !has(enKeys, k))).toEqual([]);
    expect([...used].filter((k) => !has(deKeys, k))).toEqual([]);
  });

  it('a key that exists only in plural forms is always called with a count', () => {
    const code = Object.values(sources).join('\n');
    const pluralOnly = [...enKeys.keys()].filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -6)).filter((k) => !enKeys.has(k));
    const calls = [...code.matchAll(/t\('(ui\.[A-Za-z0-9_.]+)'(,[^;]*?)?\)/g)];
    const bad = calls.filter((m) => pluralOnly.includes(m[1]!) && !/\bcount\b/.test(m[2] ?? '')).map((m) => m[1]);
    expect(bad).toEqual([]);
  });

  it('every phase and every commissioning secret of the step model has a name', () => {
    for (const p of phaseIds) expect(has(deKeys, `ui.phases.${p}`), p).toBe(true);
    for (const id of secretIds) for (const k of [`ui.secrets.names.${id}`, `ui.secrets.why.${id}`]) expect(has(deKeys, k) && has(enKeys, k), k).toBe(true);
  });
});
