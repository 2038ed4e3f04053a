/**
 * What the runner asks of the cluster, answered from node samples: where the mail services run, whether the
 * cluster is back in its start state, and (once per run) what kind of cluster it is (the profile).
 */
import { AppError } from '../errors';
import { splitMarkedSections, vipResource, type DrbdResource, type PacemakerStatus, type PcmkResource } from '../cluster';

type DrbdPeer = DrbdResource['peers'][number];
import type { NodeSample } from './clusterSample';
import { ClusterProfileSchema, type ClusterProfile } from './profile';
import type { PlanNode } from './faultPlan';

const PROMOTED = /^(Promoted|Master)$/;

/**
 * The resources that make up the mail service: the group they are all colocated with (the one holding the VIP,
 * else the only group: the plan's g_mail holds the volume, the binds, the VIP and the services run beside it)
 * and the primitives outside any group, else every primitive. Never clones or fence devices.
 */
export function mailResources(crm: PacemakerStatus): { group?: string; resources: PcmkResource[] } {
  const vip = vipResource(crm);
  const groups = [...new Set(crm.resources.filter((r) => r.group && !r.clone).map((r) => r.group!))];
  const group = vip?.group ?? (groups.length === 1 ? groups[0] : undefined);
  if (group) return { group, resources: crm.resources.filter((r) => !r.clone && (r.group === group || (!r.group && !r.agent.startsWith('stonith:')))) };
  // No group: the primitives colocated by constraints (everything but clones and fence devices).
  const plain = crm.resources.filter((r) => !r.agent.startsWith('stonith:') && !r.clone);
  return { ...(vip ? { group: vip.id } : {}), resources: plain };
}

/** The view of the node that knows best: the DC's own sample, else any reachable node's. */
export function bestView(samples: readonly NodeSample[]): PacemakerStatus | undefined {
  const withCrm = samples.filter((s) => s.reachable && s.crm);
  const dc = withCrm.find((s) => s.crm!.dc === s.node);
  return (dc ?? withCrm[0])?.crm;
}

/** Nodes on which the mail services really run now: the node holds the VIP and its Pacemaker runs the group there. */
export function servicesNodes(samples: readonly NodeSample[]): string[] {
  const out: string[] = [];
  for (const s of samples) {
    if (!s.reachable || !s.vip) continue;
    const crm = s.crm;
    if (!crm) {
      // Pacemaker is gone on that node but the address is still up: the services may well still run there.
      out.push(s.node);
      continue;
    }
    const { resources } = mailResources(crm);
    if (resources.length && resources.every((r) => r.active && r.nodes.includes(s.node))) out.push(s.node);
    else if (resources.some((r) => r.nodes.includes(s.node))) out.push(s.node);
  }
  return out;
}

/** The VIP is up on more than one node in the same round of samples. */
export function vipHolders(samples: readonly NodeSample[]): string[] {
  return samples.filter((s) => s.reachable && s.vip).map((s) => s.node);
}

export function nodeState(samples: readonly NodeSample[], node: string): { online: boolean; standby: boolean } | undefined {
  const v = bestView(samples);
  const n = v?.nodes.find((x) => x.name === node);
  return n ? { online: n.online && !n.unclean && !n.pending, standby: n.standby } : undefined;
}

export interface SettledState {
  settled: boolean;
  /** What is still missing, for the live output ("secondary offline", "drbd SyncTarget 42%"). */
  waiting: string[];
}

/** All nodes online and out of standby, every quorum vote there, the mail resources started on one node, DRBD connected and UpToDate. */
export function settledState(samples: readonly NodeSample[], expectedNodes: readonly string[]): SettledState {
  const waiting: string[] = [];
  for (const n of expectedNodes) {
    const s = samples.find((x) => x.node === n);
    if (!s?.reachable) waiting.push(`${n} unreachable`);
  }
  const v = bestView(samples);
  if (!v) return { settled: false, waiting: [...waiting, 'no cluster view'] };
  for (const n of expectedNodes) {
    const cn = v.nodes.find((x) => x.name === n);
    if (!cn || !cn.online || cn.unclean || cn.pending) waiting.push(`${n} offline`);
    else if (cn.standby) waiting.push(`${n} standby`);
  }
  const { resources } = mailResources(v);
  for (const r of resources) if (!r.active || r.nodes.length !== 1) waiting.push(`${r.id} ${r.active ? `on ${r.nodes.length} nodes` : 'stopped'}`);
  const drbdClones = v.resources.filter((r) => /linbit:drbd$/.test(r.agent));
  if (drbdClones.length && !drbdClones.some((r) => PROMOTED.test(r.role))) waiting.push('drbd not promoted');
  for (const s of samples) {
    for (const d of s.drbd?.resources ?? []) {
      for (const p of d.peers.length ? d.peers : [{ connection: 'StandAlone' } as DrbdPeer]) {
        const state = p.replication ?? p.connection ?? 'unknown';
        if (!/^(Connected|Established)$/.test(state)) waiting.push(`${s.node} drbd ${d.name} ${state}${p.syncPercent !== undefined ? ` ${p.syncPercent}%` : ''}`);
        else if (d.disk !== 'UpToDate' || p.disk !== 'UpToDate') waiting.push(`${s.node} drbd ${d.name} ${d.disk ?? '?'}/${p.disk ?? '?'}`);
      }
    }
  }
  if (v.withQuorum === false) waiting.push('no quorum');
  // A vote missing while every node is online: the quorum device is gone (corosync-qdevice stops with corosync
  // and does not start with it), and the next node loss would take the cluster's quorum with it.
  for (const s of samples) {
    const q = s.reachable ? s.quorum : undefined;
    if (q?.totalVotes !== undefined && q.expectedVotes !== undefined && q.totalVotes < q.expectedVotes) waiting.push(`${s.node} votes ${q.totalVotes}/${q.expectedVotes}`);
  }
  return { settled: waiting.length === 0, waiting };
}

export interface ProfileFacts {
  node: string;
  virt?: string;
  tokenMs?: number;
  consensusMs?: number;
  /** corosync nodelist: name -> ring addresses */
  nodelist: PlanNode[];
  drbdFencing: boolean;
  drbdAddresses: Record<string, string>;
  drbdPort?: number;
}

const MARK = '@@mhs-profile ';

/** Read-only command run once per node at the start of a run. */
export const profileCommand = [
  `echo '${MARK}virt'; systemd-detect-virt 2>/dev/null || true`,
  `echo '${MARK}uname'; uname -n`,
  `echo '${MARK}cmap'; corosync-cmapctl 2>/dev/null | grep -E '^(runtime\\.config\\.totem\\.(token|consensus) |nodelist\\.node\\.[0-9]+\\.(ring[0-9]_addr|name) )'`,
  `echo '${MARK}drbd'; drbdadm dump 2>/dev/null | grep -E 'fence-peer|fencing|address|^ *on '`,
].join('; ');

export function parseProfileFacts(raw: string, fallbackNode: string): ProfileFacts {
  const sec = splitMarkedSections(typeof raw === 'string' ? raw : '', MARK);
  const cmap = sec.get('cmap') ?? '';
  const num = (key: string) => {
    const m = new RegExp(`^runtime\\.config\\.totem\\.${key} \\([a-z0-9]+\\) = (\\d+)`, 'm').exec(cmap);
    return m ? Number(m[1]) : undefined;
  };
  const byIndex = new Map<string, { name?: string; addrs: string[] }>();
  for (const m of cmap.matchAll(/^nodelist\.node\.(\d+)\.(ring\d+_addr|name) \(str\) = (\S+)/gm)) {
    const e = byIndex.get(m[1]!) ?? { addrs: [] };
    if (m[2] === 'name') e.name = m[3]!;
    else e.addrs.push(m[3]!);
    byIndex.set(m[1]!, e);
  }
  const drbd = sec.get('drbd') ?? '';
  const drbdAddresses: Record<string, string> = {};
  let port: number | undefined;
  let host: string | undefined;
  for (const l of drbd.split('\n')) {
    const on = /^\s*on\s+(\S+)\s*\{/.exec(l);
    if (on) host = on[1];
    const a = /address\s+(?:ipv4\s+)?(\d+\.\d+\.\d+\.\d+):(\d+)/.exec(l);
    if (a) {
      port = Number(a[2]);
      if (host) drbdAddresses[host] = a[1]!;
    }
  }
  const tokenMs = num('token');
  const consensusMs = num('consensus');
  const virt = sec.get('virt')?.trim();
  return {
    node: sec.get('uname')?.trim() || fallbackNode,
    ...(virt ? { virt } : {}),
    ...(tokenMs !== undefined ? { tokenMs } : {}),
    ...(consensusMs !== undefined ? { consensusMs } : {}),
    nodelist: [...byIndex.values()].filter((e) => e.name).map((e) => ({ name: e.name!, addresses: e.addrs })),
    drbdFencing: /fence-peer\s+"?[^;]*crm-fence-peer/.test(drbd),
    drbdAddresses,
    ...(port !== undefined ? { drbdPort: port } : {}),
  };
}

/**
 * How long one round of cluster samples may take per node. systemd-detect-virt says `qemu` only for pure
 * emulation (TCG; with KVM it says `kvm`): there crm_mon, corosync-quorumtool and drbdsetup take many seconds
 * (vm lab: 7 s on an idle guest, more than 20 s while the probes load it, so a 4 s or 20 s bound saw a busy but
 * healthy node as unreachable and the case never found its start state). A round waits for its slowest node,
 * so elsewhere the bound stays short.
 */
export function sampleTimeoutMs(facts: readonly ProfileFacts[]): number {
  return facts.some((f) => f.virt === 'qemu') ? 60_000 : 4000;
}

const CONTAINERS = new Set(['systemd-nspawn', 'lxc', 'lxc-libvirt', 'docker', 'podman', 'openvz', 'rkt', 'wsl', 'proot', 'pouch', 'container-other']);

export function profileFrom(facts: readonly ProfileFacts[], samples: readonly NodeSample[], hook: ClusterProfile['hook'], interactive: boolean): ClusterProfile {
  const virts = facts.map((f) => f.virt ?? '');
  const platform = virts.some((v) => CONTAINERS.has(v)) ? 'container' : virts.length && virts.every((v) => v === 'none') ? 'physical' : virts.some((v) => v && v !== 'none') ? 'vm' : 'unknown';
  const v = bestView(samples);
  const q = samples.find((s) => s.quorum)?.quorum;
  const nodes = v?.nodes.length || Math.max(0, ...facts.map((f) => f.nodelist.length));
  // Nodes without a cluster (not commissioned yet, or corosync.conf and the CIB gone): nothing to test.
  if (nodes < 1) throw new AppError('failover:errors.noCluster', { nodes: facts.map((f) => f.node).join(', ') || '–' });
  const agents = v?.resources.map((r) => r.agent) ?? [];
  const replication = agents.some((a) => /linbit:drbd$/.test(a)) ? 'drbd' : agents.some((a) => /Filesystem$/.test(a)) ? 'shared' : 'none';
  const f0 = facts.find((f) => f.tokenMs !== undefined) ?? facts[0];
  const links = Math.max(0, ...facts.flatMap((f) => f.nodelist.map((n) => n.addresses.length)));
  return ClusterProfileSchema.parse({
    platform,
    replication,
    stonith: v?.stonithEnabled === true && (v?.stonithDevices.length ?? 0) > 0,
    quorum: q?.flags.includes('Qdevice') ? 'qdevice' : nodes >= 3 ? 'thirdNode' : 'twoNode',
    waitForAll: q?.flags.includes('WaitForAll') ?? false,
    nodes,
    corosyncLinks: links,
    ...(f0?.tokenMs !== undefined ? { tokenMs: f0.tokenMs } : {}),
    ...(f0?.consensusMs !== undefined ? { consensusMs: f0.consensusMs } : {}),
    drbdFencing: facts.some((f) => f.drbdFencing),
    hook,
    interactive,
  });
}

/** Nodes with every address a cut must block: corosync rings plus the DRBD address. */
export function planNodes(facts: readonly ProfileFacts[]): PlanNode[] {
  const f = facts.find((x) => x.nodelist.length) ?? facts[0];
  if (!f) return [];
  const drbd: Record<string, string> = Object.assign({}, ...facts.map((x) => x.drbdAddresses));
  return f.nodelist.map((n) => ({ name: n.name, addresses: [...new Set([...n.addresses, ...(drbd[n.name] ? [drbd[n.name]!] : [])])] }));
}
