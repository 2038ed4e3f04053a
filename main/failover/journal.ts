/**
 * The nodes' journals for one case, on the host's time line. Two bounded reads per node instead of the whole
 * journal: everything the cluster stack and DRBD write (any priority), and warnings or worse from every
 * other program (Postfix, Dovecot, MariaDB ...). The probes' own logins and connects are info-level noise
 * and stay on the node.
 */
import type { LogLine } from '../../shared/failover/logLine';
import { parseLog } from '../../shared/failover/logLine';
import { shCommand } from '../../shared/shell/quote';
import type { NodeRole } from '../../shared/commission/types';
import type { NodeLinks } from './nodeLinks';

const CLUSTER_IDS = [
  'corosync', 'pacemakerd', 'pacemaker-based', 'pacemaker-fenced', 'pacemaker-execd', 'pacemaker-attrd', 'pacemaker-schedulerd', 'pacemaker-controld',
  'sbd', 'crm-fence-peer.sh', 'crm-fence-peer.9.sh', 'crm-unfence-peer.sh', 'crm-unfence-peer.9.sh', 'drbd', 'mariadbd', 'corosync-qdevice',
  // Postfix's master (start/stop) and its delivery agents: one line per delivery, where deferrals show
  // (info level); smtpd's per-connection lines (the probes') stay out.
  'postfix/master', 'postfix/postfix-script', 'postfix/lmtp', 'postfix/local', 'postfix/virtual', 'postfix/pipe', 'postfix/smtp',
];

const FIELDS = '--output-fields=MESSAGE,SYSLOG_IDENTIFIER,PRIORITY,_HOSTNAME,_TRANSPORT';

export function journalCommands(sinceMs: number, untilMs: number): string[] {
  const since = `--since=@${Math.floor(sinceMs / 1000)}`;
  const until = `--until=@${Math.ceil(untilMs / 1000)}`;
  const base = ['journalctl', '--no-pager', '-o', 'json', FIELDS, since, until];
  const cluster = shCommand([...base, ...CLUSTER_IDS.map((id) => `SYSLOG_IDENTIFIER=${id}`), '+', '_TRANSPORT=kernel']);
  const warnings = shCommand([...base, '-p', 'warning']);
  return [cluster, warnings];
}

export async function readJournals(links: NodeLinks, sinceMs: number, untilMs: number, offsets: Map<NodeRole, number>): Promise<{ lines: LogLine[]; failed: string[] }> {
  const lines: LogLine[] = [];
  const failed: string[] = [];
  const seen = new Set<string>();
  for (const l of links.all()) {
    for (const cmd of journalCommands(sinceMs, untilMs)) {
      try {
        const r = await links.exec(l.role, cmd, { timeoutMs: 60_000, idempotent: true });
        const offset = offsets.get(l.role) ?? 0;
        for (const x of parseLog(r.stdout, { node: l.name })) {
          const key = `${x.t}\0${x.node}\0${x.message}`;
          if (seen.has(key)) continue;
          seen.add(key);
          // Node clock -> host clock.
          lines.push({ ...x, t: x.t - offset, node: x.node || l.name });
        }
      } catch {
        failed.push(l.name);
      }
    }
  }
  return { lines: lines.sort((a, b) => a.t - b.t), failed: [...new Set(failed)] };
}

/** Node clock minus host clock, from one `date` round trip over the open session (ms). */
export async function clockOffset(links: NodeLinks, role: NodeRole): Promise<number | undefined> {
  try {
    const t0 = Date.now();
    const r = await links.exec(role, 'date +%s%N', { timeoutMs: 10_000, idempotent: true, sudo: false });
    const t1 = Date.now();
    const ns = r.stdout.trim();
    if (!/^\d{16,20}$/.test(ns)) return undefined;
    const node = Number(ns.slice(0, -6));
    return node - (t0 + t1) / 2;
  } catch {
    return undefined;
  }
}
