/**
 * How the cluster talks, as the Netz tab edits it: per link and node one of the node's own addresses (from
 * the inventory), never the SSH address the app reaches the node at. Without a choice in the settings the
 * plan generator's proposal is shown (a dedicated network first), so what the user sees is what the plan uses.
 */
import { nodeAddresses, proposeLinks, subnetOf, type NodeAddress } from '../../../shared/commission/inputs/links';
import type { Inventory } from '../../../shared/commission/inventorySchema';
import type { ClusterLink } from '../../../shared/commission/settingsSchema';
import type { NodeRole } from '../../../shared/commission/types';

export interface LinkContext {
  inventory: Inventory;
  /** Cluster members (corosync nodes). */
  members: readonly NodeRole[];
  /** The qnetd host, when the plan has one: it takes an address on a link but carries no ring. */
  witness?: NodeRole;
  /** Links planned in Architektur & Quorum (1 or 2). */
  count: number;
  vip?: string;
  drbd: boolean;
}

export function proposedLinks(c: LinkContext): ClusterLink[] {
  return proposeLinks(c.inventory, c.members, c.count, c.vip, c.drbd, c.witness);
}

/** The links the plan will use: the user's choice, else the proposal. */
export function effectiveLinks(stored: readonly ClusterLink[], c: LinkContext): { links: ClusterLink[]; proposed: boolean } {
  return stored.length ? { links: stored.map((l) => ({ ...l, nodes: { ...l.nodes } })), proposed: false } : { links: proposedLinks(c), proposed: true };
}

export function addressesOf(inventory: Inventory, role: NodeRole, vip?: string): NodeAddress[] {
  return nodeAddresses(inventory.nodes[role], vip?.split('/')[0]);
}

/** The subnet of the VIP: the client network, which a dedicated cluster link is not. */
export function vipSubnet(vip: string | undefined): string | undefined {
  if (!vip) return undefined;
  const [a, p] = vip.split('/');
  return subnetOf(a ?? '', Number(p));
}

/** The network a link runs in, as the primary's (else the first node's) address says. */
export function linkSubnet(link: ClusterLink, inventory: Inventory): string | undefined {
  for (const [role, v] of Object.entries(link.nodes) as [NodeRole, { address: string }][]) {
    const a = nodeAddresses(inventory.nodes[role]).find((x) => x.address === v.address);
    if (a) return a.subnet;
  }
  return undefined;
}

export function withAddress(links: readonly ClusterLink[], index: number, role: NodeRole, choice: NodeAddress | undefined): ClusterLink[] {
  return links.map((l, i) => {
    if (i !== index) return l;
    const nodes = { ...l.nodes };
    if (choice) nodes[role] = { interface: choice.interface, address: choice.address };
    else delete nodes[role];
    return { ...l, nodes };
  });
}

/** DRBD replicates over exactly one link; choosing it on one takes it off the others. */
export function withDrbdOn(links: readonly ClusterLink[], index: number): ClusterLink[] {
  return links.map((l, i) => ({ ...l, purpose: i === index ? ['corosync', 'drbd'] : ['corosync'] }));
}

/**
 * A second link in another network than the first: per node the first address outside the networks
 * already used, so the user starts from a sensible choice.
 */
export function withNewLink(links: readonly ClusterLink[], c: LinkContext): ClusterLink[] {
  const used = new Set(links.map((l) => linkSubnet(l, c.inventory)).filter(Boolean));
  const roles = [...c.members, ...(c.witness ? [c.witness] : [])];
  const nodes: ClusterLink['nodes'] = {};
  for (const r of roles) {
    const a = addressesOf(c.inventory, r, c.vip).find((x) => !used.has(x.subnet)) ?? addressesOf(c.inventory, r, c.vip)[0];
    if (a) nodes[r] = { interface: a.interface, address: a.address };
  }
  return [...links, { purpose: ['corosync'], nodes }];
}

export function withoutLink(links: readonly ClusterLink[], index: number): ClusterLink[] {
  const rest = links.filter((_, i) => i !== index);
  if (rest.length && !rest.some((l) => l.purpose.includes('drbd')) && links[index]?.purpose.includes('drbd')) return withDrbdOn(rest, 0);
  return rest;
}
