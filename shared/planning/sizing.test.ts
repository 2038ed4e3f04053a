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

  it('storage grows to the horizon and sizes the DRBD volume', () => {
    // 1500+40+10 = 1550 GB; *1.2^5 = 1550*2.48832 = 3856.896 GB
    expect(r.storage.dataNowGb.value).toBe(1550);
    expect(r.storage.dataAtHorizonGb.value).toBeCloseTo(3856.896, 6);
    // max(4000-50 = 3950, 3856.896/0.8 = 4821.12) = 4821.12 GB
    expect(r.storage.drbdVolumeGb.value).toBeCloseTo(4821.12, 6);
    expect(r.storage.drbdVolumeGb.formula).toBe('max(Up-R, DY/f)');
    // Cs = 4821.12e9/512 = 9,416,250,000; /2^18 = 35,920.33 -> 35,921; *8 = 287,368; +72 = 287,440 sectors
    expect(r.drbd.metadataSectors.value).toBe(287_440);
    // 287,440*512 = 147,169,280 B = 0.14716928 GB
    expect(r.drbd.metadataGb.value).toBeCloseTo(0.14716928, 8);
    // 4821.12 + 0.14716928 + 50 = 4871.26716928 GB
    expect(r.storage.requiredUsableGb.value).toBeCloseTo(4871.26716928, 6);
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
    // bitmap: 4821.12e9/4096 = 1,177,031,250 bits /8 = 147,128,906.25 B = 140.313 MiB = 0.137022 GiB
    expect(r.drbd.bitmapMiB.value).toBeCloseTo(140.313, 3);
    // (2 + 4 + 0.5 + 8 + 0.137022) * 1.25 = 14.637022*1.25 = 18.296278
    expect(r.ram.requiredGb.value).toBeCloseTo(18.296278, 5);
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

  it('replication: 10 GbE recommended, initial sync over 1 GbE, resync rate 30 %', () => {
    expect(r.nics.find((n) => n.role === 'replication')).toMatchObject({ speedGbps: 10 });
    // min(min(360, 540), 1*110) * 0.97 = 106.7 MB/s
    expect(r.drbd.syncThroughput.value).toBeCloseTo(106.7, 10);
    // 4,821,120 MB / 106.7 MB/s = 45,183.88 s = 12.551 h
    expect(r.drbd.initialSyncHours.value).toBeCloseTo(12.551, 3);
    // 110 * 0.3 = 33 MB/s
    expect(r.drbd.resyncRate.value).toBeCloseTo(33, 10);
  });

  it('forecast and warnings: the primary fills up in year 4', () => {
    // limit 0.8*3950 = 3160 GB; year 3: 1550*1.728 = 2678.4 (fits), year 4: 1550*2.0736 = 3214.08 (full)
    expect(r.forecast).toHaveLength(6);
    expect(r.forecast[3]?.full.primary).toBe(false);
    expect(r.forecast[4]?.full.primary).toBe(true);
    expect(r.forecast[4]?.dataGb).toBeCloseTo(3214.08, 6);
    expect(r.forecast.some((p) => p.full.recommended)).toBe(false);
    expect(r.warnings).toContainEqual({ key: 'planning:sizing.warnings.primaryFullInYear', params: { year: 4, maxFillPct: 80 } });
    expect(keys(r)).toContain('planning:sizing.warnings.linkBottleneck');
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
    expect(c.comparison.find((x) => x.id === 'ramGb')).toEqual({ id: 'ramGb', primary: 32, recommended: 32, candidate: 16 });
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
      expect.objectContaining({ code: 'planning:errors.raidDiskCount', params: { raidLevel: 'RAID10', count: 3, min: 4 } }),
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
