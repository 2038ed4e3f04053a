import { useRecordStepStatus } from '../../components/useRecordStepStatus';
import { StepHead } from '../../components/StepHead';
import { useTranslation } from 'react-i18next';
import { planningOf } from '../../components/planning';
import { Tabs } from '../../components/Tabs';
import { useStore } from '../../store';
import { CostInputs, CostResults } from './CostFigures';
import { costsOf } from './inputs';
import { Offers } from './Offers';
import { costsStepStatus } from './status';
import { TimePlanPanel } from './TimePlan';
import './costs.css';

export function CostsStep() {
  const { t } = useTranslation('planui');
  const project = useStore((s) => s.project);
  const tab = useStore((s) => s.costsTab);
  const setTab = useStore((s) => s.setCostsTab);
  const derived = useStore((s) => (s.project ? costsStepStatus(s.project) : 'notStarted'));
  useRecordStepStatus('costs', derived);
  if (!project) return null;
  const view = costsOf(project);
  const horizon = planningOf(project).growth.horizonYears;
  const error = !view.costs.ok ? view.costs.error : !view.plan.ok ? view.plan.error : null;

  return (
    <section className="step plan-step" aria-labelledby="step-title">
      <StepHead title={t('costs.title')} lead={t('costs.lead')} />
      <Tabs label={t('costs.tabs')} current={tab} onSelect={setTab}
        tabs={[{ id: 'costs', label: t('costs.tabCosts') }, { id: 'time', label: t('costs.tabTime') }]} />
      {error ? <div className="card attention" role="alert"><p className="error-text">{t(error.code, error.params ?? {})}</p></div> : null}
      {tab === 'costs' ? (
        <div role="tabpanel" aria-label={t('costs.tabCosts')}>
          {!view.sizingKnown ? <p className="notice">{t('costs.offers.sizingMissing')}</p> : null}
          <Offers evaluations={view.costs.ok ? view.costs.value.offers : []} />
          <CostInputs view={view} />
          {view.costs.ok ? (
            <>
              <p className="hint labour-note">
                {t('costs.labourNote', { hours: view.plan.ok ? view.plan.value.totals.planned.value : 0, rate: view.rate.value, overhead: view.overhead.value })}
              </p>
              <CostResults e={view.costs.value} horizon={horizon} />
            </>
          ) : null}
        </div>
      ) : (
        <div role="tabpanel" aria-label={t('costs.tabTime')}>
          {view.plan.ok ? <TimePlanPanel result={view.plan.value} /> : null}
        </div>
      )}
    </section>
  );
}
