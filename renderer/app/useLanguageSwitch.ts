import type { Language } from '../../shared/i18n/namespaces';
import { changeLanguage } from '../i18n';
import { useStore } from '../store';

/** Switches the UI language now and remembers the choice in the app settings. */
export function useLanguageSwitch() {
  const api = useStore((s) => s.api);
  const setLanguage = useStore((s) => s.setLanguage);
  return async (lng: Language) => {
    await changeLanguage(lng);
    setLanguage(lng);
    await api?.call('settings.setLanguage', { language: lng });
  };
}
