import { useTranslation } from 'react-i18next';
import { StepHead } from '../../components/StepHead';
import { planOf, usePlanning } from '../../components/planning';
import { ReasonList } from '../../components/Reasons';
import { useRecordStepStatus } from '../../components/useRecordStepStatus';
import { GrowthForm } from './GrowthForm';
import { PrimaryInputs } from './PrimaryInputs';
import { ComparisonTable, ForecastChart, Recommendation, SizingFigures, SizingWarnings, SyncCard } from './Results';
import { sizingStepStatus } from './status';
import './sizing.css';

export function SizingStep() {
  const { t } = useTranslation('planui');
  const { project } = usePlanning();
  useRecordStepStatus('sizing', project ? sizingStepStatus(project) : 'notStarted');
  if (!project) return null;
  const plan = planOf(project);
  if (!plan.ok) return <div className="card attention" role="alert"><p className="error-text">{t(plan.error.code, plan.error.params ?? {})}</p></div>;
  const { inputs, sizing } = plan.value;
  // The primary's notes are shown at its fields; the others (e.g. no data at all) here.
  const notes = inputs.notes.filter((n) => n.key === 'planning:notes.noPrimary');

  return (
    <section className="step plan-step" aria-labelledby="step-title">
      <StepHead title={t('sizing.title')} lead={t('sizing.lead')} />
      <ReasonList items={notes} severity="info" />
      <PrimaryInputs inputs={inputs} />
      <GrowthForm />
      {sizing === null ? (
        <div className="card"><p>{t('sizing.waiting')}</p></div>
      ) : !sizing.ok ? (
        <div className="card attention" role="alert"><p className="error-text">{t(sizing.error.code, sizing.error.params ?? {})}</p></div>
      ) : (
        <>
          <Recommendation r={sizing.value} />
          <section className="card wide" aria-labelledby="sz-compare">
            <h2 id="sz-compare">{t('sizing.compare.title')}</h2>
            <ComparisonTable p={inputs.primary!} r={sizing.value} />
          </section>
          <section className="card wide" aria-labelledby="sz-warn">
            <h2 id="sz-warn">{t('sizing.warnings')}</h2>
            <SizingWarnings r={sizing.value} />
          </section>
          <SizingFigures r={sizing.value} />
          <div className="cols2">
            <SyncCard r={sizing.value} />
            <section className="card">
              <ForecastChart r={sizing.value} />
            </section>
          </div>
        </>
      )}
    </section>
  );
}
