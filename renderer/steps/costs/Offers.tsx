import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OfferSchema, type Offer } from '../../../shared/planning/costsSchema';
import type { OfferEvaluation } from '../../../shared/planning/costs';
import { diskTypes, raidLevels, type DiskType, type RaidLevel } from '../../../shared/planning/hardwareSchema';
import type { HardwareDraft } from '../../components/hardwareDraft';
import { NumField } from '../../components/NumField';
import { fmtEur, fmtNumber } from '../../components/format';
import { usePlanning } from '../../components/planning';
import { useStore } from '../../store';

interface Draft extends HardwareDraft {
  vendor: string;
  model: string;
  priceEur?: number;
  powerW?: number;
  rackUnits?: number;
}

function draftOf(o: Offer | undefined): Draft {
  if (!o) return { vendor: '', model: '', cpuModel: '', diskType: 'sas', raidLevel: 'raid10' };
  const fastest = [...o.spec.nics].sort((a, b) => b.speedGbps - a.speedGbps)[0];
  return {
    vendor: o.vendor, model: o.model, cpuModel: o.spec.cpuModel, cores: o.spec.cores, threads: o.spec.threads, ramGb: o.spec.ramGb,
    diskCount: o.spec.disks.count, diskSizeGb: o.spec.disks.sizeGb, diskType: o.spec.disks.type, raidLevel: o.spec.disks.raidLevel,
    ...(fastest ? { nicCount: fastest.count, nicGbps: fastest.speedGbps } : {}),
    priceEur: o.priceEur,
    ...(o.powerW !== undefined ? { powerW: o.powerW } : {}),
    ...(o.rackUnits !== undefined ? { rackUnits: o.rackUnits } : {}),
  };
}

function offerOf(id: string, d: Draft, previous: Offer | undefined) {
  // NICs other than the fastest (edited here) are kept as they were.
  const others = previous ? [...previous.spec.nics].sort((a, b) => b.speedGbps - a.speedGbps).slice(1) : [];
  return OfferSchema.safeParse({
    id, vendor: d.vendor.trim(), model: d.model.trim(),
    spec: {
      cpuModel: d.cpuModel.trim(), cores: d.cores, threads: d.threads, ramGb: d.ramGb,
      disks: { count: d.diskCount, sizeGb: d.diskSizeGb, type: d.diskType, raidLevel: d.raidLevel },
      nics: d.nicCount !== undefined && d.nicGbps !== undefined ? [{ count: d.nicCount, speedGbps: d.nicGbps }, ...others] : others,
    },
    priceEur: d.priceEur,
    ...(d.powerW !== undefined ? { powerW: d.powerW } : {}),
    ...(d.rackUnits !== undefined ? { rackUnits: d.rackUnits } : {}),
  });
}

function OfferEditor({ offer, onDone }: { offer: Offer | undefined; onDone(): void }) {
  const { t } = useTranslation('planui');
  const { update } = usePlanning();
  const [d, setD] = useState<Draft>(() => draftOf(offer));
  const [tried, setTried] = useState(false);
  const set = (patch: Partial<Draft>) => setD((x) => {
    const n = { ...x, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete (n as Record<string, unknown>)[k];
    return n;
  });
  const num = (k: 'cores' | 'threads' | 'ramGb' | 'diskCount' | 'diskSizeGb' | 'nicCount' | 'nicGbps' | 'priceEur' | 'powerW' | 'rackUnits', unit?: string, opts: { integer?: boolean; optional?: boolean; min?: number } = {}) => (
    <NumField name={`offer.${k}`} label={t(`costs.offers.fields.${k}`)} value={d[k]} unit={unit} min={opts.min ?? 0} integer={opts.integer} optional={opts.optional}
      onChange={(v) => set({ [k]: v })} />
  );
  const text = (k: 'vendor' | 'model' | 'cpuModel') => (
    <div className="field">
      <label htmlFor={`offer-${k}`}>{t(`costs.offers.fields.${k}`)}</label>
      <input id={`offer-${k}`} value={d[k]} maxLength={200} onChange={(e) => set({ [k]: e.target.value })} />
    </div>
  );
  const save = () => {
    const id = offer?.id ?? `offer-${Date.now().toString(36)}`;
    const r = offerOf(id, d, offer);
    if (!r.success || !d.vendor.trim() || !d.model.trim()) {
      setTried(true);
      return;
    }
    update((pl) => {
      const offers = offer ? pl.costs.offers.map((o) => (o.id === offer.id ? r.data : o)) : [...pl.costs.offers, r.data];
      return { ...pl, costs: { ...pl.costs, offers } };
    });
    onDone();
  };
  return (
    <form className="form plan-form offer-editor" aria-label={offer ? t('costs.offers.editTitle') : t('costs.offers.newTitle')}
      onSubmit={(e) => { e.preventDefault(); save(); }}>
      <fieldset>
        <legend>{offer ? t('costs.offers.editTitle') : t('costs.offers.newTitle')}</legend>
        <div className="grid4">
          {text('vendor')}
          {text('model')}
          <div className="span2">{text('cpuModel')}</div>
          {num('cores', undefined, { integer: true, min: 1 })}
          {num('threads', undefined, { integer: true, min: 1 })}
          {num('ramGb', 'GB')}
          {num('diskCount', undefined, { integer: true, min: 1 })}
          {num('diskSizeGb', 'GB')}
          <div className="field">
            <label htmlFor="offer-disktype">{t('costs.offers.fields.diskType')}</label>
            <select id="offer-disktype" value={d.diskType} onChange={(e) => set({ diskType: e.target.value as DiskType })}>
              {diskTypes.map((x) => <option key={x} value={x}>{t(`planning:values.diskType.${x}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="offer-raid">{t('costs.offers.fields.raidLevel')}</label>
            <select id="offer-raid" value={d.raidLevel} onChange={(e) => set({ raidLevel: e.target.value as RaidLevel })}>
              {raidLevels.map((x) => <option key={x} value={x}>{t(`planning:values.raidLevel.${x}`)}</option>)}
            </select>
          </div>
          {num('nicCount', undefined, { integer: true, optional: true, min: 1 })}
          {num('nicGbps', 'Gbit/s', { optional: true })}
          {num('priceEur', '€')}
          {num('powerW', 'W', { optional: true })}
          {num('rackUnits', 'HE', { integer: true, optional: true })}
        </div>
        {tried ? <p className="error-text" role="alert">{t('costs.offers.incomplete')}</p> : null}
        <div className="row-actions">
          <button type="submit" className="primary">{t('costs.offers.save')}</button>
          <button type="button" onClick={onDone}>{t('costs.offers.cancel')}</button>
        </div>
      </fieldset>
    </form>
  );
}

function Checks({ e }: { e: OfferEvaluation }) {
  const { t } = useTranslation('planui');
  if (!e.checks) return <span className="muted">{t('costs.offers.noSizing')}</span>;
  const val = (v: number | string | null) => (v === null ? '?' : typeof v === 'number' ? fmtNumber(v, 0) : v);
  return (
    <ul className="checks" aria-label={t('costs.offers.checksFor', { offer: `${e.vendor} ${e.model}` })}>
      {e.checks.map((c) => (
        <li key={c.id} className={`pill ${c.meets === true ? 'ok' : c.meets === false ? 'bad' : 'warn'}`}
          title={t('costs.offers.checkTitle', { required: val(c.required), offered: val(c.offered) })}>
          {c.meets === true ? '✓' : c.meets === false ? '✗' : '?'} {t(`costs.offers.req.${c.id}`)}
          {c.meets === false ? ` (${val(c.offered)} < ${val(c.required)})` : ''}
        </li>
      ))}
    </ul>
  );
}

/** Hardware offers for the secondary, each checked against the sizing; one is chosen. */
export function Offers({ evaluations }: { evaluations: OfferEvaluation[] }) {
  const { t } = useTranslation('planui');
  const { planning, update } = usePlanning();
  const editing = useStore((s) => s.costsEditing);
  const setEditing = useStore((s) => s.setCostsEditing);
  if (!planning) return null;
  const offers = planning.costs.offers;
  const choose = (id: string) => update((pl) => ({ ...pl, costs: { ...pl.costs, chosenOfferId: id } }));
  const remove = (id: string) =>
    update((pl) => {
      const costs = { ...pl.costs, offers: pl.costs.offers.filter((o) => o.id !== id) };
      if (costs.chosenOfferId === id) delete costs.chosenOfferId;
      return { ...pl, costs };
    });
  return (
    <section className="card wide" aria-labelledby="costs-offers">
      <h2 id="costs-offers">{t('costs.offers.title')}</h2>
      <p className="hint">{t('costs.offers.intro')}</p>
      {offers.length ? (
        <table className="plan-table offers">
          <thead>
            <tr>
              <th scope="col">{t('costs.offers.offer')}</th>
              <th scope="col">{t('costs.offers.specs')}</th>
              <th scope="col" className="num">{t('costs.offers.price')}</th>
              <th scope="col">{t('costs.offers.check')}</th>
              <th scope="col">{t('costs.offers.choose')}</th>
              <th scope="col"><span className="sr-only">{t('costs.offers.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {offers.map((o) => {
              const e = evaluations.find((x) => x.id === o.id);
              const name = `${o.vendor} ${o.model}`;
              return (
                <tr key={o.id} data-offer={o.id} className={planning.costs.chosenOfferId === o.id ? 'chosen' : undefined}>
                  <th scope="row">{name}</th>
                  <td className="specs">
                    {o.spec.cpuModel ? `${o.spec.cpuModel}, ` : ''}{o.spec.cores}C/{o.spec.threads}T, {fmtNumber(o.spec.ramGb)} GB RAM,{' '}
                    {o.spec.disks.count} × {fmtNumber(o.spec.disks.sizeGb, 0)} GB {t(`planning:values.diskType.${o.spec.disks.type}`)} {t(`planning:values.raidLevel.${o.spec.disks.raidLevel}`)}
                    {o.spec.nics.length ? `, ${o.spec.nics.map((n) => `${n.count} × ${fmtNumber(n.speedGbps)} Gbit/s`).join(' + ')}` : ''}
                  </td>
                  <td className="num">{fmtEur(o.priceEur)}</td>
                  <td>{e ? <Checks e={e} /> : null}</td>
                  <td>
                    <label className="choose">
                      <input type="radio" name="chosen-offer" checked={planning.costs.chosenOfferId === o.id} onChange={() => choose(o.id)}
                        aria-label={t('costs.offers.chooseOffer', { offer: name })} />
                      {t('costs.offers.chooseShort')}
                    </label>
                  </td>
                  <td><div className="row-actions">
                    <button type="button" onClick={() => setEditing(o.id)} aria-label={t('costs.offers.editOffer', { offer: name })}>✎</button>
                    <button type="button" onClick={() => remove(o.id)} aria-label={t('costs.offers.removeOffer', { offer: name })}>✕</button>
                  </div></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t('costs.offers.none')}</p>
      )}
      {editing ? (
        <OfferEditor key={editing} offer={offers.find((o) => o.id === editing)} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>+ {t('costs.offers.add')}</button>
      )}
    </section>
  );
}
