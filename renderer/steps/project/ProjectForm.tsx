import { useTranslation } from 'react-i18next';
import type { ProjectMeta } from '../../../shared/project/meta';
import { Field } from '../../components/Field';
import { useStore } from '../../store';
import { metaErrors } from './status';

type TextField = 'customer' | 'title' | 'engineer';
type DateField = 'startDate' | 'endDate';
type AreaField = 'descriptionIst' | 'descriptionSoll';
type RateField = keyof ProjectMeta['rates'];

/** Customer, title, engineer, dates, Ist/Soll descriptions and hourly rates of the open project. */
export function ProjectForm() {
  const { t } = useTranslation('project');
  const meta = useStore((s) => s.project?.meta);
  const touched = useStore((s) => s.projectTouched);
  const touch = useStore((s) => s.touchProjectField);
  const updateMeta = useStore((s) => s.updateMeta);
  if (!meta) return null;
  const errors = metaErrors(meta);
  const err = (f: string) => (touched[f] ? errors[f] : undefined);

  const text = (f: TextField) => (
    <Field label={t(`fields.${f}`)} error={err(f)}>
      {(id, d) => (
        <input id={id} name={f} aria-describedby={d} value={meta[f]} maxLength={300}
          onChange={(e) => updateMeta({ [f]: e.target.value })} onBlur={() => touch(f)} />
      )}
    </Field>
  );
  const date = (f: DateField) => (
    <Field label={t(`fields.${f}`)} error={err(f)}>
      {(id, d) => (
        <input id={id} name={f} type="date" aria-describedby={d} value={meta[f]}
          onChange={(e) => updateMeta({ [f]: e.target.value })} onBlur={() => touch(f)} />
      )}
    </Field>
  );
  const area = (f: AreaField) => (
    <Field label={t(`fields.${f}`)} hint={t(`hints.${f}`)}>
      {(id, d) => (
        <textarea id={id} name={f} rows={5} aria-describedby={d} value={meta[f]}
          onChange={(e) => updateMeta({ [f]: e.target.value })} />
      )}
    </Field>
  );
  const rate = (f: RateField, unit: string) => (
    <Field label={t(`fields.rates.${f}`)} error={touched[`rates.${f}`] ? errors[`rates.${f}`] : undefined}>
      {(id, d) => (
        <div className="with-unit">
          <input id={id} name={`rates.${f}`} type="number" min={0} step={f === 'overheadPercent' ? 1 : 0.5} aria-describedby={d}
            value={Number.isFinite(meta.rates[f]) ? meta.rates[f] : ''}
            onChange={(e) => updateMeta({ rates: { ...meta.rates, [f]: e.target.value === '' ? NaN : Number(e.target.value) } })}
            onBlur={() => touch(`rates.${f}`)} />
          <span className="unit">{unit}</span>
        </div>
      )}
    </Field>
  );

  return (
    <form className="form" onSubmit={(e) => e.preventDefault()} aria-label={t('formLabel')}>
      <fieldset>
        <legend>{t('sections.basics')}</legend>
        <div className="grid2">
          {text('customer')}
          {text('title')}
          {text('engineer')}
          <div className="grid2 tight">
            {date('startDate')}
            {date('endDate')}
          </div>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('sections.description')}</legend>
        <div className="grid2">
          {area('descriptionIst')}
          {area('descriptionSoll')}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('sections.rates')}</legend>
        <div className="grid3">
          {rate('engineer', t('units.perHour'))}
          {rate('apprentice', t('units.perHour'))}
          {rate('overheadPercent', '%')}
        </div>
        <p className="hint">{t('hints.rates')}</p>
      </fieldset>
    </form>
  );
}
