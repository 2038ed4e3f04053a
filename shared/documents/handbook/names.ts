/**
 * The names the runbooks print: from the live cluster when it was read, else what the project says (node
 * names, cluster name, mount point); resource names the plan has not fixed yet appear as labelled
 * placeholders, never as made-up ids.
 */
import { resourceNames } from '../../commission/names';
import type { BuildContext } from '../context';
import { clusterRoles, knownNodeName, replicationKind } from '../topology';

export interface ClusterNames {
  source: 'live' | 'project';
  cluster: string;
  nodes: string[];
  group: string;
  drbdResource: string;
  drbdClone: string;
  mariadb: string;
  stonith: string[];
  mount: string;
  /** '8.4', '9' or null when unknown (then both variants are printed). */
  drbdVersion: '8.4' | '9' | null;
  /** Some names are placeholders (no live cluster, no commissioning inventory). */
  placeholders: boolean;
  /** DRBD replication, or a shared LUN the active node mounts (then no DRBD command applies). */
  replication: 'drbd' | 'shared';
  /** The shared LUN as the nodes see it (shared replication). */
  sharedDevice?: string;
}

export function clusterNames(c: BuildContext): ClusterNames {
  const s = c.src.project.commission.settings;
  const live = c.src.live?.ok ? c.src.live.cluster : undefined;
  const ph = (k: string) => `<${c.d(`handbook.placeholder.${k}`)}>`;
  const nodes = live?.nodes.length ? live.nodes.map((n) => n.name) : clusterRoles(c).map((r) => knownNodeName(c, r) ?? `<${c.d(`roles.${r}`)}>`);
  const res = live?.resources ?? [];
  // Without a live cluster: the names the commissioning plan gives its resources.
  const planned = live ? null : resourceNames(c.src.project);
  const group = res.find((r) => r.group && /IPaddr/.test(r.agent))?.group ?? res.find((r) => r.group)?.group ?? planned?.group;
  const drbdClone = res.find((r) => /linbit:drbd/.test(r.agent))?.group ?? planned?.drbdClone;
  // By agent (systemd:mariadb, ocf:heartbeat:mysql) or, for the plan's own ocf:mhs:unit, by the resource's name.
  const mariadb = res.find((r) => /mysql|mariadb/.test(r.agent))?.id ?? res.find((r) => /mysql|mariadb/i.test(r.id))?.id ?? planned?.mariadb;
  const inv = c.src.project.commission.inventory?.nodes.primary?.drbdModuleVersion ?? live?.drbd?.[0]?.version;
  const drbdVersion = inv ? (inv.startsWith('8.') ? '8.4' : inv.startsWith('9') ? '9' : null) : null;
  const stonith = live?.stonith.map((x) => x.id) ?? [];
  const replication = live ? (res.some((r) => /linbit:drbd/.test(r.agent)) || live.drbd?.length ? 'drbd' : 'shared') : replicationKind(c);
  return {
    source: live ? 'live' : 'project',
    cluster: live?.clusterName ?? s.clusterName,
    nodes,
    group: group ?? ph('group'),
    drbdResource: live?.drbd?.[0]?.resource ?? planned?.drbdResource ?? ph('drbdResource'),
    drbdClone: drbdClone ?? ph('drbdClone'),
    mariadb: mariadb ?? ph('mariadb'),
    stonith: stonith.length ? stonith : (planned?.stonith ?? []),
    mount: s.mountPoint,
    drbdVersion: replication === 'drbd' ? drbdVersion : null,
    placeholders: !group || (replication === 'drbd' && !drbdClone) || !mariadb || nodes.some((x) => x.startsWith('<')),
    replication,
    ...(s.sharedDevice ? { sharedDevice: s.sharedDevice } : {}),
  };
}
