import { describe, expect, it } from 'vitest';
import { PlanEta } from './eta';
import { parseDrbdSync, parseRsyncProgress } from './progressParsers';

describe('progress parsers', () => {
  it('DRBD 8.4 /proc/drbd and DRBD 9 status', () => {
    const p84 = parseDrbdSync("\t[=>....] sync'ed: 10.4% (460140/511932)K\n\tfinish: 0:00:17 speed: 26,164 (26,164) K/sec\n");
    expect(p84?.fraction).toBeCloseTo(0.104);
    expect(p84?.etaS).toBe(17);
    expect(parseDrbdSync('    replication:SyncSource peer-disk:Inconsistent done:45.20\n')?.fraction).toBeCloseTo(0.452);
    expect(parseDrbdSync("sync'ed: 1.0%\nsync'ed: 2.5%\n")?.fraction).toBeCloseTo(0.025);
    expect(parseDrbdSync('nothing here')).toBeUndefined();
  });
  it('rsync --info=progress2', () => {
    expect(parseRsyncProgress('\r    105,906,176  48%   50.43MB/s    0:00:02 (xfr#1, to-chk=0/3)')).toEqual({ fraction: 0.48, etaS: 2 });
    expect(parseRsyncProgress('    219,000,000 100%   55.00MB/s    0:00:03 (xfr#9, to-chk=0/12)\n')).toEqual({ fraction: 1 });
    expect(parseRsyncProgress('sending incremental file list')).toBeUndefined();
  });
});

describe('ETA over a plan', () => {
  const steps = [
    { id: 'a', expectedDurationS: 10 },
    { id: 'b', expectedDurationS: 10 },
    { id: 'c', expectedDurationS: 20 },
  ];
  it('starts from the expected durations and learns the machine speed from steps that ran', () => {
    const eta = new PlanEta(steps);
    expect(eta.snapshot([{ id: 'a', elapsedMs: 0 }]).etaMs).toBe(40_000);
    eta.finish('a', 20_000, true); // twice as slow as expected
    expect(eta.factor()).toBe(2);
    const s = eta.snapshot([{ id: 'b', elapsedMs: 5_000 }]);
    expect(s.etaMs).toBe(15_000 + 40_000);
    expect(s.doneMs).toBe(25_000);
  });
  it('a step the tool reports progress for uses that, skipped steps say nothing of speed', () => {
    const eta = new PlanEta(steps, { c: 60_000 }, new Set(['a']));
    eta.finish('a', 300, false);
    expect(eta.factor()).toBe(1);
    expect(eta.snapshot([{ id: 'b', elapsedMs: 2_000, fraction: 0.5 }]).etaMs).toBe(2_000 + 60_000);
    expect(eta.snapshot([{ id: 'b', elapsedMs: 2_000, fraction: 0.5, toolEtaS: 7 }]).etaMs).toBe(7_000 + 60_000);
  });
});

describe('ETA with a parallel group', () => {
  it('a group takes as long as its longest step', () => {
    const steps = [
      { id: 'pkg@primary', expectedDurationS: 100, parallelGroup: 'packages' },
      { id: 'pkg@secondary', expectedDurationS: 140, parallelGroup: 'packages' },
      { id: 'pkg@witness', expectedDurationS: 30, parallelGroup: 'packages' },
      { id: 'after', expectedDurationS: 10 },
    ];
    const eta = new PlanEta(steps);
    expect(eta.snapshot([]).etaMs).toBe(150_000);
    eta.finish('pkg@witness', 30_000, true);
    eta.finish('pkg@primary', 100_000, true);
    const s = eta.snapshot([{ id: 'pkg@secondary', elapsedMs: 120_000 }]);
    expect(s.doneMs).toBe(120_000);
    expect(s.etaMs).toBe(20_000 + 10_000);
  });
});
