import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeOutage, statusRuns, type ProbeSample } from './outage';

/** Samples every 200 ms from `from` to `to`, down in [downFrom, downTo). */
function series(from: number, to: number, downs: [number, number][], step = 200): ProbeSample[] {
  const out: ProbeSample[] = [];
  for (let t = from; t < to; t += step) out.push({ t, ok: !downs.some(([a, b]) => t >= a && t < b), latencyMs: 5, ...(downs.some(([a, b]) => t >= a && t < b) ? { error: 'connect' } : {}) });
  return out;
}

describe('computeOutage', () => {
  it('measures from the last success before the fault to the first success after it', () => {
    // Fault at 5000; service down from 5400 to 8200 (first ok sample at 8200).
    const o = computeOutage('smtp', series(0, 15_000, [[5400, 8200]]), 5000, 15_000);
    expect(o.baseline).toBe(true);
    expect(o.windows).toHaveLength(1);
    expect(o.windows[0]).toMatchObject({ fromMs: 5200, toMs: 8200, durationMs: 3000, failures: 14, fromIsBaseline: true, errors: { connect: 14 } });
    expect(o.maxMs).toBe(3000);
    expect(o.recovered).toBe(true);
  });

  it('keeps failures that ended before the fault apart from the outage', () => {
    const o = computeOutage('imap', series(0, 10_000, [[1000, 1400], [6000, 7000]]), 5000, 10_000);
    expect(o.preFaultFailures).toBe(2);
    expect(o.windows).toHaveLength(1);
    expect(o.windows[0]!.durationMs).toBe(1200);
  });

  it('counts a failure run that started before the fault and reaches past it', () => {
    const o = computeOutage('smtp', series(0, 10_000, [[4600, 6000]]), 5000, 10_000);
    expect(o.windows).toHaveLength(1);
    expect(o.windows[0]!.fromMs).toBe(4400);
  });

  it('reports an outage that never ended up to the end of the case', () => {
    const o = computeOutage('sql', series(0, 10_000, [[6000, 99_999]]), 5000, 12_000);
    expect(o.recovered).toBe(false);
    expect(o.windows[0]!.toMs).toBeNull();
    expect(o.windows[0]!.durationMs).toBe(12_000 - 5800);
  });

  it('has no baseline when the probe never worked before the fault', () => {
    const o = computeOutage('pop3', series(0, 10_000, [[0, 99_999]]), 5000, 10_000);
    expect(o.baseline).toBe(false);
    expect(o.windows[0]!.fromIsBaseline).toBe(false);
  });

  it('sorts samples that finished out of order (overlapping attempts)', () => {
    const s: ProbeSample[] = [
      { t: 1000, ok: true },
      { t: 1800, ok: true },
      { t: 1200, ok: false, error: 'timeout' },
      { t: 1400, ok: false, error: 'timeout' },
    ];
    const o = computeOutage('smtp', s, 1100, 2000);
    expect(o.windows).toEqual([{ fromMs: 1000, toMs: 1800, durationMs: 800, fromIsBaseline: true, firstFailureMs: 1200, failures: 2, errors: { timeout: 2 } }]);
  });

  it('property: windows never overlap, lie inside the samples and sum to totalMs', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ t: fc.integer({ min: 0, max: 100_000 }), ok: fc.boolean() }), { maxLength: 300 }), fc.integer({ min: 0, max: 100_000 }), (samples, fault) => {
        const o = computeOutage('smtp', samples, fault, 100_000);
        let prevEnd = -Infinity;
        let total = 0;
        for (const w of o.windows) {
          expect(w.fromMs).toBeGreaterThanOrEqual(prevEnd);
          expect(w.durationMs).toBeGreaterThanOrEqual(0);
          prevEnd = w.toMs ?? Infinity;
          total += w.durationMs;
        }
        expect(o.totalMs).toBe(total);
        expect(o.maxMs).toBeLessThanOrEqual(o.totalMs);
        const fails = samples.filter((x) => !x.ok).length;
        expect(o.windows.reduce((n, w) => n + w.failures, 0) + o.preFaultFailures).toBe(fails);
      }),
    );
  });
});

describe('statusRuns', () => {
  it('folds equal neighbours into runs', () => {
    const runs = statusRuns(series(0, 2000, [[800, 1200]]));
    expect(runs.map((r) => [r.fromMs, r.toMs, r.ok, r.n])).toEqual([
      [0, 600, true, 4],
      [800, 1000, false, 2],
      [1200, 1800, true, 4],
    ]);
  });
});
