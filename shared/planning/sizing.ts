import type { DiskType, Growth, HardwareSpec, PrimaryFacts, RaidLevel, SizingAssumptions } from './hardwareSchema';
import { GrowthSchema, HardwareSpecSchema, PrimaryFactsSchema, SizingAssumptionsSchema } from './hardwareSchema';
import { parseOrThrow } from './validate';
import { arrayIops, disksFor, raidName, sequentialThroughput, usableCapacity } from './raid';
import { GB, GiB, MiB, drbdBitmapMiB, drbdMetadataGb, drbdMetadataSectors, initialSyncHours, resyncRate, syncThroughput } from './drbd';
import { checkSpec, type RequirementCheck, type Requirements } from './requirements';
import { storageForecast, type ForecastPoint } from './forecast';
import { planDrbdVolume, type DataDevice, type DrbdVolumePlan } from './drbdVolume';
import { figure, reason, round, type Figure, type Reason } from './trace';

export interface SizingInput {
  primary: PrimaryFacts;
  growth: Growth;
  assumptions?: Partial<SizingAssumptions>;
  /** A concrete server considered as secondary; compared with the primary and the requirements. */
  candidate?: HardwareSpec;
  /** The LV, partition or filesystem that holds the mail data on the primary today (from the Ist-Analyse). */
  dataDevice?: DataDevice;
  /** Calendar year of year 0, to name the year in which the DRBD volume is outgrown. */
  startYear?: number;
}

export interface NicRecommendation {
  role: 'service' | 'replication' | 'management';
  count: number;
  speedGbps: number;
  reason: Reason;
}

/** A cell of the comparison table as data, so every view can label it in its language. */
export type ComparisonCell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; unit: string }
  | { kind: 'disks'; count: number; sizeGb: number; type: DiskType }
  | { kind: 'raid'; level: RaidLevel };

export interface ComparisonRow {
  id: 'cpuModel' | 'cores' | 'threads' | 'ramGb' | 'disks' | 'raidLevel' | 'usableGb' | 'iops' | 'throughput';
  primary: ComparisonCell;
  recommended: ComparisonCell;
  candidate?: ComparisonCell;
}

/** Replication over one link: throughput (disk- or network-bound) and the initial full sync of the volume. */
export interface SyncOnLink {
  role: 'current' | 'recommended';
  linkGbps: number;
  throughput: Figure & { bound: 'disk' | 'network' };
  initialSyncHours: Figure;
}

export interface SizingResult {
  assumptions: SizingAssumptions & { replicationLinkGbps: number };
  primary: { usableGb: Figure; iops: Figure; throughput: Figure };
  cpu: { cores: Figure; threads: Figure; reason: Reason };
  ram: { parts: { id: 'os' | 'services' | 'cluster' | 'bufferPool' | 'drbdBitmap'; figure: Figure }[]; requiredGb: Figure; recommendedGb: Figure };
  storage: { dataNowGb: Figure; dataAtHorizonGb: Figure; drbdVolumeGb: Figure; requiredUsableGb: Figure };
  disks: { raidLevel: RaidLevel; count: number; sizeGb: number; type: PrimaryFacts['disks']['type']; usableGb: Figure; throughput: Figure; reason: Reason };
  iops: { requiredAtHorizon: Figure; secondary: Figure };
  nics: NicRecommendation[];
  drbd: {
    /** The replicated volume on real devices: each node's backing device, the smaller one, and its future. */
    volume: DrbdVolumePlan;
    metadataSectors: Figure;
    metadataGb: Figure;
    bitmapMiB: Figure;
    /** On the recommended replication link (what the plan builds). */
    syncThroughput: Figure & { bound: 'disk' | 'network' };
    initialSyncHours: Figure;
    /** The current link and the recommended one side by side (one entry when they are the same). */
    links: SyncOnLink[];
    resyncRate: Figure;
  };
  requirements: Requirements;
  candidateChecks?: RequirementCheck[];
  comparison: ComparisonRow[];
  forecast: ForecastPoint[];
  warnings: Reason[];
}

const growthFactor = (pct: number, years: number) => (1 + pct / 100) ** years;

/** Sizes the secondary so it can carry the full load after a failover, for the whole planning horizon. */
export function sizeSecondaryNode(input: SizingInput): SizingResult {
  const parsed = parseOrThrow(SizingAssumptionsSchema, input.assumptions ?? {}, 'planning:errors.invalidAssumptions');
  const p = parseOrThrow(PrimaryFactsSchema, input.primary, 'planning:errors.invalidPrimary');
  const growth = parseOrThrow(GrowthSchema, input.growth, 'planning:errors.invalidGrowth');
  // The link DRBD would use today: the one set, else the primary's fastest network card.
  const currentLinkGbps = parsed.replicationLinkGbps ?? (p.nics.length ? Math.max(...p.nics.map((n) => n.speedGbps)) : 1);
  const a = { ...parsed, replicationLinkGbps: currentLinkGbps };
  const Y = growth.horizonYears;
  const warnings: Reason[] = [];

  const primaryUsable = usableCapacity(p.disks);
  const primaryIops = arrayIops(p.disks, a.readSharePct);
  const primaryThroughput = sequentialThroughput(p.disks);

  // CPU: match the primary unless its measured load, grown with the mail volume, would exceed the target.
  const gm = growthFactor(growth.mailVolumePctPerYear, Y);
  let cores: Figure;
  let cpuReason: Reason;
  if (p.peakCpuPct !== undefined && p.peakCpuPct * gm > a.targetCpuPct) {
    const projected = p.peakCpuPct * gm;
    cores = figure(Math.ceil((p.cores * projected) / a.targetCpuPct), 'cores', 'coresForLoad', {
      primaryCores: p.cores, peakCpuPct: p.peakCpuPct, mailGrowthPct: growth.mailVolumePctPerYear, years: Y, targetCpuPct: a.targetCpuPct,
    });
    cpuReason = reason('planning:sizing.reasons.cpuGrowth', { projected: round(projected, 1), target: a.targetCpuPct });
    warnings.push(reason('planning:sizing.warnings.primaryCpuTooSmall', { projected: round(projected, 1), years: Y }));
  } else {
    cores = figure(p.cores, 'cores', 'coresMatch', { primaryCores: p.cores });
    cpuReason = reason(p.peakCpuPct === undefined ? 'planning:sizing.reasons.cpuMatchUnmeasured' : 'planning:sizing.reasons.cpuMatch', {
      projected: round((p.peakCpuPct ?? 0) * gm, 1),
      target: a.targetCpuPct,
    });
  }
  const threads = figure(Math.ceil((cores.value * p.threads) / p.cores), 'threads', 'threadsPerCore', { cores: cores.value, primaryThreads: p.threads, primaryCores: p.cores });

  // Storage: data grows per year; the replicated volume must hold it below the fill limit at the horizon.
  const dataNow = p.data.vmailGb + p.data.mariadbGb + p.data.spoolGb;
  const dataNowGb = figure(dataNow, 'GB', 'dataNow', { vmailGb: p.data.vmailGb, mariadbGb: p.data.mariadbGb, spoolGb: p.data.spoolGb });
  const dataAtHorizonGb = figure(dataNow * growthFactor(growth.storagePctPerYear, Y), 'GB', 'dataAtHorizon', {
    dataNowGb: dataNow, storageGrowthPct: growth.storagePctPerYear, years: Y,
  });
  const neededVolume = dataAtHorizonGb.value / (a.maxFillPct / 100);
  const neededMeta = drbdMetadataGb(neededVolume * GB, a.peers).value;
  const requiredUsableGb = figure(neededVolume + neededMeta + a.osReserveGb, 'GB', 'requiredUsable', {
    dataAtHorizonGb: dataAtHorizonGb.value, maxFillPct: a.maxFillPct, metadataGb: neededMeta, osReserveGb: a.osReserveGb,
  });

  // RAID10 for the IMAP random I/O; same disk size and type as the primary keeps both nodes alike.
  const raidLevel: RaidLevel = 'raid10';
  const noRaid = p.disks.raidLevel === 'none';
  const diskReason =
    p.disks.raidLevel === 'raid10' ? reason('planning:sizing.reasons.raidMatch')
      : noRaid ? reason('planning:sizing.reasons.raid10ForImapNoRaid')
        : reason('planning:sizing.reasons.raid10ForImap', { primaryRaid: raidName(p.disks.raidLevel) });
  if (noRaid) warnings.push(reason('planning:sizing.warnings.primaryNoRaid'));
  else if (p.disks.raidLevel !== 'raid10') warnings.push(reason('planning:sizing.warnings.primaryNotRaid10', { raid: raidName(p.disks.raidLevel) }));
  const minUsable = Math.max(requiredUsableGb.value, primaryUsable.value);
  const count = disksFor(raidLevel, p.disks.sizeGb, minUsable);
  const secondaryArray = { count, sizeGb: p.disks.sizeGb, type: p.disks.type, raidLevel };
  const secondaryUsable = usableCapacity(secondaryArray);
  const secondaryThroughput = sequentialThroughput(secondaryArray);
  const secondaryIops = arrayIops(secondaryArray, a.readSharePct);
  const cand = input.candidate ? parseOrThrow(HardwareSpecSchema, input.candidate, 'planning:errors.invalidCandidate') : undefined;

  // DRBD replicates one volume of the same size on both nodes: the smaller backing device limits it.
  const volume = planDrbdVolume({
    primaryUsableGb: primaryUsable.value,
    primaryDisks: p.disks,
    secondaryUsableGb: (cand ? usableCapacity(cand.disks) : secondaryUsable).value,
    secondaryIsCandidate: cand !== undefined,
    ...(input.dataDevice ? { dataDevice: input.dataDevice } : {}),
    ...(a.drbdVolumeGb !== undefined ? { setGb: a.drbdVolumeGb } : {}),
    osReserveGb: a.osReserveGb,
    peers: a.peers,
    dataNowGb: dataNow,
    storageGrowthPct: growth.storagePctPerYear,
    horizonYears: Y,
    maxFillPct: a.maxFillPct,
    ...(input.startYear !== undefined ? { startYear: input.startYear } : {}),
  });
  warnings.push(...volume.warnings);
  const volumeBytes = volume.volumeGb.value * GB;

  // RAM: everything that must fit after failover, plus headroom, rounded up to whole 8 GB modules.
  const bitmapMiB = drbdBitmapMiB(volumeBytes, a.peers);
  const bitmapGb = (bitmapMiB.value * MiB) / GiB;
  const parts: SizingResult['ram']['parts'] = [
    { id: 'os', figure: figure(a.osRamGb, 'GB', 'assumed', { osRamGb: a.osRamGb }) },
    { id: 'services', figure: figure(a.servicesRamGb, 'GB', 'assumed', { servicesRamGb: a.servicesRamGb }) },
    { id: 'cluster', figure: figure(a.clusterStackRamGb, 'GB', 'assumed', { clusterRamGb: a.clusterStackRamGb }) },
    { id: 'bufferPool', figure: figure(p.mariadbBufferPoolGb, 'GB', 'measured', { bufferPoolGb: p.mariadbBufferPoolGb }) },
    { id: 'drbdBitmap', figure: figure(bitmapGb, 'GB', 'mibToGib', { bitmapMiB: bitmapMiB.value }) },
  ];
  const sum = parts.reduce((s, x) => s + x.figure.value, 0);
  const requiredRam = figure(sum * (1 + a.ramHeadroomPct / 100), 'GB', 'ramRequired', {
    osRamGb: a.osRamGb, servicesRamGb: a.servicesRamGb, clusterRamGb: a.clusterStackRamGb, bufferPoolGb: p.mariadbBufferPoolGb, bitmapGb, ramHeadroomPct: a.ramHeadroomPct,
  });
  const recommendedRam = figure(Math.max(Math.ceil(requiredRam.value / 8) * 8, p.ramGb), 'GB', 'ramRecommended', {
    requiredRamGb: requiredRam.value, primaryRamGb: p.ramGb,
  });
  if (requiredRam.value > p.ramGb) warnings.push(reason('planning:sizing.warnings.primaryRamTooSmall', { requiredGb: round(requiredRam.value, 1), ramGb: p.ramGb }));

  const requiredIops = figure(((p.mailsPerDay * gm * a.ioPerMail) / (a.busyHoursPerDay * 3600)) * a.peakFactor, 'IOPS', 'iopsRequired', {
    mailsPerDay: p.mailsPerDay, mailGrowthPct: growth.mailVolumePctPerYear, years: Y, ioPerMail: a.ioPerMail, busyHours: a.busyHoursPerDay, peakFactor: a.peakFactor,
  });

  // Replication: the slower array and the link limit the sync; a dedicated link faster than the disks is wasted.
  const diskMBps = Math.min(primaryThroughput.value, secondaryThroughput.value);
  const replicationGbps = diskMBps > a.linkMBpsPerGbps ? 10 : 1;
  if (currentLinkGbps * a.linkMBpsPerGbps < diskMBps) {
    warnings.push(reason('planning:sizing.warnings.linkBottleneck', { linkGbps: currentLinkGbps, linkMBps: round(currentLinkGbps * a.linkMBpsPerGbps, 0), diskMBps: round(diskMBps, 0) }));
  }
  const onLink = (role: SyncOnLink['role'], linkGbps: number): SyncOnLink => {
    const throughput = syncThroughput(diskMBps, linkGbps, a.linkMBpsPerGbps, a.drbdOverheadPct);
    return { role, linkGbps, throughput, initialSyncHours: initialSyncHours(volumeBytes, throughput.value) };
  };
  const recommendedLink = onLink('recommended', replicationGbps);
  const links = currentLinkGbps === replicationGbps ? [recommendedLink] : [onLink('current', currentLinkGbps), recommendedLink];
  const serviceSpeed = p.nics.length ? Math.max(...p.nics.map((n) => n.speedGbps)) : 1;
  const nics: NicRecommendation[] = [
    { role: 'service', count: 2, speedGbps: serviceSpeed, reason: reason('planning:sizing.reasons.nicService') },
    {
      role: 'replication',
      count: 1,
      speedGbps: replicationGbps,
      reason: reason(replicationGbps > 1 ? 'planning:sizing.reasons.nicReplication10g' : 'planning:sizing.reasons.nicReplication', { diskMBps: round(diskMBps, 0) }),
    },
    { role: 'management', count: 1, speedGbps: 1, reason: reason('planning:sizing.reasons.nicManagement') },
  ];

  const requirements: Requirements = {
    cores: cores.value,
    threads: threads.value,
    ramGb: recommendedRam.value,
    usableGb: minUsable,
    raidLevels: [...new Set<RaidLevel>(['raid10', p.disks.raidLevel])],
    iops: Math.max(requiredIops.value, primaryIops.value),
    replicationGbps,
    readSharePct: a.readSharePct,
  };
  if (requiredIops.value > primaryIops.value) {
    warnings.push(reason('planning:sizing.warnings.primaryIopsTooLow', { requiredIops: round(requiredIops.value, 0), iops: round(primaryIops.value, 0) }));
  }

  const candidateChecks = cand ? checkSpec(cand, requirements) : undefined;
  for (const c of candidateChecks ?? []) {
    // RAID levels are named as people write them; the check itself keeps the ids.
    const named = (v: number | string | null) => (c.id === 'raidLevel' && typeof v === 'string' ? v.split('/').map((l) => raidName(l as RaidLevel)).join('/') : fmt(v));
    if (c.meets === false) warnings.push(reason(`planning:sizing.warnings.candidate.${c.id}`, { required: named(c.required), offered: named(c.offered) }));
  }

  const forecast = storageForecast({
    dataNowGb: dataNow,
    storagePctPerYear: growth.storagePctPerYear,
    horizonYears: Y,
    maxFillPct: a.maxFillPct,
    capacities: {
      drbd: volume.dataCapacityGb.value,
      primary: volume.primaryBackingGb.value,
      recommended: secondaryUsable.value - a.osReserveGb,
      ...(cand ? { candidate: usableCapacity(cand.disks).value - a.osReserveGb } : {}),
    },
  });
  const candidateFull = cand ? forecast.find((pt) => pt.full.candidate) : undefined;
  if (candidateFull) warnings.push(reason('planning:sizing.warnings.candidateFullInYear', { year: candidateFull.year, maxFillPct: a.maxFillPct }));

  const num = (value: number, unit: string): ComparisonCell => ({ kind: 'number', value, unit });
  const disks = (d: { count: number; sizeGb: number; type: DiskType }): ComparisonCell => ({ kind: 'disks', count: d.count, sizeGb: d.sizeGb, type: d.type });
  const candUsable = cand ? usableCapacity(cand.disks) : undefined;
  const comparison: ComparisonRow[] = [
    row('cpuModel', { kind: 'text', text: p.cpuModel }, { kind: 'text', text: p.cpuModel }, cand && { kind: 'text', text: cand.cpuModel }),
    row('cores', num(p.cores, 'cores'), num(cores.value, 'cores'), cand && num(cand.cores, 'cores')),
    row('threads', num(p.threads, 'threads'), num(threads.value, 'threads'), cand && num(cand.threads, 'threads')),
    row('ramGb', num(p.ramGb, 'GB'), num(recommendedRam.value, 'GB'), cand && num(cand.ramGb, 'GB')),
    row('disks', disks(p.disks), disks(secondaryArray), cand && disks(cand.disks)),
    row('raidLevel', { kind: 'raid', level: p.disks.raidLevel }, { kind: 'raid', level: raidLevel }, cand && { kind: 'raid', level: cand.disks.raidLevel }),
    row('usableGb', num(primaryUsable.value, 'GB'), num(secondaryUsable.value, 'GB'), candUsable && num(candUsable.value, 'GB')),
    row('iops', num(primaryIops.value, 'IOPS'), num(secondaryIops.value, 'IOPS'), cand && num(arrayIops(cand.disks, a.readSharePct).value, 'IOPS')),
    row('throughput', num(primaryThroughput.value, 'MB/s'), num(secondaryThroughput.value, 'MB/s'), cand && num(sequentialThroughput(cand.disks).value, 'MB/s')),
  ];

  return {
    assumptions: a,
    primary: { usableGb: primaryUsable, iops: primaryIops, throughput: primaryThroughput },
    cpu: { cores, threads, reason: cpuReason },
    ram: { parts, requiredGb: requiredRam, recommendedGb: recommendedRam },
    storage: { dataNowGb, dataAtHorizonGb, drbdVolumeGb: volume.volumeGb, requiredUsableGb },
    disks: { ...secondaryArray, usableGb: secondaryUsable, throughput: secondaryThroughput, reason: diskReason },
    iops: { requiredAtHorizon: requiredIops, secondary: secondaryIops },
    nics,
    drbd: {
      volume,
      metadataSectors: drbdMetadataSectors(volumeBytes, a.peers),
      metadataGb: drbdMetadataGb(volumeBytes, a.peers),
      bitmapMiB,
      syncThroughput: recommendedLink.throughput,
      initialSyncHours: recommendedLink.initialSyncHours,
      links,
      resyncRate: resyncRate(recommendedLink.throughput.value, a.resyncSharePct),
    },
    requirements,
    ...(candidateChecks ? { candidateChecks } : {}),
    comparison,
    forecast,
    warnings,
  };
}

function row(id: ComparisonRow['id'], primary: ComparisonCell, recommended: ComparisonCell, candidate: ComparisonCell | undefined): ComparisonRow {
  return candidate === undefined ? { id, primary, recommended } : { id, primary, recommended, candidate };
}

function fmt(v: number | string | null): string | number {
  if (v === null) return '?';
  return typeof v === 'number' ? round(v, 1) : v;
}
