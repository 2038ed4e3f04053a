import { describe, expect, it } from 'vitest';
import { newProject } from '../../shared/project/schema';
import { applyPlanSettings, planKeys } from './planSettings';

const now = new Date('2026-12-01T10:00:00Z');
const base = () => newProject('3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f', now);

describe('plan set', () => {
  it('writes the lab choices (ct: shared storage, qdevice, no fencing with a recorded risk acceptance)', () => {
    const p = applyPlanSettings(
      base(),
      ['replication=shared', 'quorum=qdevice', 'fencing=none', 'risk.by=Azubi Anna', 'risk.reason=Lab containers cannot be fenced', 'vip=10.77.0.10/24', 'vip.name=mail.example-gmbh.test', 'shared.device=/dev/loop7', 'link.0.purpose=corosync,drbd', 'link.0.primary=10.78.0.11@host1', 'link.0.secondary=10.78.0.12'],
      now,
    );
    expect(p.planning.matrix.chosen).toMatchObject({ replication: 'sharedStorage', nodeCount: 'twoPlusQdevice' });
    expect(p.planning.quorumFencing).toMatchObject({ qdevice: true, twoNode: false, nodeCount: 2, fencing: ['none'], riskAcceptance: { who: 'Azubi Anna', when: '2026-12-01', reason: 'Lab containers cannot be fenced' } });
    expect(p.commission.settings).toMatchObject({ vip: '10.77.0.10/24', vipName: 'mail.example-gmbh.test', sharedDevice: '/dev/loop7', links: [{ purpose: ['corosync', 'drbd'], nodes: { primary: { address: '10.78.0.11', interface: 'host1' }, secondary: { address: '10.78.0.12' } } }] });
  });

  it('vm tier: DRBD on a new LV, two_node, SBD', () => {
    const p = applyPlanSettings(base(), ['replication=drbd', 'quorum=two_node', 'fencing=sbdDisk,drbdResourceFencing,fenceDelay', 'drbd.vg=vg_mail', 'drbd.size=512M', 'sbd.device=/dev/disk/by-id/virtio-lab-sbd', 'quorum=third_node', 'quorum=two_node'], now);
    expect(p.planning.quorumFencing).toMatchObject({ twoNode: true, qdevice: false, fencing: ['sbdDisk', 'drbdResourceFencing', 'fenceDelay'] });
    expect(p.commission.settings.drbd).toMatchObject({ vg: 'vg_mail', sizeBytes: 512 * 1024 ** 2 });
  });

  it('an empty value removes an optional setting', () => {
    const p = applyPlanSettings(base(), ['vip=10.0.0.5/24', 'vip='], now);
    expect(p.commission.settings.vip).toBeUndefined();
  });

  it('refuses unknown keys, bad choices and values the schema rejects, naming the key', () => {
    expect(() => applyPlanSettings(base(), ['colour=blue'], now)).toThrow(expect.objectContaining({ code: 'install:cli.unknownKey', params: { key: 'colour' } }));
    expect(() => applyPlanSettings(base(), ['quorum=five'], now)).toThrow(expect.objectContaining({ code: 'install:cli.badChoice' }));
    expect(() => applyPlanSettings(base(), ['fencing=ipmi,magic'], now)).toThrow(expect.objectContaining({ code: 'install:cli.badChoice' }));
    expect(() => applyPlanSettings(base(), ['vip=10.77.0.10'], now)).toThrow(expect.objectContaining({ code: 'install:cli.badValue', params: expect.objectContaining({ key: 'vip', field: 'commission.settings.vip' }) }));
    expect(() => applyPlanSettings(base(), ['drbd.port=abc'], now)).toThrow(expect.objectContaining({ code: 'install:cli.badNumber' }));
    expect(() => applyPlanSettings(base(), ['novalue'], now)).toThrow(expect.objectContaining({ code: 'install:cli.badAssignment' }));
  });

  it('every key is unique', () => {
    expect(new Set(planKeys.map((k) => k.key)).size).toBe(planKeys.length);
  });
});
