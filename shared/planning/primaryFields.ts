import { z } from 'zod';
import type { DataDevice } from './drbdVolume';
import { diskTypes, PrimaryFactsSchema, raidLevels, type DiskType, type Nic, type PrimaryFacts, type RaidLevel } from './hardwareSchema';

/**
 * The existing server as the sizing sees it, field by field. The Ist-Analyse facts (collected over SSH, from
 * the offline collector or typed into the hand form) are the one source; planning.sizing.overrides holds only
 * the fields the user corrected in Sizing, and each field says where its value comes from.
 */
export const primaryFieldIds = [
  'cpuModel', 'cores', 'threads', 'ramGb', 'diskCount', 'diskSizeGb', 'diskType', 'raidLevel', 'nicCount', 'nicGbps',
  'vmailGb', 'mariadbGb', 'spoolGb', 'bufferPoolGb', 'mailsPerDay', 'peakCpuPct',
] as const;
export type PrimaryFieldId = (typeof primaryFieldIds)[number];

/** Fields the hand form of the Ist-Analyse does not ask for: measured load is a planning input. */
export const planningOnlyFields: readonly PrimaryFieldId[] = ['peakCpuPct'];
/** Fields the sizing can do without. */
export const optionalFields: readonly PrimaryFieldId[] = ['nicCount', 'nicGbps', 'peakCpuPct'];

export const PrimaryValuesSchema = z.object({
  cpuModel: z.string().max(200).optional(),
  cores: z.number().int().min(1).max(1024).optional(),
  threads: z.number().int().min(1).max(2048).optional(),
  ramGb: z.number().positive().max(65536).optional(),
  diskCount: z.number().int().min(1).max(128).optional(),
  diskSizeGb: z.number().positive().max(1_000_000).optional(),
  diskType: z.enum(diskTypes).optional(),
  raidLevel: z.enum(raidLevels).optional(),
  nicCount: z.number().int().min(1).max(16).optional(),
  nicGbps: z.number().positive().max(800).optional(),
  vmailGb: z.number().min(0).optional(),
  mariadbGb: z.number().min(0).optional(),
  spoolGb: z.number().min(0).optional(),
  bufferPoolGb: z.number().min(0).max(65536).optional(),
  mailsPerDay: z.number().min(0).optional(),
  peakCpuPct: z.number().min(0).max(100).optional(),
});
export type PrimaryValues = z.infer<typeof PrimaryValuesSchema>;
export type PrimaryValue = string | number;

export type FieldSource = 'facts' | 'guessed' | 'override' | 'missing';

export interface PrimaryField {
  id: PrimaryFieldId;
  /** What the Ist-Analyse has (undefined: not collected or not entered). */
  fact: PrimaryValue | undefined;
  /** What the user set in Sizing instead. */
  override: PrimaryValue | undefined;
  value: PrimaryValue | undefined;
  source: FieldSource;
}

export interface ResolvedPrimary {
  fields: Record<PrimaryFieldId, PrimaryField>;
  /** The engine's input, or null while a required field is missing or invalid. */
  primary: PrimaryFacts | null;
  missing: PrimaryFieldId[];
  guessed: PrimaryFieldId[];
  overridden: PrimaryFieldId[];
  /** Where the mail data lives on the primary (LVM), for sizing DRBD on the real device. */
  dataDevice?: DataDevice;
}

const obj = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.map(obj).filter((x) => x !== undefined) : []);
const GiB = 2 ** 30;

/**
 * Received mails of the days a mail log covered, without its cut edges: only the first and the last day can be
 * partial (the log starts or is read mid-day, a rotation or a boot just after midnight), and one of them with less
 * than a tenth of the busiest day's mails is such an edge, not a quiet day (the lab's one-day log read after
 * midnight had a second day with 1 mail and halved the average). Quiet days inside the log stay in.
 */
function fullDays(days: readonly Record<string, unknown>[]): number[] {
  const list = days
    .map((d) => ({ date: str(d.date) ?? '', received: num(d.received) }))
    .filter((d): d is { date: string; received: number } => d.received !== undefined)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((d) => d.received);
  const edge = 0.1 * Math.max(0, ...list);
  if (list.length > 1 && list[list.length - 1]! < edge) list.pop();
  if (list.length > 1 && list[0]! < edge) list.shift();
  return list;
}

/**
 * Reads the sizing fields from the Ist-Analyse facts (bytes, Mbit/s, lsblk/mdadm shapes; unknown JSON, every
 * part optional). A value that cannot be derived stays undefined; a value derived by assumption is named in
 * `guessed` (lsblk cannot tell a 10k SAS disk from a 7.2k one, SMT is unknown without the thread count).
 */
export function valuesFromFacts(facts: unknown): { values: PrimaryValues; guessed: PrimaryFieldId[]; nics: Nic[]; dataDevice?: DataDevice } {
  const f = obj(facts) ?? {};
  const hw = obj(f.hardware) ?? {};
  const storage = obj(f.storage) ?? {};
  const data = obj(f.data) ?? {};
  const mariadb = obj(f.mariadb) ?? {};
  const guessed: PrimaryFieldId[] = [];
  const values: PrimaryValues = {};
  const set = <K extends keyof PrimaryValues>(k: K, v: PrimaryValues[K] | undefined) => {
    if (v !== undefined) values[k] = v;
  };

  set('cpuModel', str(hw.cpuModel));
  set('cores', num(hw.cpuCores));
  const threads = num(hw.cpuThreads);
  if (threads === undefined && num(hw.cpuCores) !== undefined) guessed.push('threads');
  set('threads', threads ?? num(hw.cpuCores));
  const memBytes = num(hw.memTotalBytes);
  // MemTotal is a little below the installed RAM (kernel, firmware): round up to the next whole GB.
  set('ramGb', memBytes !== undefined ? Math.ceil(memBytes / GiB - 1e-9) : undefined);

  const disks = disksFrom(storage, guessed);
  set('diskCount', disks.count);
  set('diskSizeGb', disks.sizeGb);
  set('diskType', disks.type);
  set('raidLevel', disks.raidLevel);

  const nics = nicsFrom(hw);
  const fastest = [...nics].sort((a, b) => b.speedGbps - a.speedGbps)[0];
  set('nicCount', fastest?.count);
  set('nicGbps', fastest?.speedGbps);

  const gb = (b: number | undefined) => (b === undefined ? undefined : b / 1e9);
  set('vmailGb', gb(num(data.vmailBytes)));
  set('mariadbGb', gb(num(data.datadirBytes)));
  set('spoolGb', gb(num(data.spoolBytes)));
  const bp = num(mariadb.innodbBufferPoolSizeBytes);
  set('bufferPoolGb', bp !== undefined ? bp / GiB : undefined);
  // A number the engineer states wins over the mean of the days a mail log covered.
  const received = fullDays(arr(obj(f.mailVolume)?.days));
  set('mailsPerDay', num(obj(f.mailVolume)?.statedPerDay) ?? (received.length ? received.reduce((a, b) => a + b, 0) / received.length : undefined));
  const dataDevice = dataDeviceFrom(f);
  return { values, guessed, nics, ...(dataDevice ? { dataDevice } : {}) };
}

const raidMap: Record<string, RaidLevel> = { raid0: 'raid0', raid1: 'raid1', raid5: 'raid5', raid6: 'raid6', raid10: 'raid10' };

type DiskValues = { count?: number; sizeGb?: number; type?: DiskType; raidLevel?: RaidLevel };

function disksFrom(storage: Record<string, unknown>, guessed: PrimaryFieldId[]): DiskValues {
  // The engineer's own description (hand form) says what lsblk cannot: the disk class and a hardware RAID.
  // It wins field by field over what the device lists show.
  const found: PrimaryFieldId[] = [];
  const discovered = discoveredDisks(storage, found);
  const described = obj(storage.dataArray) ?? {};
  const size = num(described.diskSizeBytes);
  const type = str(described.diskType);
  const level = str(described.raidLevel);
  const out: DiskValues = {
    ...discovered,
    ...(num(described.diskCount) !== undefined ? { count: num(described.diskCount) } : {}),
    ...(size !== undefined ? { sizeGb: size / 1e9 } : {}),
    ...(type && (diskTypes as readonly string[]).includes(type) ? { type: type as DiskType } : {}),
    ...(level && (raidLevels as readonly string[]).includes(level) ? { raidLevel: level as RaidLevel } : {}),
  };
  if (found.includes('diskType') && out.type === discovered.type && type === undefined) guessed.push('diskType');
  return out;
}

function discoveredDisks(storage: Record<string, unknown>, guessed: PrimaryFieldId[]): DiskValues {
  const blocks = arr(storage.blockDevices);
  const raids = arr(storage.raids);
  // The largest md array holds the data; a hardware RAID shows up as a single disk and is taken as 'none'.
  const raid = [...raids].sort((a, b) => (num(b.sizeBytes) ?? 0) - (num(a.sizeBytes) ?? 0))[0];
  const members = raid && Array.isArray(raid.devices) ? raid.devices.filter((d): d is string => typeof d === 'string') : [];
  const memberDisks = members
    .map((m) => blocks.find((b) => b.name === m || `/dev/${String(b.name)}` === m))
    .map((b) => (b && b.type === 'part' && typeof b.parent === 'string' ? (blocks.find((x) => x.name === b.parent) ?? b) : b))
    .filter((b) => b !== undefined);
  const disks = memberDisks.length ? memberDisks : blocks.filter((b) => b.type === 'disk');
  if (!disks.length) return {};
  const sizeBytes = Math.max(...disks.map((d) => num(d.sizeBytes) ?? 0));
  const first = disks[0]!;
  let type: DiskType;
  if (String(first.name).startsWith('nvme')) type = 'nvme';
  else if (first.rotational === false) type = 'ssd';
  else {
    // lsblk cannot tell a 10k SAS disk from a 7.2k one; assume the slower one and say so.
    type = 'hdd';
    guessed.push('diskType');
  }
  const level = raid && typeof raid.level === 'string' ? (raidMap[raid.level.toLowerCase()] ?? 'none') : 'none';
  return {
    count: raid ? (num(raid.raidDevices) ?? disks.length) : disks.length,
    ...(sizeBytes > 0 ? { sizeGb: sizeBytes / 1e9 } : {}),
    type,
    raidLevel: level,
  };
}

function nicsFrom(hw: Record<string, unknown>): Nic[] {
  const described = arr(hw.nicGroups)
    .map((g) => ({ count: num(g.count), speedMbps: num(g.speedMbps) }))
    .filter((g): g is { count: number; speedMbps: number } => g.count !== undefined && g.count > 0 && g.speedMbps !== undefined && g.speedMbps > 0);
  if (described.length) return described.map((g) => ({ count: g.count, speedGbps: g.speedMbps / 1000 }));
  const speeds = arr(hw.nics).map((n) => num(n.speedMbps)).filter((s): s is number => s !== undefined && s > 0);
  const bySpeed = new Map<number, number>();
  for (const s of speeds) bySpeed.set(s, (bySpeed.get(s) ?? 0) + 1);
  return [...bySpeed].map(([mbps, count]) => ({ count, speedGbps: mbps / 1000 }));
}

/** Where the data paths are mounted: the longest mount point that contains the path. */
function mountOf(filesystems: Record<string, unknown>[], path: string): Record<string, unknown> | undefined {
  const within = (mp: string) => mp === '/' || path === mp || path.startsWith(`${mp}/`);
  return filesystems
    .filter((fs) => typeof fs.mountpoint === 'string' && within(fs.mountpoint))
    .sort((a, b) => String(b.mountpoint).length - String(a.mountpoint).length)[0];
}

/** The LV behind a filesystem source: /dev/<vg>/<lv>, or /dev/mapper/<vg>-<lv> with dashes in names doubled. */
function lvOf(lvs: Record<string, unknown>[], source: string): Record<string, unknown> | undefined {
  const mapper = /^\/dev\/mapper\/(.+)$/.exec(source)?.[1];
  return lvs.find((lv) => {
    const name = str(lv.name);
    const vg = str(lv.vg);
    if (!name || !vg) return false;
    if (lv.path === source || source === `/dev/${vg}/${name}`) return true;
    return mapper !== undefined && mapper === `${vg.replace(/-/g, '--')}-${name.replace(/-/g, '--')}`;
  });
}

function dataDeviceFrom(f: Record<string, unknown>): DataDevice | undefined {
  const storage = obj(f.storage) ?? {};
  const filesystems = arr(storage.filesystems);
  const lvs = arr(storage.lvs);
  if (!filesystems.length || !lvs.length) return undefined;
  // The mail store from Dovecot's mail_location (maildir:/var/vmail/%d/%n -> /var/vmail), the MariaDB datadir, the Postfix queue.
  const location = str(obj(f.dovecot)?.mailLocation);
  const mailRoot = location ? /^(?:\w+:)?(\/[^%:]*?)(?:\/%|$|:)/.exec(location)?.[1]?.replace(/\/+$/, '') : undefined;
  const paths = [mailRoot ?? '/var/vmail', str(obj(f.mariadb)?.datadir) ?? '/var/lib/mysql', '/var/spool/postfix'];
  const dataLvs: DataDevice['dataLvs'] = [];
  let vgName: string | undefined;
  for (const p of paths) {
    const fs = mountOf(filesystems, p);
    const lv = fs && typeof fs.source === 'string' ? lvOf(lvs, fs.source) : undefined;
    if (!fs || !lv) continue;
    vgName ??= str(lv.vg);
    const name = `${str(lv.vg)}/${str(lv.name)}`;
    if (!dataLvs.some((x) => x.name === name)) dataLvs.push({ name, sizeGb: (num(lv.sizeBytes) ?? 0) / 1e9, mountpoint: String(fs.mountpoint) });
  }
  const vg = arr(storage.vgs).find((v) => v.name === vgName);
  if (!vg || num(vg.freeBytes) === undefined) return undefined;
  return { vg: { name: String(vg.name), sizeGb: (num(vg.sizeBytes) ?? 0) / 1e9, freeGb: num(vg.freeBytes)! / 1e9 }, dataLvs };
}

/** A complete hand entry from an older project file (planning.sizing.primary) as field values. */
export function valuesFromPrimary(p: PrimaryFacts): PrimaryValues {
  const nic = [...p.nics].sort((a, b) => b.speedGbps - a.speedGbps)[0];
  return {
    cpuModel: p.cpuModel, cores: p.cores, threads: p.threads, ramGb: p.ramGb,
    diskCount: p.disks.count, diskSizeGb: p.disks.sizeGb, diskType: p.disks.type, raidLevel: p.disks.raidLevel,
    ...(nic ? { nicCount: nic.count, nicGbps: nic.speedGbps } : {}),
    vmailGb: p.data.vmailGb, mariadbGb: p.data.mariadbGb, spoolGb: p.data.spoolGb,
    bufferPoolGb: p.mariadbBufferPoolGb, mailsPerDay: p.mailsPerDay,
    ...(p.peakCpuPct !== undefined ? { peakCpuPct: p.peakCpuPct } : {}),
  };
}

/** Facts and overrides field by field, and the engine's input once everything required is there. */
export function resolvePrimary(facts: unknown, overrides: PrimaryValues): ResolvedPrimary {
  const fromFacts = valuesFromFacts(facts);
  const fields = {} as Record<PrimaryFieldId, PrimaryField>;
  const value = {} as PrimaryValues;
  for (const id of primaryFieldIds) {
    const fact = fromFacts.values[id];
    const override = overrides[id];
    const v = override ?? fact;
    if (v !== undefined) (value as Record<string, PrimaryValue>)[id] = v;
    const source: FieldSource = override !== undefined ? 'override' : fact === undefined ? 'missing' : fromFacts.guessed.includes(id) ? 'guessed' : 'facts';
    fields[id] = { id, fact, override, value: v, source };
  }
  // The NICs as the facts list them, unless the user described them in Sizing.
  const nics =
    overrides.nicCount !== undefined || overrides.nicGbps !== undefined
      ? value.nicCount !== undefined && value.nicGbps !== undefined ? [{ count: value.nicCount, speedGbps: value.nicGbps }] : []
      : fromFacts.nics;
  const parsed = PrimaryFactsSchema.safeParse({
    cpuModel: (value.cpuModel ?? '').trim(),
    cores: value.cores,
    threads: value.threads,
    ramGb: value.ramGb,
    disks: { count: value.diskCount, sizeGb: value.diskSizeGb, type: value.diskType, raidLevel: value.raidLevel },
    nics,
    data: { vmailGb: value.vmailGb, mariadbGb: value.mariadbGb, spoolGb: value.spoolGb },
    mariadbBufferPoolGb: value.bufferPoolGb,
    mailsPerDay: value.mailsPerDay,
    ...(value.peakCpuPct !== undefined ? { peakCpuPct: value.peakCpuPct } : {}),
  });
  const required = primaryFieldIds.filter((id) => !optionalFields.includes(id) && id !== 'cpuModel');
  const missing = required.filter((id) => fields[id].value === undefined);
  return {
    fields,
    primary: parsed.success && missing.length === 0 ? parsed.data : null,
    missing,
    guessed: primaryFieldIds.filter((id) => fields[id].source === 'guessed'),
    overridden: primaryFieldIds.filter((id) => fields[id].source === 'override'),
    ...(fromFacts.dataDevice ? { dataDevice: fromFacts.dataDevice } : {}),
  };
}
