import { useTranslation } from 'react-i18next';
import type { Growth, SizingAssumptions } from '../../../shared/planning/hardwareSchema';
import { NumField } from '../../components/NumField';
import { usePlanning } from '../../components/planning';
import { useStore } from '../../store';

/** Growth per year and the planning horizon, plus the main assumptions behind the sizing (folded). */
export function GrowthForm() {
  const { t } = useTranslation('planui');
  const { planning, update } = usePlanning();
  const open = useStore((s) => s.sizingAssumptionsOpen);
  const setOpen = useStore((s) => s.setSizingAssumptionsOpen);
  if (!planning) return null;
  const g = planning.growth;
  const a = planning.sizing.assumptions;
  const setGrowth = (k: keyof Growth, v: number | undefined) => {
    if (v !== undefined) update((pl) => ({ ...pl, growth: { ...pl.growth, [k]: v } }));
  };
  const setAssumption = (k: keyof SizingAssumptions, v: number | undefined) =>
    update((pl) => {
      const next = { ...pl.sizing.assumptions } as Record<string, number | undefined>;
      if (v === undefined) delete next[k];
      else next[k] = v;
      return { ...pl, sizing: { ...pl.sizing, assumptions: next as SizingAssumptions } };
    });
  // Optional assumptions fall back to what the facts say when emptied; the others keep their last value.
  const optional = (k: string) => k === 'drbdVolumeGb' || k === 'replicationLinkGbps';
  const assumption = (k: 'replicationLinkGbps' | 'maxFillPct' | 'osReserveGb' | 'ramHeadroomPct' | 'resyncSharePct' | 'drbdVolumeGb', unit: string, min: number, max?: number) => (
    <NumField name={`assumptions.${k}`} label={t(`sizing.assumptions.${k}`)} value={a[k]} onChange={(v) => (v === undefined && !optional(k) ? undefined : setAssumption(k, v))}
      unit={unit} min={min} max={max} optional={optional(k)} hint={optional(k) ? t(`sizing.assumptions.${k}Hint`) : undefined} />
  );

  return (
    <form className="form plan-form" onSubmit={(e) => e.preventDefault()} aria-label={t('sizing.growth.formLabel')}>
      <fieldset>
        <legend>{t('sizing.growth.title')}</legend>
        <div className="grid3">
          <NumField name="growth.mailVolumePctPerYear" label={t('sizing.growth.mail')} value={g.mailVolumePctPerYear} onChange={(v) => setGrowth('mailVolumePctPerYear', v)} unit={t('units.pctPerYear')} min={-50} max={500} />
          <NumField name="growth.storagePctPerYear" label={t('sizing.growth.storage')} value={g.storagePctPerYear} onChange={(v) => setGrowth('storagePctPerYear', v)} unit={t('units.pctPerYear')} min={-50} max={500} />
          <NumField name="growth.horizonYears" label={t('sizing.growth.horizon')} value={g.horizonYears} onChange={(v) => setGrowth('horizonYears', v)} unit={t('units.years')} min={1} max={15} integer />
        </div>
        <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? '▾ ' : '▸ '}{t('sizing.assumptions.toggle')}
        </button>
        {open ? (
          <div className="grid3 assumptions">
            {assumption('replicationLinkGbps', 'Gbit/s', 0.1, 800)}
            {assumption('maxFillPct', '%', 10, 100)}
            {assumption('osReserveGb', 'GB', 0)}
            {assumption('ramHeadroomPct', '%', 0, 300)}
            {assumption('resyncSharePct', '%', 1, 100)}
            {assumption('drbdVolumeGb', 'GB', 1)}
          </div>
        ) : null}
      </fieldset>
    </form>
  );
}
