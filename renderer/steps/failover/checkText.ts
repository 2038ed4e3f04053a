import type { TFunction } from 'i18next';
import i18next from 'i18next';
import { checkText as sharedCheckText } from '../../../shared/failover/checkText';

/** A check's or reason's text in the UI's language (figures as the reader writes them, names not ids). */
export const checkText = (t: TFunction, key: string, params?: Record<string, string | number>): string => sharedCheckText(t, i18next.language, key, params);
