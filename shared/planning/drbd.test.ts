import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drbdBitmapMiB, drbdMetadataSectors, initialSyncHours, resyncRate, syncThroughput } from './drbd';

const TiB = 2 ** 40;

describe('DRBD internal meta-data: ceil(Cs/2^18)*8*N+72 sectors', () => {
  it('4 TB (the seed array), one peer', () => {
    // Cs = 4e12/512 = 7,812,500,000; /262,144 = 29,802.32 -> 29,803; *8*1 = 238,424; +72 = 238,496
    expect(drbdMetadataSectors(4e12, 1).value).toBe(238_496);
    // two peers: 29,803*8*2 = 476,848; +72 = 476,920
    expect(drbdMetadataSectors(4e12, 2).value).toBe(476_920);
  });

  it('1 TiB is exactly 32 MiB of bitmap area plus 72 sectors', () => {
    // Cs = 2^40/2^9 = 2^31; 2^31/2^18 = 8192; *8 = 65,536; +72 = 65,608 sectors
    const f = drbdMetadataSectors(TiB, 1);
    expect(f.value).toBe(65_608);
    expect(f.inputs).toEqual({ sectors: 2 ** 31, peers: 1 });
    expect(f.formula).toBe('drbdMetadataSectors');
  });

  it('is within 8N sectors of the C[MiB]/32768*N + 72 approximation and grows with capacity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 45 }), fc.integer({ min: 1, max: 2 ** 45 }), fc.integer({ min: 1, max: 4 }), (a, b, n) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const s = drbdMetadataSectors(lo, n).value;
        expect(s).toBeLessThanOrEqual(drbdMetadataSectors(hi, n).value);
        const approx = (Math.ceil(lo / 512) / 2 ** 18) * 8 * n + 72;
        expect(s - approx).toBeGreaterThanOrEqual(0);
        expect(s - approx).toBeLessThan(8 * n);
      }),
    );
  });
});

describe('bitmap, sync time, resync rate', () => {
  it('bitmap is 32 MiB per TiB per peer', () => {
    // 2^40/4096 = 2^28 bits = 2^25 bytes = 32 MiB; two peers 64 MiB
    expect(drbdBitmapMiB(TiB, 1).value).toBe(32);
    expect(drbdBitmapMiB(TiB, 2).value).toBe(64);
  });

  it('2 TiB at 110 MB/s takes about 5.5 h (reference)', () => {
    // 2*2^40 B = 2,199,023.26 MB; /110 = 19,991.1 s; /3600 = 5.553 h
    expect(initialSyncHours(2 * TiB, 110).value).toBeCloseTo(5.553, 3);
  });

  it('throughput is min(disk, net) less 3 %', () => {
    // min(360, 1*110) = 110; *0.97 = 106.7
    expect(syncThroughput(360, 1, 110, 3).value).toBeCloseTo(106.7, 10);
    // min(360, 10*110=1100) = 360; *0.97 = 349.2
    expect(syncThroughput(360, 10, 110, 3).value).toBeCloseTo(349.2, 10);
  });

  it('resync rate is 30 % of what replication moves; the sync says whether disks or network limit it', () => {
    // 106.7 MB/s * 0.3 = 32.01 MB/s
    expect(resyncRate(106.7, 30).value).toBeCloseTo(32.01, 10);
    expect(syncThroughput(360, 1, 110, 3).bound).toBe('network');
    expect(syncThroughput(360, 10, 110, 3).bound).toBe('disk');
  });

  it('sync throughput never exceeds disk or link', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e4, noNaN: true }), fc.double({ min: 0.1, max: 100, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), (d, l, o) => {
        const t = syncThroughput(d, l, 110, o).value;
        expect(t).toBeLessThanOrEqual(d);
        expect(t).toBeLessThanOrEqual(l * 110);
        expect(t).toBeGreaterThanOrEqual(Math.min(d, l * 110) * 0.97 - 1e-9);
      }),
    );
  });
});
