import { useRecordStepStatus } from '../../components/useRecordStepStatus';
import { StepHead } from '../../components/StepHead';
import { useTranslation } from 'react-i18next';
import { usePlanning } from '../../components/planning';
import { primaryOf as sizingPrimary, sizingOf } from './inputs';
import { GrowthForm } from './GrowthForm';
import { primaryFromDraft, PrimaryForm, useDraft } from './PrimaryForm';
import { ComparisonTable, ForecastChart, Nics, SizingFigures, SizingWarnings } from './Results';
import { sizingStepStatus } from './status';
import './sizing.css';

export function SizingStep() {
  const { t } = useTranslation('planui');
  const { project } = usePlanning();
  const draft = useDraft();
  const result = project ? sizingOf(project) : null;
  const started = draft.cpuModel.trim() !== '' || Object.keys(draft).length > 3;
  // Without a computable primary only the form tells whether work has begun; the registry reads what is recorded here.
  const derived = !project ? 'notStarted' : result === null ? (started ? 'inProgress' : 'notStarted') : sizingStepStatus(project);
  useRecordStepStatus('sizing', derived);
  if (!project) return null;

  return (
    <section className="step plan-step" aria-labelledby="step-title">
      <StepHead title={t('sizing.title')} lead={t('sizing.lead')} />
      <PrimaryForm />
      <GrowthForm />
      {result === null ? (
        <div className="card"><p>{t('sizing.waiting')}</p></div>
      ) : !result.ok ? (
        <div className="card attention" role="alert"><p className="error-text">{t(result.error.code, result.error.params ?? {})}</p></div>
      ) : (
        <>
          {started && !primaryFromDraft(draft) ? <p className="notice" role="status">{t('sizing.stale')}</p> : null}
          <section className="card wide" aria-labelledby="sz-compare">
            <h2 id="sz-compare">{t('sizing.compare.title')}</h2>
            <ComparisonTable p={sizingPrimary(project)!} r={result.value} />
            <h3>{t('sizing.nics.title')}</h3>
            <Nics r={result.value} />
          </section>
          <SizingFigures r={result.value} />
          <section className="card wide" aria-labelledby="sz-warn">
            <h2 id="sz-warn">{t('sizing.warnings')}</h2>
            <SizingWarnings r={result.value} />
          </section>
          <section className="card wide">
            <ForecastChart r={result.value} />
          </section>
        </>
      )}
    </section>
  );
}
