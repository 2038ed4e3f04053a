/**
 * Which networks the cluster talks over. The app reaches a node over SSH at one address (in the lab a
 * 127.0.0.1 relay); corosync, DRBD and the VIP use the node's own interfaces as the inventory found them.
 * Without a choice in the settings the plan proposes: networks every cluster node has an address in,
 * a dedicated one (not the VIP's client network) first, so link 0 and DRBD stay off the client network.
 */
import type { Inventory, NodeInventory } from '../inventorySchema';
import type { ClusterLink } from '../settingsSchema';
import type { NodeRole } from '../types';

export function ipv4ToInt(a: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (!m) return undefined;
  const p = m.slice(1).map(Number);
  if (p.some((x) => x > 255)) return undefined;
  return ((p[0]! << 24) >>> 0) + (p[1]! << 16) + (p[2]! << 8) + p[3]!;
}
const intToIpv4 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

export function subnetOf(address: string, prefix: number): string | undefined {
  const n = ipv4ToInt(address);
  if (n === undefined || prefix < 0 || prefix > 32) return undefined;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return `${intToIpv4((n & mask) >>> 0)}/${prefix}`;
}

export interface NodeAddress {
  interface: string;
  address: string;
  prefix: number;
  subnet: string;
}

/** IPv4 addresses of a node, without loopback and without the VIP (when the cluster already runs it). */
export function nodeAddresses(inv: NodeInventory | undefined, vipAddress?: string): NodeAddress[] {
  const out: NodeAddress[] = [];
  for (const i of inv?.interfaces ?? []) {
    if (i.name === 'lo') continue;
    for (const a of i.addresses) {
      const [address, p] = a.split('/');
      const prefix = Number(p);
      if (!address || address === vipAddress || !Number.isInteger(prefix) || address.startsWith('127.')) continue;
      const subnet = subnetOf(address, prefix);
      if (subnet) out.push({ interface: i.name, address, prefix, subnet });
    }
  }
  return out;
}

/** The interface that carries an address in the given subnet (for IPaddr2's nic). */
export function interfaceInSubnet(inv: NodeInventory | undefined, subnet: string): string | undefined {
  const [net, p] = subnet.split('/');
  return nodeAddresses(inv).find((a) => subnetOf(a.address, Number(p)) === `${net}/${p}`)?.interface;
}

/**
 * Proposed links: up to `count` networks common to all cluster roles, dedicated networks first; DRBD on the
 * first (when asked for); the witness gets its address in any network it shares with the nodes.
 */
export function proposeLinks(inventory: Inventory, roles: readonly NodeRole[], count: number, vipCidr?: string, drbd = true, witness?: NodeRole): ClusterLink[] {
  const vipAddress = vipCidr?.split('/')[0];
  const vipSubnet = vipCidr ? subnetOf(vipAddress ?? '', Number(vipCidr.split('/')[1])) : undefined;
  const per = roles.map((r) => nodeAddresses(inventory.nodes[r], vipAddress));
  if (per.some((a) => a.length === 0)) return [];
  const common = [...new Set(per[0]!.map((a) => a.subnet))].filter((s) => per.every((list) => list.some((a) => a.subnet === s)));
  common.sort((a, b) => Number(a === vipSubnet) - Number(b === vipSubnet) || (ipv4ToInt(a.split('/')[0]!) ?? 0) - (ipv4ToInt(b.split('/')[0]!) ?? 0));
  const chosen = common.slice(0, Math.max(1, count));
  const witnessAddrs = witness ? nodeAddresses(inventory.nodes[witness], vipAddress) : [];
  return chosen.map((subnet, i) => {
    const nodes: ClusterLink['nodes'] = {};
    roles.forEach((r, k) => {
      const a = per[k]!.find((x) => x.subnet === subnet)!;
      nodes[r] = { interface: a.interface, address: a.address };
    });
    const w = witnessAddrs.find((x) => x.subnet === subnet);
    if (witness && w) nodes[witness] = { interface: w.interface, address: w.address };
    return { purpose: drbd && i === 0 ? ['corosync', 'drbd'] : ['corosync'], nodes };
  });
}
