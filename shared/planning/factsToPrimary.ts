import type { DiskType, Nic, PrimaryFacts, RaidLevel } from './hardwareSchema';
import { PrimaryFactsSchema } from './hardwareSchema';

/**
 * Maps the Ist-Analyse facts (shared/analysis/facts.ts: bytes, Mbit/s, lsblk/mdadm output) onto the sizing
 * input. Read defensively from unknown JSON: the facts schema is young and every field in it is optional.
 * Returns the names of the fields that could not be derived instead of guessing them.
 */
export function primaryFromFacts(facts: unknown): { primary: PrimaryFacts | null; missing: string[]; guessed: string[] } {
  const f = obj(facts) ?? {};
  const hw = obj(f.hardware) ?? {};
  const storage = obj(f.storage) ?? {};
  const data = obj(f.data) ?? {};
  const mariadb = obj(f.mariadb) ?? {};
  const guessed: string[] = [];

  const memBytes = num(hw.memTotalBytes);
  // MemTotal is a little below the installed RAM (kernel, firmware); round up to the next whole GB.
  const ramGb = memBytes !== undefined ? Math.ceil(memBytes / 2 ** 30) : undefined;
  const disks = disksFrom(storage, guessed);
  const nics = nicsFrom(hw.nics);
  const bp = num(mariadb.innodbBufferPoolSizeBytes);
  // Without SMT information one thread per core is the safe assumption.
  if (num(hw.cpuThreads) === undefined && num(hw.cpuCores) !== undefined) guessed.push('threads');

  const candidate = {
    cpuModel: typeof hw.cpuModel === 'string' ? hw.cpuModel : '',
    cores: num(hw.cpuCores),
    threads: num(hw.cpuThreads) ?? num(hw.cpuCores),
    ramGb,
    disks,
    nics,
    data: {
      vmailGb: gb(num(data.vmailBytes)),
      mariadbGb: gb(num(data.datadirBytes)),
      spoolGb: gb(num(data.spoolBytes)),
    },
    mariadbBufferPoolGb: bp !== undefined ? bp / 2 ** 30 : undefined,
    mailsPerDay: mailsPerDay(obj(f.mailVolume)),
  };
  const parsed = PrimaryFactsSchema.safeParse(candidate);
  if (parsed.success) return { primary: parsed.data, missing: [], guessed };
  const missing = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))];
  return { primary: null, missing, guessed };
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
function gb(bytes: number | undefined): number | undefined {
  return bytes === undefined ? undefined : bytes / 1e9;
}

const raidMap: Record<string, RaidLevel> = { raid0: 'raid0', raid1: 'raid1', raid5: 'raid5', raid6: 'raid6', raid10: 'raid10' };

function disksFrom(storage: Record<string, unknown>, guessed: string[]) {
  const blocks = (Array.isArray(storage.blockDevices) ? storage.blockDevices : []).map(obj).filter((b) => b !== undefined);
  const raids = (Array.isArray(storage.raids) ? storage.raids : []).map(obj).filter((r) => r !== undefined);
  // The largest md array holds the data; a hardware RAID shows up as a single disk and is taken as 'none'.
  const raid = raids.sort((a, b) => (num(b.sizeBytes) ?? 0) - (num(a.sizeBytes) ?? 0))[0];
  const members = raid && Array.isArray(raid.devices) ? raid.devices.filter((d): d is string => typeof d === 'string') : [];
  const memberDisks = members
    .map((m) => blocks.find((b) => b.name === m || `/dev/${String(b.name)}` === m))
    .map((b) => (b && b.type === 'part' && typeof b.parent === 'string' ? (blocks.find((x) => x.name === b.parent) ?? b) : b))
    .filter((b) => b !== undefined);
  const disks = memberDisks.length ? memberDisks : blocks.filter((b) => b.type === 'disk');
  if (!disks.length) return undefined;
  const sizeBytes = Math.max(...disks.map((d) => num(d.sizeBytes) ?? 0));
  const first = disks[0]!;
  let type: DiskType;
  if (String(first.name).startsWith('nvme')) type = 'nvme';
  else if (first.rotational === false) type = 'ssd';
  else {
    // lsblk cannot tell a 10k SAS disk from a 7.2k one; assume the slower one and say so.
    type = 'hdd';
    guessed.push('disks.type');
  }
  const level = raid && typeof raid.level === 'string' ? (raidMap[raid.level.toLowerCase()] ?? 'none') : 'none';
  return {
    count: raid ? (num(raid.raidDevices) ?? disks.length) : disks.length,
    sizeGb: sizeBytes > 0 ? sizeBytes / 1e9 : undefined,
    type,
    raidLevel: level,
  };
}

function nicsFrom(v: unknown): Nic[] {
  const speeds = (Array.isArray(v) ? v : [])
    .map(obj)
    .map((n) => num(n?.speedMbps))
    .filter((s): s is number => s !== undefined && s > 0);
  const bySpeed = new Map<number, number>();
  for (const s of speeds) bySpeed.set(s, (bySpeed.get(s) ?? 0) + 1);
  return [...bySpeed].map(([mbps, count]) => ({ count, speedGbps: mbps / 1000 }));
}

function mailsPerDay(volume: Record<string, unknown> | undefined): number | undefined {
  const days = Array.isArray(volume?.days) ? volume.days.map(obj).filter((d) => d !== undefined) : [];
  const received = days.map((d) => num(d.received)).filter((x): x is number => x !== undefined);
  if (!received.length) return undefined;
  return received.reduce((a, b) => a + b, 0) / received.length;
}
