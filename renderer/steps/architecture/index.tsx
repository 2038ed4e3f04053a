import { useRecordStepStatus } from '../../components/useRecordStepStatus';
import { StepHead } from '../../components/StepHead';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { MatrixPanel } from './Matrix';
import { Budget, QuorumFencing } from './Quorum';
import { architectureStepStatus } from './status';
import { Weights } from './Weights';
import './architecture.css';

export function ArchitectureStep() {
  const { t } = useTranslation('planui');
  const derived = useStore((s) => (s.project ? architectureStepStatus(s.project) : 'notStarted'));
  useRecordStepStatus('architecture', derived);
  return (
    <section className="step plan-step" aria-labelledby="step-title">
      <StepHead title={t('arch.title')} lead={t('arch.lead')} />
      <Weights />
      <MatrixPanel />
      <QuorumFencing />
      <Budget />
    </section>
  );
}
