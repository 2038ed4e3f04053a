import { StepHead } from '../../components/StepHead';
import { useRecordStepStatus } from '../../components/useRecordStepStatus';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { ProjectForm } from './ProjectForm';
import { ProposalFields } from './ProposalFields';
import './proposalFields.css';
import { projectStepStatus } from './status';

export function ProjectStep() {
  const { t } = useTranslation('project');
  const filePath = useStore((s) => s.filePath);
  const migratedFrom = useStore((s) => s.migratedFrom);
  const derived = useStore((s) => (s.project ? projectStepStatus(s.project) : 'notStarted'));
  useRecordStepStatus('project', derived);
  return (
    <section className="step" aria-labelledby="step-title">
      <StepHead title={t('title')} lead={t('lead')}>
        <p className="file-line">
          {filePath ? t('file.savedAs', { path: filePath }) : t('file.notSavedYet')}
        </p>
        {migratedFrom ? <p className="notice">{t('file.migrated', { from: migratedFrom })}</p> : null}
      </StepHead>
      <ProjectForm />
      <ProposalFields />
    </section>
  );
}
