import { FactsSchema, type Facts } from '../analysis/facts';
import { diskTypes, raidLevels, type DiskType, type RaidLevel } from '../planning/hardwareSchema';
import { valuesFromFacts } from '../planning/primaryFields';
import { raidDiskCountProblem, raidName } from '../planning/raid';

/**
 * The Ist-Analyse hand form: every value the planning needs about the existing server (peak CPU load, a
 * measurement, is asked in Sizing), plus the software versions. Text while typing, so half-typed values are
 * possible; only fields the user changed are written into the facts, and nothing is written that was not
 * entered (no invented device names, RAID states or mail-log days).
 */
export interface ManualDraft {
  cpuModel: string;
  cores: string;
  threads: string;
  ramGb: string;
  diskCount: string;
  diskSizeGb: string;
  diskType: DiskType;
  raidLevel: RaidLevel;
  nicCount: string;
  nicGbps: string;
  vmailGb: string;
  mariadbGb: string;
  spoolGb: string;
  bufferPoolGb: string;
  mailsPerDay: string;
  debianVersion: string;
  postfixVersion: string;
  dovecotVersion: string;
  mariadbVersion: string;
}
export type ManualField = keyof ManualDraft;
export const manualDiskTypes = diskTypes;
export const manualRaidLevels = raidLevels;

/** A validation error as an i18n key with its parameters. */
export interface FieldError {
  key: string;
  params?: Record<string, string | number>;
}

const GiB = 2 ** 30;
const text = (v: number | undefined, digits = 2) => (v === undefined ? '' : String(Math.round(v * 10 ** digits) / 10 ** digits));

/** What the form starts with: the current facts as the planning reads them, however they were collected. */
export function draftFromFacts(facts: Facts | undefined): ManualDraft {
  const { values: v } = valuesFromFacts(facts);
  return {
    cpuModel: v.cpuModel ?? '',
    cores: text(v.cores),
    threads: text(v.threads),
    ramGb: text(v.ramGb),
    diskCount: text(v.diskCount),
    diskSizeGb: text(v.diskSizeGb, 0),
    diskType: v.diskType ?? 'hdd',
    raidLevel: v.raidLevel ?? 'none',
    nicCount: text(v.nicCount),
    nicGbps: text(v.nicGbps),
    vmailGb: text(v.vmailGb, 1),
    mariadbGb: text(v.mariadbGb, 1),
    spoolGb: text(v.spoolGb, 1),
    bufferPoolGb: text(v.bufferPoolGb),
    mailsPerDay: text(v.mailsPerDay, 0),
    debianVersion: facts?.os?.versionId ?? '',
    postfixVersion: facts?.postfix?.version ?? '',
    dovecotVersion: facts?.dovecot?.version ?? '',
    mariadbVersion: facts?.mariadb?.version ?? '',
  };
}

const intFields: ManualField[] = ['cores', 'threads', 'diskCount', 'nicCount', 'mailsPerDay'];
const numFields: ManualField[] = ['ramGb', 'diskSizeGb', 'nicGbps', 'vmailGb', 'mariadbGb', 'spoolGb', 'bufferPoolGb'];
const positive: ManualField[] = ['cores', 'threads', 'diskCount', 'ramGb', 'diskSizeGb', 'nicCount', 'nicGbps'];
const versionRe = /^[0-9][0-9A-Za-z.+:~-]{0,40}$/;

function parseNum(v: string): number {
  return v.trim() === '' ? NaN : Number(v.trim().replace(',', '.'));
}

/** Field -> error for the fields the user changed (others stay as collected). RAID rules are the planning's. */
export function manualErrors(d: ManualDraft, changed: Set<ManualField>): Partial<Record<ManualField, FieldError>> {
  const e: Partial<Record<ManualField, FieldError>> = {};
  for (const f of changed) {
    const v = String(d[f]).trim();
    if (intFields.includes(f) || numFields.includes(f)) {
      if (v === '') continue;
      const n = parseNum(v);
      if (!Number.isFinite(n) || n < 0) e[f] = { key: 'anaui:validation.number' };
      else if (intFields.includes(f) && !Number.isInteger(n)) e[f] = { key: 'anaui:validation.integer' };
      else if (positive.includes(f) && n <= 0) e[f] = { key: 'anaui:validation.positive' };
      else if (n > 1e7) e[f] = { key: 'anaui:validation.tooLarge' };
    } else if (f.endsWith('Version') && v !== '' && !versionRe.test(v)) e[f] = { key: 'anaui:validation.version' };
    else if (f === 'cpuModel' && v.length > 200) e[f] = { key: 'anaui:validation.tooLong' };
  }
  const cores = parseNum(d.cores);
  const threads = parseNum(d.threads);
  if ((changed.has('cores') || changed.has('threads')) && Number.isFinite(cores) && Number.isFinite(threads) && threads < cores) e.threads ??= { key: 'anaui:validation.threadsBelowCores' };
  const count = parseNum(d.diskCount);
  if ((changed.has('raidLevel') || changed.has('diskCount')) && Number.isInteger(count) && count > 0) {
    const problem = raidDiskCountProblem(d.raidLevel, count);
    if (problem) e.diskCount ??= { key: problem.even ? 'planning:errors.raidDiskCountEven' : 'planning:errors.raidDiskCount', params: { raidLevel: raidName(d.raidLevel), min: problem.min, count } };
  }
  // NICs are described as "how many at which speed": one without the other says nothing.
  if ((changed.has('nicCount') || changed.has('nicGbps')) && (d.nicCount.trim() === '') !== (d.nicGbps.trim() === '')) {
    e[d.nicCount.trim() === '' ? 'nicCount' : 'nicGbps'] ??= { key: 'anaui:validation.nicPair' };
  }
  return e;
}

const DEBIAN_CODENAMES: Record<string, string> = { '8': 'jessie', '9': 'stretch', '10': 'buster', '11': 'bullseye', '12': 'bookworm', '13': 'trixie', '14': 'forky' };
const diskFields: ManualField[] = ['diskCount', 'diskSizeGb', 'diskType', 'raidLevel'];

/**
 * Writes the changed fields into the facts. Untouched values stay as collected; the disks and NICs go into
 * storage.dataArray and hardware.nicGroups (the engineer's description, not device lists), the mail volume
 * into mailVolume.statedPerDay. The facts are marked source 'manual' and a note lists the fields entered.
 */
export function applyManual(facts: Facts | undefined, d: ManualDraft, changed: Set<ManualField>, now: Date): Facts {
  const f: Facts = facts ? structuredClone(facts) : { collectedAt: now.toISOString() };
  const n = (v: string) => (v.trim() === '' ? undefined : parseNum(v));
  const set = <K extends keyof Facts>(k: K, patch: Record<string, unknown>) => {
    const cur = { ...((f[k] as object | undefined) ?? {}) } as Record<string, unknown>;
    for (const [pk, pv] of Object.entries(patch)) {
      if (pv === undefined || pv === '') delete cur[pk];
      else cur[pk] = pv;
    }
    (f as Record<string, unknown>)[k] = cur;
  };
  const scaled = (v: string, factor: number) => {
    const x = n(v);
    return x === undefined ? undefined : Math.round(x * factor);
  };
  if (changed.has('cpuModel')) set('hardware', { cpuModel: d.cpuModel.trim() });
  if (changed.has('cores')) set('hardware', { cpuCores: n(d.cores) });
  if (changed.has('threads')) set('hardware', { cpuThreads: n(d.threads) });
  if (changed.has('ramGb')) set('hardware', { memTotalBytes: scaled(d.ramGb, GiB) });
  if (changed.has('nicCount') || changed.has('nicGbps')) {
    const count = n(d.nicCount);
    const gbps = n(d.nicGbps);
    set('hardware', { nicGroups: count !== undefined && gbps !== undefined ? [{ count, speedMbps: Math.round(gbps * 1000) }] : undefined });
  }
  if (diskFields.some((g) => changed.has(g))) {
    set('storage', {
      dataArray: {
        ...(n(d.diskCount) !== undefined ? { diskCount: n(d.diskCount) } : {}),
        ...(n(d.diskSizeGb) !== undefined ? { diskSizeBytes: scaled(d.diskSizeGb, 1e9) } : {}),
        diskType: d.diskType,
        raidLevel: d.raidLevel,
      },
    });
  }
  if (changed.has('vmailGb')) set('data', { vmailBytes: scaled(d.vmailGb, 1e9) });
  if (changed.has('mariadbGb')) set('data', { datadirBytes: scaled(d.mariadbGb, 1e9) });
  if (changed.has('spoolGb')) set('data', { spoolBytes: scaled(d.spoolGb, 1e9) });
  if (changed.has('bufferPoolGb')) set('mariadb', { innodbBufferPoolSizeBytes: scaled(d.bufferPoolGb, GiB) });
  if (changed.has('mailsPerDay')) set('mailVolume', { statedPerDay: n(d.mailsPerDay) });
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
