import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { estimateCosts, type CostsEngineInput } from './costs';
import { CostsInputSchema } from './costsSchema';
import { sizeSecondaryNode } from './sizing';
import { seedGrowth, seedOffers, seedPrimary } from '../../test/support/planning/seed';

const sizing = sizeSecondaryNode({ primary: seedPrimary, growth: seedGrowth });
const base = (over: Partial<CostsEngineInput['costs']> = {}): CostsEngineInput => ({
  costs: CostsInputSchema.parse({ offers: seedOffers, chosenOfferId: 'dell-r650xs', otherOneTime: [{ label: '10-GbE-DAC', amountEur: 60 }], ...over }),
  requirements: sizing.requirements,
  plannedHours: 40,
  hourlyRateEur: 35,
  overheadPct: 20,
  horizonYears: 5,
});

describe('estimateCosts: seed example', () => {
  const r = estimateCosts(base());

  it('checks each offer against the sizing', () => {
    expect(r.offers.map((o) => [o.id, o.meetsAll, o.chosen])).toEqual([
      ['dell-r650xs', true, true],
      ['budget-1u', false, false],
    ]);
    // budget: RAID10 of 4 x 2000 = 4000 GB < 4871.27 GB needed; only 1 GbE < 10 GbE replication link
    expect(r.offers[1]!.checks!.filter((c) => c.meets === false).map((c) => c.id)).toEqual(['usableGb', 'replicationNic']);
  });

  it('one-time costs: hardware + labour 40 h * 35 EUR * 1.2 + other', () => {
    // 40*35*1.2 = 1680; 7800 + 1680 + 60 = 9540
    expect(r.oneTime.labour.value).toBeCloseTo(1680, 9);
    expect(r.oneTime.total.value).toBeCloseTo(9540, 9);
  });

  it('labour Soll-Ist: actual hours at the same rate', () => {
    // 43.5 h * 35 * 1.2 = 1827; without actual hours there is no actual figure
    expect(estimateCosts({ ...base(), actualHours: 43.5 }).labourActual?.value).toBeCloseTo(1827, 9);
    expect(r.labourActual).toBeUndefined();
  });

  it('yearly: power 350 W * 8760 h / 1000 * 0.30 + 1 RU * 120 + 300 + 60', () => {
    // 350*24*365/1000 = 3066 kWh * 0.30 = 919.80; + 120 + 300 + 60 = 1399.80
    expect(r.yearly.power.value).toBeCloseTo(919.8, 9);
    expect(r.yearly.total.value).toBeCloseTo(1399.8, 9);
  });

  it('avoided downtime and amortisation', () => {
    // (24 - 2) h * 500 EUR = 11,000; net 11,000 - 1,399.80 = 9,600.20; 9,540 / 9,600.20 = 0.99373 years
    expect(r.downtimeAvoidedPerYear.value).toBe(11000);
    expect(r.netBenefitPerYear.value).toBeCloseTo(9600.2, 9);
    expect(r.amortisation.kind).toBe('years');
    if (r.amortisation.kind === 'years') expect(r.amortisation.years.value).toBeCloseTo(0.99373, 5);
    // year 1: cost 9540 + 1399.8 = 10939.8, savings 11000
    expect(r.cumulative[1]).toEqual({ year: 1, costEur: expect.closeTo(10939.8, 6), savingsEur: 11000 });
    expect(r.cumulative).toHaveLength(6);
  });

  it('never amortises when running costs eat the benefit', () => {
    const n = estimateCosts(base({ downtimeCostPerHourEur: 50 }));
    // (24-2)*50 = 1100 < 1399.80 running
    expect(n.amortisation).toEqual({ kind: 'never', reason: { key: 'planning:costs.reasons.neverAmortises', params: { avoided: 1100, running: 1399.8 } } });
  });

  it('warns when the chosen offer misses requirements, or none is chosen', () => {
    const w = estimateCosts(base({ chosenOfferId: 'budget-1u' })).warnings;
    expect(w).toContainEqual({ key: 'planning:costs.warnings.chosenMissesRequirements', params: { offer: 'budget-1u', missed: 'usableGb, replicationNic' } });
    expect(estimateCosts(base({ chosenOfferId: undefined })).warnings.map((x) => x.key)).toContain('planning:costs.warnings.noOfferChosen');
  });
});

describe('estimateCosts invariants', () => {
  it('cumulative series: cost - savings falls by the net benefit every year; break-even matches the amortisation', () => {
    fc.assert(
      fc.property(
        fc.record({
          price: fc.integer({ min: 0, max: 50000 }),
          hours: fc.integer({ min: 0, max: 80 }),
          rate: fc.integer({ min: 0, max: 150 }),
          cph: fc.integer({ min: 0, max: 5000 }),
          without: fc.integer({ min: 0, max: 100 }),
          years: fc.integer({ min: 1, max: 15 }),
        }),
        (x) => {
          const r = estimateCosts({
            ...base({ offers: [{ ...seedOffers[0]!, priceEur: x.price }], downtimeCostPerHourEur: x.cph, outageHoursPerYearWithout: x.without, outageHoursPerYearWith: 0 }),
            plannedHours: x.hours, hourlyRateEur: x.rate, horizonYears: x.years,
          });
          expect(r.cumulative).toHaveLength(x.years + 1);
          for (let y = 1; y < r.cumulative.length; y++) {
            const gapPrev = r.cumulative[y - 1]!.costEur - r.cumulative[y - 1]!.savingsEur;
            const gap = r.cumulative[y]!.costEur - r.cumulative[y]!.savingsEur;
            expect(gapPrev - gap).toBeCloseTo(r.netBenefitPerYear.value, 6);
          }
          if (r.amortisation.kind === 'years') {
            const t = r.amortisation.years.value;
            const I = r.oneTime.total.value;
            expect(I + t * r.yearly.total.value).toBeCloseTo(t * r.downtimeAvoidedPerYear.value, 4);
          } else {
            expect(r.netBenefitPerYear.value).toBeLessThanOrEqual(0);
          }
          const oneTime = r.breakdown.filter((b) => b.kind === 'oneTime').reduce((s, b) => s + b.amountEur, 0);
          expect(oneTime).toBeCloseTo(r.oneTime.total.value, 6);
        },
      ),
    );
  });
});
