/**
 * One read-only command that collects everything the status view needs from one node in ONE exec
 * (crm_mon XML, corosync-quorumtool -s, drbdadm status and /proc/drbd, systemd state of the cluster and mail
 * units), and the pure parser of its output. Used by the status view (main/cluster) and the failover tests.
 */
import { parseCrmMonXml } from './crmMon';
import { drbdHealthy, parseDrbdStatus } from './drbdStatus';
import { parseQuorumTool } from './quorumTool';
import type { ClusterStatus, NodeStatus, PacemakerStatus } from './statusSchema';

export const CLUSTER_UNITS = ['corosync', 'pacemaker', 'corosync-qdevice', 'corosync-qnetd', 'sbd', 'drbd', 'postfix', 'dovecot', 'mariadb'] as const;

const MARK = '@@mhs-cluster:';
const ABSENT = '@@absent';

/** Runs as root; every tool is optional (a witness has no Pacemaker, a shared-storage cluster no DRBD). */
export const CLUSTER_STATUS_COMMAND = [
  'export LC_ALL=C',
  `s() { printf '\\n${MARK}%s\\n' "$1"; }`,
  'have() { command -v "$1" >/dev/null 2>&1; }',
  's hostname; uname -n',
  `s crm_mon; if have crm_mon; then timeout 20 crm_mon --output-as=xml --inactive --fence-history=1 2>/dev/null || timeout 20 crm_mon --output-as=xml --inactive 2>&1; else echo ${ABSENT}; fi`,
  `s quorum; if have corosync-quorumtool; then timeout 10 corosync-quorumtool -s 2>&1; else echo ${ABSENT}; fi`,
  `s drbdadm; if have drbdadm; then timeout 10 drbdadm status 2>&1; else echo ${ABSENT}; fi`,
  `s procdrbd; if [ -r /proc/drbd ]; then cat /proc/drbd; else echo ${ABSENT}; fi`,
  `s drbdnames; if have drbdadm; then for r in $(drbdadm sh-resources 2>/dev/null); do printf '%s %s\\n' "$r" "$(drbdadm sh-minor "$r" 2>/dev/null | head -n1)"; done; fi`,
  // A unit that does not exist prints nothing for is-enabled: say not-found, so the columns stay in place.
  `s units; for u in ${CLUSTER_UNITS.join(' ')}; do e=$(systemctl is-enabled "$u" 2>/dev/null) || true; a=$(systemctl is-active "$u" 2>/dev/null) || true; printf '%s %s %s\\n' "$u" "\${e:-not-found}" "\${a:-unknown}"; done`,
  's end',
].join('\n');

/**
 * Splits the output of a command that prints `<mark><name>` lines before each part into name -> text. Used
 * for every one-exec collection (this status, the failover sampler).
 */
export function splitMarkedSections(raw: string, mark: string): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | undefined;
  let buf: string[] = [];
  for (const line of raw.split('\n')) {
    if (line.startsWith(mark)) {
      if (name) out.set(name, buf.join('\n'));
      name = line.slice(mark.length).trim();
      buf = [];
    } else if (name) buf.push(line);
  }
  if (name) out.set(name, buf.join('\n'));
  return out;
}

const present = (s: string | undefined): s is string => s !== undefined && s.trim() !== '' && !s.includes(ABSENT);

/** The output of CLUSTER_STATUS_COMMAND -> one node's status (without role/reachable, the caller knows them). */
export function parseClusterStatusOutput(raw: string): Omit<NodeStatus, 'role' | 'reachable'> {
  const sec = splitMarkedSections(typeof raw === 'string' ? raw : '', MARK);
  const names: Record<number, string> = {};
  for (const l of (sec.get('drbdnames') ?? '').split('\n')) {
    const [r, minor] = l.trim().split(/\s+/);
    if (r && minor && /^\d+$/.test(minor)) names[Number(minor)] = r;
  }
  const units: NodeStatus['units'] = {};
  for (const l of (sec.get('units') ?? '').split('\n')) {
    const [u, enabled, active] = l.trim().split(/\s+/);
    if (u) units[u] = { enabled: enabled || 'not-found', active: active || 'unknown' };
  }
  const crm = sec.get('crm_mon');
  const quorum = sec.get('quorum');
  const proc = sec.get('procdrbd');
  const adm = sec.get('drbdadm');
  const drbdText = present(proc) ? proc : present(adm) ? adm : undefined;
  const hostname = sec.get('hostname')?.trim();
  return {
    ...(hostname ? { hostname } : {}),
    ...(present(crm) ? { pacemaker: parseCrmMonXml(crm) } : {}),
    ...(present(quorum) ? { quorum: parseQuorumTool(quorum) } : {}),
    ...(drbdText ? { drbd: parseDrbdStatus(drbdText, names) } : {}),
    units,
  };
}

/** The whole cluster from the nodes' statuses: Pacemaker's view from the first node that has one. */
export function summarizeCluster(nodes: NodeStatus[], collectedAt: string): ClusterStatus {
  const pcmk: PacemakerStatus | undefined = nodes.find((n) => n.pacemaker && n.pacemaker.nodes.length > 0)?.pacemaker ?? nodes.find((n) => n.pacemaker)?.pacemaker;
  const activeOn: Record<string, string[]> = {};
  // Clone instances share their id: one entry per resource, all the nodes its instances run on.
  for (const r of pcmk?.resources ?? []) if (r.nodes.length && !r.agent.startsWith('stonith:')) activeOn[r.id] = [...new Set([...(activeOn[r.id] ?? []), ...r.nodes])];
  const quorum = nodes.find((n) => n.quorum?.quorate !== undefined)?.quorum;
  const drbd = nodes.filter((n) => n.drbd && n.drbd.resources.length);
  return {
    collectedAt,
    nodes,
    ...(pcmk ? { pacemaker: pcmk } : {}),
    summary: {
      ...(pcmk?.withQuorum !== undefined ? { quorate: pcmk.withQuorum } : quorum?.quorate !== undefined ? { quorate: quorum.quorate } : {}),
      onlineNodes: pcmk?.nodes.filter((n) => n.online).map((n) => n.name) ?? [],
      offlineNodes: pcmk?.nodes.filter((n) => !n.online).map((n) => n.name) ?? [],
      activeOn,
      failedActions: pcmk?.failedActions.length ?? 0,
      ...(pcmk?.stonithEnabled !== undefined ? { stonithEnabled: pcmk.stonithEnabled } : {}),
      ...(drbd.length ? { drbdHealthy: drbd.every((n) => drbdHealthy(n.drbd!)) } : {}),
    },
  };
}
