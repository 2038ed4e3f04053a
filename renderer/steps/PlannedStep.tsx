import { StepHead } from '../components/StepHead';
import { useTranslation } from 'react-i18next';
import type { StepId } from '../../shared/project/steps';

/**
 * The intro of a wizard step whose tools are not built yet: it says what the step will do and what it
 * needs, so an apprentice can plan; it does not pretend to compute anything.
 */
export function PlannedStep({ id }: { id: StepId }) {
  const { t } = useTranslation('wizard');
  const items = t(`steps.${id}.covers`, { returnObjects: true }) as unknown;
  return (
    <section className="step" aria-labelledby="step-title">
      <StepHead title={t(`steps.${id}.title`)} lead={t(`steps.${id}.lead`)} />
      <div className="card">
        <h2>{t('plannedHeading')}</h2>
        <ul>{Array.isArray(items) ? items.map((x) => <li key={String(x)}>{String(x)}</li>) : null}</ul>
        <p className="hint">{t('plannedNote')}</p>
      </div>
    </section>
  );
}
