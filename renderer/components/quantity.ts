import { useTranslation } from 'react-i18next';
import { formatQuantity, type Lang, type Translate } from '../../shared/planning/explain';

/** The UI's translator in the shape the planning helpers take, and the UI's language. */
export function useTranslate(): { t: Translate; lang: Lang } {
  const { t, i18n } = useTranslation('planui');
  return { t: (k, p) => t(k, p ?? {}), lang: i18n.language === 'en' ? 'en' : 'de' };
}

/** A value with its unit as the planning writes it in the UI's language ("8 Kerne", "3.950 GB", "1.680 €"). */
export function useQuantity() {
  const { t, lang } = useTranslate();
  return (value: number, unit: string, digits?: number) => formatQuantity(t, lang, value, unit, digits);
}
