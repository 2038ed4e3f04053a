import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { pick } from './l10n';
import type { ConfirmEvent } from './runPart';
import { StepDetail } from './StepDetail';
import { viewSteps } from './viewSteps';

type Request = ConfirmEvent['request'];

function StepTitles({ ids, label }: { ids: string[]; label: string }) {
  const plan = useStore((s) => s.insPlan?.result?.plan);
  if (!ids.length) return null;
  return (
    <>
      <h3>{label}</h3>
      <ul className="ins-confirm-list">
        {ids.map((id) => {
          const s = plan?.steps.find((x) => x.id === id);
          return <li key={id}>{s ? pick(s.title) : id}</li>;
        })}
      </ul>
    </>
  );
}

const AFTER_SHOWN = 8;

/** What the run does after the point of no return, by the plan's own step titles, and what stays. */
function After({ stepId }: { stepId: string }) {
  const { t } = useTranslation('install');
  const plan = useStore((s) => s.insPlan?.result?.plan);
  const i = plan ? plan.steps.findIndex((s) => s.id === stepId) : -1;
  const rest = i >= 0 && plan ? plan.steps.slice(i + 1) : [];
  return (
    <>
      {rest.length ? (
        <>
          <h3>{t('ui.confirm.after', { count: rest.length })}</h3>
          <ul className="ins-confirm-list">
            {rest.slice(0, AFTER_SHOWN).map((s) => <li key={s.id}>{pick(s.title)}</li>)}
            {rest.length > AFTER_SHOWN ? <li>{t('ui.confirm.afterMore', { count: rest.length - AFTER_SHOWN })}</li> : null}
          </ul>
        </>
      ) : null}
      <p className="ins-confirm-keep">{t('ui.confirm.ponrKeep')}</p>
    </>
  );
}

function Body({ request, understood, setUnderstood }: { request: Request; understood: boolean; setUnderstood(v: boolean): void }) {
  const { t } = useTranslation('install');
  const plan = useStore((s) => s.insPlan?.result?.plan);
  const dry = useStore((s) => s.insDryRun?.result);
  if (request.kind === 'destructive' || request.kind === 'pointOfNoReturn') {
    const step = plan ? viewSteps(plan, dry).steps.find((s) => s.id === request.stepId) : undefined;
    const ponr = request.kind === 'pointOfNoReturn';
    return (
      <>
        <h2 id="ins-confirm-title">{ponr ? t('ui.confirm.ponrTitle') : t('ui.confirm.destructiveTitle')}</h2>
        <p className={ponr ? 'ins-danger-box' : 'notice'}>{ponr ? t('ui.confirm.ponrIntro', { node: t(`ui.roles.${request.node}`) }) : t('ui.confirm.destructiveIntro', { node: t(`ui.roles.${request.node}`) })}</p>
        <h3>{pick(request.title)}</h3>
        <p>{pick(request.explanation)}</p>
        {ponr ? <After stepId={request.stepId} /> : null}
        {step ? (
          <details className="ins-confirm-detail">
            <summary>{t('ui.confirm.showCommands', { count: step.actions.length })}</summary>
            <StepDetail step={step} />
          </details>
        ) : null}
        {ponr ? (
          <label className="ins-check ins-understood">
            <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} /> {t('ui.confirm.ponrUnderstood')}
          </label>
        ) : null}
      </>
    );
  }
  if (request.kind === 'planChanged')
    return (
      <>
        <h2 id="ins-confirm-title">{t('ui.confirm.planChangedTitle')}</h2>
        <p>{t('ui.confirm.planChangedIntro')}</p>
        <StepTitles ids={request.change.added} label={t('ui.confirm.added', { count: request.change.added.length })} />
        <StepTitles ids={request.change.changed} label={t('ui.confirm.changed', { count: request.change.changed.length })} />
        <StepTitles ids={request.change.removed} label={t('ui.confirm.removed', { count: request.change.removed.length })} />
      </>
    );
  return (
    <>
      <h2 id="ins-confirm-title">{t('ui.confirm.rollbackTitle')}</h2>
      <p>{t('ui.confirm.rollbackIntro', { count: request.steps.length })}</p>
      <ol className="ins-confirm-list">{request.steps.map((s) => <li key={s.stepId}>{pick(s.title)}</li>)}</ol>
    </>
  );
}

/**
 * The questions a run asks before it goes on: a destructive step, the one point of no return (named, and
 * only after "I understand"), a plan that changed since the record, a rollback. Escape or "No" stops the run.
 */
export function ConfirmDialog() {
  const { t } = useTranslation('install');
  const confirm = useStore((s) => s.insConfirm);
  const answer = useStore((s) => s.answerConfirm);
  const ref = useRef<HTMLDialogElement>(null);
  const [understood, setUnderstood] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (confirm) {
      setUnderstood(false);
      if (!d.open) d.showModal();
    } else if (d.open) d.close();
  }, [confirm]);
  const kind = confirm?.request.kind;
  const yesLabel = kind === 'pointOfNoReturn' ? t('ui.confirm.ponrYes') : kind === 'rollback' ? t('ui.confirm.rollbackYes') : kind === 'planChanged' ? t('ui.confirm.planChangedYes') : t('ui.confirm.destructiveYes');
  return (
    <dialog ref={ref} className={`dialog ins-confirm${kind === 'pointOfNoReturn' ? ' ins-confirm-ponr' : ''}`} aria-labelledby="ins-confirm-title" data-kind={kind} data-confirm={confirm?.confirmId}
      onCancel={(e) => { e.preventDefault(); void answer(false); }}>
      {confirm ? (
        <>
          <Body request={confirm.request} understood={understood} setUnderstood={setUnderstood} />
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={() => void answer(false)}>{t('ui.confirm.no')}</button>
            <button type="button" className={kind === 'pointOfNoReturn' || kind === 'rollback' ? 'ins-danger-btn' : 'primary'} disabled={kind === 'pointOfNoReturn' && !understood} onClick={() => void answer(true)}>{yesLabel}</button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
