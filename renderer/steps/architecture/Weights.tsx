import { useTranslation } from 'react-i18next';
import { criteria } from '../../../shared/planning/matrixDefaults';
import { NumField } from '../../components/NumField';
import { fmtNumber } from '../../components/format';
import { usePlanning } from '../../components/planning';

/** The criteria weights of the Nutzwertanalyse; they must add up to exactly 100 %. */
export function Weights() {
  const { t } = useTranslation('planui');
  const { planning, update } = usePlanning();
  if (!planning) return null;
  const w = planning.matrix.weights;
  const sum = criteria.reduce((s, c) => s + w[c], 0);
  const bad = Math.abs(sum - 100) > 1e-6;
  return (
    <section className="card" aria-labelledby="arch-weights">
      <h2 id="arch-weights">{t('arch.weights.title')}</h2>
      <p className="hint">{t('arch.weights.intro')}</p>
      <div className="weights">
        {criteria.map((c) => (
          <NumField key={c} name={`weight.${c}`} label={t(`planning:matrix.criteria.${c}`)} value={w[c]} unit="%" min={0} max={100}
            onChange={(v) => {
              if (v !== undefined) update((pl) => ({ ...pl, matrix: { ...pl.matrix, weights: { ...pl.matrix.weights, [c]: v } } }));
            }} />
        ))}
        <div className={`weight-sum${bad ? ' bad' : ' good'}`} data-testid="weight-sum">
          <span>{t('arch.weights.sum')}</span>
          <strong>{fmtNumber(sum, 2)} %</strong>
        </div>
      </div>
      {bad ? (
        <p className="error-text" role="alert">{t('arch.weights.sumError', { sum: fmtNumber(sum, 2) })}</p>
      ) : null}
    </section>
  );
}
