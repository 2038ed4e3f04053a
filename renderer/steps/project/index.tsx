import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { ProjectForm } from './ProjectForm';
import { projectStepStatus } from './status';

export function ProjectStep() {
  const { t } = useTranslation('project');
  const filePath = useStore((s) => s.filePath);
  const migratedFrom = useStore((s) => s.migratedFrom);
  const derived = useStore((s) => (s.project ? projectStepStatus(s.project) : 'notStarted'));
  const setStepStatus = useStore((s) => s.setStepStatus);
  // Record the derived state in the project so the CLI and the report see what the sidebar shows.
  useEffect(() => setStepStatus('project', derived), [derived, setStepStatus]);
  return (
    <section className="step" aria-labelledby="step-title">
      <header className="step-head">
        <h1 id="step-title">{t('title')}</h1>
        <p className="lead">{t('lead')}</p>
        <p className="file-line">
          {filePath ? t('file.savedAs', { path: filePath }) : t('file.notSavedYet')}
        </p>
        {migratedFrom ? <p className="notice">{t('file.migrated', { from: migratedFrom })}</p> : null}
      </header>
      <ProjectForm />
    </section>
  );
}
