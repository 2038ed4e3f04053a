/**
 * The status view's headline: what an engineer looks at first in `crm_mon`, as a short list of findings
 * (red: the cluster cannot serve or protect the data; amber: it serves, but something needs a look).
 */
import type { ClusterStatus } from '../../../shared/cluster/statusSchema';

export interface Finding {
  level: 'danger' | 'warning' | 'ok';
  key: string;
  params?: Record<string, string | number>;
}

/** Services Pacemaker starts; enabled in systemd they would also start on their own at boot. */
const MANAGED_UNITS = ['postfix', 'dovecot', 'mariadb'];

export function clusterVerdict(s: ClusterStatus, stonithAccepted: boolean): Finding[] {
  const out: Finding[] = [];
  for (const n of s.nodes) if (!n.reachable) out.push({ level: 'danger', key: 'ui.cluster.find.unreachable', params: { node: n.role } });
  if (!s.pacemaker) {
    out.push({ level: 'danger', key: 'ui.cluster.find.noPacemaker' });
    return out;
  }
  if (s.summary.quorate === false) out.push({ level: 'danger', key: 'ui.cluster.find.noQuorum' });
  if (s.summary.offlineNodes.length) out.push({ level: 'danger', key: 'ui.cluster.find.offline', params: { nodes: s.summary.offlineNodes.join(', ') } });
  const unclean = s.pacemaker.nodes.filter((n) => n.unclean).map((n) => n.name);
  if (unclean.length) out.push({ level: 'danger', key: 'ui.cluster.find.unclean', params: { nodes: unclean.join(', ') } });
  const stopped = s.pacemaker.resources.filter((r) => !r.active && !r.agent.startsWith('stonith:') && !r.promotable).map((r) => r.id);
  if (stopped.length) out.push({ level: 'danger', key: 'ui.cluster.find.stopped', params: { resources: [...new Set(stopped)].join(', ') } });
  if (s.summary.failedActions) out.push({ level: 'warning', key: 'ui.cluster.find.failedActions', params: { count: s.summary.failedActions } });
  if (s.summary.drbdHealthy === false) out.push({ level: 'warning', key: 'ui.cluster.find.drbd' });
  if (s.summary.stonithEnabled === false) out.push({ level: stonithAccepted ? 'warning' : 'danger', key: stonithAccepted ? 'ui.cluster.find.noStonithAccepted' : 'ui.cluster.find.noStonith' });
  const standby = s.pacemaker.nodes.filter((n) => n.standby).map((n) => n.name);
  if (standby.length) out.push({ level: 'warning', key: 'ui.cluster.find.standby', params: { nodes: standby.join(', ') } });
  if (s.pacemaker.maintenanceMode) out.push({ level: 'warning', key: 'ui.cluster.find.maintenance' });
  for (const n of s.nodes) {
    if (n.role === 'witness' || !n.reachable) continue;
    const enabled = MANAGED_UNITS.filter((u) => n.units[u]?.enabled === 'enabled');
    if (enabled.length) out.push({ level: 'warning', key: 'ui.cluster.find.unitsEnabled', params: { node: n.role, units: enabled.join(', ') } });
  }
  if (!out.some((f) => f.level !== 'ok')) out.push({ level: 'ok', key: 'ui.cluster.find.healthy', params: { nodes: s.summary.onlineNodes.length } });
  return out;
}
