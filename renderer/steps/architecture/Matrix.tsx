import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { rankAlternatives, type RankedDecision } from '../../../shared/planning/matrix';
import { criteria, decisionIds, decisions, defaultScores, type CriterionId, type DecisionId } from '../../../shared/planning/matrixDefaults';
import type { Planning } from '../../../shared/planning/schema';
import { fmtNumber } from '../../components/format';
import { attempt, usePlanning } from '../../components/planning';
import { ReasonList } from '../../components/Reasons';
import { Tabs } from '../../components/Tabs';
import { Fig } from '../../components/TraceInfo';
import { useStore } from '../../store';

export const criterionColors: Record<CriterionId, string> = {
  availability: '#0b5cad', dataSafety: '#1e7f4f', failoverTime: '#7a4fb3', cost: '#b06a00',
  complexity: '#c0392b', maintenance: '#16808c', knowHow: '#6b7a8a',
};

type Matrix = Planning['matrix'];

function score(m: Matrix, d: DecisionId, o: string, c: CriterionId): number {
  return m.scores[d]?.[o]?.[c] ?? (defaultScores[d] as Record<string, Record<CriterionId, number>>)[o]![c];
}

export function useRanking() {
  const { planning } = usePlanning();
  if (!planning) return null;
  const m = planning.matrix;
  return attempt(() => rankAlternatives({ weights: m.weights, scores: m.scores, rationales: m.rationales, chosen: m.chosen }));
}

/** One decision of the Nutzwertanalyse at a time: scores per criterion, weighted sum, rank, choice and chart. */
export function MatrixPanel() {
  const { t, i18n } = useTranslation('planui');
  const { planning, update } = usePlanning();
  const current = useStore((s) => s.archDecision);
  const setCurrent = useStore((s) => s.setArchDecision);
  const openOption = useStore((s) => s.archOpenOption);
  const setOpenOption = useStore((s) => s.setArchOpenOption);
  const ranking = useRanking();
  if (!planning || !ranking) return null;
  const m = planning.matrix;
  const ranked: RankedDecision | undefined = ranking.ok ? ranking.value.find((r) => r.decision === current) : undefined;
  const options = ranked ? ranked.options.map((o) => o.option as string) : [...(decisions[current] as readonly string[])];
  const opt = (o: string) => t(`planning:matrix.options.${o}`);

  const setScore = (o: string, c: CriterionId, v: number) =>
    update((pl) => {
      const sc = pl.matrix.scores;
      return { ...pl, matrix: { ...pl.matrix, scores: { ...sc, [current]: { ...sc[current], [o]: { ...sc[current]?.[o], [c]: v } } } } };
    });
  const setRationale = (o: string, c: CriterionId, text: string) =>
    update((pl) => {
      const ra = pl.matrix.rationales;
      // An emptied text is kept as '' (the engine then falls back to the default rationale) so the field stays empty.
      const forOption = { ...ra[current]?.[o], [c]: text };
      return { ...pl, matrix: { ...pl.matrix, rationales: { ...ra, [current]: { ...ra[current], [o]: forOption } } } };
    });
  const choose = (o: string) => update((pl) => ({ ...pl, matrix: { ...pl.matrix, chosen: { ...pl.matrix.chosen, [current]: o } } }));

  const chartData = ranked?.options.map((o) => ({
    name: opt(o.option),
    ...Object.fromEntries(o.cells.map((c) => [c.criterion, Math.round(c.contribution * 100) / 100])),
  }));

  return (
    <section className="card wide" aria-labelledby="arch-matrix">
      <h2 id="arch-matrix">{t('arch.matrix.title')}</h2>
      <p className="hint">{t('arch.matrix.intro')}</p>
      <Tabs label={t('arch.matrix.decisions')} current={current} onSelect={setCurrent}
        tabs={decisionIds.map((d) => ({ id: d, label: `${t(`planning:matrix.decisions.${d}`)}${m.chosen[d] ? ' ✓' : ''}` }))} />
      <div role="tabpanel" aria-label={t(`planning:matrix.decisions.${current}`)}>
        <p className="decision-question">{t(`arch.questions.${current}`)}</p>
        {!ranking.ok ? <p className="error-text" role="alert">{t('arch.matrix.noRanking')}</p> : null}
        <table className="plan-table matrix" aria-label={t('arch.matrix.tableLabel', { decision: t(`planning:matrix.decisions.${current}`) })}>
          <thead>
            <tr>
              <th scope="col" className="num">{t('arch.matrix.rank')}</th>
              <th scope="col">{t('arch.matrix.option')}</th>
              {criteria.map((c) => (
                <th key={c} scope="col" className="num crit" title={t(`planning:matrix.criteria.${c}`)}>
                  <span className="swatch" style={{ background: criterionColors[c] }} aria-hidden="true" />
                  {t(`arch.criteriaShort.${c}`)}
                  <div className="muted">{fmtNumber(m.weights[c], 1)} %</div>
                </th>
              ))}
              <th scope="col" className="num">{t('arch.matrix.sum')}</th>
              <th scope="col">{t('arch.matrix.choose')}</th>
            </tr>
          </thead>
          <tbody>
            {options.map((o) => {
              const row = ranked?.options.find((r) => r.option === o);
              const isOpen = openOption === o;
              return [
                <tr key={o} data-option={o} className={m.chosen[current] === o ? 'chosen' : undefined}>
                  <td className="num">{row ? row.rank : '–'}</td>
                  <th scope="row">
                    {opt(o)}
                    {ranked?.recommended === o ? <span className="pill ok">{t('arch.matrix.best')}</span> : null}
                    <div>
                      <button type="button" className="link small" aria-expanded={isOpen} onClick={() => setOpenOption(isOpen ? null : o)}>
                        {isOpen ? '▾ ' : '▸ '}{t('arch.matrix.rationales')}
                      </button>
                    </div>
                  </th>
                  {criteria.map((c) => (
                    <td key={c} className="num">
                      <select aria-label={t('arch.matrix.scoreLabel', { option: opt(o), criterion: t(`planning:matrix.criteria.${c}`) })}
                        value={score(m, current, o, c)} onChange={(e) => setScore(o, c, Number(e.target.value))}>
                        {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{n}</option>)}
                      </select>
                    </td>
                  ))}
                  <td className="num sum">{row ? <Fig figure={row.weightedSum} digits={2} display={{ scale: 1, unit: 'count' }} label={t('arch.matrix.sumOf', { option: opt(o) })} /> : '–'}</td>
                  <td>
                    <label className="choose">
                      <input type="radio" name={`choose-${current}`} checked={m.chosen[current] === o} onChange={() => choose(o)}
                        aria-label={t('arch.matrix.chooseOption', { option: opt(o) })} />
                      {t('arch.matrix.chooseShort')}
                    </label>
                  </td>
                </tr>,
                isOpen ? (
                  <tr key={`${o}-why`} className="rationales-row">
                    <td colSpan={criteria.length + 4}>
                      <div className="rationales">
                        {criteria.map((c) => {
                          const edited = m.rationales[current]?.[o]?.[c];
                          const id = `why-${current}-${o}-${c}`;
                          return (
                            <div className="field" key={c}>
                              <label htmlFor={id}>{t('arch.matrix.rationaleFor', { criterion: t(`planning:matrix.criteria.${c}`), score: score(m, current, o, c) })}</label>
                              <textarea id={id} rows={2} maxLength={1000} value={edited ?? (i18n.exists(`planning:matrix.rationale.${current}.${o}.${c}`) ? t(`planning:matrix.rationale.${current}.${o}.${c}`) : '')}
                                onChange={(e) => setRationale(o, c, e.target.value)} />
                            </div>
                          );
                        })}
                      </div>
                    </td>
                  </tr>
                ) : null,
              ];
            })}
          </tbody>
        </table>
        {ranked ? (
          <>
            <div className="decision-result">
              {m.chosen[current] ? (
                <p><strong>{t('arch.matrix.chosen')}:</strong> {t(ranked.reason.key, ranked.reason.params ?? {})}</p>
              ) : (
                <p className="notice">{t('arch.matrix.notChosen', { best: opt(ranked.recommended) })}</p>
              )}
              <ReasonList items={ranked.options.flatMap((o) => o.warnings)} />
            </div>
            <figure className="chart" aria-label={t('arch.matrix.chartTitle')}>
              <figcaption>{t('arch.matrix.chartTitle')}</figcaption>
              <ResponsiveContainer width="100%" height={60 + options.length * 42}>
                <BarChart layout="vertical" data={chartData} margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" horizontal={false} />
                  <XAxis type="number" domain={[0, 10]} ticks={[0, 2, 4, 6, 8, 10]} />
                  <YAxis type="category" dataKey="name" width={190} />
                  <Tooltip formatter={(v) => fmtNumber(Number(v), 2)} />
                  <Legend itemSorter={null} />
                  {criteria.map((c) => (
                    <Bar key={c} dataKey={c} stackId="sum" name={t(`planning:matrix.criteria.${c}`)} fill={criterionColors[c]} isAnimationActive={false} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </figure>
          </>
        ) : null}
      </div>
    </section>
  );
}
