import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { InventoryCard } from './InventoryCard';
import { LinksCard } from './LinksCard';
import { PlanErrors } from './PlanErrors';
import { StorageCard } from './StorageCard';
import { VipCard } from './VipCard';

/** Tab 2: what the nodes have (inventory), how the cluster talks (links, VIP) and where the data lives. */
export function NetworkTab() {
  const { t } = useTranslation('install');
  const errors = useStore((s) => s.insPlan?.result?.errors ?? []);
  const setTab = useStore((s) => s.setInsTab);
  const ready = useStore((s) => !!s.insPlan?.result?.plan);
  return (
    <div>
      <p className="lead ins-tab-lead">{t('ui.network.lead')}</p>
      <InventoryCard />
      <PlanErrors errors={errors} only="network" />
      <VipCard />
      <LinksCard />
      <StorageCard />
      <div className="ins-next">
        <button type="button" className={ready ? 'primary' : ''} onClick={() => setTab('plan')}>{t('ui.network.next')}</button>
      </div>
    </div>
  );
}
