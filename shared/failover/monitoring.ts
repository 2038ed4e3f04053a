/**
 * The cluster's state for the operator's monitoring, from one round of node samples: a Nagios/Icinga plugin
 * result (exit status 0/1/2/3, one status line, performance data) and the same figures as Prometheus text
 * exposition, so monitoring keeps watching what the failover tests proved.
 */
import type { NodeSample } from './clusterSample';
import { bestView, mailResources, servicesNodes, vipHolders } from './clusterFacts';

export type CheckStatus = 0 | 1 | 2 | 3;
export const statusNames = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] as const;

export interface ClusterCheck {
  status: CheckStatus;
  /** The plugin's first line without perfdata, e.g. "MAILCLUSTER OK - services on node1, 2/2 nodes online". */
  text: string;
  /** Nagios performance data ('label'=value;warn;crit;min;max ...). */
  perfdata: string;
  prometheus: string;
  problems: { status: CheckStatus; text: string }[];
}

function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function clusterCheck(samples: readonly NodeSample[], expectedNodes: readonly string[], clusterName = 'mail cluster'): ClusterCheck {
  const problems: { status: CheckStatus; text: string }[] = [];
  const add = (status: CheckStatus, text: string) => problems.push({ status, text });
  const reachable = samples.filter((s) => s.reachable);
  const view = bestView(samples);
  if (!reachable.length || !view) add(3, reachable.length ? 'no node answers with a Pacemaker view' : 'no node reachable over SSH');
  const online = view ? expectedNodes.filter((n) => view.nodes.find((x) => x.name === n && x.online && !x.unclean && !x.pending)) : [];
  const standby = view ? view.nodes.filter((n) => n.standby).map((n) => n.name) : [];
  const unclean = view ? view.nodes.filter((n) => n.unclean).map((n) => n.name) : [];
  const where = servicesNodes(samples);
  const holders = vipHolders(samples);
  const quorate = samples.find((s) => s.quorum)?.quorum?.quorate ?? view?.withQuorum;
  const failed = view?.failedActions.length ?? 0;
  const resources = view ? mailResources(view).resources : [];
  const stopped = resources.filter((r) => !r.active).map((r) => r.id);
  const failCounts = new Map<string, { resource: string; node: string; count: number }>();
  for (const f of view?.failedActions ?? []) {
    const k = `${f.resource}\0${f.node}`;
    const e = failCounts.get(k) ?? { resource: f.resource, node: f.node, count: 0 };
    e.count++;
    failCounts.set(k, e);
  }
  // One line per DRBD resource and node, with the (first) peer's side.
  const drbd = samples.flatMap((s) =>
    (s.drbd?.resources ?? []).map((d) => {
      const p = d.peers[0];
      return { resource: d.name, node: s.node, role: d.role ?? 'Unknown', disk: d.disk ?? 'unknown', connection: p?.replication ?? p?.connection ?? 'StandAlone', ...(p?.disk ? { peerDisk: p.disk } : {}), ...(p?.syncPercent !== undefined ? { syncPercent: p.syncPercent } : {}) };
    }),
  );

  if (view) {
    if (holders.length > 1) add(2, `VIP on ${holders.join(' and ')} at once`);
    if (where.length === 0) add(2, `mail services not running${stopped.length ? ` (${stopped.join(', ')} stopped)` : ''}`);
    else if (where.length > 1) add(2, `mail services on ${where.join(' and ')} at once`);
    if (quorate === false) add(2, 'no quorum');
    if (unclean.length) add(2, `unclean: ${unclean.join(', ')}`);
    for (const d of drbd) {
      if (/StandAlone/.test(d.connection) && d.role === 'Primary') add(2, `drbd ${d.resource} on ${d.node} StandAlone as Primary (split brain?)`);
      else if (!/^(Connected|Established|SyncSource|SyncTarget)$/.test(d.connection)) add(1, `drbd ${d.resource} on ${d.node} ${d.connection}`);
      else if (d.disk !== 'UpToDate' || (d.peerDisk && d.peerDisk !== 'UpToDate')) add(1, `drbd ${d.resource} on ${d.node} ${d.disk}/${d.peerDisk ?? '?'}${d.syncPercent !== undefined ? ` ${d.syncPercent}%` : ''}`);
    }
    const offline = expectedNodes.filter((n) => !online.includes(n));
    if (offline.length) add(1, `offline: ${offline.join(', ')}`);
    if (standby.length) add(1, `standby: ${standby.join(', ')}`);
    if (failed) add(1, `${failed} failed action(s)`);
    if (view.stonithEnabled === false) add(1, 'fencing disabled (stonith-enabled=false)');
  }
  // UNKNOWN only when nothing could be judged at all (then it is the only problem); else the worst wins.
  const status: CheckStatus = problems.some((p) => p.status === 3) ? 3 : (Math.max(0, ...problems.map((p) => p.status)) as CheckStatus);
  const summary = view
    ? [`services on ${where.join(', ') || 'no node'}`, `${online.length}/${expectedNodes.length} nodes online`, quorate === undefined ? 'quorum unknown' : quorate ? 'quorate' : 'not quorate', ...(drbd.length ? [`drbd ${drbd.map((d) => `${d.disk}/${d.peerDisk ?? '?'}`).join(' ')}`] : [])].join(', ')
    : '';
  const worst = problems.filter((p) => p.status === status).map((p) => p.text);
  const text = `MAILCLUSTER ${statusNames[status]} - ${[...worst, ...(summary ? [summary] : [])].join('; ')}`;
  const n = expectedNodes.length;
  const perf = [
    `'nodes_online'=${online.length};${n}:;1:;0;${n}`,
    `'services_nodes'=${where.length};1:1;1:1;0;${n}`,
    `'vip_holders'=${holders.length};1:1;1:1;0;${n}`,
    `'quorate'=${quorate ? 1 : 0};;1:;0;1`,
    `'failed_actions'=${failed};0;;0;`,
    ...drbd.filter((d) => d.syncPercent !== undefined).map((d) => `'drbd_${d.resource}_${d.node}_sync'=${d.syncPercent}%;100:;;0;100`),
  ].join(' ');

  const m: string[] = [];
  const gauge = (name: string, help: string, rows: { labels?: Record<string, string>; value: number }[]) => {
    m.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const r of rows) {
      const l = r.labels && Object.keys(r.labels).length ? `{${Object.entries(r.labels).map(([k, v]) => `${k}="${esc(v)}"`).join(',')}}` : '';
      m.push(`${name}${l} ${r.value}`);
    }
  };
  const cl = { cluster: clusterName };
  gauge('mhs_cluster_check_status', 'Nagios-style status of the mail cluster: 0 ok, 1 warning, 2 critical, 3 unknown', [{ labels: cl, value: status }]);
  gauge('mhs_cluster_node_reachable', 'The node answers over SSH', samples.map((s) => ({ labels: { ...cl, node: s.node }, value: s.reachable ? 1 : 0 })));
  gauge('mhs_cluster_node_online', 'The node is online in Pacemaker', expectedNodes.map((x) => ({ labels: { ...cl, node: x }, value: online.includes(x) ? 1 : 0 })));
  gauge('mhs_cluster_node_standby', 'The node is in standby', expectedNodes.map((x) => ({ labels: { ...cl, node: x }, value: standby.includes(x) ? 1 : 0 })));
  gauge('mhs_cluster_quorate', 'The cluster has quorum', [{ labels: cl, value: quorate ? 1 : 0 }]);
  gauge('mhs_cluster_services_running', 'The mail services run on this node', expectedNodes.map((x) => ({ labels: { ...cl, node: x }, value: where.includes(x) ? 1 : 0 })));
  gauge('mhs_cluster_vip_up', 'The service address (VIP) is up on this node', samples.filter((s) => s.vip !== undefined).map((s) => ({ labels: { ...cl, node: s.node }, value: s.vip ? 1 : 0 })));
  gauge('mhs_cluster_failed_actions', 'Failed resource actions Pacemaker remembers', [{ labels: cl, value: failed }]);
  gauge('mhs_cluster_failed_action_count', 'Failed actions per resource and node', [...failCounts.values()].map((f) => ({ labels: { ...cl, resource: f.resource, node: f.node }, value: f.count })));
  if (drbd.length) {
    gauge('mhs_drbd_connected', 'DRBD replication connected', drbd.map((d) => ({ labels: { ...cl, resource: d.resource, node: d.node }, value: /^(Connected|Established|SyncSource|SyncTarget)$/.test(d.connection) ? 1 : 0 })));
    gauge('mhs_drbd_uptodate', 'Local and peer disk UpToDate', drbd.map((d) => ({ labels: { ...cl, resource: d.resource, node: d.node }, value: d.disk === 'UpToDate' && d.peerDisk === 'UpToDate' ? 1 : 0 })));
    gauge('mhs_drbd_primary', 'This node is DRBD Primary', drbd.map((d) => ({ labels: { ...cl, resource: d.resource, node: d.node }, value: d.role === 'Primary' ? 1 : 0 })));
  }
  return { status, text, perfdata: perf, prometheus: m.join('\n') + '\n', problems };
}
