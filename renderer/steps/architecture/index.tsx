import { useRecordStepStatus } from '../../components/useRecordStepStatus';
import { StepHead } from '../../components/StepHead';
import { useTranslation } from 'react-i18next';
import { planOf } from '../../components/planning';
import { ReasonList } from '../../components/Reasons';
import { useStore } from '../../store';
import { MatrixPanel } from './Matrix';
import { Budget, QuorumFencing } from './Quorum';
import { architectureStepStatus } from './status';
import { Weights } from './Weights';
import './architecture.css';

export function ArchitectureStep() {
  const { t } = useTranslation('planui');
  const project = useStore((s) => s.project);
  const derived = project ? architectureStepStatus(project) : 'notStarted';
  useRecordStepStatus('architecture', derived);
  const plan = project ? planOf(project) : null;
  // The matrix's node-count choice and the quorum settings describe one cluster; the plan says when they disagree.
  const notes = plan?.ok ? plan.value.notes.filter((n) => n.key === 'planning:notes.nodeCountMismatch') : [];
  return (
    <section className="step plan-step" aria-labelledby="step-title">
      <StepHead title={t('arch.title')} lead={t('arch.lead')} />
      <Weights />
      <MatrixPanel />
      <QuorumFencing />
      <ReasonList items={notes} />
      <Budget />
    </section>
  );
}
