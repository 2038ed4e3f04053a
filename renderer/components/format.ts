import i18next from 'i18next';

/** Locale-aware number for display: German "1.234,5", English "1,234.5". */
export function fmtNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return '–';
  return new Intl.NumberFormat(i18next.language, { maximumFractionDigits: digits }).format(value);
}

export function fmtEur(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '–';
  return new Intl.NumberFormat(i18next.language, { style: 'currency', currency: 'EUR', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

/** Trace inputs: numbers with up to four decimals, strings and booleans as they are. */
export function fmtInput(v: number | string | boolean): string {
  if (typeof v === 'number') return fmtNumber(v, Math.abs(v) >= 1000 ? 2 : 4);
  return String(v);
}
