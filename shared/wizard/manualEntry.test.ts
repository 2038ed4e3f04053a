import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FactsSchema, type Facts } from '../analysis/facts';
import { resolvePrimary } from '../planning/primaryFields';
import { applyManual, draftFromFacts, manualErrors, type ManualDraft, type ManualField } from './manualEntry';

const now = new Date('2026-11-25T10:00:00Z');

/** The seed's server as an apprentice types it: Xeon E5-2620 v4, 32 GB, 4 x 2 TB SAS RAID 10, Debian 12 ... */
const typed: Partial<ManualDraft> = {
  cpuModel: 'Intel Xeon E5-2620 v4', cores: '8', threads: '16', ramGb: '32',
  diskCount: '4', diskSizeGb: '2000', diskType: 'sas', raidLevel: 'raid10', nicCount: '2', nicGbps: '1',
  vmailGb: '1500', mariadbGb: '40', spoolGb: '10', bufferPoolGb: '8', mailsPerDay: '20000',
  debianVersion: '12.8', postfixVersion: '3.7.11', dovecotVersion: '2.3.19.1', mariadbVersion: '10.11.6',
};
function enter(facts: Facts | undefined, values: Partial<ManualDraft>): Facts {
  const draft = { ...draftFromFacts(facts), ...values };
  const changed = new Set(Object.keys(values) as ManualField[]);
  expect(manualErrors(draft, changed)).toEqual({});
  return applyManual(facts, draft, changed, now);
}

describe('hand entry of the existing server', () => {
  it('covers every input of the sizing: the facts alone give the complete primary', () => {
    const facts = enter(undefined, typed);
    const r = resolvePrimary(facts, {});
    expect(r.missing).toEqual([]);
    expect(r.guessed).toEqual([]);
    expect(r.primary).toEqual({
      cpuModel: 'Intel Xeon E5-2620 v4', cores: 8, threads: 16, ramGb: 32,
      disks: { count: 4, sizeGb: 2000, type: 'sas', raidLevel: 'raid10' },
      nics: [{ count: 2, speedGbps: 1 }],
      data: { vmailGb: 1500, mariadbGb: 40, spoolGb: 10 },
      mariadbBufferPoolGb: 8,
      mailsPerDay: 20000,
    });
  });

  it('invents nothing: no device names, no RAID state, no disk model, no mail-log day', () => {
    const facts = enter(undefined, typed);
    expect(facts.storage).toEqual({ dataArray: { diskCount: 4, diskSizeBytes: 2e12, diskType: 'sas', raidLevel: 'raid10' } });
    expect(facts.hardware?.nicGroups).toEqual([{ count: 2, speedMbps: 1000 }]);
    expect(facts.hardware?.nics).toBeUndefined();
    expect(facts.mailVolume).toEqual({ statedPerDay: 20000 });
    expect(facts.source).toBe('manual');
    expect(facts.os).toMatchObject({ versionId: '12', codename: 'bookworm', prettyName: 'Debian GNU/Linux 12.8 (bookworm)' });
    expect(facts.notes).toEqual([{ key: 'anaui:notes.manualFields', params: { fields: Object.keys(typed).join(', ') } }]);
  });

  it('a correction of collected facts changes only that field and keeps the devices as found', () => {
    const collected = FactsSchema.parse({
      source: 'ssh',
      hardware: { cpuCores: 8, cpuThreads: 16, memTotalBytes: 31.4 * 2 ** 30, nics: [{ name: 'eno1', speedMbps: 1000 }] },
      storage: { blockDevices: ['sda', 'sdb', 'sdc', 'sdd'].map((name) => ({ name, type: 'disk', sizeBytes: 2e12, rotational: true })), raids: [{ name: 'md0', level: 'raid10', raidDevices: 4, devices: ['sda', 'sdb', 'sdc', 'sdd'] }] },
      mailVolume: { days: [{ date: '2026-11-23', received: 19000, delivered: 0, forwarded: 0, deferred: 0, deferrals: 0, bounced: 0, rejected: 0, bytesReceived: 0, bytesDelivered: 0 }] },
    });
    expect(draftFromFacts(collected)).toMatchObject({ ramGb: '32', diskCount: '4', diskType: 'hdd', raidLevel: 'raid10', nicCount: '1', nicGbps: '1', mailsPerDay: '19000' });
    expect(resolvePrimary(collected, {}).guessed).toEqual(['diskType']);
    const fixed = enter(collected, { diskType: 'sas' });
    expect(fixed.storage?.blockDevices).toEqual(collected.storage?.blockDevices);
    expect(fixed.storage?.raids).toEqual(collected.storage?.raids);
    expect(fixed.storage?.dataArray).toEqual({ diskCount: 4, diskSizeBytes: 2e12, diskType: 'sas', raidLevel: 'raid10' });
    expect(fixed.mailVolume).toEqual(collected.mailVolume);
    const r = resolvePrimary(fixed, {});
    expect(r.guessed).toEqual([]);
    expect(r.fields.diskType).toMatchObject({ value: 'sas', source: 'facts' });
  });

  it('the RAID rule of the planning: RAID 10 needs an even number of at least 4 disks', () => {
    const d = { ...draftFromFacts(undefined), ...typed, diskCount: '5' };
    expect(manualErrors(d, new Set(['diskCount']))).toEqual({ diskCount: { key: 'planning:errors.raidDiskCountEven', params: { raidLevel: 'RAID 10', min: 4, count: 5 } } });
    expect(manualErrors({ ...d, raidLevel: 'raid5', diskCount: '2' }, new Set(['raidLevel']))).toEqual({ diskCount: { key: 'planning:errors.raidDiskCount', params: { raidLevel: 'RAID 5', min: 3, count: 2 } } });
    expect(manualErrors({ ...d, raidLevel: 'raid0', diskCount: '2' }, new Set(['raidLevel']))).toEqual({});
  });

  it('other checks: numbers, whole numbers, threads not below cores, a NIC count needs its speed', () => {
    const d = { ...draftFromFacts(undefined), ...typed };
    expect(manualErrors({ ...d, cores: 'acht' }, new Set(['cores']))).toEqual({ cores: { key: 'anaui:validation.number' } });
    expect(manualErrors({ ...d, cores: '8,5' }, new Set(['cores']))).toEqual({ cores: { key: 'anaui:validation.integer' } });
    expect(manualErrors({ ...d, threads: '4' }, new Set(['threads']))).toEqual({ threads: { key: 'anaui:validation.threadsBelowCores' } });
    expect(manualErrors({ ...d, nicGbps: '' }, new Set(['nicGbps']))).toEqual({ nicGbps: { key: 'anaui:validation.nicPair' } });
    expect(manualErrors({ ...d, ramGb: '0' }, new Set(['ramGb']))).toEqual({ ramGb: { key: 'anaui:validation.positive' } });
    expect(manualErrors({ ...d, postfixVersion: 'drei' }, new Set(['postfixVersion']))).toEqual({ postfixVersion: { key: 'anaui:validation.version' } });
    // Decimal commas as Germans type them.
    const f = enter(undefined, { ...typed, vmailGb: '1500,5' });
    expect(f.data?.vmailBytes).toBe(1_500_500_000_000);
  });

  it('emptying a field removes it from the facts; the form shows what the facts hold after a round trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 0, max: 100000 }), (cores, ram, mails) => {
        const f = enter(undefined, { cores: String(cores), threads: String(cores * 2), ramGb: String(ram), mailsPerDay: String(mails) });
        expect(draftFromFacts(f)).toMatchObject({ cores: String(cores), threads: String(cores * 2), ramGb: String(ram), mailsPerDay: String(mails) });
      }),
    );
    const f = enter(undefined, typed);
    const cleared = applyManual(f, { ...draftFromFacts(f), mailsPerDay: '', nicCount: '', nicGbps: '' }, new Set<ManualField>(['mailsPerDay', 'nicCount', 'nicGbps']), now);
    expect(cleared.mailVolume).toEqual({});
    expect(cleared.hardware?.nicGroups).toBeUndefined();
  });
});
