/**
 * The topology diagram from what the project knows: the live cluster's node names when it was read, else
 * the commissioning inventory and settings (link addresses, VIP), else the planning choices alone.
 */
import { resolveInput } from '../commission/inputs/resolve';
import type { NodeRole } from '../commission/types';
import type { TopologyChart, TopologyLink, TopologyNode } from './charts';
import type { BuildContext } from './context';

/** The name a node goes by: inventory hostname, Ist-Analyse hostname (primary), its SSH host; null when unknown. */
export function knownNodeName(c: BuildContext, role: NodeRole): string | null {
  const p = c.src.project;
  const inv = p.commission.inventory?.nodes[role]?.hostname;
  if (inv) return inv;
  if (role === 'primary' && p.facts?.hostname) return p.facts.hostname;
  const host = p.hosts[role]?.host;
  if (host && !isLoopback(host)) return host;
  return null;
}

/** The node's name, else its role ("Zweitknoten") for prose and diagrams. */
export function nodeName(c: BuildContext, role: NodeRole): string {
  return knownNodeName(c, role) ?? c.d(`roles.${role}`);
}

const isLoopback = (h: string) => /^127\.|^localhost$|^::1$/.test(h);

/**
 * The cluster's links as the commissioning plan resolves them (the user's choice, else its proposal from the
 * inventory: dedicated networks first), so the diagram numbers them as corosync.conf does.
 */
export function clusterLinks(c: BuildContext): { purposes: ('corosync' | 'drbd')[]; addrs: Partial<Record<NodeRole, string>> }[] {
  const p = c.src.project;
  const chosen = p.commission.settings.links.map((l) => ({ purposes: [...l.purpose], addrs: Object.fromEntries(Object.entries(l.nodes).map(([r, v]) => [r, v!.address])) as Partial<Record<NodeRole, string>> }));
  if (chosen.length || !p.commission.inventory) return chosen;
  try {
    return resolveInput(p, p.commission.inventory).input?.links.map((l) => ({ purposes: l.purposes, addrs: l.addrs })) ?? [];
  } catch {
    return [];
  }
}

/** The node's address on the cluster's first link (as commissioning configures it), else from the inventory. */
export function nodeAddress(c: BuildContext, role: NodeRole): string | undefined {
  for (const l of clusterLinks(c)) {
    const a = l.addrs[role];
    if (a) return a;
  }
  const ifs = c.src.project.commission.inventory?.nodes[role]?.interfaces ?? [];
  // IPv4 first: the cluster's links are IPv4 (settings schema); never loopback.
  const addr = ifs.flatMap((i) => i.addresses).map((a) => a.replace(/\/\d+$/, '')).find((a) => !isLoopback(a) && !a.includes(':'));
  return addr;
}

export function clusterRoles(c: BuildContext): NodeRole[] {
  const qf = c.src.plan.inputs.planning.quorumFencing;
  const roles: NodeRole[] = ['primary', 'secondary'];
  if (qf.nodeCount >= 3 || c.src.project.hosts.node3) roles.push('node3');
  return roles;
}

export function usesQdevice(c: BuildContext): boolean {
  return c.src.plan.inputs.planning.quorumFencing.qdevice && !c.src.plan.inputs.planning.quorumFencing.twoNode;
}

export function replicationKind(c: BuildContext): 'drbd' | 'shared' {
  const chosen = c.src.plan.matrix.ok ? c.src.plan.matrix.value.find((d) => d.decision === 'replication')?.chosen : undefined;
  if (c.src.project.commission.settings.sharedDevice || chosen === 'sharedStorage') return 'shared';
  return 'drbd';
}

export function topologyChart(c: BuildContext): TopologyChart {
  const p = c.src.project;
  const s = p.commission.settings;
  const qf = c.src.plan.inputs.planning.quorumFencing;
  const roles = clusterRoles(c);
  const live = c.src.live?.ok ? c.src.live.cluster : undefined;
  const nodes: TopologyNode[] = roles.map((role, i) => {
    const name = live?.nodes[i]?.name ?? nodeName(c, role);
    const addr = live?.nodes[i]?.address ?? nodeAddress(c, role);
    return { id: role, role, label: name, lines: [c.d(`roles.${role}Long`), ...(addr ? [addr] : [])] };
  });
  const links: TopologyLink[] = [];
  const [a, b2] = roles;
  const resolved = clusterLinks(c);
  if (resolved.length) {
    resolved.forEach((l, i) => {
      const what = l.purposes.map((x) => (x === 'drbd' ? 'DRBD' : 'corosync')).join(' + ');
      links.push({ from: a!, to: b2!, label: c.d('topology.link', { n: i, what }), kind: l.purposes.includes('drbd') && !l.purposes.includes('corosync') ? 'drbd' : 'corosync' });
    });
  } else {
    for (let i = 0; i < qf.corosyncLinks; i++) links.push({ from: a!, to: b2!, label: c.d('topology.link', { n: i, what: 'corosync' }), kind: 'corosync' });
  }
  if (replicationKind(c) === 'drbd' && !resolved.some((l) => l.purposes.includes('drbd'))) {
    links.push({ from: a!, to: b2!, label: c.d('topology.drbd', { port: s.drbd.port }), kind: 'drbd' });
  }
  if (roles.includes('node3')) links.push({ from: b2!, to: 'node3', label: c.d('topology.link', { n: 0, what: 'corosync' }), kind: 'corosync' });
  if (replicationKind(c) === 'shared') {
    nodes.push({ id: 'storage', role: 'storage', label: c.d('topology.storage'), lines: s.sharedDevice ? [s.sharedDevice] : [] });
    for (const r of roles) links.push({ from: r, to: 'storage', label: 'SAN', kind: 'shared' });
  }
  if (usesQdevice(c)) {
    const addr = nodeAddress(c, 'witness');
    nodes.push({ id: 'witness', role: 'witness', label: nodeName(c, 'witness'), lines: [c.d('roles.witnessLong'), ...(addr ? [addr] : [])] });
    for (const r of roles.slice(0, 2)) links.push({ from: r, to: 'witness', label: c.d('topology.qnetd'), kind: 'qnetd' });
  }
  const vipNode = live?.resources.find((r) => /IPaddr/.test(r.agent) && r.node)?.node;
  const vipRole = vipNode ? (roles.find((_, i) => live?.nodes[i]?.name === vipNode) ?? 'primary') : 'primary';
  const vipAddr = live?.vip ?? s.vip;
  return {
    type: 'topology',
    nodes,
    links,
    ...(vipAddr ? { vip: { label: s.vipName ? `${s.vipName} (${vipAddr})` : c.d('topology.vip', { vip: vipAddr }), node: vipRole } } : {}),
    clientsLabel: c.d('topology.clients'),
  };
}
