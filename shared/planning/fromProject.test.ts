import { describe, expect, it } from 'vitest';
import { planningInputsFromProject } from './fromProject';
import { primaryFromFacts } from './factsToPrimary';
import { planProject } from './planProject';
import { seedFacts, seedPrimary } from '../../test/support/planning/seed';

describe('primaryFromFacts', () => {
  it('maps the seed server facts onto the sizing input', () => {
    const r = primaryFromFacts(seedFacts);
    expect(r.missing).toEqual([]);
    expect(r.guessed).toEqual(['disks.type']);
    expect(r.primary).toMatchObject({
      cpuModel: 'Intel(R) Xeon(R) CPU E5-2620 v4 @ 2.10GHz', cores: 8, threads: 16,
      ramGb: 32, // ceil(31.4)
      disks: { count: 4, sizeGb: 2000.398934016, type: 'hdd', raidLevel: 'raid10' },
      nics: [{ count: 2, speedGbps: 1 }],
      data: { vmailGb: 1500, mariadbGb: 40, spoolGb: 10 },
      mariadbBufferPoolGb: 8,
      mailsPerDay: 20000, // (19000 + 21000) / 2
    });
  });

  it('names what is missing instead of guessing', () => {
    const r = primaryFromFacts({ hardware: { cpuCores: 4 } });
    expect(r.primary).toBeNull();
    expect(r.missing).toEqual(['ramGb', 'disks', 'data.vmailGb', 'data.mariadbGb', 'data.spoolGb', 'mariadbBufferPoolGb', 'mailsPerDay']);
    expect(r.guessed).toEqual(['threads']);
  });
});

describe('planningInputsFromProject', () => {
  it('no planning, no facts: defaults and a note', () => {
    const i = planningInputsFromProject({ meta: { rates: { apprentice: 30, overheadPercent: 25 }, startDate: '2026-11-02' } });
    expect(i.primary).toBeNull();
    expect(i.notes).toEqual([{ key: 'planning:notes.noPrimary' }]);
    expect([i.hourlyRate, i.overhead]).toEqual([{ value: 30, source: 'project' }, { value: 25, source: 'project' }]);
    expect(i.startDate).toBe('2026-11-02');
  });

  it('hand-entered primary wins over facts; planning rates win over meta', () => {
    const i = planningInputsFromProject({
      facts: seedFacts,
      meta: { rates: { apprentice: 30 } },
      planning: { sizing: { primary: { ...seedPrimary, ramGb: 64 } }, costs: { hourlyRateEur: 40 } },
    });
    expect(i.primarySource).toBe('planning');
    expect(i.primary?.ramGb).toBe(64);
    expect(i.hourlyRate).toEqual({ value: 40, source: 'planning' });
    // The project schema's default overhead, the same the Projekt step shows.
    expect(i.overhead).toEqual({ value: 20, source: 'project' });
  });

  it('facts feed the sizing when nothing was entered by hand', () => {
    const i = planningInputsFromProject({ facts: seedFacts });
    expect(i.primarySource).toBe('facts');
    expect(i.notes).toEqual([{ key: 'planning:notes.factsGuessed', params: { fields: 'disks.type' } }]);
    const r = planProject({ facts: seedFacts });
    expect(r.sizing?.ok).toBe(true);
    // RAID10 of 4 x 2000.4 GB = 4000.8 GB usable
    if (r.sizing?.ok) expect(r.sizing.value.primary.usableGb.value).toBeCloseTo(4000.797868032, 6);
  });

  it('without meta the rates are the project schema defaults, the same the Projekt step shows', () => {
    const i = planningInputsFromProject({});
    expect([i.hourlyRate, i.overhead, i.startDate]).toEqual([{ value: 35, source: 'project' }, { value: 20, source: 'project' }, '']);
    // A broken rates object does not stop the plan; the defaults apply.
    expect(planningInputsFromProject({ meta: { rates: { apprentice: -5 } } }).hourlyRate.value).toBe(35);
  });

  it('the time plan starts at its own date, else at the project start', () => {
    expect(planningInputsFromProject({ meta: { startDate: '2026-11-02' }, planning: { timePlan: { startDate: '2026-12-07' } } }).startDate).toBe('2026-12-07');
    const tp = planProject({ meta: { startDate: '2026-11-02' } }).timePlan;
    expect(tp.ok && tp.value.gantt[0]?.startDate).toBe('2026-11-02');
  });

  it('rejects non-objects and invalid planning data with error codes', () => {
    expect(() => planningInputsFromProject([])).toThrow(/projectNotObject/);
    expect(() => planningInputsFromProject({ planning: { growth: { horizonYears: 'five' } } })).toThrow(/invalidPlanning/);
  });
});

describe('planProject', () => {
  it('one failing section does not hide the others', () => {
    const r = planProject(({ planning: { sizing: { primary: seedPrimary }, matrix: { weights: { cost: 50 } } } }));
    expect(r.matrix).toMatchObject({ ok: false, error: { code: 'planning:errors.weightsSum', params: { sum: 140 } } });
    expect(r.sizing?.ok).toBe(true);
    expect(r.costs.ok).toBe(true);
    expect(r.timePlan.ok).toBe(true);
  });

  it('costs use the planned hours and the project rate', () => {
    const r = planProject(({ meta: { rates: { apprentice: 30, overheadPercent: 25 } } }));
    // 40 h * 30 EUR * 1.25 = 1500
    expect(r.costs.ok && r.costs.value.oneTime.labour.value).toBe(1500);
  });

  it('notes when the matrix choice and the quorum setup disagree', () => {
    const r = planProject(({ planning: { matrix: { chosen: { nodeCount: 'two' } } } }));
    expect(r.notes).toContainEqual({ key: 'planning:notes.nodeCountMismatch', params: { matrix: 'two', nodes: 2 } });
  });
});
