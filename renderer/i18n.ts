import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { languages, namespaces, type Language } from '../shared/i18n/namespaces';

// All namespace files are bundled; there are few and they are small.
const files = import.meta.glob('../shared/i18n/locales/*/*.json', { eager: true, import: 'default' }) as Record<string, object>;

function resources() {
  const out: Record<string, Record<string, object>> = {};
  for (const [file, data] of Object.entries(files)) {
    const m = /locales\/(\w+)\/(\w+)\.json$/.exec(file);
    if (!m?.[1] || !m[2]) continue;
    (out[m[1]] ??= {})[m[2]] = data;
  }
  return out;
}

export async function initI18n(lng: Language) {
  await i18next.use(initReactI18next).init({
    resources: resources(),
    lng,
    fallbackLng: false,
    supportedLngs: [...languages],
    ns: [...namespaces],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
  return i18next;
}

export async function changeLanguage(lng: Language) {
  await i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}
