/**
 * Cluster events for the time line, read from the nodes' journals after a case: membership and quorum
 * changes, fencing, resource operations and their results, DRBD state changes, mail services starting and
 * stopping. The runner adds its own marks (fault injected, recovery seen) in the same shape.
 */
import type { LogLine } from './logLine';

export type EventKind = 'fault' | 'runner' | 'membership' | 'quorum' | 'fence' | 'resource' | 'drbd' | 'service';

export interface ClusterEvent {
  t: number;
  node: string;
  kind: EventKind;
  /** Short, language-neutral summary shown in the chart tooltip (e.g. "start vip on node2: ok"). */
  text: string;
  /** The log line it came from. */
  line?: string;
  /** An event that means trouble (a failed operation, a lost node). */
  bad?: boolean;
}

interface EventRule {
  kind: EventKind;
  source: RegExp;
  message: RegExp;
  text(m: RegExpExecArray): string;
  bad?(m: RegExpExecArray): boolean;
}

const PCMK = /^pacemaker|^crmd$|^stonith/;

const eventRules: EventRule[] = [
  { kind: 'membership', source: /^corosync$/, message: /A new membership \(([^)]+)\) was formed\.(?: Members (joined|left): ([\d ]+))?/, text: (m) => (m[2] ? `membership ${m[1]}: ${m[2]} ${m[3]!.trim()}` : `membership ${m[1]}`), bad: (m) => m[2] === 'left' },
  { kind: 'membership', source: /^corosync$/, message: /A processor failed, forming new configuration/, text: () => 'token lost: forming new configuration', bad: () => true },
  { kind: 'membership', source: /^corosync$/, message: /link: host: (\d+) link: (\d+) is (down|up)/, text: (m) => `knet host ${m[1]} link ${m[2]} ${m[3]}`, bad: (m) => m[3] === 'down' },
  { kind: 'quorum', source: /^corosync$/, message: /This node is within the (primary|non-primary) component/, text: (m) => (m[1] === 'primary' ? 'quorate' : 'not quorate'), bad: (m) => m[1] !== 'primary' },
  { kind: 'quorum', source: /^corosync$/, message: /\[QUORUM\] Members\[(\d+)\]:([\d ]*)/, text: (m) => `quorum members[${m[1]}]:${m[2]}` },
  { kind: 'quorum', source: PCMK, message: /Quorum (lost|acquired)/, text: (m) => `quorum ${m[1]}`, bad: (m) => m[1] === 'lost' },
  { kind: 'fence', source: PCMK, message: /Operation '?(\w+)'? .*targeting (\S+?)(?: by (\S+?))?(?: for \S+)?: (.*)$/, text: (m) => `fence ${m[1]} ${m[2]}${m[3] ? ` by ${m[3]}` : ''}: ${m[4]}`, bad: (m) => !/^OK/.test(m[4]!) },
  { kind: 'fence', source: PCMK, message: /Peer (\S+) was terminated \((\w+)\) by (\S+) .*: (\w+)/, text: (m) => `${m[1]} terminated (${m[2]}) by ${m[3]}: ${m[4]}` },
  { kind: 'fence', source: /^sbd$/, message: /(Received command|message) (reset|off)/i, text: (m) => `sbd ${m[2]}` },
  { kind: 'resource', source: PCMK, message: /Result of (start|stop|promote|demote|monitor) operation for (\S+) on (\S+): (.+?)(?: \|.*)?$/, text: (m) => `${m[1]} ${m[2]} on ${m[3]}: ${m[4]}`, bad: (m) => !/^(ok|OK|Cancelled)/.test(m[4]!) },
  { kind: 'resource', source: PCMK, message: /Received result operation (\S+?)_(start|stop|promote|demote|monitor)_\d+ on (\S+): (.+?)(?: \(rc=\d+\))?$/, text: (m) => `${m[2]} ${m[1]} on ${m[3]}: ${m[4]}`, bad: (m) => !/^(ok|OK|Cancelled)/.test(m[4]!) },
  { kind: 'resource', source: PCMK, message: /Initiating (start|stop|promote|demote) operation (\S+?)_(start|stop|promote|demote)_0 (?:locally )?on (\S+)/, text: (m) => `${m[1]} ${m[2]} on ${m[4]} …` },
  { kind: 'drbd', source: /^kernel$/, message: /drbd (\S+?):? .*?\b(role|conn|pdsk|disk|peer|repl)\( (\S+) -> (\S+) \)/, text: (m) => `drbd ${m[1]} ${m[2]} ${m[3]} → ${m[4]}`, bad: (m) => /NetworkFailure|BrokenPipe|Timeout|Unknown|Outdated|Inconsistent|DUnknown|Diskless/.test(m[4]!) },
  { kind: 'service', source: /^postfix\/master$/, message: /daemon started|terminating on signal/, text: (m) => `postfix ${/started/.test(m[0]) ? 'started' : 'stopped'}` },
  { kind: 'service', source: /^dovecot$/, message: /master: Dovecot v\S+ .*starting up|master: Warning: Killed with signal|Dovecot v.* starting up/, text: (m) => `dovecot ${/starting/.test(m[0]) ? 'started' : 'stopped'}` },
  { kind: 'service', source: /^mariadbd?$|^mysqld$/, message: /ready for connections|Shutdown complete/, text: (m) => `mariadb ${/ready/.test(m[0]) ? 'ready' : 'stopped'}` },
];

export function clusterEvents(lines: readonly LogLine[]): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  for (const l of lines) {
    for (const r of eventRules) {
      if (!r.source.test(l.source)) continue;
      const m = r.message.exec(l.message);
      if (!m) continue;
      out.push({ t: l.t, node: l.node, kind: r.kind, text: r.text(m), line: l.message, ...(r.bad?.(m) ? { bad: true } : {}) });
      break;
    }
  }
  return out.sort((a, b) => a.t - b.t);
}
