import i18next from 'i18next';
import type { L10n } from '../../../shared/commission/types';

/** Step texts are written in both languages where the knowledge is (the step files); pick the UI's. */
export function pick(text: L10n | undefined): string {
  if (!text) return '';
  return i18next.language === 'en' ? text.en : text.de;
}
