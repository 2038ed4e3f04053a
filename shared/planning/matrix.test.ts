import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rankAlternatives, validateWeights } from './matrix';
import { criteria, defaultWeights, type CriterionId } from './matrixDefaults';
import { AppError } from '../errors';

const byDecision = (d: string, r = rankAlternatives({ weights: defaultWeights })) => r.find((x) => x.decision === d)!;
const sums = (d: string, r?: ReturnType<typeof rankAlternatives>) =>
  Object.fromEntries(byDecision(d, r).options.map((o) => [o.option, o.weightedSum.value]));

describe('rankAlternatives with the default weights 25/20/15/10/10/10/10', () => {
  it('architecture: active/passive 7.75 before load-balanced 6.2', () => {
    // AP: (25*8 + 20*9 + 15*7 + 10*8 + 10*7 + 10*7 + 10*7)/100 = (200+180+105+80+70+70+70)/100 = 7.75
    // LB: (25*9 + 20*6 + 15*9 + 10*4 + 10*3 + 10*4 + 10*3)/100 = (225+120+135+40+30+40+30)/100 = 6.2
    expect(sums('architecture')).toEqual({ activePassive: 7.75, loadBalanced: 6.2 });
    expect(byDecision('architecture').recommended).toBe('activePassive');
  });

  it('replication: DRBD 7.8, app replication 6.2, SAN 6.1', () => {
    // DRBD: 200+180+120+90+60+70+60 = 780; SAN: 150+140+120+30+60+60+50 = 610; app: 175+120+105+90+40+40+50 = 620
    const d = byDecision('replication');
    expect(d.options.map((o) => [o.option, o.weightedSum.value, o.rank])).toEqual([
      ['drbd', 7.8, 1],
      ['appReplication', 6.2, 2],
      ['sharedStorage', 6.1, 3],
    ]);
  });

  it('cluster software: Pacemaker 7.95 > drbd-reactor 7.15 > keepalived 6.85 > Heartbeat 5.25 (EOL warning)', () => {
    // PM: 225+180+120+90+50+70+60 = 795; reactor: 175+160+120+90+70+60+40 = 715
    // keepalived: 150+80+135+90+80+80+70 = 685; heartbeat: 125+100+90+90+60+20+40 = 525
    const d = byDecision('clusterSoftware');
    expect(d.options.map((o) => o.option)).toEqual(['pacemaker', 'drbdReactor', 'keepalived', 'heartbeat']);
    expect(d.options.map((o) => o.weightedSum.value)).toEqual([7.95, 7.15, 6.85, 5.25]);
    expect(d.options[3]!.warnings).toEqual([{ key: 'planning:matrix.warnings.heartbeatEol' }]);
  });

  it('node count: 2 + qdevice 7.4 > 3 nodes 7.05 > 2 nodes 6.75', () => {
    // 2+q: 200+160+120+80+60+60+60 = 740; 3: 225+160+120+40+50+50+60 = 705; 2: 150+120+105+90+70+70+70 = 675
    expect(sums('nodeCount')).toEqual({ twoPlusQdevice: 7.4, three: 7.05, two: 6.75 });
  });

  it('each cell carries weight, score, contribution and a rationale key; the sum is traceable', () => {
    const ap = byDecision('architecture').options[0]!;
    expect(ap.cells[0]).toEqual({
      criterion: 'availability', weight: 25, score: 8, contribution: 2,
      rationale: { key: 'planning:matrix.rationale.architecture.activePassive.availability' }, edited: false,
    });
    expect(ap.weightedSum.formula).toBe('weightedSum');
    expect(ap.weightedSum.inputs).toMatchObject({ 'weight:availability': 25, 'score:availability': 8 });
  });
});

describe('edits, choices and validation', () => {
  it('edited scores and rationales change the result; choosing a lower option records the gap', () => {
    const r = rankAlternatives({
      weights: defaultWeights,
      scores: { architecture: { loadBalanced: { complexity: 10, maintenance: 10, cost: 10, knowHow: 10 } } },
      rationales: { architecture: { loadBalanced: { complexity: 'Wir haben Ansible-Rollen dafür' } } },
      chosen: { replication: 'sharedStorage' },
    });
    // LB: 225+120+135+100+100+100+100 = 880 -> 8.8 beats AP 7.75
    expect(sums('architecture', r)).toEqual({ loadBalanced: 8.8, activePassive: 7.75 });
    const cell = byDecision('architecture', r).options[0]!.cells.find((c) => c.criterion === 'complexity')!;
    expect(cell).toMatchObject({ score: 10, edited: true, rationale: { text: 'Wir haben Ansible-Rollen dafür' } });
    // gap DRBD 7.8 - SAN 6.1 = 1.7
    expect(byDecision('replication', r).reason).toEqual({
      key: 'planning:matrix.reasons.chosenDiffers',
      params: { option: 'sharedStorage', best: 'drbd', gap: 1.7 },
    });
  });

  it('weights must sum to 100 %', () => {
    const err = (() => {
      try {
        validateWeights({ ...defaultWeights, cost: 20 });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'planning:errors.weightsSum', params: { sum: 110 } });
  });

  it('rejects scores outside 1-10 and unknown chosen options', () => {
    expect(() => rankAlternatives({ weights: defaultWeights, scores: { nodeCount: { two: { cost: 11 } } } })).toThrow(/scoreRange/);
    expect(() => rankAlternatives({ weights: defaultWeights, chosen: { nodeCount: 'five' } })).toThrow(/unknownOption/);
  });

  it('equal sums share a rank', () => {
    const flat = { availability: 8, dataSafety: 8, failoverTime: 8, cost: 8, complexity: 8, maintenance: 8, knowHow: 8 };
    const r = rankAlternatives({ weights: defaultWeights, scores: { architecture: { activePassive: flat, loadBalanced: flat } } });
    expect(byDecision('architecture', r).options.map((o) => o.rank)).toEqual([1, 1]);
  });
});

const weightsArb: fc.Arbitrary<Record<CriterionId, number>> = fc
  .array(fc.integer({ min: 0, max: 20 }), { minLength: 7, maxLength: 7 })
  .filter((a) => a.some((x) => x > 0))
  .map((raw) => {
    // Integer weights summing to exactly 100: scale, then give the rounding rest to the first criterion.
    const total = raw.reduce((a, b) => a + b, 0);
    const w = raw.map((x) => Math.floor((x * 100) / total));
    w[0]! += 100 - w.reduce((a, b) => a + b, 0);
    return Object.fromEntries(criteria.map((c, i) => [c, w[i]!])) as Record<CriterionId, number>;
  });

describe('rankAlternatives invariants', () => {
  it('sums stay within 1..10, are sorted, and equal the sum of contributions', () => {
    fc.assert(
      fc.property(weightsArb, (weights) => {
        for (const d of rankAlternatives({ weights })) {
          let prev = Infinity;
          for (const o of d.options) {
            expect(o.weightedSum.value).toBeGreaterThanOrEqual(1 - 1e-9);
            expect(o.weightedSum.value).toBeLessThanOrEqual(10 + 1e-9);
            expect(o.weightedSum.value).toBeLessThanOrEqual(prev + 1e-9);
            expect(o.cells.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(o.weightedSum.value, 9);
            prev = o.weightedSum.value;
          }
          expect(d.recommended).toBe(d.options[0]!.option);
        }
      }),
    );
  });

  it('raising one score never lowers that option', () => {
    fc.assert(
      fc.property(weightsArb, fc.constantFrom(...criteria), fc.integer({ min: 1, max: 10 }), (weights, c, score) => {
        const base = sums('nodeCount', rankAlternatives({ weights, scores: { nodeCount: { two: { [c]: score } } } }));
        const up = sums('nodeCount', rankAlternatives({ weights, scores: { nodeCount: { two: { [c]: 10 } } } }));
        expect(up.two!).toBeGreaterThanOrEqual(base.two! - 1e-9);
      }),
    );
  });

  it('any weight vector not summing to 100 is rejected', () => {
    fc.assert(
      fc.property(weightsArb, fc.constantFrom(...criteria), fc.integer({ min: 1, max: 50 }), (weights, c, extra) => {
        expect(() => rankAlternatives({ weights: { ...weights, [c]: weights[c] + extra } })).toThrow(AppError);
      }),
    );
  });
});
