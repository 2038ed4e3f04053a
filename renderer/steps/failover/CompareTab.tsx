import { useTranslation } from 'react-i18next';
import { acceptanceRun, compareRuns } from '../../../shared/failover/runs';
import { useStore } from '../../store';
import { sec } from './format';
import { runName } from './ResultsTab';

/** A drill beside the acceptance run: per case the longest outage then and now, and what changed. */
export function CompareTab() {
  const { t } = useTranslation('failover');
  const f = useStore((s) => s.project?.failover);
  const otherId = useStore((s) => s.foCompareRunId);
  const setOther = useStore((s) => s.setFoCompare);
  if (!f) return null;
  const acc = acceptanceRun(f.runs, f.acceptanceRunId);
  const others = [...f.runs].filter((r) => r.id !== acc?.id).sort((a, b) => b.startedAt - a.startedAt);
  if (!acc || !others.length) return <div className="card"><p>{acc ? t('ui.compare.noDrill') : t('ui.compare.noAcceptance')}</p></div>;
  const other = others.find((r) => r.id === otherId) ?? others[0]!;
  const rows = compareRuns(acc, other);
  return (
    <section className="card" aria-labelledby="fo-cmp-title">
      <h2 id="fo-cmp-title">{t('ui.compare.title')}</h2>
      <p>{t('ui.compare.acceptance', { run: runName(t, acc) })}</p>
      <label>
        {t('ui.compare.drill')}{' '}
        <select value={other.id} onChange={(e) => setOther(e.target.value)}>
          {others.map((r) => <option key={r.id} value={r.id}>{runName(t, r)}</option>)}
        </select>
      </label>
      <table className="fo-table" data-testid="fo-compare">
        <thead>
          <tr>
            <th scope="col">{t('ui.results.case')}</th>
            <th scope="col">{t('ui.compare.before')}</th>
            <th scope="col">{t('ui.compare.after')}</th>
            <th scope="col">{t('ui.compare.delta')}</th>
            <th scope="col">{t('ui.compare.verdicts')}</th>
            <th scope="col">{t('ui.compare.change')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.caseId} data-case={r.caseId} data-change={r.change} className={`fo-ch-${r.change}`}>
              <th scope="row">{t(`cases.${r.caseId}.title`)}</th>
              <td>{sec(r.before?.worstMs)}</td>
              <td>{sec(r.after?.worstMs)}</td>
              <td>{r.deltaMs !== undefined ? `${r.deltaMs > 0 ? '+' : r.deltaMs < 0 ? '−' : '±'}${sec(Math.abs(r.deltaMs))}` : '–'}</td>
              <td>{r.before ? t(`verdict.${r.before.verdict}`) : '–'} → {r.after ? t(`verdict.${r.after.verdict}`) : '–'}</td>
              <td>{t(`ui.compare.changes.${r.change}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
