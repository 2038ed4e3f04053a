import { useEffect } from 'react';
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
  const setStepStatus = useStore((s) => s.setStepStatus);
  useEffect(() => setStepStatus('architecture', derived), [derived, setStepStatus]);
  return (
    <section className="step plan-step" aria-labelledby="step-title">
      <header className="step-head">
        <h1 id="step-title">{t('arch.title')}</h1>
        <p className="lead">{t('arch.lead')}</p>
      </header>
      <Weights />
      <MatrixPanel />
      <QuorumFencing />
      <Budget />
    </section>
  );
}
