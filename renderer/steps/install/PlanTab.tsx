import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { fmtHour } from '../analysis/format';
import { fmtMinutes } from './fmt';
import { stepMark } from './marks';
import { groupByPhase, totalDurationS } from './planGroups';
import { PlanErrors } from './PlanErrors';
import { PlanNotices } from './PlanNotices';
import { StepList } from './StepList';
import { viewSteps } from './viewSteps';

/** What the plan was made from, in one line per topic. */
function PlanSummary() {
  const { t } = useTranslation('install');
  const plan = useStore((s) => s.insPlan?.result?.plan);
  if (!plan) return null;
  const s = plan.summary;
  return (
    <dl className="figs ins-summary-figs">
      <div><dt>{t('ui.plan.replication')}</dt><dd>{t(`ui.plan.replicationKind.${s.replication}`)}{s.drbdVersion ? ` (DRBD ${s.drbdVersion})` : ''}</dd></div>
      <div><dt>{t('ui.plan.quorum')}</dt><dd>{t(`ui.plan.quorumKind.${s.quorum}`)}</dd></div>
      <div><dt>{t('ui.plan.fencing')}</dt><dd>{s.fencing.length ? s.fencing.map((f) => t(`ui.plan.fencingKind.${f}`, { defaultValue: f })).join(', ') : '–'}</dd></div>
      <div><dt>{t('ui.plan.nodes')}</dt><dd>{s.nodes.map((n) => t(`ui.roles.${n}`)).join(', ')}</dd></div>
      <div><dt>{t('ui.plan.vip')}</dt><dd>{s.vip} ({s.vipName})</dd></div>
      <div><dt>{t('ui.plan.clusterName')}</dt><dd>{s.clusterName}</dd></div>
    </dl>
  );
}

/** Tab 3: the plan by phase and node, with the dry run's diffs once it ran. */
export function PlanTab() {
  const { t } = useTranslation('install');
  const state = useStore((s) => s.insPlan);
  const dry = useStore((s) => (s.insDryRun?.projectId === s.project?.id ? s.insDryRun : null));
  const startDry = useStore((s) => s.startDryRun);
  const cancelDry = useStore((s) => s.cancelDryRun);
  const run = useStore((s) => s.insRun);
  const record = useStore((s) => s.project?.commission.record);
  const setTab = useStore((s) => s.setInsTab);
  const busy = run?.phase === 'running';
  const result = state?.result;
  if (!result) return <p className="muted">{state?.error ? t(state.error.code, { ...(state.error.params ?? {}), defaultValue: state.error.code }) : t('ui.plan.loading')}</p>;
  if (!result.plan)
    return (
      <div>
        <p className="lead ins-tab-lead">{t('ui.plan.notYet')}</p>
        <PlanErrors errors={result.errors} />
      </div>
    );
  const plan = result.plan;
  const { steps, dryMatches } = viewSteps(plan, dry?.result);
  const groups = groupByPhase(steps);
  const running = dry?.phase === 'running';
  const stale = dry?.result && !dryMatches;
  return (
    <div>
      <p className="lead ins-tab-lead">{t('ui.plan.lead', { count: steps.length, time: fmtMinutes(totalDurationS(steps)) })}</p>
      <PlanNotices notices={plan.notices} />
      <section className="card" aria-labelledby="ins-plan-overview">
        <h2 id="ins-plan-overview">{t('ui.plan.overview')}</h2>
        <PlanSummary />
        <table className="plan-table ins-overview" aria-label={t('ui.plan.overviewLabel')}>
          <thead>
            <tr><th>{t('ui.plan.phase')}</th><th>{t('ui.plan.nodes')}</th><th className="num">{t('ui.plan.steps')}</th><th className="num">{t('ui.plan.expected')}</th><th>{t('ui.plan.marks')}</th></tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.phase} data-phase={g.phase}>
                <th scope="row">{t(`ui.phases.${g.phase}`, { defaultValue: g.phase })}</th>
                <td>{g.nodes.map((n) => t(`ui.roles.${n.node}`)).join(', ')}</td>
                <td className="num">{g.steps.length}</td>
                <td className="num">{fmtMinutes(g.durationS)}</td>
                <td>
                  {g.destructive ? <span className="pill warn">{t('ui.plan.destructiveCount', { count: g.destructive })}</span> : null}{' '}
                  {g.pointOfNoReturn ? <span className="pill bad">{t('ui.plan.ponr')}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr><th scope="row">{t('ui.plan.total')}</th><td /><td className="num">{steps.length}</td><td className="num">{fmtMinutes(totalDurationS(steps))}</td><td /></tr>
          </tfoot>
        </table>
      </section>
      <section className="card ins-dry" aria-labelledby="ins-dry-title">
        <div className="ins-card-head">
          <h2 id="ins-dry-title">{t('ui.dry.title')}</h2>
          <div className="row-actions">
            <button type="button" className={dryMatches ? '' : 'primary'} disabled={running || busy} onClick={() => void startDry('run')}>{dry?.result ? t('ui.dry.again') : t('ui.dry.start')}</button>
            {running ? <button type="button" onClick={() => void cancelDry('run')}>{t('ui.cancel')}</button> : null}
            {dryMatches ? <button type="button" className="primary" onClick={() => setTab('run')}>{t('ui.dry.toRun')}</button> : null}
          </div>
        </div>
        <p className="hint">{t('ui.dry.intro')}</p>
        <p role="status" className={running ? 'ins-phase-running' : stale ? 'ins-warn-line' : dryMatches ? 'ok-line' : 'muted'}>
          {running ? t('ui.dry.running') : stale ? t('ui.dry.stale') : dryMatches ? t('ui.dry.done', { at: fmtHour(new Date(dry!.finishedAt ?? Date.now()).toISOString()), done: steps.filter((s) => s.check?.done).length }) : dry?.phase === 'failed' ? t('ui.dry.failed') : t('ui.dry.none')}
        </p>
      </section>
      <StepList steps={steps} label={t('ui.plan.stepsLabel')} markOf={(id) => stepMark(id, run?.kind === 'run' ? run : null, record)} />
    </div>
  );
}
