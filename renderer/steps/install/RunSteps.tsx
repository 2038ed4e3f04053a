import { useTranslation } from 'react-i18next';
import type { CommissionRecord } from '../../../shared/commission/recordSchema';
import type { WirePlan as Plan } from './wire';
import { useStore } from '../../store';
import { useErrorText } from './PlanErrors';
import { fmtMeasured } from './fmt';
import { pick } from './l10n';
import { stepMark } from './marks';
import { groupByPhase } from './planGroups';
import { markIcon } from './StepList';

/** Every step of the plan in one compact list with its state and measured time, phase by phase. */
export function RunSteps({ plan, record }: { plan: Plan; record: CommissionRecord | undefined }) {
  const { t } = useTranslation('install');
  const run = useStore((s) => (s.insRun && s.insRun.projectId === s.project?.id && (s.insRun.kind === 'run' || s.insRun.kind === 'rollback') ? s.insRun : null));
  const errText = useErrorText();
  return (
    <div className="ins-run-steps" role="region" aria-label={t('ui.run.stepsLabel')}>
      {groupByPhase(plan.steps).map((g) => {
        const marks = g.steps.map((s) => stepMark(s.id, run, record));
        const finished = marks.filter((m) => m === 'done' || m === 'skipped').length;
        return (
          <section key={g.phase} className="ins-run-phase" data-phase={g.phase}>
            <h4>{t(`ui.phases.${g.phase}`, { defaultValue: g.phase })} <span className="ins-meta">{finished} / {g.steps.length}</span></h4>
            <ol className="plain">
              {g.steps.map((s, i) => {
                const mark = marks[i] ?? 'pending';
                const live = run?.steps[s.id];
                const rec = record?.steps[s.id];
                const ms = live?.durationMs ?? rec?.durationMs;
                const err = live?.error ?? (rec?.errorCode ? { code: rec.errorCode, ...(rec.errorParams ? { params: rec.errorParams } : {}) } : undefined);
                return (
                  <li key={s.id} className={`ins-run-step ins-mark-${mark}`} data-step={s.id} data-mark={mark}>
                    <span className="ins-step-icon" aria-hidden="true">{markIcon[mark]}</span>
                    <span className="ins-run-title">{pick(s.title)}</span>
                    <span className={`ins-role ins-role-${s.node}`}>{t(`ui.roles.${s.node}`)}</span>
                    <span className="ins-step-time">{ms !== undefined ? fmtMeasured(ms) : ''}</span>
                    <span className="sr-only">{t(`ui.marks.${mark}`)}</span>
                    {err && mark === 'failed' ? <span className="ins-run-error">{errText({ key: err.code, ...(err.params ? { params: err.params } : {}) })}</span> : null}
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
