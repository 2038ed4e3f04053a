import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { fmtDateTime } from '../analysis/format';
import { StepList } from './StepList';
import { dryViewSteps } from './viewSteps';

/**
 * Rollback: first its own dry run (which steps are undone, which files are put back, in which order), then
 * the run, which main confirms once more. Refused once the point of no return was crossed.
 */
export function RollbackCard() {
  const { t } = useTranslation('install');
  const dry = useStore((s) => (s.insRollbackDryRun?.projectId === s.project?.id ? s.insRollbackDryRun : null));
  const start = useStore((s) => s.startDryRun);
  const rollback = useStore((s) => s.startRollback);
  const record = useStore((s) => s.project?.commission.record);
  const busy = useStore((s) => s.insRun?.phase === 'running');
  if (!record) return null;
  const r = dry?.result;
  const refusedAt = r?.pointOfNoReturnAt ?? record.pointOfNoReturnAt;
  return (
    <section className="card" id="ins-rollback" aria-labelledby="ins-rollback-title">
      <div className="ins-card-head">
        <h2 id="ins-rollback-title">{t('ui.rollback.title')}</h2>
        <div className="row-actions">
          <button type="button" disabled={busy || dry?.phase === 'running' || !!record.pointOfNoReturnAt} onClick={() => void start('rollback')}>{r ? t('ui.rollback.previewAgain') : t('ui.rollback.preview')}</button>
          {r && !refusedAt && r.steps.length ? <button type="button" className="ins-danger-btn" disabled={busy} onClick={() => void rollback()}>{t('ui.rollback.run', { count: r.steps.length })}</button> : null}
        </div>
      </div>
      <p className="hint">{t('ui.rollback.intro')}</p>
      {dry?.phase === 'running' ? <p className="ins-phase-running" role="status">{t('ui.rollback.previewing')}</p> : null}
      {refusedAt ? <p className="error-text" role="alert">{t('ui.rollback.refused', { at: fmtDateTime(refusedAt) })}</p> : null}
      {r && !refusedAt ? (
        r.steps.length ? (
          <>
            <p>{t('ui.rollback.what', { count: r.steps.length })}</p>
            <StepList steps={dryViewSteps(r)} label={t('ui.rollback.stepsLabel')} />
          </>
        ) : (
          <p className="muted">{t('ui.rollback.nothing')}</p>
        )
      ) : null}
    </section>
  );
}
