/**
 * What a real mail server can look like: figures outside these bounds come from a broken or hostile tool,
 * not from the server, and must not end up in the plan as facts. Each rule returns the paths of the values
 * it does not believe. "Own" rules need only one collector's result; cross rules compare collectors (a
 * mailbox cannot be larger than the disks it is stored on). Pure.
 */
import type { Facts } from './facts';
import type { Path } from './factPaths';

const TiB = 2 ** 40;
/** Larger than any disk, array or file system a mail server has (1 EiB). */
export const MAX_DEVICE_BYTES = 2 ** 60;
/** More RAM than any single server has (64 TiB). */
export const MAX_MEMORY_BYTES = 64 * TiB;

export interface Suspect {
  path: Path;
  value: unknown;
}

type Rule = (f: Facts) => Suspect[];

const over = (path: Path, v: number | undefined, max: number): Suspect[] => (v !== undefined && v > max ? [{ path, value: v }] : []);

/** Rules per collector, on that collector's own result. */
export const ownRules: Record<string, Rule> = {
  hardware: (f) => {
    const h = f.hardware;
    if (!h) return [];
    return [
      ...over(['hardware', 'cpuThreads'], h.cpuThreads, 16_384),
      ...over(['hardware', 'cpuSockets'], h.cpuSockets, 64),
      ...over(['hardware', 'cpuCores'], h.cpuCores, Math.min(16_384, h.cpuThreads ?? 16_384)),
      ...over(['hardware', 'memTotalBytes'], h.memTotalBytes, MAX_MEMORY_BYTES),
      ...over(['hardware', 'memAvailableBytes'], h.memAvailableBytes, Math.min(MAX_MEMORY_BYTES, h.memTotalBytes ?? MAX_MEMORY_BYTES)),
      ...over(['hardware', 'swapTotalBytes'], h.swapTotalBytes, MAX_MEMORY_BYTES),
      ...(h.nics ?? []).flatMap((n, i) => [...over(['hardware', 'nics', i, 'mtu'], n.mtu, 65_536), ...over(['hardware', 'nics', i, 'speedMbps'], n.speedMbps, 1_000_000)]),
    ];
  },
  storage: (f) => {
    const s = f.storage;
    if (!s) return [];
    return [
      ...(s.blockDevices ?? []).flatMap((d, i) => over(['storage', 'blockDevices', i, 'sizeBytes'], d.sizeBytes, MAX_DEVICE_BYTES)),
      ...(s.filesystems ?? []).flatMap((x, i) => [
        ...over(['storage', 'filesystems', i, 'sizeBytes'], x.sizeBytes, MAX_DEVICE_BYTES),
        // df rounds, and root's reserved blocks are neither used nor available: a little slack.
        ...over(['storage', 'filesystems', i, 'usedBytes'], x.usedBytes, (x.sizeBytes ?? MAX_DEVICE_BYTES) * 1.01),
        ...over(['storage', 'filesystems', i, 'availBytes'], x.availBytes, (x.sizeBytes ?? MAX_DEVICE_BYTES) * 1.01),
      ]),
      ...(s.vgs ?? []).flatMap((v, i) => [...over(['storage', 'vgs', i, 'sizeBytes'], v.sizeBytes, MAX_DEVICE_BYTES), ...over(['storage', 'vgs', i, 'freeBytes'], v.freeBytes, v.sizeBytes ?? MAX_DEVICE_BYTES)]),
      ...(s.pvs ?? []).flatMap((v, i) => [...over(['storage', 'pvs', i, 'sizeBytes'], v.sizeBytes, MAX_DEVICE_BYTES), ...over(['storage', 'pvs', i, 'freeBytes'], v.freeBytes, v.sizeBytes ?? MAX_DEVICE_BYTES)]),
      ...(s.lvs ?? []).flatMap((v, i) => over(['storage', 'lvs', i, 'sizeBytes'], v.sizeBytes, MAX_DEVICE_BYTES)),
      ...(s.raids ?? []).flatMap((r, i) => [
        ...over(['storage', 'raids', i, 'sizeBytes'], r.sizeBytes, MAX_DEVICE_BYTES),
        ...over(['storage', 'raids', i, 'raidDevices'], r.raidDevices, 1024),
        ...over(['storage', 'raids', i, 'activeDevices'], r.activeDevices, r.raidDevices ?? 1024),
      ]),
    ];
  },
  services: (f) => (f.services?.listeners ?? []).flatMap((l, i) => over(['services', 'listeners', i, 'port'], l.port, 65_535)),
  postfix: (f) => {
    const q = f.postfix?.queue;
    if (!q) return [];
    return (['total', 'active', 'deferred', 'incoming', 'hold'] as const).flatMap((k) => over(['postfix', 'queue', k], q[k], 10_000_000));
  },
  mariadb: (f) => {
    const m = f.mariadb;
    if (!m) return [];
    return [
      ...over(['mariadb', 'innodbBufferPoolSizeBytes'], m.innodbBufferPoolSizeBytes, MAX_MEMORY_BYTES),
      ...(m.databases ?? []).flatMap((d, i) => over(['mariadb', 'databases', i, 'sizeBytes'], d.sizeBytes, MAX_DEVICE_BYTES)),
      ...(m.engines ?? []).flatMap((d, i) => over(['mariadb', 'engines', i, 'sizeBytes'], d.sizeBytes, MAX_DEVICE_BYTES)),
    ];
  },
  data: (f) => {
    const d = f.data;
    if (!d) return [];
    return [
      ...(['vmailBytes', 'spoolBytes', 'datadirBytes'] as const).flatMap((k) => over(['data', k], d[k], MAX_DEVICE_BYTES)),
      ...(d.domains ?? []).flatMap((x, i) => [...over(['data', 'domains', i, 'bytes'], x.bytes, MAX_DEVICE_BYTES), ...over(['data', 'domains', i, 'messages'], x.messages, 1e10)]),
    ];
  },
  maillog: (f) => {
    const t = f.mailVolume?.totals;
    if (!t) return [];
    return [...over(['mailVolume', 'totals', 'bytesReceived'], t.bytesReceived, MAX_DEVICE_BYTES), ...over(['mailVolume', 'totals', 'bytesDelivered'], t.bytesDelivered, MAX_DEVICE_BYTES)];
  },
};

/**
 * What all mounted file systems (network and RAM ones included; or, without df, all disks) can hold: nothing
 * stored on the server is larger. Counting too much only makes the check laxer, never wrong.
 */
export function storageCapacity(f: Facts): number | undefined {
  const fs = new Map<string, number>();
  for (const x of f.storage?.filesystems ?? []) if (x.sizeBytes !== undefined) fs.set(x.source, Math.max(fs.get(x.source) ?? 0, x.sizeBytes));
  if (fs.size) return [...fs.values()].reduce((a, b) => a + b, 0);
  const disks = (f.storage?.blockDevices ?? []).filter((d) => d.type === 'disk' && d.sizeBytes !== undefined);
  return disks.length ? disks.reduce((a, d) => a + (d.sizeBytes ?? 0), 0) : undefined;
}

/** Rules that compare one collector's figures with another's, with the collector whose value is doubted. */
export const crossRules: Array<{ collector: string; rule: Rule }> = [
  {
    collector: 'data',
    rule: (f) => {
      const cap = storageCapacity(f);
      const d = f.data;
      if (cap === undefined || !d) return [];
      const sum = (d.domains ?? []).reduce((a, x) => a + x.bytes, 0);
      return [
        ...(['vmailBytes', 'spoolBytes', 'datadirBytes'] as const).flatMap((k) => over(['data', k], d[k], cap)),
        ...(sum > cap ? [{ path: ['data', 'domains'], value: sum }] : []),
      ];
    },
  },
  {
    collector: 'mariadb',
    rule: (f) => {
      const cap = storageCapacity(f);
      const sum = (f.mariadb?.databases ?? []).reduce((a, x) => a + (x.sizeBytes ?? 0), 0);
      return cap !== undefined && sum > cap ? [{ path: ['mariadb', 'databases'], value: sum }] : [];
    },
  },
];
