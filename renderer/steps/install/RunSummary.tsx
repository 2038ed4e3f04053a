import { useTranslation } from 'react-i18next';
import type { CommissionRecord } from '../../../shared/commission/recordSchema';
import type { StepLike } from './planGroups';
import { fmtMeasured, fmtMinutes } from './fmt';
import { runSummary } from './summary';

/** Measured time per phase beside the plan's expectation, and the legacy server's mail outage. */
export function RunSummary({ record, steps }: { record: CommissionRecord; steps: readonly StepLike[] }) {
  const { t } = useTranslation('install');
  const s = runSummary(record, steps);
  return (
    <section className="card" aria-labelledby="ins-summary-title" data-testid="run-summary">
      <h2 id="ins-summary-title">{record.state === 'completed' ? t('ui.summary.titleDone') : record.state === 'rolledBack' ? t('ui.summary.titleRolledBack') : t('ui.summary.title')}</h2>
      <dl className="figs ins-summary-figs">
        <div><dt>{t('ui.summary.wall')}</dt><dd data-figure="wall">{fmtMeasured(s.wallMs)}</dd></div>
        <div>
          <dt>{t('ui.summary.outage')}</dt>
          <dd data-figure="outage">{s.legacyOutageMs !== undefined ? fmtMeasured(s.legacyOutageMs) : s.legacyOutageRunning ? t('ui.summary.outageRunning') : t('ui.summary.outageNone')}</dd>
        </div>
        <div><dt>{t('ui.summary.steps')}</dt><dd>{t('ui.summary.counts', { done: s.done, skipped: s.skipped, failed: s.failed, total: s.total })}{s.rolledBack ? `, ${t('ui.summary.rolledBack', { count: s.rolledBack })}` : ''}</dd></div>
      </dl>
      <table className="plan-table" aria-label={t('ui.summary.tableLabel')}>
        <thead><tr><th>{t('ui.plan.phase')}</th><th className="num">{t('ui.summary.measured')}</th><th className="num">{t('ui.plan.expected')}</th><th className="num">{t('ui.summary.doneOf')}</th></tr></thead>
        <tbody>
          {s.phases.map((p) => (
            <tr key={p.phase} data-phase={p.phase}>
              <th scope="row">{t(`ui.phases.${p.phase}`, { defaultValue: p.phase })}</th>
              <td className="num">{fmtMeasured(p.measuredMs)}</td>
              <td className="num">{fmtMinutes(p.expectedS)}</td>
              <td className="num">{`${p.done + p.skipped} / ${p.total}`}{p.failed ? <span className="error-text"> ✗{p.failed}</span> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('ui.summary.note')}</p>
    </section>
  );
}
