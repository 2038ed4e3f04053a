import { useTranslation } from 'react-i18next';
import { describeTarget } from '../../../shared/ssh/target';
import { useStore } from '../../store';
import { HostForm } from './HostForm';
import { PlanErrors } from './PlanErrors';
import { PrimarySecrets } from './PrimarySecrets';
import { nodeNeeds } from './planNeeds';
import { SecretsCard } from './SecretsCard';

/** Tab 1: the nodes as SSH targets (the primary from the Ist-Analyse) and the commissioning secrets. */
export function HostsTab() {
  const { t } = useTranslation('install');
  const project = useStore((s) => s.project);
  const plan = useStore((s) => s.insPlan?.result);
  const goTo = useStore((s) => s.goTo);
  const setTab = useStore((s) => s.setInsTab);
  const runInventory = useStore((s) => s.runInventory);
  if (!project) return null;
  const primary = project.hosts.primary;
  const needs = nodeNeeds(project, plan?.plan, plan?.errors ?? []);
  return (
    <div id="ins-hosts">
      <p className="lead ins-tab-lead">{t('ui.hosts.lead')}</p>
      <section className="card" aria-labelledby="ins-primary-title">
        <h2 id="ins-primary-title">{t('ui.roles.primary')}</h2>
        {primary ? (
          <>
          <p>
            {t('ui.hosts.primaryFrom')} <code className="ins-target">{describeTarget(primary)}</code>{' '}
            <button type="button" className="ins-small" onClick={() => goTo('analysis')}>{t('ui.hosts.changeInAnalysis')}</button>
          </p>
          <PrimarySecrets target={primary} />
          </>
        ) : (
          <p className="error-text">
            {t('ui.hosts.primaryMissing')} <button type="button" className="ins-small" onClick={() => goTo('analysis')}>{t('ui.fix.step.analysis')}</button>
          </p>
        )}
      </section>
      <PlanErrors errors={plan?.errors ?? []} only="hosts" />
      {needs.map((n) => <HostForm key={n.role} role={n.role} needed={n.needed} />)}
      <SecretsCard plan={plan?.plan} />
      <div className="ins-next">
        <button type="button" className="primary" onClick={() => { setTab('network', 'ins-inventory'); void runInventory(); }}>{t('ui.hosts.next')}</button>
      </div>
    </div>
  );
}
