import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtMinutes } from './fmt';
import { pick } from './l10n';
import { groupByPhase } from './planGroups';
import { StepDetail } from './StepDetail';
import type { ViewStep } from './viewSteps';

/** A step's state as the list shows it: from the live run, else from the record. */
export type StepMark = 'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'cancelled' | 'rolledBack';

export const markIcon: Record<StepMark, string> = { pending: '○', running: '◔', done: '✓', skipped: '↷', failed: '✗', cancelled: '⊘', rolledBack: '↺' };

interface Props {
  steps: ViewStep[];
  markOf?: (id: string) => StepMark | undefined;
  /** Label of the list, for screen readers and tests. */
  label: string;
  /** Open every step (a short list such as a rollback preview). */
  openAll?: boolean;
}

/** The steps by phase and node; each expands to its explanation, commands, diffs, check and undo. */
export function StepList({ steps, markOf, label, openAll = false }: Props) {
  const { t } = useTranslation('install');
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const groups = groupByPhase(steps);
  return (
    <div className="ins-steps" aria-label={label} role="region">
      {groups.map((g) => (
        <section key={g.phase} className="ins-phase" aria-label={t(`ui.phases.${g.phase}`, { defaultValue: g.phase })} data-phase={g.phase}>
          <h3>
            {t(`ui.phases.${g.phase}`, { defaultValue: g.phase })}
            <span className="ins-meta"> · {t('ui.plan.stepCount', { count: g.steps.length })} · {t('ui.plan.about', { time: fmtMinutes(g.durationS) })}</span>
          </h3>
          {g.nodes.map((n) => (
            <div key={n.node} className="ins-node-group">
              <div className="ins-node-head"><span className={`ins-role ins-role-${n.node}`}>{t(`ui.roles.${n.node}`)}</span></div>
              <ol className="ins-step-rows">
                {n.steps.map((s) => {
                  const mark = markOf?.(s.id);
                  const isOpen = openAll || !!open[s.id];
                  return (
                    <li key={s.id} className={`ins-step-row${s.pointOfNoReturn ? ' ins-ponr' : ''}${mark ? ` ins-mark-${mark}` : ''}`} data-step={s.id} data-mark={mark ?? 'none'}>
                      {s.pointOfNoReturn ? <div className="ins-ponr-line" role="note">{t('ui.plan.ponrLine')}</div> : null}
                      <button type="button" className="ins-step-toggle" aria-expanded={isOpen} onClick={() => setOpen((o) => ({ ...o, [s.id]: !isOpen }))}>
                        <span className="ins-step-icon" aria-hidden="true">{mark ? markIcon[mark] : isOpen ? '▾' : '▸'}</span>
                        <span className="ins-step-title">{pick(s.title)}</span>
                        <span className="ins-step-flags">
                          {s.destructive ? <span className="pill warn" title={t('ui.plan.destructiveHint')}>{t('ui.plan.destructive')}</span> : null}
                          {s.pointOfNoReturn ? <span className="pill bad" title={t('ui.plan.ponrHint')}>{t('ui.plan.ponr')}</span> : null}
                          {s.hasRollback ? <span className="pill" title={t('ui.plan.rollbackHint')}>↺</span> : null}
                          {s.check?.done ? <span className="pill ok">{t('ui.plan.alreadyDone')}</span> : null}
                          {mark ? <span className="sr-only">{t(`ui.marks.${mark}`)}</span> : null}
                        </span>
                        <span className="ins-step-time">{fmtMinutes(s.expectedDurationS)}</span>
                      </button>
                      {isOpen ? <StepDetail step={s} /> : null}
                    </li>
                  );
                })}
              </ol>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
