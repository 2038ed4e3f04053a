import { FactsSchema, type Facts } from '../../../shared/analysis/facts';
import { GiB } from './format';

export const diskTypes = ['hdd', 'sas', 'ssd', 'nvme'] as const;
export const raidLevels = ['none', 'raid1', 'raid5', 'raid6', 'raid10'] as const;
export type DiskType = (typeof diskTypes)[number];
export type RaidLevel = (typeof raidLevels)[number];

/** The key facts as the hand-entry form shows them: text, so half-typed values are possible. */
export interface ManualDraft {
  cpuModel: string;
  cores: string;
  threads: string;
  ramGb: string;
  diskCount: string;
  diskSizeGb: string;
  diskType: DiskType;
  raidLevel: RaidLevel;
  vmailGb: string;
  mariadbGb: string;
  spoolGb: string;
  mailsPerDay: string;
  debianVersion: string;
  postfixVersion: string;
  dovecotVersion: string;
  mariadbVersion: string;
}
export type ManualField = keyof ManualDraft;

const round = (v: number, digits = 1) => String(Math.round(v * 10 ** digits) / 10 ** digits);
const s = (v: number | undefined, f: (n: number) => string = String) => (v === undefined ? '' : f(v));

/** What the form starts with: the current facts, however they were collected. */
export function draftFromFacts(facts: Facts | undefined): ManualDraft {
  const hw = facts?.hardware;
  const st = facts?.storage;
  const raid = [...(st?.raids ?? [])].sort((a, b) => (b.sizeBytes ?? 0) - (a.sizeBytes ?? 0))[0];
  const disks = (st?.blockDevices ?? []).filter((b) => b.type === 'disk');
  const size = disks.length ? Math.max(...disks.map((d) => d.sizeBytes ?? 0)) : undefined;
  const first = disks[0];
  const diskType: DiskType = !first ? 'hdd' : first.name.startsWith('nvme') ? 'nvme' : first.rotational === false ? 'ssd' : /sas/i.test(first.model ?? '') ? 'sas' : 'hdd';
  const level = raid?.level?.toLowerCase();
  const days = facts?.mailVolume?.days ?? [];
  return {
    cpuModel: hw?.cpuModel ?? '',
    cores: s(hw?.cpuCores),
    threads: s(hw?.cpuThreads),
    ramGb: s(hw?.memTotalBytes, (b) => String(Math.ceil(b / GiB - 0.05))),
    diskCount: raid ? s(raid.raidDevices ?? disks.length) : disks.length ? String(disks.length) : '',
    diskSizeGb: size ? round(size / 1e9, 0) : '',
    diskType,
    raidLevel: (raidLevels as readonly string[]).includes(level ?? '') ? (level as RaidLevel) : 'none',
    vmailGb: s(facts?.data?.vmailBytes, (b) => round(b / 1e9)),
    mariadbGb: s(facts?.data?.datadirBytes, (b) => round(b / 1e9)),
    spoolGb: s(facts?.data?.spoolBytes, (b) => round(b / 1e9)),
    mailsPerDay: days.length ? String(Math.round(days.reduce((a, d) => a + d.received, 0) / days.length)) : '',
    debianVersion: facts?.os?.versionId ?? '',
    postfixVersion: facts?.postfix?.version ?? '',
    dovecotVersion: facts?.dovecot?.version ?? '',
    mariadbVersion: facts?.mariadb?.version ?? '',
  };
}

const intFields: ManualField[] = ['cores', 'threads', 'diskCount', 'mailsPerDay'];
const numFields: ManualField[] = ['ramGb', 'diskSizeGb', 'vmailGb', 'mariadbGb', 'spoolGb'];
const versionRe = /^[0-9][0-9A-Za-z.+:~-]{0,40}$/;

function parseNum(v: string): number {
  return v.trim() === '' ? NaN : Number(v.trim().replace(',', '.'));
}

/** Field -> anaui validation key, for the fields the user changed (others are left as collected). */
export function manualErrors(d: ManualDraft, changed: Set<ManualField>): Partial<Record<ManualField, string>> {
  const e: Partial<Record<ManualField, string>> = {};
  for (const f of changed) {
    const v = String(d[f]).trim();
    if (intFields.includes(f) || numFields.includes(f)) {
      if (v === '') continue;
      const n = parseNum(v);
      if (!Number.isFinite(n) || n < 0) e[f] = 'anaui:validation.number';
      else if (intFields.includes(f) && !Number.isInteger(n)) e[f] = 'anaui:validation.integer';
      else if ((f === 'cores' || f === 'threads' || f === 'diskCount' || f === 'ramGb' || f === 'diskSizeGb') && n <= 0) e[f] = 'anaui:validation.positive';
      else if (n > 1e7) e[f] = 'anaui:validation.tooLarge';
    } else if (f.endsWith('Version') && v !== '' && !versionRe.test(v)) e[f] = 'anaui:validation.version';
    else if (f === 'cpuModel' && v.length > 200) e[f] = 'anaui:validation.tooLong';
  }
  const cores = parseNum(d.cores);
  const threads = parseNum(d.threads);
  if ((changed.has('cores') || changed.has('threads')) && Number.isFinite(cores) && Number.isFinite(threads) && threads < cores) e.threads ??= 'anaui:validation.threadsBelowCores';
  const count = parseNum(d.diskCount);
  if (changed.has('raidLevel') || changed.has('diskCount')) {
    const min: Record<RaidLevel, number> = { none: 1, raid1: 2, raid5: 3, raid6: 4, raid10: 4 };
    if (Number.isFinite(count) && count < min[d.raidLevel]) e.diskCount ??= 'anaui:validation.raidDisks';
    if (d.raidLevel === 'raid10' && Number.isFinite(count) && count % 2 !== 0) e.diskCount ??= 'anaui:validation.raid10Even';
  }
  return e;
}

function usableBytes(level: RaidLevel, count: number, size: number): number {
  switch (level) {
    case 'raid1': return size;
    case 'raid5': return (count - 1) * size;
    case 'raid6': return (count - 2) * size;
    case 'raid10': return (count / 2) * size;
    default: return count * size;
  }
}

const DEBIAN_CODENAMES: Record<string, string> = { '8': 'jessie', '9': 'stretch', '10': 'buster', '11': 'bullseye', '12': 'bookworm', '13': 'trixie', '14': 'forky' };

const diskGroups: ManualField[] = ['diskCount', 'diskSizeGb', 'diskType', 'raidLevel'];

/**
 * Writes the changed fields into the facts. Values the user did not touch stay as collected; the facts are
 * marked source 'manual' and a note lists what was entered by hand.
 */
export function applyManual(facts: Facts | undefined, d: ManualDraft, changed: Set<ManualField>, now: Date): Facts {
  const base: Facts = facts ? structuredClone(facts) : { collectedAt: now.toISOString() };
  const f = base;
  const n = (v: string) => (v.trim() === '' ? undefined : parseNum(v));
  const set = <K extends keyof Facts>(k: K, patch: Record<string, unknown>) => {
    const cur = { ...((f[k] as object | undefined) ?? {}) } as Record<string, unknown>;
    for (const [pk, pv] of Object.entries(patch)) {
      if (pv === undefined || pv === '') delete cur[pk];
      else cur[pk] = pv;
    }
    (f as Record<string, unknown>)[k] = cur;
  };
  if (changed.has('cpuModel')) set('hardware', { cpuModel: d.cpuModel.trim() });
  if (changed.has('cores')) set('hardware', { cpuCores: n(d.cores) });
  if (changed.has('threads')) set('hardware', { cpuThreads: n(d.threads) });
  if (changed.has('ramGb')) set('hardware', { memTotalBytes: n(d.ramGb) === undefined ? undefined : Math.round(n(d.ramGb)! * GiB) });
  if (diskGroups.some((g) => changed.has(g))) {
    const count = n(d.diskCount);
    const sizeGb = n(d.diskSizeGb);
    if (count !== undefined && sizeGb !== undefined) {
      const size = Math.round(sizeGb * 1e9);
      const names = Array.from({ length: count }, (_, i) => (d.diskType === 'nvme' ? `nvme${i}n1` : `sd${String.fromCharCode(97 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ''}`));
      const blockDevices = names.map((name) => ({ name, type: 'disk', sizeBytes: size, rotational: d.diskType === 'hdd' || d.diskType === 'sas', ...(d.diskType === 'sas' ? { model: 'SAS' } : {}) }));
      const raids = d.raidLevel === 'none' ? [] : [{ name: 'md0', level: d.raidLevel, state: 'clean', degraded: false, raidDevices: count, activeDevices: count, devices: names.map((x) => `/dev/${x}`), sizeBytes: usableBytes(d.raidLevel, count, size) }];
      set('storage', { blockDevices, raids });
    }
  }
  if (changed.has('vmailGb')) set('data', { vmailBytes: n(d.vmailGb) === undefined ? undefined : n(d.vmailGb)! * 1e9 });
  if (changed.has('mariadbGb')) set('data', { datadirBytes: n(d.mariadbGb) === undefined ? undefined : n(d.mariadbGb)! * 1e9 });
  if (changed.has('spoolGb')) set('data', { spoolBytes: n(d.spoolGb) === undefined ? undefined : n(d.spoolGb)! * 1e9 });
  if (changed.has('mailsPerDay')) {
    const perDay = n(d.mailsPerDay);
    const day = { date: now.toISOString().slice(0, 10), received: perDay ?? 0, delivered: 0, forwarded: 0, deferred: 0, deferrals: 0, bounced: 0, rejected: 0, bytesReceived: 0, bytesDelivered: 0 };
    f.mailVolume = perDay === undefined ? {} : { days: [day] };
    if (f.collectors?.maillog) {
      const { maillog: _drop, ...rest } = f.collectors;
      f.collectors = rest;
    }
  }
  if (changed.has('debianVersion')) {
    const v = d.debianVersion.trim();
    const major = v.split('.')[0] ?? '';
    const codename = DEBIAN_CODENAMES[major];
    set('os', { versionId: major || undefined, id: v ? (f.os?.id ?? 'debian') : undefined, codename, prettyName: v ? `Debian GNU/Linux ${v}${codename ? ` (${codename})` : ''}` : undefined });
  }
  if (changed.has('postfixVersion')) set('postfix', { version: d.postfixVersion.trim() });
  if (changed.has('dovecotVersion')) set('dovecot', { version: d.dovecotVersion.trim() });
  if (changed.has('mariadbVersion')) set('mariadb', { version: d.mariadbVersion.trim() });

  const earlier = (f.notes ?? []).find((x) => x.key === 'anaui:notes.manualFields');
  const fields = new Set([...String(earlier?.params?.fields ?? '').split(', ').filter(Boolean), ...[...changed].map(String)]);
  f.notes = [...(f.notes ?? []).filter((x) => x.key !== 'anaui:notes.manualFields'), { key: 'anaui:notes.manualFields', params: { fields: [...fields].join(', ') } }];
  f.source = 'manual';
  return FactsSchema.parse(f);
}
