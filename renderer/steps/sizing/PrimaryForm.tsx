import { useTranslation } from 'react-i18next';
import { diskTypes, PrimaryFactsSchema, raidLevels, type PrimaryFacts } from '../../../shared/planning/hardwareSchema';
import { NumField } from '../../components/NumField';
import { ReasonList } from '../../components/Reasons';
import { usePlanning } from '../../components/planning';
import { useStore } from '../../store';
import { planningInputsOf, primaryOf } from './inputs';
import type { PrimaryDraft } from './slice';

const emptyDraft: PrimaryDraft = { cpuModel: '', diskType: 'sas', raidLevel: 'raid10' };

export function draftFrom(p: PrimaryFacts | undefined): PrimaryDraft {
  if (!p) return emptyDraft;
  const nic = p.nics[0];
  return {
    cpuModel: p.cpuModel, cores: p.cores, threads: p.threads, ramGb: p.ramGb,
    diskCount: p.disks.count, diskSizeGb: p.disks.sizeGb, diskType: p.disks.type, raidLevel: p.disks.raidLevel,
    ...(nic ? { nicCount: nic.count, nicGbps: nic.speedGbps } : {}),
    vmailGb: p.data.vmailGb, mariadbGb: p.data.mariadbGb, spoolGb: p.data.spoolGb,
    bufferPoolGb: p.mariadbBufferPoolGb, mailsPerDay: p.mailsPerDay,
    ...(p.peakCpuPct !== undefined ? { peakCpuPct: p.peakCpuPct } : {}),
  };
}

/** The draft as the engine's input, or null while something required is missing or invalid. */
export function primaryFromDraft(d: PrimaryDraft): PrimaryFacts | null {
  const r = PrimaryFactsSchema.safeParse({
    cpuModel: d.cpuModel.trim(),
    cores: d.cores, threads: d.threads, ramGb: d.ramGb,
    disks: { count: d.diskCount, sizeGb: d.diskSizeGb, type: d.diskType, raidLevel: d.raidLevel },
    nics: d.nicCount !== undefined && d.nicGbps !== undefined ? [{ count: d.nicCount, speedGbps: d.nicGbps }] : [],
    data: { vmailGb: d.vmailGb, mariadbGb: d.mariadbGb, spoolGb: d.spoolGb },
    mariadbBufferPoolGb: d.bufferPoolGb,
    mailsPerDay: d.mailsPerDay,
    ...(d.peakCpuPct !== undefined ? { peakCpuPct: d.peakCpuPct } : {}),
  });
  return r.success ? r.data : null;
}

export function useDraft(): PrimaryDraft {
  const { project } = usePlanning();
  const stored = useStore((s) => s.sizingDraft);
  if (project && stored?.projectId === project.id) return stored.draft;
  return draftFrom(project ? primaryOf(project) : undefined);
}

type NumKey = Exclude<keyof PrimaryDraft, 'cpuModel' | 'diskType' | 'raidLevel'>;

/** Hand entry of the primary server: hardware, data sizes and mail volume. */
export function PrimaryForm() {
  const { t } = useTranslation('planui');
  const { project, update } = usePlanning();
  const setDraft = useStore((s) => s.setSizingDraft);
  const draft = useDraft();
  if (!project) return null;

  const change = (patch: Partial<PrimaryDraft>) => {
    const next = { ...draft, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete (next as Record<string, unknown>)[k];
    setDraft(project.id, next);
    const primary = primaryFromDraft(next);
    if (primary) update((pl) => ({ ...pl, sizing: { ...pl.sizing, primary } }));
  };
  const num = (k: NumKey, opts: { unit?: string; min?: number; max?: number; integer?: boolean; optional?: boolean; hint?: string } = {}) => (
    <NumField name={`primary.${k}`} label={t(`sizing.primary.${k}`)} value={draft[k]} onChange={(v) => change({ [k]: v })}
      min={opts.min ?? 0} max={opts.max} integer={opts.integer} optional={opts.optional} unit={opts.unit} hint={opts.hint} digits={opts.integer ? undefined : 2} />
  );
  const incomplete = primaryFromDraft(draft) === null;
  const inputs = planningInputsOf(project);
  const fromFacts = inputs.ok && inputs.value.primarySource === 'facts';
  const notes = inputs.ok ? inputs.value.notes.filter((n) => !n.key.endsWith('noPrimary')) : [];

  return (
    <form className="form plan-form" onSubmit={(e) => e.preventDefault()} aria-label={t('sizing.primary.formLabel')}>
      <fieldset>
        <legend>{t('sizing.primary.title')}</legend>
        <p className="hint">{t('sizing.primary.intro')}</p>
        {fromFacts ? <p className="notice" role="status">{t('sizing.primary.fromFacts')}</p> : null}
        <ReasonList items={notes} severity="info" />
        <div className="grid4">
          <div className="field span2">
            <label htmlFor="primary-cpu">{t('sizing.primary.cpuModel')}</label>
            <input id="primary-cpu" name="primary.cpuModel" value={draft.cpuModel} maxLength={200}
              onChange={(e) => change({ cpuModel: e.target.value })} />
          </div>
          {num('cores', { min: 1, max: 1024, integer: true })}
          {num('threads', { min: 1, max: 2048, integer: true })}
          {num('ramGb', { unit: 'GB', max: 65536 })}
          {num('diskCount', { min: 1, max: 128, integer: true })}
          {num('diskSizeGb', { unit: 'GB', max: 1_000_000, hint: t('sizing.primary.diskSizeHint') })}
          <div className="field">
            <label htmlFor="primary-disktype">{t('sizing.primary.diskType')}</label>
            <select id="primary-disktype" name="primary.diskType" value={draft.diskType} onChange={(e) => change({ diskType: e.target.value as PrimaryDraft['diskType'] })}>
              {diskTypes.map((d) => <option key={d} value={d}>{t(`diskTypes.${d}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="primary-raid">{t('sizing.primary.raidLevel')}</label>
            <select id="primary-raid" name="primary.raidLevel" value={draft.raidLevel} onChange={(e) => change({ raidLevel: e.target.value as PrimaryDraft['raidLevel'] })}>
              {raidLevels.map((r) => <option key={r} value={r}>{t(`raidLevels.${r}`)}</option>)}
            </select>
          </div>
          {num('nicCount', { min: 1, max: 16, integer: true, optional: true })}
          {num('nicGbps', { unit: 'Gbit/s', max: 800, optional: true })}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('sizing.primary.dataTitle')}</legend>
        <div className="grid4">
          {num('vmailGb', { unit: 'GB' })}
          {num('mariadbGb', { unit: 'GB' })}
          {num('spoolGb', { unit: 'GB' })}
          {num('bufferPoolGb', { unit: 'GB', max: 65536, hint: t('sizing.primary.bufferPoolHint') })}
          {num('mailsPerDay')}
          {num('peakCpuPct', { unit: '%', max: 100, optional: true, hint: t('sizing.primary.peakCpuHint') })}
        </div>
        {incomplete ? <p className="notice" role="status">{t('sizing.primary.incomplete')}</p> : null}
      </fieldset>
    </form>
  );
}
