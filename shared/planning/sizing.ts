import type { Growth, HardwareSpec, PrimaryFacts, RaidLevel, SizingAssumptions } from './hardwareSchema';
import { GrowthSchema, HardwareSpecSchema, PrimaryFactsSchema, SizingAssumptionsSchema } from './hardwareSchema';
import { parseOrThrow } from './validate';
import { arrayIops, disksFor, sequentialThroughput, usableCapacity } from './raid';
import { GB, GiB, MiB, drbdBitmapMiB, drbdMetadataGb, drbdMetadataSectors, initialSyncHours, resyncRate, syncThroughput } from './drbd';
import { checkSpec, type RequirementCheck, type Requirements } from './requirements';
import { storageForecast, type ForecastPoint } from './forecast';
import { figure, reason, round, type Figure, type Reason } from './trace';

export interface SizingInput {
  primary: PrimaryFacts;
  growth: Growth;
  assumptions?: Partial<SizingAssumptions>;
  /** A concrete server considered as secondary; compared with the primary and the requirements. */
  candidate?: HardwareSpec;
}

export interface NicRecommendation {
  role: 'service' | 'replication' | 'management';
  count: number;
  speedGbps: number;
  reason: Reason;
}

export interface ComparisonRow {
  id: string;
  primary: number | string;
  recommended: number | string;
  candidate?: number | string;
}

export interface SizingResult {
  assumptions: SizingAssumptions;
  primary: { usableGb: Figure; iops: Figure; throughput: Figure };
  cpu: { cores: Figure; threads: Figure; reason: Reason };
  ram: { parts: { id: 'os' | 'services' | 'cluster' | 'bufferPool' | 'drbdBitmap'; figure: Figure }[]; requiredGb: Figure; recommendedGb: Figure };
  storage: { dataNowGb: Figure; dataAtHorizonGb: Figure; drbdVolumeGb: Figure; requiredUsableGb: Figure };
  disks: { raidLevel: RaidLevel; count: number; sizeGb: number; type: PrimaryFacts['disks']['type']; usableGb: Figure; throughput: Figure; reason: Reason };
  iops: { requiredAtHorizon: Figure; secondary: Figure };
  nics: NicRecommendation[];
  drbd: { metadataSectors: Figure; metadataGb: Figure; bitmapMiB: Figure; syncThroughput: Figure; initialSyncHours: Figure; resyncRate: Figure };
  requirements: Requirements;
  candidateChecks?: RequirementCheck[];
  comparison: ComparisonRow[];
  forecast: ForecastPoint[];
  warnings: Reason[];
}

const growthFactor = (pct: number, years: number) => (1 + pct / 100) ** years;

/** Sizes the secondary so it can carry the full load after a failover, for the whole planning horizon. */
export function sizeSecondaryNode(input: SizingInput): SizingResult {
  const a = parseOrThrow(SizingAssumptionsSchema, input.assumptions ?? {}, 'planning:errors.invalidAssumptions');
  const p = parseOrThrow(PrimaryFactsSchema, input.primary, 'planning:errors.invalidPrimary');
  const growth = parseOrThrow(GrowthSchema, input.growth, 'planning:errors.invalidGrowth');
  const Y = growth.horizonYears;
  const warnings: Reason[] = [];

  const primaryUsable = usableCapacity(p.disks);
  const primaryIops = arrayIops(p.disks, a.readSharePct);
  const primaryThroughput = sequentialThroughput(p.disks);

  // CPU: match the primary unless its measured load, grown with the mail volume, would exceed the target.
  const gm = growthFactor(growth.mailVolumePctPerYear, Y);
  let cores: Figure;
  let cpuReason: Reason;
  const perCore = p.threads / p.cores;
  if (p.peakCpuPct !== undefined && p.peakCpuPct * gm > a.targetCpuPct) {
    const projected = p.peakCpuPct * gm;
    cores = figure(Math.ceil((p.cores * projected) / a.targetCpuPct), 'cores', 'ceil(Cp*u*(1+g)^Y/t)', {
      Cp: p.cores, u: p.peakCpuPct, g: growth.mailVolumePctPerYear / 100, Y, t: a.targetCpuPct,
    });
    cpuReason = reason('planning:sizing.reasons.cpuGrowth', { projected: round(projected, 1), target: a.targetCpuPct });
    warnings.push(reason('planning:sizing.warnings.primaryCpuTooSmall', { projected: round(projected, 1), years: Y }));
  } else {
    cores = figure(p.cores, 'cores', 'Cp', { Cp: p.cores });
    cpuReason = reason(p.peakCpuPct === undefined ? 'planning:sizing.reasons.cpuMatchUnmeasured' : 'planning:sizing.reasons.cpuMatch', {
      projected: round((p.peakCpuPct ?? 0) * gm, 1),
      target: a.targetCpuPct,
    });
  }
  const threads = figure(Math.ceil(cores.value * perCore), 'threads', 'ceil(C*Tp/Cp)', { C: cores.value, Tp: p.threads, Cp: p.cores });

  // Storage: data grows per year; the replicated volume must hold it below the fill limit at the horizon.
  const dataNow = p.data.vmailGb + p.data.mariadbGb + p.data.spoolGb;
  const dataNowGb = figure(dataNow, 'GB', 'V+M+S', { V: p.data.vmailGb, M: p.data.mariadbGb, S: p.data.spoolGb });
  const gs = growthFactor(growth.storagePctPerYear, Y);
  const dataAtHorizonGb = figure(dataNow * gs, 'GB', 'D0*(1+g)^Y', { D0: dataNow, g: growth.storagePctPerYear / 100, Y });
  const neededVolume = dataAtHorizonGb.value / (a.maxFillPct / 100);
  const primaryVolume = primaryUsable.value - a.osReserveGb;
  const drbdVolumeGb =
    a.drbdVolumeGb !== undefined
      ? figure(a.drbdVolumeGb, 'GB', 'set', { set: a.drbdVolumeGb })
      : figure(Math.max(primaryVolume, neededVolume), 'GB', 'max(Up-R, DY/f)', {
          Up: primaryUsable.value, R: a.osReserveGb, DY: dataAtHorizonGb.value, f: a.maxFillPct / 100,
        });
  if (drbdVolumeGb.value < neededVolume) {
    warnings.push(reason('planning:sizing.warnings.volumeTooSmall', { volumeGb: round(drbdVolumeGb.value, 0), neededGb: round(neededVolume, 0) }));
  }
  const volumeBytes = drbdVolumeGb.value * GB;
  const metadataGb = drbdMetadataGb(volumeBytes, a.peers);
  const requiredUsableGb = figure(drbdVolumeGb.value + metadataGb.value + a.osReserveGb, 'GB', 'Vol+Meta+R', {
    Vol: drbdVolumeGb.value, Meta: metadataGb.value, R: a.osReserveGb,
  });

  // RAID10 for the IMAP random I/O; same disk size and type as the primary keeps both nodes alike.
  const raidLevel: RaidLevel = 'raid10';
  const diskReason = reason(p.disks.raidLevel === 'raid10' ? 'planning:sizing.reasons.raidMatch' : 'planning:sizing.reasons.raid10ForImap', {
    primaryRaid: p.disks.raidLevel,
  });
  if (p.disks.raidLevel !== 'raid10') warnings.push(reason('planning:sizing.warnings.primaryNotRaid10', { raid: p.disks.raidLevel }));
  const minUsable = Math.max(requiredUsableGb.value, primaryUsable.value);
  const count = disksFor(raidLevel, p.disks.sizeGb, minUsable);
  const secondaryArray = { count, sizeGb: p.disks.sizeGb, type: p.disks.type, raidLevel };
  const secondaryUsable = usableCapacity(secondaryArray);
  const secondaryThroughput = sequentialThroughput(secondaryArray);
  const secondaryIops = arrayIops(secondaryArray, a.readSharePct);

  // RAM: everything that must fit after failover, plus headroom, rounded up to whole 8 GB modules.
  const bitmapMiB = drbdBitmapMiB(volumeBytes, a.peers);
  const bitmapGb = (bitmapMiB.value * MiB) / GiB;
  const parts: SizingResult['ram']['parts'] = [
    { id: 'os', figure: figure(a.osRamGb, 'GB', 'OS', { OS: a.osRamGb }) },
    { id: 'services', figure: figure(a.servicesRamGb, 'GB', 'Svc', { Svc: a.servicesRamGb }) },
    { id: 'cluster', figure: figure(a.clusterStackRamGb, 'GB', 'Cl', { Cl: a.clusterStackRamGb }) },
    { id: 'bufferPool', figure: figure(p.mariadbBufferPoolGb, 'GB', 'BP', { BP: p.mariadbBufferPoolGb }) },
    { id: 'drbdBitmap', figure: figure(bitmapGb, 'GB', 'BM[MiB]/1024', { 'BM[MiB]': bitmapMiB.value }) },
  ];
  const sum = parts.reduce((s, x) => s + x.figure.value, 0);
  const h = a.ramHeadroomPct / 100;
  const requiredRam = figure(sum * (1 + h), 'GB', '(OS+Svc+Cl+BP+BM)*(1+h)', {
    OS: a.osRamGb, Svc: a.servicesRamGb, Cl: a.clusterStackRamGb, BP: p.mariadbBufferPoolGb, BM: bitmapGb, h,
  });
  const recommendedRam = figure(Math.max(Math.ceil(requiredRam.value / 8) * 8, p.ramGb), 'GB', 'max(ceil(Rreq/8)*8, RAMp)', {
    Rreq: requiredRam.value, RAMp: p.ramGb,
  });
  if (requiredRam.value > p.ramGb) warnings.push(reason('planning:sizing.warnings.primaryRamTooSmall', { requiredGb: round(requiredRam.value, 1), ramGb: p.ramGb }));

  const requiredIops = figure(
    ((p.mailsPerDay * gm * a.ioPerMail) / (a.busyHoursPerDay * 3600)) * a.peakFactor,
    'IOPS',
    'M*(1+g)^Y*io/(H*3600)*pf',
    { M: p.mailsPerDay, g: growth.mailVolumePctPerYear / 100, Y, io: a.ioPerMail, H: a.busyHoursPerDay, pf: a.peakFactor },
  );

  // Replication: the slower array and the link limit the sync.
  const diskMBps = Math.min(primaryThroughput.value, secondaryThroughput.value);
  const gbE = a.linkMBpsPerGbps;
  const replicationGbps = diskMBps > gbE ? 10 : 1;
  if (a.replicationLinkGbps * a.linkMBpsPerGbps < diskMBps) {
    warnings.push(reason('planning:sizing.warnings.linkBottleneck', { linkMBps: round(a.replicationLinkGbps * gbE, 0), diskMBps: round(diskMBps, 0) }));
  }
  const throughput = syncThroughput(diskMBps, a.replicationLinkGbps, a.linkMBpsPerGbps, a.drbdOverheadPct);
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

  const cand = input.candidate ? parseOrThrow(HardwareSpecSchema, input.candidate, 'planning:errors.invalidCandidate') : undefined;
  const candidateChecks = cand ? checkSpec(cand, requirements) : undefined;
  for (const c of candidateChecks ?? []) {
    if (c.meets === false) warnings.push(reason(`planning:sizing.warnings.candidate.${c.id}`, { required: fmt(c.required), offered: fmt(c.offered) }));
  }

  const forecast = storageForecast({
    dataNowGb: dataNow,
    storagePctPerYear: growth.storagePctPerYear,
    horizonYears: Y,
    maxFillPct: a.maxFillPct,
    capacities: {
      primary: primaryVolume,
      recommended: secondaryUsable.value - a.osReserveGb,
      ...(cand ? { candidate: usableCapacity(cand.disks).value - a.osReserveGb } : {}),
    },
  });
  for (const who of ['primary', 'candidate'] as const) {
    const full = forecast.find((pt) => pt.full[who]);
    if (full) warnings.push(reason(`planning:sizing.warnings.${who}FullInYear`, { year: full.year, maxFillPct: a.maxFillPct }));
  }

  const comparison: ComparisonRow[] = [
    row('cpuModel', p.cpuModel, p.cpuModel, cand?.cpuModel),
    row('cores', p.cores, cores.value, cand?.cores),
    row('threads', p.threads, threads.value, cand?.threads),
    row('ramGb', p.ramGb, recommendedRam.value, cand?.ramGb),
    row('disks', `${p.disks.count} x ${p.disks.sizeGb} GB ${p.disks.type}`, `${count} x ${p.disks.sizeGb} GB ${p.disks.type}`, cand && `${cand.disks.count} x ${cand.disks.sizeGb} GB ${cand.disks.type}`),
    row('raidLevel', p.disks.raidLevel, raidLevel, cand?.disks.raidLevel),
    row('usableGb', primaryUsable.value, secondaryUsable.value, cand && usableCapacity(cand.disks).value),
    row('iops', round(primaryIops.value, 0), round(secondaryIops.value, 0), cand && round(arrayIops(cand.disks, a.readSharePct).value, 0)),
  ];

  return {
    assumptions: a,
    primary: { usableGb: primaryUsable, iops: primaryIops, throughput: primaryThroughput },
    cpu: { cores, threads, reason: cpuReason },
    ram: { parts, requiredGb: requiredRam, recommendedGb: recommendedRam },
    storage: { dataNowGb, dataAtHorizonGb, drbdVolumeGb, requiredUsableGb },
    disks: { ...secondaryArray, usableGb: secondaryUsable, throughput: secondaryThroughput, reason: diskReason },
    iops: { requiredAtHorizon: requiredIops, secondary: secondaryIops },
    nics,
    drbd: {
      metadataSectors: drbdMetadataSectors(volumeBytes, a.peers),
      metadataGb,
      bitmapMiB,
      syncThroughput: throughput,
      initialSyncHours: initialSyncHours(volumeBytes, throughput.value),
      resyncRate: resyncRate(a.replicationLinkGbps, a.linkMBpsPerGbps, a.resyncSharePct),
    },
    requirements,
    ...(candidateChecks ? { candidateChecks } : {}),
    comparison,
    forecast,
    warnings,
  };
}

function row(id: string, primary: number | string, recommended: number | string, candidate: number | string | undefined): ComparisonRow {
  return candidate === undefined ? { id, primary, recommended } : { id, primary, recommended, candidate };
}

function fmt(v: number | string | null): string | number {
  if (v === null) return '?';
  return typeof v === 'number' ? round(v, 1) : v;
}
