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

/** The RAID disk-count rule, for every form and engine: null when the count fits the level, else the rule broken. */
export function raidDiskCountProblem(level: RaidLevel, count: number): { min: number; even: boolean } | null {
  const min = minDisks[level];
  const even = level === 'raid10';
  return count < min || (even && count % 2 !== 0) ? { min, even } : null;
}

export function validateArray(a: DiskArray): void {
  const problem = raidDiskCountProblem(a.raidLevel, a.count);
  if (problem) throw new AppError(problem.even ? 'planning:errors.raidDiskCountEven' : 'planning:errors.raidDiskCount', { raidLevel: raidName(a.raidLevel), count: a.count, min: problem.min });
}

/** RAID levels as people write them (RAID10, not raid10); 'none' has no name of its own. */
export function raidName(level: RaidLevel): string {
  return level === 'none' ? '-' : `RAID ${level.slice(4)}`;
}

/** Number of disks whose capacity (or speed) the array can use. */
function dataDisks(a: DiskArray): number {
  switch (a.raidLevel) {
    case 'none':
    case 'raid0':
      return a.count;
    case 'raid1':
      return 1;
    case 'raid5':
      return a.count - 1;
    case 'raid6':
      return a.count - 2;
    case 'raid10':
      return Math.floor(a.count / 2);
  }
}

export function usableCapacity(a: DiskArray): Figure {
  validateArray(a);
  return figure(dataDisks(a) * a.sizeGb, 'GB', `raidUsable.${a.raidLevel}`, { diskCount: a.count, diskSizeGb: a.sizeGb, raidLevel: a.raidLevel });
}

/** Sequential write throughput, the limit for a DRBD sync target (full-stripe writes assumed for RAID5/6). */
export function sequentialThroughput(a: DiskArray): Figure {
  validateArray(a);
  const t = diskProfiles[a.type].mbps;
  const n = a.raidLevel === 'none' ? 1 : dataDisks(a);
  return figure(n * t, 'MB/s', `raidThroughput.${a.raidLevel}`, { diskCount: a.count, diskMBps: t, diskType: a.type, raidLevel: a.raidLevel });
}

/** Mixed random IOPS with the RAID write penalty: n*D / (r + (1-r)*P). */
export function arrayIops(a: DiskArray, readSharePct: number): Figure {
  validateArray(a);
  const D = diskProfiles[a.type].iops;
  // Without RAID the mail store sits on one disk, so only one disk serves it.
  const n = a.raidLevel === 'none' ? 1 : a.count;
  const r = readSharePct / 100;
  const P = writePenalty[a.raidLevel];
  return figure((n * D) / (r + (1 - r) * P), 'IOPS', 'raidIops', { servingDisks: n, diskIops: D, readSharePct, writePenalty: P, diskType: a.type, raidLevel: a.raidLevel });
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
