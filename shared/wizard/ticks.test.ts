import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { niceScale } from './ticks';

describe('niceScale', () => {
  it('small values get the decimals they need', () => {
    expect(niceScale(0.23)).toEqual({ ticks: [0, 0.1, 0.2, 0.3], digits: 1, max: 0.3 });
    expect(niceScale(0.19)).toEqual({ ticks: [0, 0.05, 0.1, 0.15, 0.2], digits: 2, max: 0.2 });
    expect(niceScale(4821)).toEqual({ ticks: [0, 2000, 4000, 6000], digits: 0, max: 6000 });
    expect(niceScale(1550)).toEqual({ ticks: [0, 500, 1000, 1500, 2000], digits: 0, max: 2000 });
    expect(niceScale(9)).toEqual({ ticks: [0, 2.5, 5, 7.5, 10], digits: 1, max: 10 });
  });

  it('labels never repeat after rounding to the digits, and the top tick covers the maximum', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 1e9, noNaN: true }), (max) => {
        const s = niceScale(max);
        const labels = s.ticks.map((t) => t.toFixed(s.digits));
        expect(new Set(labels).size).toBe(labels.length);
        expect(s.max).toBeGreaterThanOrEqual(max * (1 - 1e-9));
        expect(s.ticks.length).toBeLessThanOrEqual(7);
      }),
    );
  });
});
