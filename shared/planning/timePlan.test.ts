import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { timePlan, workingDay } from './timePlan';
import { TimePlanSchema, defaultTasks, phases } from './timePlanSchema';

const plan = (over: Record<string, unknown> = {}) => TimePlanSchema.parse(over);

describe('timePlan: default IHK template', () => {
  const r = timePlan(plan({ startDate: '2026-03-02' }));

  it('totals 40 h in five phases: 4 + 6 + 16 + 6 + 8', () => {
    expect(r.totals.planned.value).toBe(40);
    expect(r.phases.map((p) => [p.phase, p.plannedHours])).toEqual([
      ['analyse', 4], ['konzeption', 6], ['realisierung', 16], ['validierung', 6], ['dokumentation', 8],
    ]);
    expect(r.warnings).toEqual([]);
    expect(r.rows[0]!.title).toEqual({ key: 'planning:timePlan.tasks.istAnalysis' });
  });

  it('Gantt: 8 h days from Monday 2026-03-02 end on Friday 2026-03-06', () => {
    const bar = (id: string) => r.gantt.find((g) => g.id === id)!;
    // quorumFencing: hours 7.5-9 -> day 0 (7.5/8) to day 1 (ceil(9/8)-1)
    expect(bar('quorumFencing')).toMatchObject({ startHour: 7.5, endHour: 9, startDate: '2026-03-02', endDate: '2026-03-03' });
    // drbdSetup 13-16 ends exactly at the end of day 1
    expect(bar('drbdSetup')).toMatchObject({ startDate: '2026-03-03', endDate: '2026-03-03' });
    expect(bar('clusterSetup')).toMatchObject({ startHour: 16, startDate: '2026-03-04' });
    expect(bar('handover')).toMatchObject({ endHour: 40, endDate: '2026-03-06' });
  });
});

describe('Soll-Ist', () => {
  it('deltas per task, phase and total; warnings above 40 h', () => {
    const tasks = defaultTasks().map((t) =>
      t.id === 'resources' ? { ...t, actualHours: 6.5 } : t.id === 'istAnalysis' ? { ...t, actualHours: 1.5 } : t,
    );
    const r = timePlan(plan({ tasks }));
    // resources: 6.5 - 4 = +2.5 (+62.5 %); istAnalysis: 1.5 - 2 = -0.5 (-25 %)
    expect(r.rows.find((x) => x.id === 'resources')).toMatchObject({ actualHours: 6.5, deltaHours: 2.5, deltaPct: 62.5 });
    expect(r.rows.find((x) => x.id === 'istAnalysis')).toMatchObject({ deltaHours: -0.5, deltaPct: -25 });
    expect(r.rows.find((x) => x.id === 'sizing')).toMatchObject({ actualHours: null, deltaHours: null });
    // total delta 2.5 - 0.5 = 2; actual 6.5 + 1.5 = 8
    expect(r.totals.delta.value).toBe(2);
    expect(r.totals.actual.value).toBe(8);
    expect(r.phases.find((p) => p.phase === 'realisierung')!.deltaHours).toBe(2.5);
    expect(r.warnings).toEqual([{ key: 'planning:timePlan.warnings.actualIncomplete', params: { done: 2, total: 19 } }]);
    // actual Gantt shifts later tasks: resources actual 19-25.5 (planned 19-23)
    expect(r.gantt.find((g) => g.id === 'dataMigration')).toMatchObject({ startHour: 23, actualStartHour: 23 - 0.5 + 2.5 });
  });

  it('warns when planned or actual hours exceed the limit', () => {
    const tasks = defaultTasks().map((t) => ({ ...t, plannedHours: t.plannedHours + 1, actualHours: t.plannedHours + 2 }));
    // planned 40 + 19 = 59; actual 40 + 38 = 78
    expect(timePlan(plan({ tasks })).warnings).toEqual([
      { key: 'planning:timePlan.warnings.plannedOverLimit.ihk2020', params: { hours: 59, limit: 40 } },
      { key: 'planning:timePlan.warnings.actualOverLimit.ihk2020', params: { hours: 78, limit: 40 } },
    ]);
  });

  it('checks against the chosen rule: 40 h (2020 rules), 35 h (1997 rules) or a limit of your own', () => {
    // The template's 40 h fit the 2020 rules but not the 1997 ones.
    expect(timePlan(plan({})).limit).toEqual({ hours: 40, rule: 'ihk2020' });
    expect(timePlan(plan({})).warnings).toEqual([]);
    const old = timePlan(plan({ limitRule: 'ihk1997' }));
    expect(old.limit).toEqual({ hours: 35, rule: 'ihk1997' });
    expect(old.warnings).toEqual([{ key: 'planning:timePlan.warnings.plannedOverLimit.ihk1997', params: { hours: 40, limit: 35 } }]);
    // A custom limit uses limitHours; an older file with only limitHours reads as its rule (35) or custom (38).
    expect(timePlan(plan({ limitRule: 'custom', limitHours: 38 })).warnings[0]).toEqual({ key: 'planning:timePlan.warnings.plannedOverLimit.custom', params: { hours: 40, limit: 38 } });
    expect(timePlan(plan({ limitHours: 35 })).limit).toEqual({ hours: 35, rule: 'ihk1997' });
    expect(timePlan(plan({ limitHours: 38 })).limit).toEqual({ hours: 38, rule: 'custom' });
    // The rule wins over a stale limitHours.
    expect(timePlan(plan({ limitRule: 'ihk2020', limitHours: 35 })).limit).toEqual({ hours: 40, rule: 'ihk2020' });
  });

  it('user tasks keep their own title', () => {
    const r = timePlan(plan({ tasks: [{ id: 'x', phase: 'analyse', title: 'Gespräch mit der Geschäftsführung', plannedHours: 1 }] }));
    expect(r.rows[0]!.title).toEqual({ text: 'Gespräch mit der Geschäftsführung' });
  });
});

describe('invariants', () => {
  it('workingDay skips weekends: from a Monday, n working days are n + 2*floor(n/5) calendar days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (n) => {
        const d = workingDay('2026-03-02', n);
        const days = (Date.parse(`${d}T00:00:00Z`) - Date.parse('2026-03-02T00:00:00Z')) / 86_400_000;
        expect(days).toBe(n + 2 * Math.floor(n / 5));
        expect([0, 6]).not.toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
      }),
    );
  });

  it('Gantt bars are contiguous, dates ordered, and phase sums equal the total', () => {
    const taskArb = fc.record({
      id: fc.uuid(),
      phase: fc.constantFrom(...phases),
      plannedHours: fc.integer({ min: 0, max: 40 }).map((h) => h / 2),
      actualHours: fc.option(fc.integer({ min: 0, max: 40 }).map((h) => h / 2), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(taskArb, { maxLength: 30 }), fc.integer({ min: 4, max: 10 }), (tasks, hpd) => {
        const r = timePlan(plan({ tasks, startDate: '2026-01-09', hoursPerDay: hpd }));
        let at = 0;
        for (const g of r.gantt) {
          expect(g.startHour).toBe(at);
          expect(g.endDate! >= g.startDate!).toBe(true);
          at = g.endHour;
        }
        expect(r.phases.reduce((s, p) => s + p.plannedHours, 0)).toBeCloseTo(r.totals.planned.value, 9);
        expect(r.warnings.some((w) => w.key.includes('plannedOverLimit'))).toBe(r.totals.planned.value > 40);
      }),
    );
  });
});
