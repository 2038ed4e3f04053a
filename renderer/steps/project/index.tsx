import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { ProjectForm } from './ProjectForm';

export function ProjectStep() {
  const { t } = useTranslation('project');
  const filePath = useStore((s) => s.filePath);
  const migratedFrom = useStore((s) => s.migratedFrom);
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
