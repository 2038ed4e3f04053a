import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlanning } from '../../components/planning';
import { useStore } from '../../store';
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
  const setStepStatus = useStore((s) => s.setStepStatus);
  const result = project ? sizingOf(project) : null;
  const started = draft.cpuModel.trim() !== '' || Object.keys(draft).length > 3;
  // Without a computable primary only the form tells whether work has begun; the registry reads what is recorded here.
  const derived = !project ? 'notStarted' : result === null ? (started ? 'inProgress' : 'notStarted') : sizingStepStatus(project);
  useEffect(() => setStepStatus('sizing', derived), [derived, setStepStatus]);
  if (!project) return null;

  return (
    <section className="step plan-step" aria-labelledby="step-title">
      <header className="step-head">
        <h1 id="step-title">{t('sizing.title')}</h1>
        <p className="lead">{t('sizing.lead')}</p>
      </header>
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
