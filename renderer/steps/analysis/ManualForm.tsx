import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyManual, draftFromFacts, manualDiskTypes, manualErrors, manualRaidLevels, type ManualDraft, type ManualField } from '../../../shared/wizard/manualEntry';
import { Field } from '../../components/Field';
import { useStore } from '../../store';

/** Fields whose label is the planning's, so the hand form and Sizing call each value by the same name. */
const planningLabel = (f: ManualField) => !f.endsWith('Version');

/**
 * Hand entry and correction of the facts: every value the planning needs about the existing server (the
 * measured peak CPU load is asked in Sizing), plus the software versions. Only fields the user changes are
 * written (source 'manual'); nothing is added that was not entered.
 */
export function ManualForm() {
  const { t } = useTranslation('anaui');
  const facts = useStore((s) => s.project?.facts);
  const applyFacts = useStore((s) => s.applyFacts);
  const setTab = useStore((s) => s.setAnaTab);
  const goTo = useStore((s) => s.goTo);
  const [initial, setInitial] = useState(() => draftFromFacts(facts));
  const [draft, setDraft] = useState<ManualDraft>(initial);
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState(false);
  const changed = new Set((Object.keys(draft) as ManualField[]).filter((k) => draft[k] !== initial[k]));
  const errors = manualErrors(draft, changed);
  const errorCount = Object.keys(errors).length;
  const err = (f: ManualField) => (tried || (changed.has(f) && draft[f] !== '') ? errors[f] : undefined);
  const set = (f: ManualField, v: string) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [f]: v }));
  };
  const label = (f: ManualField) => (planningLabel(f) ? t(`planning:fields.${f}`) : t(`manual.fields.${f}`));

  const save = () => {
    setTried(true);
    if (errorCount || changed.size === 0) return;
    const next = applyManual(facts, draft, changed, new Date());
    applyFacts(next);
    const fresh = draftFromFacts(next);
    setInitial(fresh);
    setDraft(fresh);
    setTried(false);
    setSaved(true);
  };

  const text = (f: ManualField, unit?: string, hint?: string) => (
    <Field label={label(f)} error={err(f)} hint={hint}>
      {(id, d) => (
        <div className="with-unit">
          <input id={id} name={f} aria-describedby={d} value={draft[f]} inputMode={unit !== undefined ? 'decimal' : undefined}
            className={changed.has(f) ? 'ana-changed' : ''} onChange={(e) => set(f, e.target.value)} />
          {unit ? <span className="unit">{unit}</span> : null}
        </div>
      )}
    </Field>
  );
  const select = (f: 'diskType' | 'raidLevel', options: readonly string[], hint?: string) => (
    <Field label={label(f)} error={err(f)} hint={hint}>
      {(id, d) => (
        <select id={id} name={f} aria-describedby={d} value={draft[f]} className={changed.has(f) ? 'ana-changed' : ''} onChange={(e) => set(f, e.target.value)}>
          {options.map((o) => <option key={o} value={o}>{t(`planning:values.${f}.${o}`)}</option>)}
        </select>
      )}
    </Field>
  );

  return (
    <form className="form ana-manual" aria-label={t('manual.formLabel')} onSubmit={(e) => { e.preventDefault(); save(); }}>
      <p className="lead">{t('manual.lead')}</p>
      <fieldset>
        <legend>{t('manual.hardware')}</legend>
        <div className="grid4">
          <div className="span2">{text('cpuModel', undefined, t('manual.hints.cpuModel'))}</div>
          {text('cores', '')}
          {text('threads', '', t('manual.hints.threads'))}
          {text('ramGb', 'GB')}
          {text('nicCount', '', t('manual.hints.nicCount'))}
          {text('nicGbps', 'Gbit/s', t('manual.hints.nicGbps'))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('manual.storage')}</legend>
        <div className="grid4">
          {text('diskCount', '')}
          {text('diskSizeGb', 'GB', t('manual.hints.diskSizeGb'))}
          {select('diskType', manualDiskTypes, t('manual.hints.diskType'))}
          {select('raidLevel', manualRaidLevels)}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('manual.data')}</legend>
        <div className="grid4">
          {text('vmailGb', 'GB', t('manual.hints.vmailGb'))}
          {text('mariadbGb', 'GB', t('manual.hints.mariadbGb'))}
          {text('spoolGb', 'GB', t('manual.hints.spoolGb'))}
          {text('bufferPoolGb', 'GB', t('manual.hints.bufferPoolGb'))}
          {text('mailsPerDay', t('manual.perDay'), t('manual.hints.mailsPerDay'))}
        </div>
        <p className="hint">
          {t('manual.askedInSizing')}{' '}
          <button type="button" className="link" onClick={() => goTo('sizing')}>{t('manual.toSizing')}</button>
        </p>
      </fieldset>
      <fieldset>
        <legend>{t('manual.versions')}</legend>
        <div className="grid4">
          {text('debianVersion', undefined, t('manual.hints.debianVersion'))}
          {text('postfixVersion', undefined, t('manual.hints.postfixVersion'))}
          {text('dovecotVersion', undefined, t('manual.hints.dovecotVersion'))}
          {text('mariadbVersion', undefined, t('manual.hints.mariadbVersion'))}
        </div>
      </fieldset>
      <div className="ana-manual-actions">
        <button type="submit" className="primary" disabled={changed.size === 0}>{t('manual.save', { count: changed.size })}</button>
        <button type="button" disabled={changed.size === 0} onClick={() => { setDraft(initial); setTried(false); }}>{t('manual.reset')}</button>
        {saved ? (
          <span className="ana-saved" role="status">
            ✓ {t('manual.saved')}{' '}
            <button type="button" className="link" onClick={() => setTab('results')}>{t('manual.toResults')}</button>
          </span>
        ) : tried && errorCount ? <span className="error-text" role="alert">{t('manual.fixErrors', { count: errorCount })}</span> : null}
      </div>
    </form>
  );
}
