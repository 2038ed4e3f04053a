/**
 * One look at one node during a case, from one SSH command run about once a second: does it hold the VIP,
 * what does its corosync say about quorum, what does Pacemaker (crm_mon XML) say about nodes and resources,
 * DRBD's state, DRBD's fence constraint, and its boot id. Lighter than the status view's collecting command
 * (no systemd unit states, no fence history): it runs every second. The cluster tools' output is parsed by
 * shared/cluster's parsers. Pure and fuzz-safe: a missing or garbled section gives `undefined`.
 */
import { parseCrmMonXml, parseDrbdStatus, parseQuorumTool, splitMarkedSections, type DrbdStatus, type PacemakerStatus, type QuorumStatus } from '../cluster';
import { shQuote } from '../shell/quote';

export interface NodeSample {
  node: string;
  at: number;
  reachable: boolean;
  vip?: boolean;
  quorum?: QuorumStatus;
  /** Pacemaker's view from this node (shared/cluster's parser of crm_mon XML). */
  crm?: PacemakerStatus;
  drbd?: DrbdStatus;
  /** ids of drbd-fence-by-handler-* constraints present in the CIB */
  fenceConstraints?: string[];
  bootId?: string;
}

const MARK = '@@mhs-sample ';

/** The one command a sample runs on a node (read-only). */
export function sampleCommand(vip: string): string {
  const ip = vip.replace(/\/\d+$/, '');
  if (!/^(\d{1,3})(\.\d{1,3}){3}$/.test(ip)) throw new Error(`bad VIP ${vip}`);
  const pattern = shQuote(` ${ip}/`);
  return [
    `echo '${MARK}vip'; ip -o -4 addr show | grep -qF ${pattern} && echo yes || echo no`,
    `echo '${MARK}quorum'; timeout 4 corosync-quorumtool -s 2>&1; echo "rc=$?"`,
    `echo '${MARK}crm'; timeout 6 crm_mon --output-as=xml --inactive 2>/dev/null`,
    `echo '${MARK}drbd'; if [ -r /proc/drbd ] && grep -q '^version: 8' /proc/drbd; then cat /proc/drbd; elif command -v drbdadm >/dev/null; then timeout 4 drbdadm status 2>/dev/null; fi`,
    `echo '${MARK}constraints'; timeout 4 cibadmin --query --scope constraints 2>/dev/null | grep -o 'id="drbd-fence-by-handler[^"]*"' | sort -u`,
    `echo '${MARK}boot'; cat /proc/sys/kernel/random/boot_id`,
  ].join('; ');
}

export function parseNodeSample(raw: string, node: string, at: number): NodeSample {
  const s = splitMarkedSections(typeof raw === 'string' ? raw : '', MARK);
  if (!s.size) return { node, at, reachable: true };
  const vip = s.get('vip')?.trim();
  const q = s.get('quorum');
  const quorum = q && /^Quorate:/m.test(q) ? parseQuorumTool(q) : undefined;
  const x = s.get('crm');
  const crm = x && /<pacemaker-result\b/.test(x) ? parseCrmMonXml(x) : undefined;
  const d = s.get('drbd');
  const drbd = d && d.trim() ? parseDrbdStatus(d) : undefined;
  const constraints = s.get('constraints');
  const boot = s.get('boot')?.trim();
  return {
    node,
    at,
    reachable: true,
    ...(vip === 'yes' || vip === 'no' ? { vip: vip === 'yes' } : {}),
    ...(quorum ? { quorum } : {}),
    ...(crm ? { crm } : {}),
    ...(drbd && drbd.resources.length ? { drbd } : {}),
    ...(constraints !== undefined ? { fenceConstraints: [...constraints.matchAll(/id="([^"]+)"/g)].map((m) => m[1]!) } : {}),
    ...(boot && /^[0-9a-f-]{36}$/.test(boot) ? { bootId: boot } : {}),
  };
}
