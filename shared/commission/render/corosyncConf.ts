/**
 * corosync.conf from a model (never pasted strings): knet with crypto on, one or two links, token and
 * consensus from the planned timing, and the quorum as decided: two_node (which implies wait_for_all), a
 * quorum device on the witness (never together with two_node), or three full nodes. It replaces the file
 * Debian's package installs (a single-node "debian" cluster that would block a real one, pcs#153,
 * Debian bug 847295).
 */

export interface CorosyncModel {
  clusterName: string;
  tokenMs: number;
  consensusMs?: number;
  /** How many knet links (1..8); every node has one address per link. */
  linkCount: number;
  nodes: { name: string; nodeid: number; addrs: string[] }[];
  quorum: { kind: 'twoNode' } | { kind: 'qdevice'; host: string; algorithm: 'ffsplit' | 'lms' } | { kind: 'thirdNode' };
}

export function renderCorosyncConf(m: CorosyncModel): string {
  const out: string[] = ['# Written by Mail HA Studio. Changes here are overwritten by the next commissioning run.', 'totem {'];
  out.push('\tversion: 2', `\tcluster_name: ${m.clusterName}`, '\ttransport: knet', '\tcrypto_cipher: aes256', '\tcrypto_hash: sha256', `\ttoken: ${m.tokenMs}`);
  if (m.consensusMs) out.push(`\tconsensus: ${m.consensusMs}`);
  for (let i = 0; i < m.linkCount; i++) {
    // Link 0 is preferred; knet fails over to the next link by priority (passive mode).
    out.push('\tinterface {', `\t\tlinknumber: ${i}`, `\t\tknet_link_priority: ${m.linkCount - i}`, '\t}');
  }
  if (m.linkCount > 1) out.push('\tlink_mode: passive');
  out.push('}', '', 'nodelist {');
  for (const n of m.nodes) {
    out.push('\tnode {', `\t\tname: ${n.name}`, `\t\tnodeid: ${n.nodeid}`);
    n.addrs.slice(0, m.linkCount).forEach((a, i) => out.push(`\t\tring${i}_addr: ${a}`));
    out.push('\t}');
  }
  out.push('}', '', 'quorum {', '\tprovider: corosync_votequorum');
  if (m.quorum.kind === 'twoNode') out.push('\ttwo_node: 1');
  if (m.quorum.kind === 'qdevice') {
    out.push('\tdevice {', '\t\tmodel: net', '\t\tvotes: 1', '\t\tnet {', '\t\t\ttls: on', `\t\t\thost: ${m.quorum.host}`, `\t\t\talgorithm: ${m.quorum.algorithm}`, '\t\t}', '\t}');
  }
  out.push('}', '', 'logging {', '\tto_logfile: yes', '\tlogfile: /var/log/corosync/corosync.log', '\tto_syslog: yes', '\ttimestamp: on', '}', '');
  return out.join('\n');
}
