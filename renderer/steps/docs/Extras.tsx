import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { useDocumentsUpdate } from './documentsUpdate';

type Status = 'met' | 'partly' | 'notMet';

/** What only the chosen document needs: requirement results and make-or-buy (report), open points, handbook version. */
export function Extras() {
  const { t } = useTranslation('docs');
  const kind = useStore((s) => s.docsKind);
  const project = useStore((s) => s.project);
  const update = useDocumentsUpdate();
  if (!project || kind === 'proposal') return null;
  const d = project.documents;
  const reqs = project.meta.requirements.filter((r) => r.text.trim());

  return (
    <div className="card docs-extras" aria-labelledby="docs-extras-title">
      <h2 id="docs-extras-title">{t('step.extras.title')}</h2>
      {kind === 'report' ? (
        <>
          <h3>{t('step.extras.requirements')}</h3>
          {reqs.length ? (
            <table className="plan-table">
              <tbody>
                {reqs.map((r) => {
                  const res = d.requirementResults[r.id];
                  return (
                    <tr key={r.id}>
                      <th scope="row">{r.text}</th>
                      <td>
                        <select aria-label={`${t('step.extras.status')}: ${r.text}`} value={res?.status ?? 'open'}
                          onChange={(e) => update((x) => {
                            const next = { ...x.requirementResults };
                            if (e.target.value === 'open') delete next[r.id];
                            else next[r.id] = { status: e.target.value as Status, note: res?.note ?? '' };
                            return { ...x, requirementResults: next };
                          })}>
                          {(['open', 'met', 'partly', 'notMet'] as const).map((s) => <option key={s} value={s}>{t(`step.extras.statuses.${s}`)}</option>)}
                        </select>
                      </td>
                      <td>
                        <input aria-label={`${t('step.extras.note')}: ${r.text}`} value={res?.note ?? ''} maxLength={2000} disabled={!res}
                          onChange={(e) => update((x) => ({ ...x, requirementResults: { ...x.requirementResults, [r.id]: { status: res!.status, note: e.target.value } } }))} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : <p className="hint">{t('step.extras.noRequirements')}</p>}
          <h3>{t('step.extras.makeOrBuy')}</h3>
          <div className="grid3">
            <label className="field">
              <span>{t('step.extras.provider')}</span>
              <input value={d.makeOrBuy?.provider ?? ''} maxLength={200} onChange={(e) => update((x) => ({ ...x, makeOrBuy: { provider: e.target.value, note: x.makeOrBuy?.note ?? '', ...(x.makeOrBuy?.costPerYearEur !== undefined ? { costPerYearEur: x.makeOrBuy.costPerYearEur } : {}) } }))} />
            </label>
            <label className="field">
              <span>{t('step.extras.costPerYear')}</span>
              <span className="with-unit">
                <input type="number" min={0} step={10} value={d.makeOrBuy?.costPerYearEur ?? ''}
                  onChange={(e) => update((x) => {
                    const base = { provider: x.makeOrBuy?.provider ?? '', note: x.makeOrBuy?.note ?? '' };
                    const v = e.target.value === '' ? undefined : Number(e.target.value);
                    return { ...x, makeOrBuy: v === undefined || !Number.isFinite(v) || v < 0 ? base : { ...base, costPerYearEur: v } };
                  })} />
                <span className="unit">€</span>
              </span>
            </label>
            <label className="field">
              <span>{t('step.extras.makeOrBuyNote')}</span>
              <input value={d.makeOrBuy?.note ?? ''} maxLength={5000} onChange={(e) => update((x) => ({ ...x, makeOrBuy: { provider: x.makeOrBuy?.provider ?? '', ...(x.makeOrBuy?.costPerYearEur !== undefined ? { costPerYearEur: x.makeOrBuy.costPerYearEur } : {}), note: e.target.value } }))} />
            </label>
          </div>
        </>
      ) : null}
      {kind === 'acceptance' ? (
        <label className="field">
          <span>{t('step.extras.openPoints')}</span>
          <textarea rows={4} value={d.openPoints.join('\n')} onChange={(e) => update((x) => ({ ...x, openPoints: e.target.value.split('\n').slice(0, 50).map((l) => l.slice(0, 500)) }))} />
        </label>
      ) : null}
      {kind === 'handbook' ? (
        <label className="field docs-short">
          <span>{t('step.extras.handbookVersion')}</span>
          <input value={d.handbookVersion} maxLength={20} onChange={(e) => update((x) => ({ ...x, handbookVersion: e.target.value }))} />
        </label>
      ) : null}
    </div>
  );
}
