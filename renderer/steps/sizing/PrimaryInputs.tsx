import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { diskTypes, raidLevels } from '../../../shared/planning/hardwareSchema';
import type { PlanningInputs } from '../../../shared/planning/fromProject';
import type { PrimaryField, PrimaryFieldId, PrimaryValue, PrimaryValues } from '../../../shared/planning/primaryFields';
import { NumField } from '../../components/NumField';
import { useQuantity } from '../../components/quantity';
import { usePlanning } from '../../components/planning';
import { useStore } from '../../store';

type NumId = Exclude<PrimaryFieldId, 'cpuModel' | 'diskType' | 'raidLevel'>;
const units: Partial<Record<PrimaryFieldId, string>> = {
  cores: 'cores', threads: 'threads', ramGb: 'GB', diskCount: 'disks', diskSizeGb: 'GB', nicCount: 'count', nicGbps: 'Gbit/s',
  vmailGb: 'GB', mariadbGb: 'GB', spoolGb: 'GB', bufferPoolGb: 'GB', mailsPerDay: 'mails/day', peakCpuPct: '%',
};
const limits: Partial<Record<NumId, { min: number; max?: number; integer?: boolean }>> = {
  cores: { min: 1, max: 1024, integer: true }, threads: { min: 1, max: 2048, integer: true }, ramGb: { min: 0.5, max: 65536 },
  diskCount: { min: 1, max: 128, integer: true }, diskSizeGb: { min: 1, max: 1_000_000 }, nicCount: { min: 1, max: 16, integer: true },
  nicGbps: { min: 0.1, max: 800 }, bufferPoolGb: { min: 0, max: 65536 }, peakCpuPct: { min: 0, max: 100 },
};

function useValueText() {
  const { t } = useTranslation('planui');
  const q = useQuantity();
  return (id: PrimaryFieldId, v: PrimaryValue | undefined): string => {
    if (v === undefined) return '–';
    if (id === 'diskType' || id === 'raidLevel') return t(`planning:values.${id}.${v}`);
    if (typeof v === 'string') return v;
    return q(v, units[id] ?? '', id === 'mailsPerDay' ? 0 : undefined);
  };
}

/** Where a value comes from, under its field: collected, estimated, corrected here (with the collected value), missing. */
function Source({ f, onReset }: { f: PrimaryField; onReset(): void }) {
  const { t } = useTranslation('planui');
  const text = useValueText();
  if (f.source === 'override') {
    return (
      <span className="src src-override">
        {f.fact === undefined ? t('sizing.source.enteredHere') : t('sizing.source.corrected', { value: text(f.id, f.fact) })}
        <button type="button" className="link src-reset" onClick={onReset} aria-label={t('sizing.source.resetFor', { field: t(`planning:fields.${f.id}`) })}>
          ↺ {f.fact === undefined ? t('sizing.source.clear') : t('sizing.source.reset')}
        </button>
      </span>
    );
  }
  if (f.source === 'guessed') return <span className="src src-guessed">{t('sizing.source.guessed')}</span>;
  if (f.source === 'missing') {
    if (f.id === 'peakCpuPct') return <span className="src src-facts">{t('sizing.primary.peakCpuHint')}</span>;
    if (f.id === 'nicCount' || f.id === 'nicGbps') return <span className="src src-facts">{t('sizing.source.optional')}</span>;
    return <span className="src src-missing">{t('sizing.source.missing')}</span>;
  }
  return <span className="src src-facts">{t('sizing.source.facts')}</span>;
}

/**
 * The existing server as the sizing reads it: the Ist-Analyse facts, one field each, with a visible mark where
 * a value is corrected here (the collected value beside it, one click back). Folded to one line once the facts
 * give every value; open while something is missing or estimated.
 */
export function PrimaryInputs({ inputs }: { inputs: PlanningInputs }) {
  const { t } = useTranslation('planui');
  const { update } = usePlanning();
  const openState = useStore((s) => s.sizingPrimaryOpen);
  const setOpen = useStore((s) => s.setSizingPrimaryOpen);
  const goTo = useStore((s) => s.goTo);
  const setAnaTab = useStore((s) => s.setAnaTab);
  const source = useStore((s) => s.project?.facts?.source);
  const text = useValueText();
  const pf = inputs.primaryFields;
  const fields = pf.fields;
  const needsLook = pf.missing.length > 0 || pf.guessed.length > 0;
  const open = openState ?? needsLook;

  const setOverride = (id: PrimaryFieldId, v: PrimaryValue | undefined) => {
    // Correcting the last guessed value must not fold the fields away under the user's hands.
    if (openState === null) setOpen(open);
    update((pl) => {
      const next: Record<string, PrimaryValue> = { ...(pl.sizing.overrides ?? {}) };
      // A value equal to the collected one is no correction; an emptied field falls back to the facts.
      if (v === undefined || v === fields[id].fact) delete next[id];
      else next[id] = v;
      const { primary: _legacy, ...sizing } = pl.sizing;
      return { ...pl, sizing: { ...sizing, overrides: next as PrimaryValues } };
    });
  };
  const hint = (id: PrimaryFieldId): ReactNode => <Source f={fields[id]} onReset={() => setOverride(id, undefined)} />;
  const optionalIds: readonly PrimaryFieldId[] = ['peakCpuPct', 'nicCount', 'nicGbps'];
  const cls = (id: PrimaryFieldId) => `src-field src-${fields[id].source === 'missing' && optionalIds.includes(id) ? 'optional' : fields[id].source}`;
  const num = (id: NumId) => {
    const l = limits[id] ?? { min: 0 };
    const v = fields[id].value;
    return (
      <NumField key={id} name={`primary.${id}`} label={t(`planning:fields.${id}`)} value={typeof v === 'number' ? v : undefined}
        onChange={(x) => setOverride(id, x)} min={l.min} max={l.max} integer={l.integer}
        optional={id === 'peakCpuPct' || id === 'nicCount' || id === 'nicGbps'} unit={unitText(t, id)} hint={hint(id)} digits={l.integer ? undefined : 2} className={cls(id)} />
    );
  };
  const select = (id: 'diskType' | 'raidLevel', options: readonly string[]) => (
    <div className={`field ${cls(id)}`}>
      <label htmlFor={`primary-${id}`}>{t(`planning:fields.${id}`)}</label>
      <select id={`primary-${id}`} name={`primary.${id}`} value={String(fields[id].value ?? '')} aria-describedby={`primary-${id}-src`}
        onChange={(e) => setOverride(id, e.target.value)}>
        {fields[id].value === undefined ? <option value="">–</option> : null}
        {options.map((o) => <option key={o} value={o}>{t(`planning:values.${id}.${o}`)}</option>)}
      </select>
      <div className="field-msg" id={`primary-${id}-src`}>{hint(id)}</div>
    </div>
  );
  const toAnalysis = () => {
    setAnaTab('manual');
    goTo('analysis');
  };
  const p = (id: PrimaryFieldId) => text(id, fields[id].value);
  // Data sizes in a sentence: as many decimals as a small lab server needs, no more.
  const q = useQuantity();
  const size = (id: PrimaryFieldId) => {
    const v = fields[id].value;
    if (typeof v !== 'number') return '–';
    return v > 0 && v < 0.01 ? `< ${q(0.01, 'GB', 2)}` : q(v, 'GB', v >= 10 ? 0 : v >= 1 ? 1 : 2);
  };
  const summary = [
    fields.cpuModel.value ? String(fields.cpuModel.value) : null,
    `${p('cores')} / ${p('threads')}`,
    `${p('ramGb')} RAM`,
    `${fields.diskCount.value ?? '–'} × ${p('diskSizeGb')} ${p('diskType')}, ${p('raidLevel')}`,
    fields.nicCount.value !== undefined ? `${p('nicCount')} × ${p('nicGbps')}` : null,
    t('sizing.primary.dataSummary', { vmail: size('vmailGb'), db: size('mariadbGb'), spool: size('spoolGb') }),
    p('mailsPerDay'),
  ].filter(Boolean);

  return (
    <section className="card primary-inputs" aria-labelledby="sz-primary">
      <div className="primary-head">
        <h2 id="sz-primary">{t('sizing.primary.title')}</h2>
        <span className="muted">{t(`sizing.primary.from.${source ?? 'none'}`)}</span>
        {pf.overridden.length ? <span className="pill warn">{t('sizing.primary.corrected', { count: pf.overridden.length })}</span> : null}
        {pf.missing.length ? <span className="pill bad">{t('sizing.primary.missing', { count: pf.missing.length })}</span> : null}
        {pf.guessed.length ? <span className="pill warn">{t('sizing.primary.guessed', { count: pf.guessed.length })}</span> : null}
        <button type="button" className="link primary-toggle" aria-expanded={open} aria-controls="sz-primary-fields" onClick={() => setOpen(!open)}>
          {open ? `▾ ${t('sizing.primary.fold')}` : `▸ ${t('sizing.primary.unfold')}`}
        </button>
      </div>
      {!open ? <p className="primary-summary" data-testid="primary-summary">{summary.join(' · ')}</p> : (
        <div id="sz-primary-fields" className="form plan-form">
          <p className="hint">
            {t('sizing.primary.intro')}{' '}
            <button type="button" className="link" onClick={toAnalysis}>{t('sizing.primary.toAnalysis')}</button>
          </p>
          <div className="grid4">
            <div className={`field span2 ${cls('cpuModel')}`}>
              <label htmlFor="primary-cpu">{t('planning:fields.cpuModel')}</label>
              <input id="primary-cpu" name="primary.cpuModel" value={String(fields.cpuModel.value ?? '')} maxLength={200}
                onChange={(e) => setOverride('cpuModel', e.target.value === '' ? undefined : e.target.value)} />
              <div className="field-msg">{hint('cpuModel')}</div>
            </div>
            {num('cores')}
            {num('threads')}
            {num('ramGb')}
            {num('diskCount')}
            {num('diskSizeGb')}
            {select('diskType', diskTypes)}
            {select('raidLevel', raidLevels)}
            {num('nicCount')}
            {num('nicGbps')}
            {num('vmailGb')}
            {num('mariadbGb')}
            {num('spoolGb')}
            {num('bufferPoolGb')}
            {num('mailsPerDay')}
            {num('peakCpuPct')}
          </div>
        </div>
      )}
    </section>
  );
}

/** The unit beside an input, in the UI's language (plural form for "Kerne", "Platten" ...). */
function unitText(t: (k: string, p?: Record<string, unknown>) => string, id: PrimaryFieldId): string | undefined {
  const u = units[id];
  if (!u || u === 'count') return undefined;
  return t(`planning:units.${u}`, { count: 2 });
}
