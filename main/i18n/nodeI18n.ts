import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';
import { languages, namespaces, type Language } from '../../shared/i18n/namespaces';

/** Where the locale JSON files live, found from this file (source tree) or beside a bundle. */
export function localesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '../../shared/i18n/locales'), path.resolve(here, 'locales')]) {
    try {
      readdirSync(candidate);
      return candidate;
    } catch {
      // try the next
    }
  }
  throw new Error('translation files not found');
}

export function loadResources(dir = localesDir()): Record<string, Record<string, object>> {
  const out: Record<string, Record<string, object>> = {};
  for (const lng of languages) {
    out[lng] = {};
    for (const ns of namespaces) {
      // A missing or broken file must not take the error path down with it; the completeness test catches it.
      try {
        out[lng][ns] = JSON.parse(readFileSync(path.join(dir, lng, `${ns}.json`), 'utf8')) as object;
      } catch {
        out[lng][ns] = {};
      }
    }
  }
  return out;
}

/** A translator for main-process output (CLI, PDF), independent of the renderer's instance. */
export async function nodeTranslator(lng: Language): Promise<TFunction> {
  const inst = i18next.createInstance();
  await inst.init({
    resources: loadResources(),
    lng,
    fallbackLng: false,
    ns: [...namespaces],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
  });
  return inst.t;
}
