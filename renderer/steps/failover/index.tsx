import { useTranslation } from 'react-i18next';
import { StepHead } from '../../components/StepHead';
import { Tabs } from '../../components/Tabs';
import { useRecordStepStatus } from '../../components/useRecordStepStatus';
import { useStore } from '../../store';
import { CompareTab } from './CompareTab';
import { PrepareTab } from './PrepareTab';
import { ResultsTab } from './ResultsTab';
import { RunTab } from './RunTab';
import type { FoTab } from './slice';
import { failoverStepStatus } from './status';
import '../../components/planning.css';
import './failover.css';

const tabs: FoTab[] = ['prepare', 'run', 'results', 'compare'];

export function FailoverStep() {
  const { t } = useTranslation('failover');
  const project = useStore((s) => s.project);
  const tab = useStore((s) => s.foTab);
  const setTab = useStore((s) => s.setFoTab);
  const derived = useStore((s) => (s.project ? failoverStepStatus(s.project) : 'notStarted'));
  useRecordStepStatus('failover', derived);
  if (!project) return null;
  return (
    <section className="step fo-step" aria-labelledby="step-title">
      <StepHead title={t('wizard:steps.failover.title')} lead={t('ui.lead')} />
      <Tabs label={t('ui.tabsLabel')} tabs={tabs.map((id) => ({ id, label: t(`ui.tabs.${id}`) }))} current={tab} onSelect={setTab} />
      <div role="tabpanel">
        {tab === 'prepare' ? <PrepareTab /> : null}
        {tab === 'run' ? <RunTab /> : null}
        {tab === 'results' ? <ResultsTab /> : null}
        {tab === 'compare' ? <CompareTab /> : null}
      </div>
    </section>
  );
}
