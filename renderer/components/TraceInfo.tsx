import { useTranslation } from 'react-i18next';
import type { Figure } from '../../shared/planning/trace';
import { fmtInput, fmtNumber } from './format';
import './planning.css';

/**
 * The "where does this number come from?" disclosure next to a computed figure: formula and inputs exactly as
 * the planning engine used them.
 */
export function TraceInfo({ figure, label }: { figure: Figure; label?: string }) {
  const { t } = useTranslation('planui');
  const entries = Object.entries(figure.inputs);
  return (
    <details className="trace">
      <summary aria-label={label ? t('trace.howFor', { what: label }) : t('trace.how')} title={t('trace.how')}>
        <span className="trace-i" aria-hidden="true">i</span>
      </summary>
      <div className="trace-pop" role="note">
        <div className="trace-title">{t('trace.how')}</div>
        <div>
          {t('trace.formula')}: <code className="trace-formula">{figure.formula}</code>
        </div>
        {entries.length ? (
          <table className="trace-inputs">
            <caption>{t('trace.inputs')}</caption>
            <tbody>
              {entries.map(([k, v]) => (
                <tr key={k}>
                  <th scope="row"><code>{k}</code></th>
                  <td>{fmtInput(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <div className="trace-result">
          {t('trace.result')}: <strong>{fmtNumber(figure.value, 4)} {unitLabel(t, figure.unit)}</strong>
        </div>
      </div>
    </details>
  );
}

export function unitLabel(t: (k: string) => string, unit: string): string {
  const key = `units.${unit}`;
  const v = t(key);
  return v === key ? unit : v;
}

/** A computed figure: its value, unit and the trace disclosure. */
export function Fig({ figure, digits = 1, label, unit, className }: { figure: Figure; digits?: number; label?: string; unit?: string; className?: string }) {
  const { t } = useTranslation('planui');
  return (
    <span className={`fig${className ? ` ${className}` : ''}`}>
      <span className="fig-value">
        {fmtNumber(figure.value, digits)} {unit ?? unitLabel(t, figure.unit)}
      </span>
      <TraceInfo figure={figure} label={label} />
    </span>
  );
}
