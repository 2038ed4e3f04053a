import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { cleanupAllowed } from '../../../shared/contract/methods/commission';
import { useStore } from '../../store';
import { fmtDateTime } from '../analysis/format';
import { ClusterStatusView } from './ClusterStatusView';
import { useErrorText } from './PlanErrors';
import { pick } from './l10n';
import { StepList } from './StepList';
import { dryViewSteps } from './viewSteps';

export const REFRESH_MS = 5000;


function DriftCard() {
  const { t } = useTranslation('install');
  const drift = useStore((s) => (s.insDrift?.projectId === s.project?.id ? s.insDrift : null));
  const check = useStore((s) => s.checkDrift);
  const busy = useStore((s) => s.insRun?.phase === 'running');
  const differ = drift?.items?.filter((i) => !i.ok) ?? [];
  return (
    <section className="card" id="ins-drift" aria-labelledby="ins-drift-title">
      <div className="ins-card-head">
        <h2 id="ins-drift-title">{t('ui.drift.title')}</h2>
        <button type="button" disabled={busy || drift?.phase === 'running'} onClick={() => void check()}>{t('ui.drift.check')}</button>
      </div>
      <p className="hint">{t('ui.drift.intro')}</p>
      {drift?.phase === 'running' ? <p className="ins-phase-running" role="status">{t('ui.drift.running')}</p> : null}
      {drift?.items ? (
        <>
          <p className={differ.length ? 'ins-warn-line' : 'ok-line'} role="status">{differ.length ? t('ui.drift.differ', { count: differ.length }) : t('ui.drift.equal', { count: drift.items.length })}</p>
          <ul className="plain ins-drift-list">
            {drift.items.map((i) => (
              <li key={`${i.id}-${i.node}`} data-ok={i.ok}>
                {i.ok ? '✓' : '≠'} {i.title ? pick(i.title) : i.id} <span className="ins-role">{t(`ui.roles.${i.node}`)}</span>
                {!i.ok && i.output ? <pre className="ins-code">{i.output}</pre> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** A side action with its own dry run first: the config sync, the legacy cleanup. */
function SideAction({ kind, allowed, blockedText }: { kind: 'configSync' | 'cleanup'; allowed: boolean; blockedText?: string }) {
  const { t } = useTranslation('install');
  const dry = useStore((s) => (s.insSideDryRun && s.insSideDryRun.projectId === s.project?.id && s.insSideDryRun.kind === kind ? s.insSideDryRun : null));
  const run = useStore((s) => (s.insRun && s.insRun.projectId === s.project?.id && s.insRun.kind === kind ? s.insRun : null));
  const busy = useStore((s) => s.insRun?.phase === 'running');
  const start = useStore((s) => (kind === 'configSync' ? s.startConfigSync : s.startCleanup));
  const errText = useErrorText();
  return (
    <section className="card" id={`ins-${kind}`} aria-labelledby={`ins-${kind}-title`}>
      <div className="ins-card-head">
        <h2 id={`ins-${kind}-title`}>{t(`ui.${kind}.title`)}</h2>
        <div className="row-actions">
          <button type="button" disabled={!allowed || busy || dry?.phase === 'running'} onClick={() => void start(true)}>{t(`ui.${kind}.preview`)}</button>
          {dry?.result?.steps.length ? <button type="button" className={kind === 'cleanup' ? 'ins-danger-btn' : 'primary'} disabled={!allowed || busy} onClick={() => void start(false)}>{t(`ui.${kind}.run`)}</button> : null}
        </div>
      </div>
      <p className="hint">{t(`ui.${kind}.intro`)}</p>
      {!allowed && blockedText ? <p className="notice">{blockedText}</p> : null}
      {dry?.phase === 'running' ? <p className="ins-phase-running" role="status">{t('ui.dry.running')}</p> : null}
      {dry?.result ? (dry.result.steps.length ? <StepList steps={dryViewSteps(dry.result)} label={t(`ui.${kind}.stepsLabel`)} /> : <p className="ok-line">{t(`ui.${kind}.nothing`)}</p>) : null}
      {run && run.phase !== 'running' ? (
        <p className={run.phase === 'completed' ? 'ok-line' : 'error-text'} role="status">
          {t(`ui.run.outcome.${kind}.${run.phase}`, { defaultValue: t(`ui.run.outcome.run.${run.phase}`) })}
          {run.error ? ` ${errText({ key: run.error.code, ...(run.error.params ? { params: run.error.params } : {}) })}` : ''}
        </p>
      ) : run ? <p className="ins-phase-running" role="status">{t('ui.run.runningSide')}</p> : null}
    </section>
  );
}

/** Tab 5: the cluster as it runs (refreshed while visible), drift check, config sync and, after accepted tests, the cleanup. */
export function StatusTab() {
  const { t } = useTranslation('install');
  const project = useStore((s) => s.project);
  const cluster = useStore((s) => (s.insCluster?.projectId === s.project?.id ? s.insCluster : null));
  const auto = useStore((s) => s.insAutoRefresh);
  const { refreshCluster, setInsAutoRefresh } = useStore.getState();
  const errText = useErrorText();
  const hasHosts = !!project?.hosts.primary && !!project.hosts.secondary;
  useEffect(() => {
    if (!hasHosts) return;
    void refreshCluster();
    if (!auto) return;
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') void refreshCluster();
    }, REFRESH_MS);
    return () => clearInterval(id);
  }, [auto, hasHosts, refreshCluster, project?.id]);
  if (!project) return null;
  const record = project.commission.record;
  return (
    <div>
      <p className="lead ins-tab-lead">{record?.state === 'completed' ? t('ui.cluster.leadDone', { at: fmtDateTime(record.completedAt) }) : t('ui.cluster.leadNotDone')}</p>
      <section className="card" aria-labelledby="ins-cluster-title">
        <div className="ins-card-head">
          <h2 id="ins-cluster-title">{t('ui.cluster.title')}</h2>
          <div className="row-actions">
            <label className="ins-check"><input type="checkbox" checked={auto} onChange={(e) => setInsAutoRefresh(e.target.checked)} /> {t('ui.cluster.auto', { s: REFRESH_MS / 1000 })}</label>
            <button type="button" disabled={!hasHosts || cluster?.loading} onClick={() => void refreshCluster()}>{cluster?.loading ? t('ui.cluster.refreshing') : t('ui.cluster.refresh')}</button>
          </div>
        </div>
        {!hasHosts ? <p className="muted">{t('ui.cluster.noHosts')}</p> : null}
        {cluster?.error ? <p className="error-text" role="alert">{errText({ key: cluster.error.code, ...(cluster.error.params ? { params: cluster.error.params } : {}) })}</p> : null}
        {cluster?.at ? <p className="hint" role="status">{t('ui.cluster.readAt', { at: fmtDateTime(new Date(cluster.at).toISOString()) })}</p> : cluster?.loading ? <p className="ins-phase-running">{t('ui.cluster.reading')}</p> : null}
      </section>
      {cluster?.status ? <ClusterStatusView status={cluster.status} /> : null}
      <DriftCard />
      <SideAction kind="configSync" allowed={!!record} blockedText={t('ui.configSync.blocked')} />
      <SideAction kind="cleanup" allowed={cleanupAllowed(project)} blockedText={t('ui.cleanup.blocked')} />
    </div>
  );
}
