import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CostEstimate } from '../../../shared/planning/costs';
import type { CostsInput } from '../../../shared/planning/costsSchema';
import { NumField } from '../../components/NumField';
import { fmtEur, fmtNumber } from '../../components/format';
import { usePlanning } from '../../components/planning';
import { ReasonList } from '../../components/Reasons';
import { Fig } from '../../components/TraceInfo';
import type { CostsView } from './inputs';

type NumKey = 'hourlyRateEur' | 'overheadPct' | 'powerW' | 'pricePerKwhEur' | 'rackUnits' | 'pricePerRackUnitYearEur' | 'supportPerYearEur'
  | 'witnessHostPerYearEur' | 'outageHoursPerYearWithout' | 'outageHoursPerYearWith' | 'downtimeCostPerHourEur';

type Item = CostsInput['otherOneTime'][number];

/** Other one-time costs (cables, rack rails, licences): label and amount, added and removed freely. */
function OtherItems({ items, onChange }: { items: Item[]; onChange(items: Item[]): void }) {
  const { t } = useTranslation('planui');
  const set = (i: number, patch: Partial<Item>) => onChange(items.map((x, n) => (n === i ? { ...x, ...patch } : x)));
  return (
    <fieldset>
      <legend>{t('costs.other.title')}</legend>
      {items.length ? (
        <div className="other-items">
          {items.map((x, i) => (
            <div className="other-item" key={i}>
              <div className="field">
                <label htmlFor={`other-label-${i}`}>{t('costs.other.label')}</label>
                <input id={`other-label-${i}`} value={x.label} maxLength={200} onChange={(e) => set(i, { label: e.target.value })} />
              </div>
              <NumField name={`other.${i}`} label={t('costs.other.amount')} value={x.amountEur} unit="€" min={0}
                onChange={(v) => v !== undefined && set(i, { amountEur: v })} />
              <button type="button" aria-label={t('costs.other.remove', { item: x.label || i + 1 })} onClick={() => onChange(items.filter((_, n) => n !== i))}>✕</button>
            </div>
          ))}
        </div>
      ) : <p className="hint">{t('costs.other.none')}</p>}
      <button type="button" onClick={() => onChange([...items, { label: '', amountEur: 0 }])}>+ {t('costs.other.add')}</button>
    </fieldset>
  );
}

/** The cost assumptions: labour rate, running costs and the price of an hour without mail. */
export function CostInputs({ view }: { view: CostsView }) {
  const { t } = useTranslation('planui');
  const { planning, update } = usePlanning();
  if (!planning) return null;
  const c = planning.costs;
  const set = (k: NumKey, v: number | undefined) =>
    update((pl) => {
      const costs = { ...pl.costs } as Record<string, unknown>;
      if (v === undefined) {
        if (k === 'hourlyRateEur' || k === 'overheadPct') delete costs[k];
        else return pl;
      } else costs[k] = v;
      return { ...pl, costs: costs as CostsInput };
    });
  const num = (k: NumKey, unit: string, opts: { optional?: boolean; max?: number; integer?: boolean; hint?: string } = {}) => (
    <NumField name={`costs.${k}`} label={t(`costs.inputs.${k}`)} value={c[k]} unit={unit} min={0} max={opts.max} optional={opts.optional} integer={opts.integer}
      hint={opts.hint} onChange={(v) => set(k, v)} />
  );
  return (
    <form className="form plan-form" onSubmit={(e) => e.preventDefault()} aria-label={t('costs.inputs.formLabel')}>
      <fieldset>
        <legend>{t('costs.inputs.labourTitle')}</legend>
        <div className="grid4">
          {num('hourlyRateEur', '€/h', { optional: true, hint: view.rate.source === 'project' ? t('costs.inputs.fromProjectRate', { rate: fmtEur(view.rate.value, 2) }) : undefined })}
          {num('overheadPct', '%', { optional: true, max: 300, hint: view.overhead.source === 'project' ? t('costs.inputs.fromProjectOverhead', { pct: fmtNumber(view.overhead.value) }) : undefined })}
        </div>
      </fieldset>
      <OtherItems items={c.otherOneTime} onChange={(otherOneTime) => update((pl) => ({ ...pl, costs: { ...pl.costs, otherOneTime } }))} />
      <fieldset>
        <legend>{t('costs.inputs.runningTitle')}</legend>
        <div className="grid4">
          {num('powerW', 'W', { hint: t('costs.inputs.powerHint') })}
          {num('pricePerKwhEur', '€/kWh')}
          {num('rackUnits', 'HE', { integer: true })}
          {num('pricePerRackUnitYearEur', '€/HE/a')}
          {num('supportPerYearEur', '€/a')}
          {num('witnessHostPerYearEur', '€/a')}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('costs.inputs.downtimeTitle')}</legend>
        <div className="grid3">
          {num('outageHoursPerYearWithout', 'h/a', { max: 8760 })}
          {num('outageHoursPerYearWith', 'h/a', { max: 8760 })}
          {num('downtimeCostPerHourEur', '€/h', { hint: t('costs.inputs.downtimeHint') })}
        </div>
      </fieldset>
    </form>
  );
}


export function CostResults({ e, horizon }: { e: CostEstimate; horizon: number }) {
  const { t } = useTranslation('planui');
  const label = (id: string) =>
    ['investment', 'avoided', 'net', 'amortisation'].includes(id) ? t(`planning:costs.labels.${id}`) : id === 'running' ? t('costs.running') : t(`planning:costs.items.${id}`);
  const row = (id: string, f: CostEstimate['oneTime']['hardware'], strong = false) => (
    <div key={id} data-figure={id} className={strong ? 'total' : undefined}>
      <dt>{label(id)}</dt>
      <dd><Fig figure={f} digits={0} label={label(id)} /></dd>
    </div>
  );
  const breakdown = e.breakdown.map((b) => ({ name: t(`planning:costs.items.${b.id}`), value: Math.round(b.amountEur), kind: b.kind }));
  const cumulative = e.cumulative.map((c) => ({ year: t('costs.chart.year', { year: c.year }), cost: Math.round(c.costEur), savings: Math.round(c.savingsEur) }));
  const money = (v: unknown) => fmtEur(Number(v));
  return (
    <>
      <div className="cols3">
        <section className="card" aria-labelledby="c-once">
          <h2 id="c-once">{t('costs.results.oneTime')}</h2>
          <dl className="figs">
            {row('hardware', e.oneTime.hardware)}
            {row('labour', e.oneTime.labour)}
            {row('other', e.oneTime.other)}
            {row('investment', e.oneTime.total, true)}
          </dl>
          {e.labourActual ? (
            <dl className="figs soll-ist">
              <div data-figure="labourActual">
                <dt>{t('planning:costs.labels.labourActual')}</dt>
                <dd><Fig figure={e.labourActual} digits={0} label={t('planning:costs.labels.labourActual')} /></dd>
              </div>
            </dl>
          ) : null}
        </section>
        <section className="card" aria-labelledby="c-yearly">
          <h2 id="c-yearly">{t('costs.results.yearly')}</h2>
          <dl className="figs">
            {row('power', e.yearly.power)}
            {row('rack', e.yearly.rack)}
            {row('support', e.yearly.support)}
            {row('witness', e.yearly.witness)}
            {row('running', e.yearly.total, true)}
          </dl>
        </section>
        <section className="card" aria-labelledby="c-benefit">
          <h2 id="c-benefit">{t('costs.results.benefit')}</h2>
          <dl className="figs">
            {row('avoided', e.downtimeAvoidedPerYear)}
            {row('net', e.netBenefitPerYear)}
            <div data-figure="amortisation" className="total">
              <dt>{label('amortisation')}</dt>
              <dd>
                {e.amortisation.kind === 'years' ? (
                  <Fig figure={e.amortisation.years} digits={1} label={label('amortisation')} />
                ) : e.amortisation.kind === 'missing' ? (
                  <span className="muted">{t('planning:costs.labels.notYet')}</span>
                ) : (
                  <span className="bad-text">{t('costs.results.never')}</span>
                )}
              </dd>
            </div>
          </dl>
          {e.amortisation.kind === 'missing' ? <ReasonList items={e.amortisation.missing} severity="info" /> : null}
          {e.amortisation.kind === 'never' ? <p className="hint">{t('costs.results.neverWhy', { avoided: fmtEur(Number(e.amortisation.reason.params?.avoided ?? 0)), running: fmtEur(Number(e.amortisation.reason.params?.running ?? 0)) })}</p> : null}
        </section>
      </div>
      {e.warnings.length ? (
        <section className="card wide">
          <h2>{t('costs.results.warnings')}</h2>
          <ReasonList items={e.warnings} />
        </section>
      ) : null}
      <div className="cols2">
        <figure className="card chart" aria-label={t('costs.chart.breakdown')}>
          <figcaption>{t('costs.chart.breakdown')}</figcaption>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={breakdown} layout="vertical" margin={{ top: 4, right: 20, bottom: 4, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" horizontal={false} />
              <XAxis type="number" tickFormatter={(v: number) => fmtNumber(v, 0)} />
              <YAxis type="category" dataKey="name" width={150} />
              <Tooltip formatter={money} />
              <Bar dataKey="value" name={t('costs.chart.amount')} isAnimationActive={false}>
                {breakdown.map((b) => <Cell key={b.name} fill={b.kind === 'oneTime' ? '#0b5cad' : '#b06a00'} />)}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
          <p className="hint"><span className="swatch blue" /> {t('costs.chart.oneTime')} <span className="swatch orange" /> {t('costs.chart.perYear')}</p>
        </figure>
        <figure className="card chart" aria-label={t('costs.chart.cumulative')}>
          <figcaption>{t('costs.chart.cumulative', { years: horizon })}</figcaption>
          {e.amortisation.kind === 'missing' ? <p className="hint">{t('costs.chart.cumulativeMissing')}</p> : (
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={cumulative} margin={{ top: 24, right: 20, bottom: 4, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" />
              <XAxis dataKey="year" />
              <YAxis tickFormatter={(v: number) => fmtNumber(v, 0)} width={70} label={{ value: '€', position: 'top', offset: 12, fontSize: 12 }} />
              <Tooltip formatter={money} />
              <Legend itemSorter={null} />
              <Line dataKey="cost" name={t('costs.chart.cost')} stroke="#b3261e" isAnimationActive={false} />
              <Line dataKey="savings" name={t('costs.chart.savings')} stroke="#1e7f4f" isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
          )}
        </figure>
      </div>
    </>
  );
}
