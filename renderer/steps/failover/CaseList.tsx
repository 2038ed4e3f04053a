import { useTranslation } from 'react-i18next';
import { catalogue, type CaseId } from '../../../shared/failover/cases';
import type { FailoverPreview } from '../../../shared/contract/methods/failover';
import type { FaultStep } from '../../../shared/failover/faultPlan';
import { useStore } from '../../store';

export function StepCommands({ steps }: { steps: FaultStep[] }) {
  const { t } = useTranslation('failover');
  return (
    <ol className="fo-commands">
      {steps.map((s) => (
        <li key={s.id}>
          <span>{t(s.title.key, { ...(s.title.params ?? {}), defaultValue: s.title.key })}</span>
          {s.kind === 'ssh' ? <code className="fo-cmd">[{s.node === '@any' ? t('ui.run.anyNode') : s.node}] {s.command}</code> : null}
          {s.kind === 'ssh' && s.stdin ? <pre className="fo-stdin">{s.stdin}</pre> : null}
          {s.kind === 'hook' ? <code className="fo-cmd">[{t('ui.run.local')}] hook {s.action} {s.node}</code> : null}
        </li>
      ))}
    </ol>
  );
}

/** Every case of the catalogue: tick it, read what it does and expects, see whether this cluster can run it. */
export function CaseList({ selected, preview, disabled }: { selected: CaseId[]; preview: FailoverPreview | undefined; disabled: boolean }) {
  const { t } = useTranslation('failover');
  const toggle = useStore((s) => s.toggleFoCase);
  return (
    <ul className="fo-cases" aria-label={t('ui.run.casesLabel')}>
      {catalogue.map((c) => {
        const pv = preview?.cases.find((x) => x.caseId === c.id);
        const runnable = pv ? pv.runnable : undefined;
        return (
          <li key={c.id} className={`fo-case${runnable === false ? ' fo-na' : ''}`} data-case={c.id}>
            <label className="fo-case-head">
              <input type="checkbox" checked={selected.includes(c.id)} disabled={disabled || runnable === false} onChange={(e) => toggle(c.id, e.target.checked, selected)} />
              <span className="fo-case-title">{t(`cases.${c.id}.title`)}</span>
              <span className={`fo-kind fo-kind-${c.kind}`}>{t(`kinds.${c.kind}`)}</span>
              {c.fullOutage ? <span className="fo-badge-bad">{t('ui.run.fullOutage')}</span> : null}
            </label>
            {runnable === false && pv?.reason ? <p className="fo-reason">{t(pv.reason.key, { ...(pv.reason.params ?? {}), defaultValue: pv.reason.key })}</p> : null}
            <details>
              <summary>{t('ui.run.details')}</summary>
              <p>{t(`cases.${c.id}.explanation`)}</p>
              <p><strong>{t('ui.run.expected')}:</strong> {t(`cases.${c.id}.expected`)}</p>
              {pv && pv.runnable ? (
                <>
                  <h4>{t('ui.run.commands')}</h4>
                  <StepCommands steps={pv.steps} />
                  {pv.undo.length ? (
                    <>
                      <h4>{t('ui.run.undo')}</h4>
                      <StepCommands steps={pv.undo} />
                    </>
                  ) : null}
                </>
              ) : null}
            </details>
          </li>
        );
      })}
    </ul>
  );
}
