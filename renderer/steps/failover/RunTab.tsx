import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultSelection, type CaseId } from '../../../shared/failover/cases';
import { useStore } from '../../store';
import { CaseList } from './CaseList';
import { ConfirmRun } from './ConfirmRun';
import { sec } from './format';
import { LivePanel } from './LivePanel';

function Interrupted() {
  const { t } = useTranslation('failover');
  const runs = useStore((s) => s.foInterrupted);
  const load = useStore((s) => s.loadFoInterrupted);
  const undo = useStore((s) => s.undoFoInterrupted);
  const projectId = useStore((s) => s.project?.id);
  useEffect(() => void load(), [load, projectId]);
  if (!runs.length) return null;
  return (
    <section className="card attention" aria-labelledby="fo-int-title">
      <h2 id="fo-int-title">{t('ui.interrupted.title')}</h2>
      {runs.map((r) => (
        <div key={r.id} className="fo-int">
          <p>{t('ui.interrupted.text', { case: t(`cases.${r.pending!.caseId}.title`), steps: r.pending!.undo.length })}</p>
          <button type="button" onClick={() => void undo(r.id)}>{t('ui.interrupted.undo')}</button>
        </div>
      ))}
    </section>
  );
}

/** Choose cases, read what the cluster is and what each case will run, start, watch it live. */
export function RunTab() {
  const { t } = useTranslation('failover');
  const p = useStore((s) => s.project);
  const preview = useStore((s) => (s.foPreview && s.foPreview.projectId === s.project?.id ? s.foPreview.data : undefined));
  const busy = useStore((s) => s.foPreviewBusy);
  const load = useStore((s) => s.loadFoPreview);
  const running = useStore((s) => s.foRun?.phase === 'running' && s.foRun.projectId === s.project?.id);
  const start = useStore((s) => s.startFoRun);
  const kind = useStore((s) => s.foKind);
  const setKind = useStore((s) => s.setFoKind);
  const label = useStore((s) => s.foLabel);
  const setLabel = useStore((s) => s.setFoLabel);
  const [confirming, setConfirming] = useState(false);
  if (!p) return null;
  const stored = p.failover.settings.selectedCases;
  const selected: CaseId[] = stored.length ? stored : preview ? defaultSelection(preview.profile) : [];
  const runnable = selected.filter((c) => preview?.cases.find((x) => x.caseId === c)?.runnable);
  const blocking = (preview?.problems ?? []).filter((x) => x.key !== 'failover:problems.servicesNotOnOneNode');
  return (
    <div className="fo-run">
      <Interrupted />
      <section className="card" aria-labelledby="fo-cluster-title">
        <div className="fo-live-head">
          <h2 id="fo-cluster-title">{t('ui.run.cluster')}</h2>
          <button type="button" onClick={() => void load()} disabled={busy || running}>{busy ? t('ui.run.checking') : preview ? t('ui.run.recheck') : t('ui.run.check')}</button>
        </div>
        {preview ? (
          <>
            <p data-testid="fo-profile">
              {t('ui.run.profile', {
                platform: t(`ui.platform.${preview.profile.platform}`), replication: t(`ui.replication.${preview.profile.replication}`),
                stonith: preview.profile.stonith ? t('ui.run.yes') : t('ui.run.no'), quorum: t(`ui.quorum.${preview.profile.quorum}`),
              })}
            </p>
            <p>{t('ui.run.servicesOn', { nodes: preview.servicesOn.join(', ') || '–' })} · {t('ui.run.floor', { floor: sec(preview.detectionFloorMs) })} · {t('ui.run.targets', { planned: sec(preview.targets.plannedRtoMs), unplanned: sec(preview.targets.unplannedRtoMs) })}</p>
            {preview.problems.length ? (
              <ul className="fo-problems">
                {preview.problems.map((x) => <li key={x.key}>{t(x.key, { ...(x.params ?? {}), defaultValue: x.key })}</li>)}
              </ul>
            ) : null}
          </>
        ) : (
          <p className="hint">{t('ui.run.checkHint')}</p>
        )}
      </section>
      <section className="card" aria-labelledby="fo-cases-title">
        <h2 id="fo-cases-title">{t('ui.run.cases')}</h2>
        <CaseList selected={selected} preview={preview} disabled={running} />
        <div className="fo-start">
          <fieldset className="fo-kind-choice">
            <legend>{t('ui.run.kind')}</legend>
            <label className="fo-check"><input type="radio" name="fo-kind" checked={kind === 'acceptance'} onChange={() => setKind('acceptance')} /> {t('ui.run.acceptance')}</label>
            <label className="fo-check"><input type="radio" name="fo-kind" checked={kind === 'drill'} onChange={() => setKind('drill')} /> {t('ui.run.drill')}</label>
          </fieldset>
          <label className="fo-label">
            {t('ui.run.label')}
            <input value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} placeholder={t('ui.run.labelPlaceholder')} />
          </label>
          <button type="button" className="primary" disabled={!preview || running || !runnable.length || blocking.length > 0} onClick={() => setConfirming(true)}>
            {t('ui.run.start', { count: runnable.length })}
          </button>
        </div>
        {!preview ? <p className="hint">{t('ui.run.needCheck')}</p> : null}
      </section>
      <LivePanel />
      {confirming && preview ? (
        <ConfirmRun cases={runnable} preview={preview} onCancel={() => setConfirming(false)} onConfirm={() => { setConfirming(false); void start(runnable); }} />
      ) : null}
    </div>
  );
}
