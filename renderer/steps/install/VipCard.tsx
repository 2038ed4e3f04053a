import { useTranslation } from 'react-i18next';
import { ipv4ToInt, interfaceInSubnet } from '../../../shared/commission/inputs/links';
import { ClusterSettingsSchema } from '../../../shared/commission/settingsSchema';
import { useStore } from '../../store';
import { vipSubnet } from './linkChoices';
import { SettingText } from './SettingText';
import { useSettings } from './useSettings';

const shape = ClusterSettingsSchema.shape;
const vipSchema = shape.vip.unwrap();
const nameSchema = shape.vipName.unwrap();
const clusterNameSchema = shape.clusterName.unwrap();

function vipExtra(v: string): string | undefined {
  const [a = '', p = ''] = v.split('/');
  const prefix = Number(p);
  if (ipv4ToInt(a) === undefined || !Number.isInteger(prefix) || prefix < 8 || prefix > 32) return 'install:ui.vip.invalid';
  return undefined;
}

/** The service address clients use (and its DNS name, Postfix's myhostname), and the cluster's name. */
export function VipCard() {
  const { t } = useTranslation('install');
  const project = useStore((s) => s.project);
  const [settings, update] = useSettings();
  if (!project || !settings) return null;
  const myhostname = project.facts?.postfix?.myhostname;
  const net = vipSubnet(settings.vip);
  const nic = net ? interfaceInSubnet(project.commission.inventory?.nodes.primary, net) : undefined;
  return (
    <section className="card" id="ins-vip" aria-labelledby="ins-vip-title">
      <h2 id="ins-vip-title">{t('ui.vip.title')}</h2>
      <p className="hint">{t('ui.vip.intro')}</p>
      <div className="grid3">
        <SettingText label={t('ui.vip.address')} name="vip" value={settings.vip} schema={vipSchema} invalidKey="install:ui.vip.invalid" extra={vipExtra}
          placeholder="192.168.10.20/24" hint={nic ? t('ui.vip.onInterface', { nic }) : t('ui.vip.addressHint')}
          onChange={(v) => update((s) => { const n = { ...s }; if (v) n.vip = v; else delete n.vip; return n; })} />
        <SettingText label={t('ui.vip.name')} name="vipName" value={settings.vipName} schema={nameSchema} invalidKey="install:ui.vip.nameInvalid"
          placeholder="mail.firma.de" hint={t('ui.vip.nameHint')}
          onChange={(v) => update((s) => { const n = { ...s }; if (v) n.vipName = v; else delete n.vipName; return n; })} />
        <SettingText label={t('ui.vip.clusterName')} name="clusterName" value={settings.clusterName} schema={clusterNameSchema} invalidKey="install:ui.vip.clusterNameInvalid"
          hint={t('ui.vip.clusterNameHint')} onChange={(v) => update((s) => ({ ...s, clusterName: v ?? 'mailcluster' }))} />
      </div>
      {myhostname && myhostname !== settings.vipName ? (
        <p className="hint">
          {t('ui.vip.suggest', { name: myhostname })}{' '}
          <button type="button" className="ins-small" onClick={() => update((s) => ({ ...s, vipName: myhostname }))}>{t('ui.vip.useSuggestion')}</button>
        </p>
      ) : null}
    </section>
  );
}
