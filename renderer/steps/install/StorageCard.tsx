import { useTranslation } from 'react-i18next';
import { findDevice, neededBytes, unusedDisks } from '../../../shared/commission/inputs/storage';
import type { Inventory } from '../../../shared/commission/inventorySchema';
import { ClusterSettingsSchema } from '../../../shared/commission/settingsSchema';
import type { NodeRole } from '../../../shared/commission/types';
import { NumField } from '../../components/NumField';
import { fmtNumber } from '../../components/format';
import { useStore } from '../../store';
import { fmtBytes, GiB } from '../analysis/format';
import { clusterRoles, replicationOf } from './planNeeds';
import { SettingText } from './SettingText';
import { useSettings } from './useSettings';

const dataDirSchema = ClusterSettingsSchema.shape.dataDirs.unwrap().shape.vmail.unwrap();
const mountSchema = ClusterSettingsSchema.shape.mountPoint.unwrap();
const lvNameSchema = ClusterSettingsSchema.shape.drbd.unwrap().shape.lvName.unwrap();

/** Empty disks the primary sees that every other hosting node sees under the same name (a shared LUN, an SBD disk). */
function sharedCandidates(inv: Inventory, hosts: NodeRole[], minBytes: number) {
  return unusedDisks(inv.nodes.primary, minBytes).filter((b) => hosts.every((r) => findDevice(inv.nodes[r], b.path)));
}

function DeviceSelect({ label, name, value, options, onChange, hint }: { label: string; name: string; value: string | undefined; options: { path: string; sizeBytes: number; byId: string[] }[]; onChange(v: string | undefined): void; hint?: string }) {
  const { t } = useTranslation('install');
  const id = `ins-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{t('ui.storage.auto')}</option>
        {value && !options.some((o) => o.path === value || o.byId.includes(value)) ? <option value={value}>{t('ui.storage.notSeen', { device: value })}</option> : null}
        {options.map((o) => <option key={o.path} value={o.path}>{`${o.path} · ${fmtBytes(o.sizeBytes)}${o.byId[0] ? ` · ${o.byId[0]}` : ''}`}</option>)}
      </select>
      {hint ? <div className="field-msg">{hint}</div> : null}
    </div>
  );
}

/** Where the mail data will live as decided: a shared LUN or DRBD on a new LV; the SBD disk; mount point and data folders. */
export function StorageCard() {
  const { t } = useTranslation('install');
  const project = useStore((s) => s.project);
  const plan = useStore((s) => s.insPlan?.result?.plan);
  const [settings, update] = useSettings();
  if (!project || !settings) return null;
  const inv = project.commission.inventory ?? { nodes: {} };
  const replication = replicationOf(project, plan);
  const hosts = clusterRoles(project, plan).members.filter((r) => r !== 'node3');
  const need = neededBytes(project.facts);
  const sbd = project.planning.quorumFencing.fencing.includes('sbdDisk');
  const p = inv.nodes.primary;
  const vg = p?.vgs.find((v) => v.name === (settings.drbd.vg ?? (p.vgs.length === 1 ? p.vgs[0]!.name : undefined)));
  const setDrbd = (patch: Partial<typeof settings.drbd>) => update((s) => ({ ...s, drbd: { ...s.drbd, ...patch } }));

  return (
    <section className="card" id="ins-storage" aria-labelledby="ins-storage-title">
      <h2 id="ins-storage-title">{t('ui.storage.title')}</h2>
      <p className="hint">{replication ? t(`ui.storage.intro.${replication}`, { need: fmtBytes(need) }) : t('ui.storage.introUnknown')}</p>
      {!p ? <p className="muted">{t('ui.links.needInventory')}</p> : null}
      {p && replication === 'shared' ? (
        <DeviceSelect label={t('ui.storage.sharedDevice')} name="sharedDevice" value={settings.sharedDevice} options={sharedCandidates(inv, hosts, need)} hint={t('ui.storage.sharedHint')}
          onChange={(v) => update((s) => { const n = { ...s }; if (v) n.sharedDevice = v; else delete n.sharedDevice; return n; })} />
      ) : null}
      {p && replication === 'drbd' ? (
        <div className="grid3">
          <div className="field">
            <label htmlFor="ins-drbd-vg">{t('ui.storage.vg')}</label>
            <select id="ins-drbd-vg" name="drbdVg" value={settings.drbd.vg ?? ''} onChange={(e) => setDrbd({ vg: e.target.value || undefined })}>
              <option value="">{p.vgs.length === 1 ? t('ui.storage.onlyVg', { vg: p.vgs[0]!.name }) : t('ui.storage.chooseVg')}</option>
              {p.vgs.map((v) => <option key={v.name} value={v.name}>{t('ui.storage.vgOption', { vg: v.name, free: fmtBytes(v.freeBytes), size: fmtBytes(v.sizeBytes) })}</option>)}
            </select>
            {!p.vgs.length ? <div className="field-msg error">{t('ui.storage.noVg')}</div> : null}
          </div>
          <NumField label={t('ui.storage.size')} name="drbdSize" unit="GiB" optional min={0.0625} max={vg ? vg.freeBytes / GiB : undefined} digits={2}
            value={settings.drbd.sizeBytes !== undefined ? settings.drbd.sizeBytes / GiB : undefined}
            hint={vg ? t('ui.storage.sizeHint', { free: fmtNumber(vg.freeBytes / GiB, 2), need: fmtNumber(need / GiB, 2) }) : undefined}
            onChange={(v) => setDrbd({ sizeBytes: v === undefined ? undefined : Math.round(v * GiB) })} />
          <SettingText label={t('ui.storage.lvName')} name="drbdLv" value={settings.drbd.lvName} schema={lvNameSchema} invalidKey="install:ui.storage.lvNameInvalid" onChange={(v) => setDrbd({ lvName: v ?? 'drbd_mail' })} />
          <DeviceSelect label={t('ui.storage.secondaryDevice')} name="drbdSecondary" value={settings.drbd.secondaryDevice} options={unusedDisks(inv.nodes.secondary, need)}
            hint={inv.nodes.secondary?.vgs.length ? t('ui.storage.secondaryVgHint', { vg: inv.nodes.secondary.vgs[0]!.name }) : t('ui.storage.secondaryDiskHint')}
            onChange={(v) => setDrbd({ secondaryDevice: v })} />
        </div>
      ) : null}
      {p && sbd ? (
        <DeviceSelect label={t('ui.storage.sbdDevice')} name="sbdDevice" value={settings.sbdDevice} options={sharedCandidates(inv, hosts, 4 * 2 ** 20).filter((b) => b.path !== settings.sharedDevice)} hint={t('ui.storage.sbdHint')}
          onChange={(v) => update((s) => { const n = { ...s }; if (v) n.sbdDevice = v; else delete n.sbdDevice; return n; })} />
      ) : null}
      <div className="grid3">
        <SettingText label={t('ui.storage.mountPoint')} name="mountPoint" value={settings.mountPoint} schema={mountSchema} invalidKey="install:ui.storage.pathInvalid" onChange={(v) => update((s) => ({ ...s, mountPoint: v ?? '/srv/mail' }))} />
        <div className="field">
          <label htmlFor="ins-fstype">{t('ui.storage.fsType')}</label>
          <select id="ins-fstype" name="fsType" value={settings.fsType} onChange={(e) => update((s) => ({ ...s, fsType: e.target.value as 'ext4' | 'xfs' }))}>
            <option value="ext4">ext4</option>
            <option value="xfs">XFS</option>
          </select>
        </div>
      </div>
      <details className="ins-datadirs">
        <summary>{t('ui.storage.dataDirs')}</summary>
        <p className="hint">{t('ui.storage.dataDirsIntro')}</p>
        <div className="grid3">
          {(['vmail', 'mariadb', 'spool'] as const).map((k) => (
            <SettingText key={k} label={t(`ui.storage.dir.${k}`)} name={`dataDir-${k}`} value={settings.dataDirs[k]} schema={dataDirSchema} invalidKey="install:ui.storage.pathInvalid"
              placeholder={k === 'vmail' ? p?.mailConfig.mailLocation : k === 'mariadb' ? p?.mailConfig.datadir : p?.mailConfig.queueDirectory}
              onChange={(v) => update((s) => { const d = { ...s.dataDirs }; if (v) d[k] = v; else delete d[k]; return { ...s, dataDirs: d }; })} />
          ))}
        </div>
      </details>
    </section>
  );
}
