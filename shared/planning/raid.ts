import { AppError } from '../errors';
import type { DiskArray, DiskType, RaidLevel } from './hardwareSchema';
import { figure, type Figure } from './trace';

/**
 * Rule-of-thumb per-disk figures (random 4K IOPS, sequential MB/s). They are assumptions, shown as inputs of
 * every figure that uses them; a measured value from the lab beats them.
 */
export const diskProfiles: Record<DiskType, { iops: number; mbps: number }> = {
  hdd: { iops: 80, mbps: 150 },
  sas: { iops: 140, mbps: 180 },
  ssd: { iops: 5000, mbps: 450 },
  nvme: { iops: 20000, mbps: 1500 },
};

const minDisks: Record<RaidLevel, number> = { none: 1, raid0: 2, raid1: 2, raid5: 3, raid6: 4, raid10: 4 };
/** Back-end writes per front-end write. */
const writePenalty: Record<RaidLevel, number> = { none: 1, raid0: 1, raid1: 2, raid5: 4, raid6: 6, raid10: 2 };

export function validateArray(a: DiskArray): void {
  const min = minDisks[a.raidLevel];
  if (a.count < min || (a.raidLevel === 'raid10' && a.count % 2 !== 0)) {
    throw new AppError('planning:errors.raidDiskCount', { raidLevel: a.raidLevel.toUpperCase(), count: a.count, min });
  }
}

/** Number of disks whose capacity (or speed) the array can use. */
function dataDisks(a: DiskArray): { n: number; formula: string } {
  switch (a.raidLevel) {
    case 'none':
      return { n: a.count, formula: 'n*S' };
    case 'raid0':
      return { n: a.count, formula: 'n*S' };
    case 'raid1':
      return { n: 1, formula: 'S' };
    case 'raid5':
      return { n: a.count - 1, formula: '(n-1)*S' };
    case 'raid6':
      return { n: a.count - 2, formula: '(n-2)*S' };
    case 'raid10':
      return { n: Math.floor(a.count / 2), formula: 'floor(n/2)*S' };
  }
}

export function usableCapacity(a: DiskArray): Figure {
  validateArray(a);
  const d = dataDisks(a);
  return figure(d.n * a.sizeGb, 'GB', d.formula, { n: a.count, S: a.sizeGb, raid: a.raidLevel });
}

/** Sequential write throughput, the limit for a DRBD sync target (full-stripe writes assumed for RAID5/6). */
export function sequentialThroughput(a: DiskArray): Figure {
  validateArray(a);
  const t = diskProfiles[a.type].mbps;
  if (a.raidLevel === 'none') return figure(t, 'MB/s', 'T', { T: t, disk: a.type });
  const d = dataDisks(a);
  return figure(d.n * t, 'MB/s', d.formula.replace('S', 'T'), { n: a.count, T: t, disk: a.type, raid: a.raidLevel });
}

/** Mixed random IOPS with the RAID write penalty: n*D / (r + (1-r)*P). */
export function arrayIops(a: DiskArray, readSharePct: number): Figure {
  validateArray(a);
  const D = diskProfiles[a.type].iops;
  // Without RAID the mail store sits on one disk, so only one disk serves it.
  const n = a.raidLevel === 'none' ? 1 : a.count;
  const r = readSharePct / 100;
  const P = writePenalty[a.raidLevel];
  return figure((n * D) / (r + (1 - r) * P), 'IOPS', 'n*D/(r+(1-r)*P)', { n, D, r, P, disk: a.type, raid: a.raidLevel });
}

/** Smallest disk count of the given size and level whose usable capacity reaches `neededGb`. */
export function disksFor(level: RaidLevel, sizeGb: number, neededGb: number): number {
  const min = minDisks[level];
  let n: number;
  switch (level) {
    case 'none':
    case 'raid0':
      n = Math.ceil(neededGb / sizeGb);
      break;
    case 'raid1':
      // A mirror cannot grow by adding disks; more capacity needs bigger disks.
      if (neededGb > sizeGb) throw new AppError('planning:errors.raid1TooSmall', { neededGb: Math.ceil(neededGb), sizeGb });
      n = 2;
      break;
    case 'raid5':
      n = Math.ceil(neededGb / sizeGb) + 1;
      break;
    case 'raid6':
      n = Math.ceil(neededGb / sizeGb) + 2;
      break;
    case 'raid10':
      n = 2 * Math.ceil(neededGb / sizeGb);
      break;
  }
  return Math.max(min, n);
}
