import { useTranslation } from 'react-i18next';
import { StepHead } from '../../components/StepHead';
import { useRecordStepStatus } from '../../components/useRecordStepStatus';
import { useStore } from '../../store';
import { Chapters } from './Chapters';
import { DocPicker } from './DocPicker';
import { ExportCard } from './ExportCard';
import { Extras } from './Extras';
import { Pending } from './Pending';
import { Preview } from './Preview';
import { docsStepStatus } from './status';
import './docs.css';

/** Dokumentation: choose a document and its language, add to its chapters, export it as PDF, preview it. */
export function DocsStep() {
  const { t } = useTranslation('docs');
  const derived = useStore((s) => (s.project ? docsStepStatus(s.project) : 'notStarted'));
  useRecordStepStatus('docs', derived);
  return (
    <section className="step docs-step" aria-labelledby="step-title">
      <StepHead title={t('step.title')} lead={t('step.lead')} />
      <DocPicker />
      <div className="docs-cols">
        <div>
          <ExportCard />
          <Pending />
        </div>
        <Preview />
      </div>
      <Extras />
      <Chapters />
    </section>
  );
}
