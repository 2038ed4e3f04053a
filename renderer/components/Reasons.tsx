import { useTranslation } from 'react-i18next';
import type { Reason } from '../../shared/planning/trace';

type Severity = 'error' | 'warning' | 'info';

/** Warnings/notes from a planning engine: i18n keys with parameters, rendered in the reader's language. */
export function ReasonList({ items, severity = 'warning', label }: { items: (Reason & { severity?: Severity })[]; severity?: Severity; label?: string }) {
  const { t } = useTranslation();
  if (!items.length) return null;
  return (
    <ul className="reasons" aria-label={label}>
      {items.map((r, i) => {
        const s = r.severity ?? severity;
        return (
          <li key={`${r.key}-${i}`} className={`reason reason-${s}`} data-reason={r.key}>
            <span className="reason-icon" aria-hidden="true">{s === 'error' ? '✗' : s === 'warning' ? '⚠' : 'ℹ'}</span>
            <span>{t(r.key, r.params ?? {})}</span>
          </li>
        );
      })}
    </ul>
  );
}
