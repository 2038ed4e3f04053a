import type { DocLanguage } from './model';

/** Number and date formatting for documents, in the document's language (not the UI's). */
export interface Fmt {
  lang: DocLanguage;
  num(v: number, digits?: number): string;
  /** Whole euros unless digits is given: "9.540 €" / "€9,540". */
  eur(v: number, digits?: number): string;
  hours(v: number): string;
  /** ISO date (YYYY-MM-DD or a full timestamp) as the reader writes it; '' stays ''. */
  date(iso: string): string;
  dateTime(iso: string): string;
  seconds(ms: number, digits?: number): string;
}

export function makeFmt(lang: DocLanguage): Fmt {
  const locale = lang === 'de' ? 'de-DE' : 'en-GB';
  const numbers = new Map<number, Intl.NumberFormat>();
  const nf = (digits: number) => {
    let f = numbers.get(digits);
    if (!f) numbers.set(digits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
    return f;
  };
  const dateF = new Intl.DateTimeFormat(locale, lang === 'de' ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const dtF = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  const parse = (iso: string) => {
    const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
    return Number.isNaN(d.getTime()) ? null : d;
  };
  const fmt: Fmt = {
    lang,
    num: (v, digits = 2) => (Number.isFinite(v) ? nf(digits).format(v) : '–'),
    eur: (v, digits = 0) => {
      if (!Number.isFinite(v)) return '–';
      const n = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
      return lang === 'de' ? `${n}\u00a0€` : `€${n}`;
    },
    hours: (v) => `${fmt.num(v, 2)}\u00a0h`,
    date: (iso) => {
      const d = iso ? parse(iso) : null;
      return d ? dateF.format(d) : iso;
    },
    dateTime: (iso) => {
      const d = iso ? parse(iso) : null;
      return d ? `${dtF.format(d)} UTC` : iso;
    },
    seconds: (ms, digits = 1) => `${fmt.num(ms / 1000, digits)}\u00a0s`,
  };
  return fmt;
}
