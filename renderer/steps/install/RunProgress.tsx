import { useTranslation } from 'react-i18next';
import type { WirePlan as Plan } from './wire';
import { fmtNumber } from '../../components/format';
import { useStore } from '../../store';
import { fmtMeasured, fmtMinutes } from './fmt';
import { pick } from './l10n';
import { liveStateKey } from './marks';
import { busySteps } from './runPart';

function Bar({ fraction, label }: { fraction: number; label: string }) {
  const pct = Math.max(0, Math.min(100, fraction * 100));
  return (
    <div className="ins-bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)}>
      <div className="ins-bar-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}

/** Overall and per-step progress with ETA, the running step's state, and lost connections. */
export function RunProgress({ plan }: { plan: Plan | null | undefined }) {
  const { t } = useTranslation('install');
  const run = useStore((s) => (s.insRun?.projectId === s.project?.id ? s.insRun : null));
  if (!run) return null;
  const p = run.progress;
  // Steps of a parallel group run at the same time, each on its own node: all of them are shown.
  const busy = busySteps(run);
  const shownSteps = busy.length ? busy : run.currentStepId ? [run.currentStepId] : [];
  const lost = Object.entries(run.connection).filter(([, c]) => c && c.state !== 'reconnected');
  const running = run.phase === 'running';
  return (
    <div className="ins-progress" aria-live="polite">
      <div className="ins-progress-line">
        <span>{p ? t('ui.run.stepOf', { n: Math.min(p.stepIndex + 1, p.stepCount), count: p.stepCount }) : t('ui.run.starting')}</span>
        <span>{p ? `${fmtNumber(p.fraction * 100, 0)} %` : ''}</span>
        <span>{p ? t('ui.run.elapsed', { time: fmtMeasured(p.elapsedMs) }) : ''}</span>
        <span>{p && running ? t('ui.run.eta', { time: fmtMinutes(p.etaMs / 1000) }) : ''}</span>
      </div>
      <Bar fraction={p?.fraction ?? 0} label={t('ui.run.overall')} />
      {running
        ? shownSteps.map((id) => {
            const step = plan?.steps.find((x) => x.id === id);
            const live = run.steps[id];
            const node = live?.node ?? step?.node ?? 'primary';
            return (
              <div key={id} className="ins-current" data-step={id}>
                <div className="ins-progress-line">
                  <strong>{step ? pick(step.title) : id}</strong>
                  <span className={`ins-role ins-role-${node}`}>{t(`ui.roles.${node}`)}</span>
                  <span>{live ? t(liveStateKey(live.state)) : ''}</span>
                </div>
                {p?.stepFraction !== undefined && p.stepId === id ? <Bar fraction={p.stepFraction} label={t('ui.run.stepBar')} /> : null}
              </div>
            );
          })
        : null}
      {run.paused ? <p className="notice" role="status">{t('ui.run.paused')}</p> : run.pausing ? <p className="hint" role="status">{t('ui.run.pausing')}</p> : null}
      {lost.map(([node, c]) => (
        <p key={node} className="ins-warn-line" role="status">{t(`ui.run.connection.${c!.state}`, { node: t(`ui.roles.${node}`), attempt: c!.attempt ?? 1 })}</p>
      ))}
    </div>
  );
}
