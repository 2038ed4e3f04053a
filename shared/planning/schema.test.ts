import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PlanningSchema, defaultPlanning } from './schema';
import { rankAlternatives } from './matrix';
import { validateQuorumFencing } from './quorum';
import { timePlan } from './timePlan';
import { seedOffers, seedPrimary } from '../../test/support/planning/seed';

describe('PlanningSchema', () => {
  it('defaults: every sub-object present and usable by the engines', () => {
    const p = defaultPlanning();
    expect(p.growth).toEqual({ mailVolumePctPerYear: 10, storagePctPerYear: 20, horizonYears: 5 });
    expect(p.matrix.weights).toEqual({ availability: 25, dataSafety: 20, failoverTime: 15, cost: 10, complexity: 10, maintenance: 10, knowHow: 10 });
    expect(p.quorumFencing).toMatchObject({ nodeCount: 2, twoNode: false, qdevice: true, fencing: ['ipmi', 'drbdResourceFencing'] });
    expect(p.timePlan.tasks).toHaveLength(19);
    expect(p.sizing.assumptions.maxFillPct).toBe(80);
    expect(p.costs.offers).toEqual([]);
    expect(() => rankAlternatives(p.matrix)).not.toThrow();
    expect(validateQuorumFencing(p.quorumFencing).ok).toBe(true);
    expect(timePlan(p.timePlan).totals.planned.value).toBe(40);
  });

  it('keeps what the user stored and survives a JSON round trip', () => {
    const stored = PlanningSchema.parse({
      growth: { horizonYears: 3 },
      sizing: { primary: seedPrimary },
      matrix: { weights: { cost: 15, knowHow: 5 }, scores: { replication: { drbd: { cost: 7 } } }, rationales: { replication: { drbd: { cost: 'Zweiter RAID-Controller' } } }, chosen: { nodeCount: 'twoPlusQdevice' } },
      quorumFencing: { fencing: ['none'], riskAcceptance: { who: 'Jana Kühn', when: '2026-11-25', reason: 'Nur Labor' } },
      costs: { offers: seedOffers, chosenOfferId: 'dell-r650xs' },
    });
    expect(PlanningSchema.parse(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(stored.growth.storagePctPerYear).toBe(20);
    expect(stored.matrix.scores.replication?.drbd?.cost).toBe(7);
  });

  it('stores weights that do not sum to 100 (mid-edit) but the matrix rejects them', () => {
    const p = PlanningSchema.parse({ matrix: { weights: { cost: 40 } } });
    expect(() => rankAlternatives(p.matrix)).toThrow(/weightsSum/);
  });

  it('rejects out-of-range values and unknown decisions', () => {
    expect(PlanningSchema.safeParse({ matrix: { scores: { replication: { drbd: { cost: 0 } } } } }).success).toBe(false);
    expect(PlanningSchema.safeParse({ matrix: { chosen: { colour: 'blue' } } }).success).toBe(false);
    expect(PlanningSchema.safeParse({ growth: { horizonYears: 0 } }).success).toBe(false);
    expect(PlanningSchema.safeParse({ quorumFencing: { fencing: ['magic'] } }).success).toBe(false);
    expect(PlanningSchema.safeParse({ timePlan: { startDate: '25.11.2026' } }).success).toBe(false);
  });

  it('property: parse is idempotent for generated growth and weights', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: -50, max: 500 }), (years, w, g) => {
        const once = PlanningSchema.parse({ growth: { horizonYears: years, storagePctPerYear: g }, matrix: { weights: { cost: w } } });
        expect(PlanningSchema.parse(once)).toEqual(once);
      }),
    );
  });
});
