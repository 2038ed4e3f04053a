/**
 * The log check after each case ("Überprüfung der Logfiles auf Hinweise zu Problemen"): Pacemaker, corosync,
 * DRBD, fencing, Postfix, Dovecot and MariaDB lines that point at a problem, each finding with the line it came
 * from. Rules are data: a source pattern, a message pattern, the kind and how bad it is. Repeated lines of the
 * same kind on the same node fold into one finding with a count.
 */
import type { FindingKind } from './cases';
import type { LogLine } from './logLine';

export type Severity = 'critical' | 'error' | 'warning' | 'info';

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  node: string;
  /** First matching line (epoch ms). */
  t: number;
  lastT: number;
  count: number;
  source: string;
  /** The first matching line's message, as logged. */
  line: string;
}

interface Rule {
  kind: FindingKind;
  severity: Severity;
  source: RegExp;
  message: RegExp;
  /** A line matching this is no problem even though `message` matches (e.g. "… : OK"). */
  unless?: RegExp;
}

const PCMK = /^pacemaker|^crmd$|^stonith|^attrd|^cib$|^lrmd|^pengine/;
const COROSYNC = /^corosync$/;
const KERNEL = /^kernel$/;

// Ordered: the first rule that matches a line decides its kind.
const rules: Rule[] = [
  // --- split brain and services on two nodes at once
  { kind: 'splitBrain', severity: 'critical', source: KERNEL, message: /Split-Brain detected|split-brain/i },
  { kind: 'splitBrain', severity: 'critical', source: /^drbd|^kernel$/, message: /helper command: \S+ split-brain\b/ },
  { kind: 'dualActive', severity: 'critical', source: PCMK, message: /is active on (\d+|multiple) nodes|multiple-active|Multiple active/i },
  // --- fencing
  { kind: 'fencingFailed', severity: 'critical', source: PCMK, message: /Operation '?\w+'? .*targeting \S+.*: (?!OK)/, unless: /: OK\b|returned: 0\b|\(OK\)/ },
  { kind: 'fencingFailed', severity: 'critical', source: PCMK, message: /fencing .*(failed|timed out)|Fencing of \S+ failed|could not fence|All fencing options .* failed/i },
  { kind: 'fencing', severity: 'warning', source: PCMK, message: /Operation '?(reboot|off|on)'? .*targeting \S+.*: OK|was terminated \(\w+\) by \S+.*: OK|Peer \S+ was terminated/ },
  { kind: 'fencing', severity: 'warning', source: PCMK, message: /will be fenced|Scheduling (node \S+ for fencing|Node \S+ for STONITH)|Requesting fencing|Client \S+ wants to fence/ },
  { kind: 'fencing', severity: 'warning', source: /^sbd$/, message: /(Received command|message) (reset|off)|Requesting a reset|Rebooting system/i },
  // --- DRBD
  { kind: 'drbdFenceConstraint', severity: 'info', source: /crm-fence-peer|^kernel$/, message: /placed constraint|drbd-fence-by-handler|fence-peer .*exit code (4|5|6|7)\b/ },
  { kind: 'drbdDisconnect', severity: 'warning', source: KERNEL, message: /drbd.*(conn\( (Connected|WFBitMap\w*|SyncSource|SyncTarget) -> |PingAck did not arrive|sock was shut down by peer|asender terminated|Connection closed|NetworkFailure)/ },
  // --- membership and quorum
  { kind: 'quorumLost', severity: 'warning', source: COROSYNC, message: /non-primary component|quorum lost|Quorate: No/i },
  { kind: 'quorumLost', severity: 'warning', source: PCMK, message: /Quorum lost|do not have quorum|Cluster is inquorate|no-quorum-policy/i },
  { kind: 'linkDown', severity: 'warning', source: COROSYNC, message: /link: host: \d+ link: \d+ is down|has no active links/ },
  { kind: 'nodeLost', severity: 'warning', source: COROSYNC, message: /A processor failed, forming new configuration|Members left: \d|Failed to receive the leave message|Token has not been received/ },
  { kind: 'nodeLost', severity: 'warning', source: PCMK, message: /state is now lost|Node \S+ is unclean|Our peer on the DC \(\S+\) is dead|Lost connection to the cluster/ },
  // --- resources
  { kind: 'failedAction', severity: 'error', source: PCMK, message: /Result of (monitor|start|stop|promote|demote|notify) operation for \S+ on \S+: (?!ok\b|OK\b|Cancelled|cancelled)/, unless: /: (ok|OK|Cancelled)\b/ },
  { kind: 'failedAction', severity: 'error', source: PCMK, message: /Received result operation \S+ on \S+: (?!ok\b|OK\b|Cancelled)|Unexpected result \(|Operation \S+_(monitor|start|stop|promote|demote)_\d+: (?!ok)|Transition \d+ .*Failed|\bfailed \(target:|exit-reason=/ },
  { kind: 'resourceError', severity: 'error', source: PCMK, message: /timed out|Timed Out|process \(PID \d+\) timed out|cannot run anywhere|Resource start-up disabled|Forcing \S+ away|error:/i, unless: /No such device|will be fenced/ },
  // --- mail services
  { kind: 'postfixError', severity: 'error', source: /^postfix/, message: /\b(fatal|panic|error):/ },
  { kind: 'postfixError', severity: 'warning', source: /^postfix/, message: /status=deferred.*(Connection refused|No such file|timed out|lost connection)|connect to .*(Connection refused|No such file)|warning: .*(database|mysql|lookup).*(error|failed|refused)/i },
  // anvil (Dovecot's connection counter) went away before its clients: only in Dovecot's own shutdown, where every
  // process ends at once (a crashed anvil is restarted by master, which logs it as Fatal or as a killed child)
  { kind: 'dovecotError', severity: 'info', source: /^dovecot/, message: /\bError: (read|net_connect_unix)\(anvil[-\w]*\) failed: (EOF|Permission denied|No such file)/ },
  // An authentication in flight when Dovecot stops is aborted ("Shutting down"); the client's login fails and it
  // reconnects to the node that takes over: part of the measured outage, not a fault of its own.
  { kind: 'dovecotError', severity: 'info', source: /^dovecot/, message: /\bauth: Error: auth-worker: Aborted \S+ request for .*: Shutting down$/ },
  // A login process (imap-login, pop3-login, Postfix's SASL client) that goes away while its authentication is
  // pending: the client gave up or the login process stopped. The probes measure the slow login itself.
  { kind: 'dovecotError', severity: 'info', source: /^dovecot/, message: /\bauth: Error: auth client \d+ disconnected with \d+ pending requests: EOF$/ },
  { kind: 'dovecotError', severity: 'error', source: /^dovecot/, message: /\b(Fatal|Panic|Error):/ },
  { kind: 'mariadbError', severity: 'error', source: /^mariadb|^mysqld|^mariadbd/, message: /\[ERROR\]|InnoDB: (Database page corruption|Corrupt)/ },
  { kind: 'mariadbError', severity: 'info', source: /^mariadb|^mysqld|^mariadbd/, message: /Starting crash recovery|crash recovery/i },
];

function classify(l: LogLine): Rule | undefined {
  for (const r of rules) {
    if (!r.source.test(l.source)) continue;
    if (!r.message.test(l.message)) continue;
    if (r.unless && r.unless.test(l.message)) continue;
    return r;
  }
  return undefined;
}

const severityOrder: Record<Severity, number> = { critical: 0, error: 1, warning: 2, info: 3 };

/** Findings in order of severity, then time. */
export function scanLogs(lines: readonly LogLine[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const l of lines) {
    const r = classify(l);
    if (!r) continue;
    const key = `${r.kind}\0${r.severity}\0${l.node}`;
    const f = byKey.get(key);
    if (f) {
      f.count++;
      f.lastT = Math.max(f.lastT, l.t);
      if (l.t < f.t) {
        f.t = l.t;
        f.line = l.message;
        f.source = l.source;
      }
    } else byKey.set(key, { kind: r.kind, severity: r.severity, node: l.node, t: l.t, lastT: l.t, count: 1, source: l.source, line: l.message });
  }
  return [...byKey.values()].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity] || a.t - b.t);
}

export function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  return findings.reduce<Severity | undefined>((w, f) => (w === undefined || severityOrder[f.severity] < severityOrder[w] ? f.severity : w), undefined);
}
