import i18next from 'i18next';
import { loadResources } from '../../../main/i18n/nodeI18n';
import { namespaces, type Language } from '../../../shared/i18n/namespaces';
import type { Translate } from '../../../shared/planning/reportText';

/** A translator like the app's that records every key it cannot find, so a test can fail on it. */
export async function strictTranslator(lng: Language): Promise<{ t: Translate; missing: string[] }> {
  const missing: string[] = [];
  const inst = i18next.createInstance();
  await inst.init({
    resources: loadResources(),
    lng,
    fallbackLng: false,
    ns: [...namespaces],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    saveMissing: true,
    missingKeyHandler: (_lngs, ns, key) => missing.push(`${ns}:${key}`),
  });
  return { t: (k, p) => inst.t(k, p ?? {}), missing };
}
