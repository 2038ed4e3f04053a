import { describe, expect, it } from 'vitest';
import { generatePlan, planErrors } from '../../../shared/commission/generate';
import { labProject } from '../../../test/support/install/labProject';
import { clusterRoles, fixPlace, nodeNeeds, replicationOf } from './planNeeds';

describe('what the plan needs from the step', () => {
  const p = labProject();
  const plan = generatePlan(p, p.commission.inventory!);

  it('qdevice: secondary and witness, as the plan says; a node3 entered anyway is offered for removal', () => {
    expect(nodeNeeds(p, plan, [])).toEqual([{ role: 'secondary', needed: true }, { role: 'witness', needed: true }]);
    const extra = { ...p, hosts: { ...p.hosts, node3: { host: '10.0.0.9', port: 22, user: 'root', auth: { method: 'agent' as const } } } };
    expect(nodeNeeds(extra, plan, [])).toContainEqual({ role: 'node3', needed: false });
  });

  it('before any plan the planning decisions (and the generator’s errors) say which nodes', () => {
    const bare = labProject({ withInventory: false });
    const errors = planErrors(bare, undefined);
    expect(nodeNeeds(bare, null, errors).map((n) => n.role)).toEqual(['secondary', 'witness']);
    const three = { ...bare, planning: { ...bare.planning, quorumFencing: { ...bare.planning.quorumFencing, qdevice: false, nodeCount: 3 } } };
    expect(clusterRoles(three, null)).toEqual({ members: ['primary', 'secondary', 'node3'] });
    // The witness entered earlier stays listed, marked as not needed any more.
    expect(nodeNeeds(three, null, planErrors(three, undefined))).toEqual([{ role: 'secondary', needed: true }, { role: 'witness', needed: false }, { role: 'node3', needed: true }]);
    expect(replicationOf(bare, null)).toBe('shared');
    expect(replicationOf(p, plan)).toBe('shared');
  });

  it('sends each missing thing to where it is fixed', () => {
    expect(fixPlace('commission:errors.noFacts')).toEqual({ kind: 'step', step: 'analysis' });
    expect(fixPlace('commission:errors.fencingUnsupported')).toEqual({ kind: 'step', step: 'architecture' });
    expect(fixPlace('planning:quorumFencing.rules.noneNeedsRisk')).toEqual({ kind: 'step', step: 'architecture' });
    expect(fixPlace('commission:errors.noHost')).toMatchObject({ tab: 'hosts' });
    expect(fixPlace('install:errors.secretsMissing')).toMatchObject({ tab: 'hosts', card: 'ins-secrets' });
    expect(fixPlace('commission:errors.vipSubnetMissing')).toMatchObject({ card: 'ins-vip' });
    expect(fixPlace('commission:errors.linkAddressNotOnNode')).toMatchObject({ card: 'ins-links' });
    expect(fixPlace('commission:errors.sharedDeviceChoose')).toMatchObject({ card: 'ins-storage' });
    expect(fixPlace('commission:errors.drbdVgTooSmall')).toMatchObject({ card: 'ins-storage' });
    // A node's own facts are fixed on the node, then read again.
    for (const k of ['drbdModuleMissing', 'drbdVersionMismatch', 'osMismatch', 'uidTaken', 'watchdogMissing']) expect(fixPlace(`commission:errors.${k}`), k).toMatchObject({ card: 'ins-inventory' });
  });
});
