import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { fmtDateTime } from '../analysis/format';
import { isUnfinished } from './status';

/**
 * On every tab: a run in progress (with its step) or an unfinished record from before (app closed, machine
 * off, connection lost), with resume and rollback one click away.
 */
export function ResumeBanner() {
  const { t } = useTranslation('install');
  const record = useStore((s) => s.project?.commission.record);
  const run = useStore((s) => (s.insRun?.projectId === s.project?.id ? s.insRun : null));
  const info = useStore((s) => (s.insRecordInfo?.projectId === s.project?.id ? s.insRecordInfo : null));
  const tab = useStore((s) => s.insTab);
  const { setInsTab, startRun } = useStore.getState();
  if (run?.phase === 'running') {
    if (tab === 'run' || run.kind === 'configSync' || run.kind === 'cleanup') return null;
    const p = run.progress;
    return (
      <div className="notice ins-banner" role="status">
        {/* A window that re-attached after a reload knows the step only from the next progress event. */}
        {p ? t('ui.banner.running', { kind: t(`ui.banner.kind.${run.kind}`), n: p.stepIndex + 1, count: p.stepCount }) : t('ui.banner.runningNoCount', { kind: t(`ui.banner.kind.${run.kind}`) })}{' '}
        <button type="button" className="ins-small" onClick={() => setInsTab('run')}>{t('ui.banner.show')}</button>
      </div>
    );
  }
  if (info?.running) return <div className="notice ins-banner" role="status">{t('ui.run.elsewhere')}</div>;
  if (!isUnfinished(record) || tab === 'run') return null;
  return (
    <div className="notice ins-banner ins-banner-unfinished" role="status" data-testid="resume-banner">
      {t('ui.resume.text', { at: fmtDateTime(record.startedAt), state: t(`ui.recordState.${record.state}`) })}{' '}
      <button type="button" className="primary ins-small" onClick={() => { setInsTab('run'); void startRun(true); }}>{t('ui.run.resume')}</button>{' '}
      <button type="button" className="ins-small" onClick={() => setInsTab('run', 'ins-rollback')}>{t('ui.resume.toRollback')}</button>
    </div>
  );
}
