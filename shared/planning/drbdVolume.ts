import type { DiskArray } from './hardwareSchema';
import { GB, drbdMetadataGb } from './drbd';
import { disksFor, raidName } from './raid';
import { figure, reason, round, type Figure, type Reason } from './trace';

/**
 * Where the mail data lives on the primary today, as the Ist-Analyse found it: the volume group a new DRBD
 * backing LV is cut from (commissioning does exactly that, shared/commission/settingsSchema.ts drbd.vg), and
 * the LVs that hold the data now, which become free once the data has moved onto DRBD.
 */
export interface DataDevice {
  vg?: { name: string; sizeGb: number; freeGb: number };
  dataLvs: { name: string; sizeGb: number; mountpoint: string }[];
}

export interface DrbdVolumeInput {
  primaryUsableGb: number;
  primaryDisks: DiskArray;
  /** Usable capacity of the secondary: the recommended array, or the candidate being checked. */
  secondaryUsableGb: number;
  secondaryIsCandidate: boolean;
  dataDevice?: DataDevice;
  /** Backing size set by hand (planning.sizing.assumptions.drbdVolumeGb). */
  setGb?: number;
  osReserveGb: number;
  peers: number;
  dataNowGb: number;
  storageGrowthPct: number;
  horizonYears: number;
  maxFillPct: number;
  startYear?: number;
}

export type DrbdRemedy =
  | { kind: 'growLv'; vg: string; byGb: number; maxGb: number; reason: Reason }
  | { kind: 'biggerDisks'; neededUsableGb: number; sameDisks: { count: number; sizeGb: number; raidLevel: DiskArray['raidLevel'] } | null; reason: Reason };

export interface DrbdVolumePlan {
  /** What the primary can give DRBD: the set size, the free extents of its volume group, or the array less the OS. */
  primaryBackingGb: Figure & { source: 'set' | 'vgFree' | 'array' };
  secondaryBackingGb: Figure & { source: 'recommended' | 'candidate' };
  /** One volume of the same size on both nodes: the smaller backing device. */
  volumeGb: Figure;
  limitedBy: 'primary' | 'secondary';
  /** What the filesystem on DRBD can hold: the volume less the internal meta-data at its end. */
  dataCapacityGb: Figure;
  /** Backing size the data at the horizon needs below the fill limit, meta-data included. */
  neededGb: Figure;
  /** First forecast year whose data passes the fill limit of the volume; null when it lasts the horizon. */
  outgrown: { year: number; calendarYear: number | null; dataGb: number } | null;
  remedy: DrbdRemedy | null;
  warnings: Reason[];
}

const growth = (pct: number, years: number) => (1 + pct / 100) ** years;

/** Sizes the DRBD volume for the real backing devices of both nodes and says when and how it must grow. */
export function planDrbdVolume(i: DrbdVolumeInput): DrbdVolumePlan {
  const warnings: Reason[] = [];
  const f = i.maxFillPct / 100;
  const vg = i.dataDevice?.vg;
  let primary: DrbdVolumePlan['primaryBackingGb'];
  if (i.setGb !== undefined) {
    primary = { ...figure(i.setGb, 'GB', 'drbdBackingSet', { drbdVolumeGb: i.setGb }), source: 'set' };
    const available = vg ? vg.freeGb : i.primaryUsableGb - i.osReserveGb;
    if (i.setGb > available * (1 + 1e-9)) warnings.push(reason('planning:sizing.warnings.drbdSetTooLarge', { setGb: round(i.setGb, 0), availableGb: round(available, 0) }));
  } else if (vg) {
    primary = { ...figure(vg.freeGb, 'GB', 'drbdBackingVgFree', { vgName: vg.name, vgFreeGb: vg.freeGb }), source: 'vgFree' };
  } else {
    primary = { ...figure(i.primaryUsableGb - i.osReserveGb, 'GB', 'drbdBackingPrimaryArray', { primaryUsableGb: i.primaryUsableGb, osReserveGb: i.osReserveGb }), source: 'array' };
  }
  const secondary = {
    ...figure(i.secondaryUsableGb - i.osReserveGb, 'GB', i.secondaryIsCandidate ? 'drbdBackingCandidate' : 'drbdBackingSecondaryArray', { secondaryUsableGb: i.secondaryUsableGb, osReserveGb: i.osReserveGb }),
    source: i.secondaryIsCandidate ? ('candidate' as const) : ('recommended' as const),
  };
  const limitedBy = secondary.value < primary.value ? 'secondary' : 'primary';
  const volume = figure(Math.min(primary.value, secondary.value), 'GB', 'drbdVolume', { primaryBackingGb: primary.value, secondaryBackingGb: secondary.value });
  if (limitedBy === 'secondary') warnings.push(reason('planning:sizing.warnings.drbdLimitedBySecondary', { secondaryGb: round(secondary.value, 0), primaryGb: round(primary.value, 0) }));

  const meta = drbdMetadataGb(volume.value * GB, i.peers).value;
  const dataCapacity = figure(volume.value - meta, 'GB', 'drbdDataCapacity', { drbdVolumeGb: volume.value, metadataGb: meta });
  const horizonData = i.dataNowGb * growth(i.storageGrowthPct, i.horizonYears);
  const neededVolume = horizonData / f;
  const neededMeta = drbdMetadataGb(neededVolume * GB, i.peers).value;
  const needed = figure(neededVolume + neededMeta, 'GB', 'drbdNeeded', { dataAtHorizonGb: horizonData, maxFillPct: i.maxFillPct, metadataGb: neededMeta });

  let outgrown: DrbdVolumePlan['outgrown'] = null;
  for (let year = 0; year <= i.horizonYears && !outgrown; year++) {
    const dataGb = i.dataNowGb * growth(i.storageGrowthPct, year);
    if (dataGb > dataCapacity.value * f * (1 + 1e-9)) outgrown = { year, calendarYear: i.startYear !== undefined ? i.startYear + year : null, dataGb };
  }

  let remedy: DrbdRemedy | null = null;
  if (outgrown) {
    const p = { volumeGb: round(volume.value, 0), neededGb: round(needed.value, 0), maxFillPct: i.maxFillPct, year: outgrown.year };
    warnings.push(
      outgrown.calendarYear !== null
        ? reason('planning:sizing.warnings.drbdOutgrownCalendar', { ...p, calendarYear: outgrown.calendarYear })
        : reason('planning:sizing.warnings.drbdOutgrown', p),
    );
    remedy = remedyFor(i, needed.value, limitedBy);
  }
  return { primaryBackingGb: primary, secondaryBackingGb: secondary, volumeGb: volume, limitedBy, dataCapacityGb: dataCapacity, neededGb: needed, outgrown, remedy, warnings };
}

/**
 * Growing DRBD means growing the backing device on both nodes, then `drbdadm resize`. On the primary that is
 * an LV extended into space freed when the old data LVs go, or bigger disks where the array has no room.
 */
function remedyFor(i: DrbdVolumeInput, neededGb: number, limitedBy: 'primary' | 'secondary'): DrbdRemedy {
  const vg = i.dataDevice?.vg;
  const freed = (i.dataDevice?.dataLvs ?? []).filter((lv) => lv.mountpoint !== '/').reduce((s, lv) => s + lv.sizeGb, 0);
  if (limitedBy === 'primary' && vg && vg.freeGb + freed >= neededGb) {
    const byGb = neededGb - vg.freeGb;
    return { kind: 'growLv', vg: vg.name, byGb, maxGb: vg.freeGb + freed, reason: reason('planning:sizing.remedies.growLv', { vg: vg.name, byGb: round(byGb, 0), neededGb: round(neededGb, 0), freedGb: round(freed, 0) }) };
  }
  const neededUsable = neededGb + i.osReserveGb;
  let sameDisks: { count: number; sizeGb: number; raidLevel: DiskArray['raidLevel'] } | null = null;
  try {
    sameDisks = { count: disksFor(i.primaryDisks.raidLevel, i.primaryDisks.sizeGb, neededUsable), sizeGb: i.primaryDisks.sizeGb, raidLevel: i.primaryDisks.raidLevel };
  } catch {
    // A RAID1 cannot grow by adding disks: only bigger disks help.
  }
  const params = { neededUsableGb: round(neededUsable, 0), neededGb: round(neededGb, 0), osReserveGb: round(i.osReserveGb, 0) };
  return {
    kind: 'biggerDisks',
    neededUsableGb: neededUsable,
    sameDisks,
    reason: sameDisks
      ? reason('planning:sizing.remedies.moreDisks', { ...params, count: sameDisks.count, sizeGb: round(sameDisks.sizeGb, 0), raid: raidName(sameDisks.raidLevel) })
      : reason('planning:sizing.remedies.biggerDisks', params),
  };
}
