import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sizeSecondaryNode } from './sizing';
import { checkSpec } from './requirements';
import { seedGrowth, seedPrimary } from '../../test/support/planning/seed';
import type { PrimaryFacts } from './hardwareSchema';
import { raidLevels, diskTypes } from './hardwareSchema';

const keys = (r: { warnings: { key: string }[] }) => r.warnings.map((w) => w.key);

describe('sizeSecondaryNode: the seed primary (E5-2620 v4, 8C/16T, 32 GB, 4 x 2 TB SAS RAID10)', () => {
  const r = sizeSecondaryNode({ primary: seedPrimary, growth: seedGrowth });

  it('primary array figures', () => {
    // RAID10: floor(4/2)*2000 = 4000 GB usable
    expect(r.primary.usableGb.value).toBe(4000);
    // 4*140 / (0.7 + 0.3*2) = 560/1.3 = 430.77 IOPS
    expect(r.primary.iops.value).toBeCloseTo(430.769, 2);
    // 2 mirror pairs * 180 MB/s = 360 MB/s
    expect(r.primary.throughput.value).toBe(360);
  });

  it('CPU matches the primary when no load was measured', () => {
    expect(r.cpu.cores.value).toBe(8);
    expect(r.cpu.threads.value).toBe(16); // ceil(8*16/8)
    expect(r.cpu.reason.key).toBe('planning:sizing.reasons.cpuMatchUnmeasured');
  });

  it("storage grows to the horizon; DRBD gets what the primary's array can give, not the forecast", () => {
    // 1500+40+10 = 1550 GB; *1.2^5 = 1550*2.48832 = 3856.896 GB
    expect(r.storage.dataNowGb.value).toBe(1550);
    expect(r.storage.dataAtHorizonGb.value).toBeCloseTo(3856.896, 6);
    // Primary: 4000 GB usable - 50 GB OS = 3950 GB; secondary (6 x 2 TB RAID10): 6000 - 50 = 5950 GB
    const v = r.drbd.volume;
    expect(v.primaryBackingGb).toMatchObject({ value: 3950, source: 'array', formula: 'drbdBackingPrimaryArray' });
    expect(v.secondaryBackingGb).toMatchObject({ value: 5950, source: 'recommended' });
    // One volume of the same size on both nodes: the smaller one, the existing primary
    expect(v.volumeGb.value).toBe(3950);
    expect(v.limitedBy).toBe('primary');
    expect(r.storage.drbdVolumeGb.value).toBe(3950);
    // Cs = 3950e9/512 = 7,714,843,750; /2^18 = 29,429.79 -> 29,430; *8 = 235,440; +72 = 235,512 sectors
    expect(r.drbd.metadataSectors.value).toBe(235_512);
    expect(r.drbd.metadataSectors.inputs).toEqual({ sectors: 7_714_843_750, peers: 1 });
    // 235,512*512 = 120,582,144 B = 0.120582144 GB
    expect(r.drbd.metadataGb.value).toBeCloseTo(0.120582144, 9);
    expect(v.dataCapacityGb.value).toBeCloseTo(3949.879417856, 6);
    // The secondary is sized for the horizon: 3856.896/0.8 = 4821.12 GB, its meta-data ceil(9,416,250,000/2^18)*8+72
    // = 287,440 sectors = 0.14716928 GB, plus 50 GB OS = 4871.26716928 GB
    expect(r.storage.requiredUsableGb.value).toBeCloseTo(4871.26716928, 6);
    expect(v.neededGb.value).toBeCloseTo(4821.26716928, 6);
  });

  it('says in which year the data outgrows the DRBD volume and what to do', () => {
    // limit 0.8*3949.88 = 3159.90 GB; year 3: 1550*1.728 = 2678.4 (fits), year 4: 1550*2.0736 = 3214.08 (too much)
    const v = r.drbd.volume;
    expect(v.outgrown).toMatchObject({ year: 4, calendarYear: null });
    expect(v.outgrown?.dataGb).toBeCloseTo(3214.08, 6);
    expect(r.warnings).toContainEqual({ key: 'planning:sizing.warnings.drbdOutgrown', params: { volumeGb: 3950, neededGb: 4821, maxFillPct: 80, year: 4 } });
    // No volume group known (hand entry): both nodes need 4871 GB usable, i.e. 2*ceil(4871.27/2000) = 6 disks of 2 TB
    expect(v.remedy).toMatchObject({ kind: 'biggerDisks', sameDisks: { count: 6, sizeGb: 2000, raidLevel: 'raid10' } });
    expect(v.remedy?.reason).toEqual({ key: 'planning:sizing.remedies.moreDisks', params: { neededUsableGb: 4871, neededGb: 4821, osReserveGb: 50, count: 6, sizeGb: 2000, raid: 'RAID 10' } });
    const dated = sizeSecondaryNode({ primary: seedPrimary, growth: seedGrowth, startYear: 2026 });
    expect(dated.drbd.volume.outgrown).toMatchObject({ year: 4, calendarYear: 2030 });
    expect(keys(dated)).toContain('planning:sizing.warnings.drbdOutgrownCalendar');
  });

  it("an LV on LVM: DRBD gets the volume group's free space, and grows into what the old data LVs free", () => {
    // VG on the 4 TB array: 2400 GB free; the data LVs (1600 + 30 GB) become free after the move.
    const dataDevice = { vg: { name: 'vg_mail', sizeGb: 4000, freeGb: 2400 }, dataLvs: [{ name: 'vmail', sizeGb: 1600, mountpoint: '/var/vmail' }, { name: 'root', sizeGb: 30, mountpoint: '/' }] };
    const lv = sizeSecondaryNode({ primary: seedPrimary, growth: seedGrowth, dataDevice });
    expect(lv.drbd.volume.primaryBackingGb).toMatchObject({ value: 2400, source: 'vgFree', inputs: { vgName: 'vg_mail', vgFreeGb: 2400 } });
    expect(lv.drbd.volume.volumeGb.value).toBe(2400);
    // capacity 2400 - meta; 80 % = ~1919.9 GB: year 1 (1860) fits, year 2 (2232) does not
    expect(lv.drbd.volume.outgrown?.year).toBe(2);
    // 2400 free + 1600 freed (root stays) = 4000 < 4821.27 needed: bigger disks
    expect(lv.drbd.volume.remedy?.kind).toBe('biggerDisks');
    const roomy = sizeSecondaryNode({ primary: seedPrimary, growth: seedGrowth, dataDevice: { ...dataDevice, vg: { ...dataDevice.vg, freeGb: 3300 } } });
    // 3300 + 1600 = 4900 >= 4821.27: grow the LV by 4821.27 - 3300 = 1521.27 GB on both nodes
    expect(roomy.drbd.volume.remedy).toMatchObject({ kind: 'growLv', vg: 'vg_mail', maxGb: 4900 });
    if (roomy.drbd.volume.remedy?.kind === 'growLv') expect(roomy.drbd.volume.remedy.byGb).toBeCloseTo(1521.26716928, 6);
  });

  it('a candidate smaller than the primary limits DRBD, and a set size larger than the primary has is flagged', () => {
    const small = sizeSecondaryNode({
      primary: seedPrimary, growth: seedGrowth,
      candidate: { cpuModel: 'x', cores: 8, threads: 16, ramGb: 32, disks: { count: 2, sizeGb: 2000, type: 'sas', raidLevel: 'raid1' }, nics: [] },
    });
    // RAID1 of 2 x 2000: 2000 - 50 = 1950 GB < 3950
    expect(small.drbd.volume).toMatchObject({ limitedBy: 'secondary', secondaryBackingGb: { value: 1950, source: 'candidate' }, volumeGb: { value: 1950 } });
    expect(keys(small)).toContain('planning:sizing.warnings.drbdLimitedBySecondary');
    const set = sizeSecondaryNode({ primary: seedPrimary, growth: seedGrowth, assumptions: { drbdVolumeGb: 5000 } });
    expect(set.drbd.volume.primaryBackingGb).toMatchObject({ value: 5000, source: 'set' });
    expect(set.warnings).toContainEqual({ key: 'planning:sizing.warnings.drbdSetTooLarge', params: { setGb: 5000, availableGb: 3950 } });
  });

  it('recommends RAID10 with enough 2 TB disks', () => {
    // 2*ceil(4871.27/2000) = 2*3 = 6 disks -> 3*2000 = 6000 GB
    expect(r.disks).toMatchObject({ raidLevel: 'raid10', count: 6, sizeGb: 2000, type: 'sas' });
    expect(r.disks.usableGb.value).toBe(6000);
    expect(r.disks.reason.key).toBe('planning:sizing.reasons.raidMatch');
    // 6*140/1.3 = 646.15 IOPS
    expect(r.iops.secondary.value).toBeCloseTo(646.154, 2);
  });

  it('RAM: OS + services + cluster + buffer pool + bitmap + 25 %, never below the primary', () => {
    // bitmap of the 3950 GB volume: ceil(3950e9/4096) = 964,355,469 bits /8 = 120,544,433.625 B = 114.9601 MiB = 0.112266 GiB
    expect(r.drbd.bitmapMiB.value).toBeCloseTo(114.9601, 4);
    // (2 + 4 + 0.5 + 8 + 0.112266) * 1.25 = 14.612266*1.25 = 18.265333
    expect(r.ram.requiredGb.value).toBeCloseTo(18.265333, 5);
    // ceil(18.3/8)*8 = 24; max(24, 32) = 32
    expect(r.ram.recommendedGb.value).toBe(32);
    expect(r.ram.parts.map((p) => p.id)).toEqual(['os', 'services', 'cluster', 'bufferPool', 'drbdBitmap']);
  });

  it('IOPS need from the mail volume at the horizon', () => {
    // 20000*1.1^5 = 32210.2 mails/day; *20 IO / (10 h*3600 s) * 3 = 644,204/36,000*3 = 53.684
    expect(r.iops.requiredAtHorizon.value).toBeCloseTo(53.684, 3);
    // requirement: max(53.68, primary 430.77)
    expect(r.requirements.iops).toBeCloseTo(430.769, 2);
  });

  it("replication: 10 GbE recommended; sync over today's 1 GbE and over 10 GbE side by side, whichever limits", () => {
    expect(r.nics.find((n) => n.role === 'replication')).toMatchObject({ speedGbps: 10 });
    // Disks: min(primary 360, secondary 540) = 360 MB/s. Today's link: the primary's fastest NIC, 1 Gbit/s.
    expect(r.assumptions.replicationLinkGbps).toBe(1);
    const [today, recommended] = r.drbd.links;
    // 1 GbE: min(360, 1*110) * 0.97 = 106.7 MB/s, network-bound; 3,950,000 MB / 106.7 = 37,019.68 s = 10.2832 h
    expect(today).toMatchObject({ role: 'current', linkGbps: 1, throughput: { bound: 'network' } });
    expect(today!.throughput.value).toBeCloseTo(106.7, 10);
    expect(today!.initialSyncHours.value).toBeCloseTo(10.2832, 4);
    // 10 GbE: min(360, 1100) * 0.97 = 349.2 MB/s, disk-bound; 3,950,000 / 349.2 = 11,311.57 s = 3.1421 h
    expect(recommended).toMatchObject({ role: 'recommended', linkGbps: 10, throughput: { bound: 'disk' } });
    expect(recommended!.throughput.value).toBeCloseTo(349.2, 10);
    expect(recommended!.initialSyncHours.value).toBeCloseTo(3.1421, 4);
    expect(r.drbd.initialSyncHours).toEqual(recommended!.initialSyncHours);
    // Resync at 30 % of what replication moves on the recommended link: 349.2 * 0.3 = 104.76 MB/s
    expect(r.drbd.resyncRate.value).toBeCloseTo(104.76, 10);
    expect(keys(r)).toContain('planning:sizing.warnings.linkBottleneck');
    // With the 10 GbE link already in place there is one link to show.
    const fast = sizeSecondaryNode({ primary: seedPrimary, growth: seedGrowth, assumptions: { replicationLinkGbps: 10 } });
    expect(fast.drbd.links).toHaveLength(1);
    expect(keys(fast)).not.toContain('planning:sizing.warnings.linkBottleneck');
  });

  it('forecast: data against the DRBD capacity and each node', () => {
    expect(r.forecast).toHaveLength(6);
    expect(r.forecast[3]?.full.drbd).toBe(false);
    expect(r.forecast[4]?.full.drbd).toBe(true);
    expect(r.forecast[4]?.dataGb).toBeCloseTo(3214.08, 6);
    expect(r.forecast[0]?.capacityGb).toMatchObject({ primary: 3950, recommended: 5950 });
    expect(r.forecast.some((p) => p.full.recommended)).toBe(false);
    expect(keys(r)).not.toContain('planning:sizing.warnings.primaryRamTooSmall');
  });

  it('a weaker candidate gets one warning per missed requirement', () => {
    const c = sizeSecondaryNode({
      primary: seedPrimary,
      growth: seedGrowth,
      candidate: { cpuModel: 'Xeon Silver 4208', cores: 8, threads: 16, ramGb: 16, disks: { count: 4, sizeGb: 2000, type: 'sas', raidLevel: 'raid5' }, nics: [{ count: 2, speedGbps: 1 }] },
    });
    // RAID5 of 4 x 2000: 3*2000 = 6000 GB (enough); IOPS 560/(0.7+0.3*4) = 294.74 (< 430.77)
    const failed = c.candidateChecks?.filter((x) => x.meets === false).map((x) => x.id);
    expect(failed).toEqual(['ramGb', 'raidLevel', 'iops', 'replicationNic']);
    expect(keys(c)).toEqual(expect.arrayContaining(['planning:sizing.warnings.candidate.ramGb', 'planning:sizing.warnings.candidate.iops']));
    expect(c.comparison.find((x) => x.id === 'ramGb')).toEqual({
      id: 'ramGb', primary: { kind: 'number', value: 32, unit: 'GB' }, recommended: { kind: 'number', value: 32, unit: 'GB' }, candidate: { kind: 'number', value: 16, unit: 'GB' },
    });
  });

  it('a measured CPU load grown with the mail volume raises the core count', () => {
    const c = sizeSecondaryNode({ primary: { ...seedPrimary, peakCpuPct: 60 }, growth: seedGrowth });
    // 60 % * 1.1^5 = 96.63 % > 70 %: ceil(8*96.63/70) = ceil(11.04) = 12 cores, 24 threads
    expect(c.cpu.cores.value).toBe(12);
    expect(c.cpu.threads.value).toBe(24);
    expect(keys(c)).toContain('planning:sizing.warnings.primaryCpuTooSmall');
  });
});

const primaryArb: fc.Arbitrary<PrimaryFacts> = fc
  .record({
    cores: fc.integer({ min: 1, max: 64 }),
    smt: fc.constantFrom(1, 2),
    ramGb: fc.integer({ min: 4, max: 1024 }),
    raidLevel: fc.constantFrom(...raidLevels),
    type: fc.constantFrom(...diskTypes),
    pairs: fc.integer({ min: 2, max: 12 }),
    sizeGb: fc.integer({ min: 100, max: 20000 }),
    data: fc.record({ vmailGb: fc.integer({ min: 0, max: 20000 }), mariadbGb: fc.integer({ min: 0, max: 2000 }), spoolGb: fc.integer({ min: 0, max: 200 }) }),
    bp: fc.integer({ min: 0, max: 256 }),
    mails: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map((x) => ({
    cpuModel: 'x',
    cores: x.cores,
    threads: x.cores * x.smt,
    ramGb: x.ramGb,
    disks: { count: x.raidLevel === 'raid1' ? 2 : x.pairs * 2, sizeGb: x.sizeGb, type: x.type, raidLevel: x.raidLevel },
    nics: [],
    data: x.data,
    mariadbBufferPoolGb: x.bp,
    mailsPerDay: x.mails,
  }));
const growthArb = fc.record({
  mailVolumePctPerYear: fc.integer({ min: 0, max: 100 }),
  storagePctPerYear: fc.integer({ min: 0, max: 100 }),
  horizonYears: fc.integer({ min: 1, max: 10 }),
});

describe('sizeSecondaryNode input errors', () => {
  it('invalid input becomes an AppError with an i18n code and the field', () => {
    expect(() => sizeSecondaryNode({ primary: { ...seedPrimary, cores: 0 }, growth: seedGrowth })).toThrow(
      expect.objectContaining({ code: 'planning:errors.invalidPrimary', params: { path: 'cores' } }),
    );
    expect(() => sizeSecondaryNode({ primary: seedPrimary, growth: seedGrowth, assumptions: { maxFillPct: 5 } })).toThrow(
      expect.objectContaining({ code: 'planning:errors.invalidAssumptions', params: { path: 'maxFillPct' } }),
    );
    expect(() => sizeSecondaryNode({ primary: { ...seedPrimary, disks: { ...seedPrimary.disks, count: 3 } }, growth: seedGrowth })).toThrow(
      expect.objectContaining({ code: 'planning:errors.raidDiskCountEven', params: { raidLevel: 'RAID 10', count: 3, min: 4 } }),
    );
  });
});

describe('sizeSecondaryNode invariants', () => {
  it('the recommendation is never weaker than the primary and meets its own requirements', () => {
    fc.assert(
      fc.property(primaryArb, growthArb, (p, g) => {
        const r = sizeSecondaryNode({ primary: p, growth: g });
        expect(r.cpu.cores.value).toBeGreaterThanOrEqual(p.cores);
        expect(r.cpu.threads.value).toBeGreaterThanOrEqual(p.threads);
        expect(r.ram.recommendedGb.value).toBeGreaterThanOrEqual(p.ramGb);
        expect(r.ram.recommendedGb.value).toBeGreaterThanOrEqual(r.ram.requiredGb.value);
        expect(r.disks.usableGb.value).toBeGreaterThanOrEqual(r.primary.usableGb.value);
        expect(r.disks.usableGb.value).toBeGreaterThanOrEqual(r.storage.requiredUsableGb.value);
        expect(r.forecast).toHaveLength(g.horizonYears + 1);
        expect(r.forecast.some((pt) => pt.full.recommended)).toBe(false);
        const spec = {
          cpuModel: 'x', cores: r.cpu.cores.value, threads: r.cpu.threads.value, ramGb: r.ram.recommendedGb.value,
          disks: { count: r.disks.count, sizeGb: r.disks.sizeGb, type: r.disks.type, raidLevel: r.disks.raidLevel },
          nics: r.nics,
        };
        const checks = checkSpec(spec, r.requirements);
        // The RAID10 array may not reach the IOPS of an all-flash RAID0 primary; everything else must fit.
        for (const c of checks) if (c.id !== 'iops') expect(c).toMatchObject({ meets: true });
      }),
      { numRuns: 300 },
    );
  });

  it('the RAM parts add up to the required RAM before headroom', () => {
    fc.assert(
      fc.property(primaryArb, growthArb, (p, g) => {
        const r = sizeSecondaryNode({ primary: p, growth: g });
        const sum = r.ram.parts.reduce((s, x) => s + x.figure.value, 0);
        expect(r.ram.requiredGb.value).toBeCloseTo(sum * 1.25, 6);
      }),
    );
  });
});
