/**
 * The volume the mail data moves onto, as decided: DRBD on a new LV cut from the primary's volume group
 * (and a matching LV or disk on the secondary), or a shared LUN every hosting node sees. Devices are
 * checked against the inventory: a device that holds anything but what this plan made is refused.
 */
import type { Facts } from '../../analysis/facts';
import type { Inventory, NodeInventory } from '../inventorySchema';
import type { ClusterSettings } from '../settingsSchema';
import type { NodeRole, PlanNotice } from '../types';
import type { DrbdInput, PlanError } from './types';

export const VOLUME_LABEL = 'mhs-mail';
const GiB = 2 ** 30;

type Block = NodeInventory['blockDevices'][number];

/** The device at this path on the node (by its path or one of its /dev/disk/by-id names). */
export function findDevice(inv: NodeInventory | undefined, path: string): Block | undefined {
  return inv?.blockDevices.find((b) => b.path === path || b.byId.includes(path));
}

/** Unused whole disks (no partitions, no signature, not mounted) of at least minBytes. */
export function unusedDisks(inv: NodeInventory | undefined, minBytes: number): Block[] {
  const all = inv?.blockDevices ?? [];
  return all.filter(
    (b) =>
      (b.type === 'disk' || b.type === 'loop') &&
      !b.fstype &&
      !b.mountpoint &&
      b.sizeBytes >= minBytes &&
      !all.some((c) => c !== b && c.path.startsWith(b.path) && c.type === 'part'),
  );
}

/** A stable name for a device: its first /dev/disk/by-id link when it has one. */
const stableName = (b: Block) => b.byId.find((l) => !/\/(wwn|nvme-eui)-/.test(l)) ?? b.path;

/** Bytes of mail data the volume must hold (with headroom), from the facts. */
export function neededBytes(facts: Facts | undefined): number {
  const d = facts?.data ?? {};
  const sum = (d.vmailBytes ?? 0) + (d.datadirBytes ?? 0) + (d.spoolBytes ?? 0);
  return Math.ceil(sum * 1.25);
}

export function drbdVersionOf(inv: NodeInventory | undefined): '8.4' | '9' | undefined {
  const v = inv?.drbdModuleVersion;
  if (!v) return undefined;
  if (/^8\.4(\.|$)/.test(v)) return '8.4';
  if (/^9\./.test(v)) return '9';
  return undefined;
}

export function resolveDrbd(
  inventory: Inventory,
  settings: ClusterSettings,
  facts: Facts | undefined,
  addrs: Partial<Record<NodeRole, string>>,
  resourceFencing: boolean,
  errors: PlanError[],
  notices: PlanNotice[],
): DrbdInput | undefined {
  const p = inventory.nodes.primary;
  const s = inventory.nodes.secondary;
  if (!p || !s) return undefined;
  const vp = drbdVersionOf(p);
  const vs = drbdVersionOf(s);
  for (const [role, v, inv] of [['primary', vp, p], ['secondary', vs, s]] as const)
    if (!v) errors.push({ key: 'commission:errors.drbdModuleMissing', params: { node: role, version: inv.drbdModuleVersion ?? '' } });
  if (vp && vs && vp !== vs) errors.push({ key: 'commission:errors.drbdVersionMismatch', params: { primary: p.drbdModuleVersion ?? '', secondary: s.drbdModuleVersion ?? '' } });
  const lvName = settings.drbd.lvName;
  const existing = (inv: NodeInventory, vg: string) => inv.lvs.find((l) => l.vg === vg && l.name === lvName);

  const vgName = settings.drbd.vg ?? (p.vgs.length === 1 ? p.vgs[0]!.name : undefined);
  const vg = p.vgs.find((v) => v.name === vgName);
  if (!vgName) errors.push({ key: p.vgs.length ? 'commission:errors.drbdVgChoose' : 'commission:errors.drbdNoVg', params: { vgs: p.vgs.map((v) => v.name).join(', ') } });
  else if (!vg) errors.push({ key: 'commission:errors.drbdVgNotFound', params: { vg: vgName } });

  const need = Math.max(neededBytes(facts), 64 * 2 ** 20);
  const ownLv = vg ? existing(p, vg.name) : undefined;
  // The secondary's side: an explicit device, an LV in its own VG, or its one unused disk that fits.
  let secondaryDisk = settings.drbd.secondaryDevice;
  let secondaryLv: DrbdInput['secondaryLv'];
  let secondaryBytes: number | undefined;
  if (secondaryDisk) {
    const d = findDevice(s, secondaryDisk);
    if (!d) errors.push({ key: 'commission:errors.deviceNotFound', params: { node: 'secondary', device: secondaryDisk } });
    else if (d.fstype && d.fstype !== 'drbd') errors.push({ key: 'commission:errors.deviceInUse', params: { node: 'secondary', device: secondaryDisk, fstype: d.fstype } });
    else secondaryBytes = d.sizeBytes;
  } else if (s.vgs.length) {
    const svg = s.vgs.find((v) => v.name === vgName) ?? s.vgs[0]!;
    const have = existing(s, svg.name);
    secondaryBytes = have ? have.sizeBytes : svg.freeBytes;
    secondaryLv = { vg: svg.name, name: lvName, sizeBytes: 0 };
    secondaryDisk = `/dev/${svg.name}/${lvName}`;
  } else {
    const disks = unusedDisks(s, need);
    if (disks.length === 1) {
      secondaryDisk = stableName(disks[0]!);
      secondaryBytes = disks[0]!.sizeBytes;
      notices.push({ level: 'info', text: { de: `DRBD nutzt auf dem Sekundärsystem die freie Platte ${secondaryDisk}.`, en: `DRBD uses the free disk ${secondaryDisk} on the secondary.` } });
    } else errors.push({ key: disks.length ? 'commission:errors.drbdSecondaryChoose' : 'commission:errors.drbdSecondaryMissing', params: { disks: disks.map(stableName).join(', ') } });
  }

  let size = settings.drbd.sizeBytes ?? ownLv?.sizeBytes;
  if (size === undefined && vg) {
    size = Math.min(vg.freeBytes, secondaryBytes ?? vg.freeBytes);
    const ext = vg.extentBytes && vg.extentBytes > 0 ? vg.extentBytes : 4 * 2 ** 20;
    size = Math.floor(size / ext) * ext;
  }
  if (vg && size !== undefined && !ownLv && size > vg.freeBytes) errors.push({ key: 'commission:errors.drbdVgTooSmall', params: { vg: vg.name, freeGiB: round(vg.freeBytes / GiB), needGiB: round(size / GiB) } });
  if (size !== undefined && size < need) errors.push({ key: 'commission:errors.volumeTooSmall', params: { sizeGiB: round(size / GiB), needGiB: round(need / GiB) } });
  if (size !== undefined && secondaryBytes !== undefined && secondaryBytes < size) errors.push({ key: 'commission:errors.drbdSecondaryTooSmall', params: { sizeGiB: round(secondaryBytes / GiB), needGiB: round(size / GiB) } });
  if (secondaryLv && size !== undefined) secondaryLv.sizeBytes = size;
  if (!vg || size === undefined || !secondaryDisk) return undefined;
  return {
    version: vp ?? vs ?? '8.4',
    resource: 'mail',
    device: '/dev/drbd0',
    minor: 0,
    port: settings.drbd.port,
    lv: { vg: vg.name, name: lvName, sizeBytes: size },
    disks: { primary: `/dev/${vg.name}/${lvName}`, secondary: secondaryDisk },
    ...(secondaryLv ? { secondaryLv } : {}),
    addrs,
    resourceFencing,
  };
}

export function resolveShared(inventory: Inventory, settings: ClusterSettings, hosts: NodeRole[], facts: Facts | undefined, errors: PlanError[], notices: PlanNotice[]): { device: string } | undefined {
  const need = neededBytes(facts);
  let device = settings.sharedDevice;
  if (!device) {
    const p = unusedDisks(inventory.nodes.primary, need).filter((b) => hosts.every((r) => findDevice(inventory.nodes[r], b.path)));
    if (p.length === 1) {
      device = p[0]!.path;
      notices.push({ level: 'info', text: { de: `Gemeinsamer Speicher: ${device} (auf allen Knoten sichtbar und leer).`, en: `Shared storage: ${device} (visible on every node and empty).` } });
    } else {
      errors.push({ key: p.length ? 'commission:errors.sharedDeviceChoose' : 'commission:errors.sharedDeviceMissing', params: { devices: p.map((b) => b.path).join(', ') } });
      return undefined;
    }
  }
  for (const r of hosts) {
    const d = findDevice(inventory.nodes[r], device);
    if (!d) errors.push({ key: 'commission:errors.deviceNotFound', params: { node: r, device } });
    else if (d.fstype && d.label !== VOLUME_LABEL) errors.push({ key: 'commission:errors.deviceInUse', params: { node: r, device, fstype: d.fstype } });
    else if (d.sizeBytes < need) errors.push({ key: 'commission:errors.volumeTooSmall', params: { sizeGiB: round(d.sizeBytes / GiB), needGiB: round(need / GiB) } });
  }
  return { device };
}

const round = (x: number) => Math.round(x * 100) / 100;
