import { useRecordStepStatus } from '../../components/useRecordStepStatus';
import { StepHead } from '../../components/StepHead';
import { useEffect, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { AuditLog } from './AuditLog';
import { ConnectionPanel } from './ConnectionPanel';
import { HostKeyDialog } from './HostKeyDialog';
import { ManualForm } from './ManualForm';
import { Offline } from './Offline';
import { Results } from './Results';
import type { AnaTab } from './slice';
import { analysisStepStatus, hasFacts } from './status';
import './analysis.css';

const tabs: AnaTab[] = ['connect', 'results', 'manual', 'offline', 'audit'];

export function AnalysisStep() {
  const { t } = useTranslation('anaui');
  const facts = useStore((s) => s.project?.facts);
  const projectId = useStore((s) => s.project?.id);
  const derived = useStore((s) => (s.project ? analysisStepStatus(s.project) : 'notStarted'));
  const tab = useStore((s) => s.anaTab);
  const setTab = useStore((s) => s.setAnaTab);
  const running = useStore((s) => s.anaRun?.phase === 'running' && s.anaRun.projectId === s.project?.id);
  // Record the derived state in the project so the CLI and the report see what the sidebar shows.
  useRecordStepStatus('analysis', derived);
  // A tab opened from a button further down starts at its top, not in the middle of the page.
  useEffect(() => {
    document.getElementById('main')?.scrollTo?.({ top: 0 });
  }, [tab]);
  if (!projectId) return null;

  const onKey = (e: KeyboardEvent) => {
    const i = tabs.indexOf(tab);
    const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : undefined;
    if (next) {
      e.preventDefault();
      setTab(next);
      document.getElementById(`ana-tab-${next}`)?.focus();
    }
  };

  return (
    <section className="step ana-step" aria-labelledby="step-title">
      <StepHead title={t('wizard:steps.analysis.title')} lead={t('lead')} />
      <div className="ana-tabs" role="tablist" aria-label={t('tabsLabel')} onKeyDown={onKey}>
        {tabs.map((id) => (
          <button key={id} id={`ana-tab-${id}`} type="button" role="tab" aria-selected={tab === id} aria-controls="ana-panel"
            tabIndex={tab === id ? 0 : -1} className={tab === id ? 'current' : ''} onClick={() => setTab(id)}>
            {t(`tabs.${id}`)}
            {id === 'connect' && running ? <span className="ana-dot" aria-label={t('run.phase.running')}> ●</span> : null}
            {id === 'results' && hasFacts(facts) ? <span className="ana-dot ok" aria-hidden="true"> ✓</span> : null}
          </button>
        ))}
      </div>
      <div id="ana-panel" role="tabpanel" aria-labelledby={`ana-tab-${tab}`}>
        {tab === 'connect' ? <ConnectionPanel /> : null}
        {tab === 'results' ? (
          hasFacts(facts) ? <Results facts={facts} /> : (
            <div className="card">
              <p>{t('results.none')}</p>
              <div className="row-actions">
                <button type="button" onClick={() => setTab('connect')}>{t('tabs.connect')}</button>
                <button type="button" onClick={() => setTab('offline')}>{t('tabs.offline')}</button>
                <button type="button" onClick={() => setTab('manual')}>{t('tabs.manual')}</button>
              </div>
            </div>
          )
        ) : null}
        {tab === 'manual' ? <ManualForm key={projectId} /> : null}
        {tab === 'offline' ? <Offline /> : null}
        {tab === 'audit' ? <AuditLog /> : null}
      </div>
      <HostKeyDialog />
    </section>
  );
}
