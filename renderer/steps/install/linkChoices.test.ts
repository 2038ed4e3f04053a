import { describe, expect, it } from 'vitest';
import { labInventory } from '../../../test/support/install/labInventory';
import { addressesOf, effectiveLinks, linkSubnet, withAddress, withDrbdOn, withNewLink, withoutLink, type LinkContext } from './linkChoices';

const inventory = labInventory();
const ctx = (over: Partial<LinkContext> = {}): LinkContext => ({ inventory, members: ['primary', 'secondary'], witness: 'witness', count: 2, vip: '10.77.0.10/24', drbd: false, ...over });

describe('link choices on the lab inventory (client network 10.77.0.0/24, cluster network 10.78.0.0/24)', () => {
  it('lists each node’s own addresses, never loopback or the VIP', () => {
    expect(addressesOf(inventory, 'secondary').map((a) => `${a.interface} ${a.address}/${a.prefix}`)).toEqual(['host0 10.77.0.12/24', 'host1 10.78.0.12/24']);
    expect(addressesOf(inventory, 'primary').some((a) => a.address.startsWith('127.'))).toBe(false);
  });

  it('proposes the dedicated cluster network as link 0 and the client network as link 1', () => {
    const { links, proposed } = effectiveLinks([], ctx());
    expect(proposed).toBe(true);
    expect(links.map((l) => linkSubnet(l, inventory))).toEqual(['10.78.0.0/24', '10.77.0.0/24']);
    expect(links[0]!.nodes).toEqual({ primary: { interface: 'host1', address: '10.78.0.11' }, secondary: { interface: 'host1', address: '10.78.0.12' }, witness: { interface: 'host1', address: '10.78.0.13' } });
  });

  it('puts DRBD on the dedicated link when the plan replicates with DRBD', () => {
    const { links } = effectiveLinks([], ctx({ drbd: true }));
    expect(links.map((l) => l.purpose)).toEqual([['corosync', 'drbd'], ['corosync']]);
  });

  it('a stored choice wins over the proposal and is copied, not shared', () => {
    const stored = [{ purpose: ['corosync' as const], nodes: { primary: { address: '10.77.0.11' }, secondary: { address: '10.77.0.12' } } }];
    const r = effectiveLinks(stored, ctx());
    expect(r.proposed).toBe(false);
    expect(r.links).toEqual(stored);
    r.links[0]!.nodes.primary = { address: 'x' };
    expect(stored[0]!.nodes.primary.address).toBe('10.77.0.11');
  });

  it('changes one node’s address on one link and moves DRBD between links', () => {
    const { links } = effectiveLinks([], ctx({ drbd: true }));
    const client = addressesOf(inventory, 'secondary').find((a) => a.interface === 'host0');
    const changed = withAddress(links, 0, 'secondary', client);
    expect(changed[0]!.nodes.secondary).toEqual({ interface: 'host0', address: '10.77.0.12' });
    expect(changed[1]).toBe(links[1]);
    expect(withAddress(links, 0, 'witness', undefined)[0]!.nodes.witness).toBeUndefined();
    expect(withDrbdOn(links, 1).map((l) => l.purpose)).toEqual([['corosync'], ['corosync', 'drbd']]);
  });

  it('a new link starts in a network not used yet; removing the DRBD link moves DRBD to link 0', () => {
    const one = effectiveLinks([], ctx({ count: 1, drbd: true })).links;
    expect(one).toHaveLength(1);
    const two = withNewLink(one, ctx({ drbd: true }));
    expect(linkSubnet(two[1]!, inventory)).toBe('10.77.0.0/24');
    expect(two[1]!.nodes.primary).toEqual({ interface: 'host0', address: '10.77.0.11' });
    expect(withoutLink(two, 0)).toEqual([{ ...two[1]!, purpose: ['corosync', 'drbd'] }]);
  });
});
