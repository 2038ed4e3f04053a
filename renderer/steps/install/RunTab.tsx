import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { fmtDateTime } from '../analysis/format';
import { useErrorText } from './PlanErrors';
import { RollbackCard } from './RollbackCard';
import { RunOutput } from './RunOutput';
import { RunProgress } from './RunProgress';
import { RunSteps } from './RunSteps';
import { RunSummary } from './RunSummary';
import { secretsNeeded } from './SecretsCard';
import { isUnfinished } from './status';

interface Check {
  id: string;
  ok: boolean;
  text: string;
  fix?: () => void;
  fixLabel?: string;
}

/** Tab 4: run, pause, cancel, resume; progress, live output, the steps' states; the summary; rollback. */
export function RunTab() {
  const { t } = useTranslation('install');
  const errText = useErrorText();
  const project = useStore((s) => s.project);
  const plan = useStore((s) => s.insPlan?.result?.plan);
  const errors = useStore((s) => s.insPlan?.result?.errors ?? []);
  const secrets = useStore((s) => s.insCommissionSecrets?.status);
  const dry = useStore((s) => (s.insDryRun?.projectId === s.project?.id ? s.insDryRun : null));
  const run = useStore((s) => (s.insRun?.projectId === s.project?.id ? s.insRun : null));
  const info = useStore((s) => (s.insRecordInfo?.projectId === s.project?.id ? s.insRecordInfo : null));
  const { startRun, pauseRun, cancelRun, setInsTab } = useStore.getState();
  if (!project) return null;
  const record = project.commission.record;
  const running = run?.phase === 'running';
  const elsewhere = !running && !!info?.running;
  const unfinished = !running && !elsewhere && isUnfinished(record);
  const missingSecrets = [...secretsNeeded(plan)].filter((id) => !secrets?.[id as keyof typeof secrets]);
  const dryOk = !!plan && dry?.result?.planHash === plan.hash && dry.result.mode === 'run';
  const checks: Check[] = [
    { id: 'plan', ok: !!plan, text: plan ? t('ui.run.check.planOk', { count: plan.steps.length }) : t('ui.run.check.planMissing', { count: errors.length }), fix: () => setInsTab('plan'), fixLabel: t('ui.run.check.toPlan') },
    { id: 'secrets', ok: !!plan && missingSecrets.length === 0, text: missingSecrets.length ? t('ui.run.check.secretsMissing', { names: missingSecrets.map((id) => t(`ui.secrets.names.${id}`)).join(', ') }) : t('ui.run.check.secretsOk'), fix: () => setInsTab('hosts', 'ins-secrets'), fixLabel: t('ui.run.check.toSecrets') },
    { id: 'dry', ok: dryOk, text: dryOk ? t('ui.run.check.dryOk') : t('ui.run.check.dryMissing'), fix: () => setInsTab('plan'), fixLabel: t('ui.run.check.toDry') },
  ];
  const ready = checks.every((c) => c.ok);
  const completed = record?.state === 'completed' && record.planHash === plan?.hash;

  return (
    <div>
      <p className="lead ins-tab-lead">{t('ui.run.lead')}</p>
      <section className="card ins-run" aria-labelledby="ins-run-title">
        <div className="ins-card-head">
          <h2 id="ins-run-title">{t('ui.run.title')}</h2>
          <div className="row-actions">
            {running ? (
              <>
                <button type="button" onClick={() => void pauseRun(!run.paused && !run.pausing)}>{run.paused || run.pausing ? t('ui.run.continue') : t('ui.run.pause')}</button>
                <button type="button" className="ins-danger-btn" onClick={() => void cancelRun()}>{t('ui.run.cancel')}</button>
              </>
            ) : unfinished ? (
              <button type="button" className="primary" disabled={!plan || missingSecrets.length > 0} onClick={() => void startRun(true)}>{t('ui.run.resume')}</button>
            ) : (
              <button type="button" className={completed ? '' : 'primary'} disabled={!ready || elsewhere} onClick={() => void startRun(false)}>{completed ? t('ui.run.again') : t('ui.run.start')}</button>
            )}
          </div>
        </div>
        {elsewhere ? <p className="notice" role="status">{t('ui.run.elsewhere')}</p> : null}
        {unfinished && record ? (
          <div className="notice ins-unfinished" role="status">
            <p>{t('ui.resume.text', { at: fmtDateTime(record.startedAt), state: t(`ui.recordState.${record.state}`) })}</p>
            {record.lastError ? <p className="error-text">{errText({ key: record.lastError.code, ...(record.lastError.params ? { params: record.lastError.params } : {}) })}</p> : null}
            {plan && record.planHash !== plan.hash ? <p>{t('ui.resume.planChanged')}</p> : null}
          </div>
        ) : null}
        {!running && !unfinished ? (
          <ul className="plain ins-checks" aria-label={t('ui.run.checksLabel')}>
            {checks.map((c) => (
              <li key={c.id} className={c.ok ? 'ok-line' : 'ins-warn-line'} data-check={c.id} data-ok={c.ok}>
                {c.ok ? '✓' : '○'} {c.text} {!c.ok && c.fix ? <button type="button" className="ins-small" onClick={c.fix}>{c.fixLabel}</button> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {run && !running ? (
          <p className={run.phase === 'completed' ? 'ok-line' : 'error-text'} role="status" data-outcome={run.phase}>
            {t(`ui.run.outcome.${run.kind}.${run.phase}`, { defaultValue: t(`ui.run.outcome.run.${run.phase}`) })}
            {run.error ? ` ${errText({ key: run.error.code, ...(run.error.params ? { params: run.error.params } : {}) })}` : ''}
          </p>
        ) : null}
        <RunProgress plan={plan} />
        {run ? <RunOutput /> : null}
      </section>
      {record && plan ? <RunSummary record={record} steps={plan.steps} /> : null}
      {plan ? (
        <details className="card ins-run-list" open={running}>
          <summary><h2 className="ins-inline-h2">{t('ui.run.stepsTitle')}</h2></summary>
          <RunSteps plan={plan} record={record} />
        </details>
      ) : null}
      {record && record.state !== 'rolledBack' ? <RollbackCard /> : null}
    </div>
  );
}
