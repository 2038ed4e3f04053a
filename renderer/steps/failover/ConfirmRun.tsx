import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseId } from '../../../shared/failover/cases';
import type { FailoverPreview } from '../../../shared/contract/methods/failover';
import { StepCommands } from './CaseList';

/** Shows exactly what the chosen cases will run, on which node, and asks before anything happens. */
export function ConfirmRun({ cases, preview, onCancel, onConfirm }: { cases: CaseId[]; preview: FailoverPreview; onCancel(): void; onConfirm(): void }) {
  const { t } = useTranslation('failover');
  const ref = useRef<HTMLDialogElement>(null);
  const [understood, setUnderstood] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
  }, []);
  const chosen = preview.cases.filter((c) => cases.includes(c.caseId));
  const outage = chosen.some((c) => c.fullOutage);
  return (
    <dialog ref={ref} className="dialog fo-confirm" aria-labelledby="fo-confirm-title" onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id="fo-confirm-title">{t('ui.confirm.title', { count: chosen.length })}</h2>
      <p className="notice">{t('ui.confirm.intro', { nodes: preview.servicesOn.join(', ') || '–' })}</p>
      {outage ? <p className="fo-danger">{t('ui.confirm.fullOutage')}</p> : null}
      <div className="fo-confirm-list">
        {chosen.map((c) => (
          <section key={c.caseId}>
            <h3>{t(`cases.${c.caseId}.title`)}</h3>
            <StepCommands steps={c.steps} />
          </section>
        ))}
      </div>
      <label className="fo-check">
        <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} /> {t('ui.confirm.understood')}
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>{t('ui.confirm.cancel')}</button>
        <button type="button" className="primary" disabled={!understood} onClick={onConfirm}>{t('ui.confirm.start')}</button>
      </div>
    </dialog>
  );
}
