import { describe, expect, it } from 'vitest';
import { planningInputsFromProject } from './fromProject';
import { resolvePrimary, valuesFromFacts } from './primaryFields';
import { planProject } from './planProject';
import { seedFacts, seedPrimary } from '../../test/support/planning/seed';

describe('valuesFromFacts', () => {
  it('averages mails per day without the log\'s cut edges (a first or last day with < 10 % of the busiest), keeping quiet days inside', () => {
    const per = (days: [string, number][]) => valuesFromFacts({ ...seedFacts, mailVolume: { ...seedFacts.mailVolume, statedPerDay: undefined, days: days.map(([date, received]) => ({ date, received })) } }).values.mailsPerDay;
    expect(per([['2026-12-02', 1], ['2026-12-01', 2423]])).toBe(2423);
    expect(per([['2026-11-30', 5], ['2026-12-01', 2000], ['2026-12-02', 0], ['2026-12-03', 2000], ['2026-12-04', 3]])).toBeCloseTo(4000 / 3);
    expect(per([['2026-12-01', 0]])).toBe(0);
    expect(per([['2026-12-01', 900], ['2026-12-02', 1000]])).toBe(950);
  });

  it('maps the seed server facts onto the sizing fields', () => {
    const r = valuesFromFacts(seedFacts);
    expect(r.guessed).toEqual(['diskType']);
    expect(r.values).toMatchObject({
      cpuModel: 'Intel(R) Xeon(R) CPU E5-2620 v4 @ 2.10GHz', cores: 8, threads: 16,
      ramGb: 32, // ceil(31.4)
      diskCount: 4, diskSizeGb: 2000.398934016, diskType: 'hdd', raidLevel: 'raid10',
      nicCount: 2, nicGbps: 1,
      vmailGb: 1500, mariadbGb: 40, spoolGb: 10,
      bufferPoolGb: 8,
      mailsPerDay: 20000, // (19000 + 21000) / 2
    });
    expect(r.values.peakCpuPct).toBeUndefined();
  });

  it('a hand-entered array and NICs (storage.dataArray, hardware.nicGroups) are taken as described, nothing guessed', () => {
    const r = valuesFromFacts({
      hardware: { cpuCores: 8, cpuThreads: 16, nicGroups: [{ count: 2, speedMbps: 1000 }] },
      storage: { dataArray: { diskCount: 4, diskSizeBytes: 2e12, diskType: 'sas', raidLevel: 'raid10' } },
    });
    expect(r.values).toMatchObject({ diskCount: 4, diskSizeGb: 2000, diskType: 'sas', raidLevel: 'raid10', nicCount: 2, nicGbps: 1 });
    expect(r.guessed).toEqual([]);
    expect(r.nics).toEqual([{ count: 2, speedGbps: 1 }]);
  });

  it('the mail data on LVM: the volume group and the LVs that hold the data today', () => {
    const r = valuesFromFacts({
      dovecot: { mailLocation: 'maildir:/srv/mail/%d/%n:LAYOUT=fs' },
      mariadb: { datadir: '/var/lib/mysql' },
      storage: {
        filesystems: [
          { source: '/dev/mapper/vg_mail-vmail', mountpoint: '/srv/mail' },
          { source: '/dev/vg_mail/mysql', mountpoint: '/var/lib/mysql' },
          { source: '/dev/md1', mountpoint: '/' },
        ],
        lvs: [{ name: 'vmail', vg: 'vg_mail', sizeBytes: 1e9 }, { name: 'mysql', vg: 'vg_mail', sizeBytes: 3.2e8 }],
        vgs: [{ name: 'vg_mail', sizeBytes: 4e9, freeBytes: 2.68e9 }],
      },
    });
    expect(r.dataDevice).toEqual({
      vg: { name: 'vg_mail', sizeGb: 4, freeGb: 2.68 },
      dataLvs: [{ name: 'vg_mail/vmail', sizeGb: 1, mountpoint: '/srv/mail' }, { name: 'vg_mail/mysql', sizeGb: 0.32, mountpoint: '/var/lib/mysql' }],
    });
    // Data on the root filesystem without LVM: no device, DRBD is planned on the array.
    expect(valuesFromFacts({ storage: { filesystems: [{ source: '/dev/md1', mountpoint: '/' }], lvs: [] } }).dataDevice).toBeUndefined();
  });
});

describe('resolvePrimary', () => {
  it('facts, guesses and corrections field by field', () => {
    const r = resolvePrimary(seedFacts, { diskType: 'sas', peakCpuPct: 40 });
    expect(r.fields.diskType).toEqual({ id: 'diskType', fact: 'hdd', override: 'sas', value: 'sas', source: 'override' });
    expect(r.fields.cores).toMatchObject({ fact: 8, value: 8, source: 'facts' });
    expect(r.overridden).toEqual(['diskType', 'peakCpuPct']);
    expect(r.guessed).toEqual([]);
    expect(r.primary?.disks).toEqual({ count: 4, sizeGb: 2000.398934016, type: 'sas', raidLevel: 'raid10' });
    expect(r.primary?.peakCpuPct).toBe(40);
  });

  it('names what is missing instead of guessing', () => {
    const r = resolvePrimary({ hardware: { cpuCores: 4 } }, {});
    expect(r.primary).toBeNull();
    expect(r.missing).toEqual(['ramGb', 'diskCount', 'diskSizeGb', 'diskType', 'raidLevel', 'vmailGb', 'mariadbGb', 'spoolGb', 'bufferPoolGb', 'mailsPerDay']);
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

  it('an older file with a complete hand entry in Sizing reads as corrections of every field; planning rates win over meta', () => {
    const i = planningInputsFromProject({
      facts: seedFacts,
      meta: { rates: { apprentice: 30 } },
      planning: { sizing: { primary: { ...seedPrimary, ramGb: 64 } }, costs: { hourlyRateEur: 40 } },
    });
    expect(i.primarySource).toBe('planning');
    expect(i.primary?.ramGb).toBe(64);
    expect(i.primaryFields.fields.ramGb).toMatchObject({ fact: 32, override: 64 });
    expect(i.hourlyRate).toEqual({ value: 40, source: 'planning' });
    // The project schema's default overhead, the same the Projekt step shows.
    expect(i.overhead).toEqual({ value: 20, source: 'project' });
  });

  it('facts feed the sizing; the guess and the corrections are noted by count, not by field id', () => {
    const i = planningInputsFromProject({ facts: seedFacts });
    expect(i.primarySource).toBe('facts');
    expect(i.notes).toEqual([{ key: 'planning:notes.primaryGuessed', params: { count: 1 } }]);
    const r = planProject({ facts: seedFacts });
    expect(r.sizing?.ok).toBe(true);
    // RAID10 of 4 x 2000.4 GB = 4000.8 GB usable
    if (r.sizing?.ok) expect(r.sizing.value.primary.usableGb.value).toBeCloseTo(4000.797868032, 6);
    const corrected = planningInputsFromProject({ facts: seedFacts, planning: { sizing: { overrides: { diskType: 'sas' } } } });
    expect(corrected.notes).toEqual([{ key: 'planning:notes.primaryOverridden', params: { count: 1 } }]);
    const partial = planningInputsFromProject({ facts: { hardware: { cpuCores: 4 } } });
    expect(partial.notes[0]).toEqual({ key: 'planning:notes.primaryIncomplete', params: { count: 10 } });
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
    const r = planProject({ planning: { sizing: { primary: seedPrimary }, matrix: { weights: { cost: 50 } } } });
    expect(r.matrix).toMatchObject({ ok: false, error: { code: 'planning:errors.weightsSum', params: { sum: 140 } } });
    expect(r.sizing?.ok).toBe(true);
    expect(r.costs.ok).toBe(true);
    expect(r.timePlan.ok).toBe(true);
  });

  it('costs use the planned hours and the project rate', () => {
    const r = planProject({ meta: { rates: { apprentice: 30, overheadPercent: 25 } } });
    // 40 h * 30 EUR * 1.25 = 1500
    expect(r.costs.ok && r.costs.value.oneTime.labour.value).toBe(1500);
  });

  it('notes when the matrix choice and the quorum setup disagree', () => {
    const r = planProject({ planning: { matrix: { chosen: { nodeCount: 'two' } } } });
    expect(r.notes).toContainEqual({ key: 'planning:notes.nodeCountMismatch', params: { matrix: 'two', nodes: 2 } });
  });

  it('DRBD on LVM: the volume group from the facts sizes the volume', () => {
    const facts = {
      ...seedFacts,
      storage: {
        ...seedFacts.storage,
        filesystems: [{ source: '/dev/mapper/vg0-vmail', mountpoint: '/var/vmail' }],
        lvs: [{ name: 'vmail', vg: 'vg0', sizeBytes: 1.6e12 }],
        vgs: [{ name: 'vg0', sizeBytes: 4e12, freeBytes: 2.2e12 }],
      },
    };
    const r = planProject({ facts });
    expect(r.sizing?.ok && r.sizing.value.drbd.volume.primaryBackingGb).toMatchObject({ value: 2200, source: 'vgFree' });
  });
});
