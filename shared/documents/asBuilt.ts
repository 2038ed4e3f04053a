/**
 * The cluster as built, for the handbook: the status view (shared/cluster) plus what only the configuration
 * says (versions, corosync.conf, DRBD and CIB configuration, listening ports, fail2ban jails), read once with a
 * read-only command. Secrets the configuration may hold (DRBD shared-secret, fence agent passwords) are
 * removed before anything reaches a document.
 */
import type { ClusterStatus } from '../cluster/statusSchema';
import type { AsBuiltCluster } from './sources';

/** Packages whose versions the handbook lists. */
export const asBuiltPackages = ['pacemaker', 'corosync', 'corosync-qdevice', 'corosync-qnetd', 'crmsh', 'resource-agents', 'fence-agents', 'drbd-utils', 'sbd', 'postfix', 'dovecot-core', 'mariadb-server', 'fail2ban', 'nftables'];

const MARK = '=== mhs-asbuilt:';
const section = (name: string, cmd: string) => `echo '${MARK}${name}'; ${cmd}`;

/** One read-only sh script for a cluster node (constant text, no arguments from outside). */
export const AS_BUILT_COMMAND = [
  section('versions', `dpkg-query -W -f '\${Package} \${Version}\\n' ${asBuiltPackages.join(' ')} 2>/dev/null`),
  section('os', `. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"; uname -r`),
  section('corosync', 'cat /etc/corosync/corosync.conf 2>/dev/null'),
  section('drbd', 'drbdadm dump 2>/dev/null'),
  section('cib', 'crm configure show 2>/dev/null'),
  section('ports', 'ss -Hlntu 2>/dev/null'),
  section('jails', 'fail2ban-client status 2>/dev/null'),
  section('end', 'true'),
].join('; ');

export function splitAsBuiltOutput(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let name: string | null = null;
  let buf: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith(MARK)) {
      if (name) out[name] = buf.join('\n').replace(/\s+$/, '');
      name = line.slice(MARK.length).trim();
      buf = [];
    } else if (name) buf.push(line);
  }
  return out;
}

/** Removes passwords, keys and shared secrets from crm, CIB XML, DRBD and fence-agent text. */
export function redactConfig(text: string): string {
  return text
    .replace(/(shared-secret\s+)("[^"]*"|\S+?)(\s*;)/gi, '$1"[REDACTED]"$3')
    .replace(/(name="[^"]*(?:pass|secret|key)[^"]*"\s+value=)"[^"]*"/gi, '$1"[REDACTED]"')
    .replace(/\b([\w-]*(?:passw(?:or)?d|passwd|secret|api[_-]?key)[\w-]*)=("[^"]*"|'[^']*'|\S+)/gi, '$1=[REDACTED]');
}

function versions(text = ''): { name: string; version: string }[] {
  return text.split('\n').map((l) => l.trim().split(/\s+/)).filter((p) => p.length === 2 && p[1]).map(([name, version]) => ({ name: name!, version: version! }));
}

function ports(text = ''): { port: number; proto: string }[] {
  const seen = new Map<string, { port: number; proto: string }>();
  for (const l of text.split('\n')) {
    const f = l.trim().split(/\s+/);
    const local = f[4];
    const m = local ? /:(\d+)$/.exec(local) : null;
    if (!m || !f[0]) continue;
    const proto = f[0].startsWith('udp') ? 'udp' : 'tcp';
    seen.set(`${proto}/${m[1]}`, { port: Number(m[1]), proto });
  }
  return [...seen.values()].sort((a, b) => a.port - b.port || a.proto.localeCompare(b.proto));
}

function jails(text = ''): string[] | undefined {
  const m = /Jail list:\s*(.*)$/m.exec(text);
  return m ? m[1]!.split(/[,\s]+/).filter(Boolean) : undefined;
}

/** First lines of the constraints in crm's configure syntax (colocation, order, location). */
function constraints(cib = ''): string[] {
  return cib.split('\n').filter((l) => /^(colocation|order|location|rsc_ticket)\s/.test(l)).map((l) => l.replace(/\s*\\$/, '').trim());
}

/** Addresses of the nodes from corosync.conf's nodelist (ring0_addr or the first link's address). */
function nodeAddresses(conf = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const block of conf.split(/\bnode\s*\{/).slice(1)) {
    const name = /\bname:\s*(\S+)/.exec(block)?.[1];
    const addr = /\bring0_addr:\s*(\S+)/.exec(block)?.[1];
    if (name && addr) out.set(name, addr);
  }
  return out;
}

export function asBuiltFromStatus(status: ClusterStatus, details: Record<string, string>): AsBuiltCluster {
  const pm = status.pacemaker;
  const reachable = status.nodes.filter((n) => n.reachable);
  const drbdNode = reachable.find((n) => n.drbd?.resources.some((r) => r.role === 'Primary')) ?? reachable.find((n) => n.drbd);
  const corosync = details.corosync ? redactConfig(details.corosync) : undefined;
  const cib = details.cib ? redactConfig(details.cib) : undefined;
  const addrs = nodeAddresses(corosync);
  const vip = cib ? /primitive\s+\S+\s+(?:ocf:heartbeat:)?IPaddr2[\s\S]*?\bip=(\d+\.\d+\.\d+\.\d+)/.exec(cib)?.[1] : undefined;
  const osLines = (details.os ?? '').split('\n').filter(Boolean);
  const pkgs = versions(details.versions);
  const cluster: AsBuiltCluster = {
    readAt: status.collectedAt,
    nodes: (pm?.nodes ?? []).map((n) => ({ name: n.name, ...(addrs.get(n.name) ? { address: addrs.get(n.name)! } : {}), online: n.online, standby: n.standby })),
    resources: (pm?.resources ?? []).filter((r) => !r.agent.startsWith('stonith:')).map((r) => ({
      id: r.id, agent: r.agent, role: r.role, failed: r.failed,
      ...(r.nodes[0] ? { node: r.nodes[0] } : {}), ...(r.group ?? r.clone ? { group: (r.group ?? r.clone)! } : {}),
    })),
    constraints: constraints(cib),
    stonith: (pm?.resources ?? []).filter((r) => r.agent.startsWith('stonith:')).map((r) => ({ id: r.id, agent: r.agent })),
    versions: [...(osLines[0] ? [{ name: 'Debian', version: osLines[0] }] : []), ...(osLines[1] ? [{ name: 'Linux', version: osLines[1] }] : []), ...pkgs, ...(drbdNode?.drbd?.version ? [{ name: 'DRBD (kernel)', version: drbdNode.drbd.version }] : [])],
    ...(corosync ? { corosyncConf: corosync } : {}),
    ...(details.drbd ? { drbdConf: redactConfig(details.drbd) } : {}),
    ...(cib ? { cibText: cib } : {}),
    ...(vip ? { vip } : {}),
    openPorts: ports(details.ports),
  };
  const clusterName = corosync ? /\bcluster_name:\s*(\S+)/.exec(corosync)?.[1] : undefined;
  if (clusterName) cluster.clusterName = clusterName;
  const q = reachable.find((n) => n.quorum)?.quorum;
  if (q) cluster.quorum = { quorate: q.quorate ?? false, ...(q.expectedVotes !== undefined ? { expectedVotes: q.expectedVotes } : {}), ...(q.totalVotes !== undefined ? { totalVotes: q.totalVotes } : {}), qdevice: q.flags.includes('Qdevice') };
  if (drbdNode?.drbd) {
    cluster.drbd = drbdNode.drbd.resources.map((r) => ({
      resource: r.name, ...(r.role ? { role: r.role } : {}), ...(r.disk ? { diskState: r.disk } : {}),
      ...(r.peers[0]?.disk ? { peerDiskState: r.peers[0].disk } : {}), ...(r.peers[0]?.connection ? { connection: r.peers[0].connection } : {}),
      ...(drbdNode.drbd!.version ? { version: drbdNode.drbd!.version } : {}),
    }));
  }
  const j = jails(details.jails);
  if (j) cluster.fail2banJails = j;
  return cluster;
}
