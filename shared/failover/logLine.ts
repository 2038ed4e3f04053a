/**
 * Log lines from the nodes in one shape, whatever they came as: `journalctl -o json` (what the runner reads),
 * classic syslog lines (/var/log/syslog, mail.log), ISO-dated lines (rsyslog's high-precision format,
 * `journalctl -o short-iso-precise`) and Pacemaker's own detail log (/var/log/pacemaker/pacemaker.log).
 * Parsers never throw: a line they do not understand is kept with the source 'unknown'.
 */

export interface LogLine {
  /** epoch ms (on the node's clock; the runner corrects it with the measured offset) */
  t: number;
  node: string;
  /** Syslog identifier: corosync, pacemaker-controld, kernel, postfix/smtpd, dovecot ... */
  source: string;
  message: string;
  /** syslog priority 0 (emerg) .. 7 (debug), when known */
  priority?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const PRIO: Record<string, number> = { emerg: 0, alert: 1, crit: 2, error: 3, err: 3, warning: 4, warn: 4, notice: 5, info: 6, debug: 7, trace: 7 };

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  // journald exports non-UTF-8 or binary fields as arrays of bytes.
  if (Array.isArray(v) && v.every((b) => typeof b === 'number')) return String.fromCharCode(...(v as number[]).map((b) => (b >= 32 && b < 127) || b === 9 ? b : 63));
  return undefined;
}

/** One line of `journalctl -o json`. */
export function parseJournalJson(line: string, fallbackNode = ''): LogLine | undefined {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof o !== 'object' || o === null) return undefined;
  const r = o as Record<string, unknown>;
  const us = Number(str(r.__REALTIME_TIMESTAMP));
  const message = str(r.MESSAGE);
  if (!Number.isFinite(us) || message === undefined) return undefined;
  const source = str(r.SYSLOG_IDENTIFIER) ?? (str(r._TRANSPORT) === 'kernel' ? 'kernel' : str(r._COMM) ?? 'unknown');
  const prio = Number(str(r.PRIORITY));
  return { t: Math.floor(us / 1000), node: str(r._HOSTNAME) ?? fallbackNode, source, message, ...(Number.isInteger(prio) ? { priority: prio } : {}) };
}

export interface TextLogOptions {
  node?: string;
  /** Year for syslog lines that carry none (default: the year of `now`). */
  year?: number;
  /** Offset of the node's local time from UTC in minutes, for lines without a zone (default 0). */
  utcOffsetMin?: number;
  now?: number;
}

// "Dec 25 15:09:32 node-2 pacemaker-schedulerd[22191] (log_list_item)   info: text"  (pacemaker.log)
// "May 12 20:43:24 [16976] Hp-09 corosync notice  [TOTEM ] text"                   (corosync.log style)
// "Jun 12 15:24:16 host kernel: [  232.57] drbd r0: text" / "Jan  5 01:02:03 host postfix/smtpd[12]: text"
const SYSLOG = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))? (.*)$/;
const ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(Z|[+-]\d\d:?\d\d)? (.*)$/;
const HOST_IDENT = /^(\S+) ([^\s:[]+)(?:\[(\d+)\])?:? (.*)$/;
const COROSYNC_STYLE = /^\[(\d+)\] (\S+) (\S+) +(\w+) +(.*)$/;
const PCMK_DETAIL = /^\((\w+)\) +(\w+): (.*)$/;

function fraction(f: string | undefined): number {
  return f ? Number(`0.${f}`) * 1000 : 0;
}

function zoneMinutes(z: string | undefined, fallback: number): number {
  if (!z) return fallback;
  if (z === 'Z') return 0;
  const m = /^([+-])(\d\d):?(\d\d)$/.exec(z);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : fallback;
}

function splitRest(rest: string, node: string | undefined): { node: string; source: string; message: string; priority?: number } {
  const c = COROSYNC_STYLE.exec(rest);
  if (c) {
    const p = PRIO[c[4]!.toLowerCase()];
    return { node: c[2]!, source: c[3]!, message: c[5]!.trim(), ...(p !== undefined ? { priority: p } : {}) };
  }
  const h = HOST_IDENT.exec(rest);
  if (!h) return { node: node ?? '', source: 'unknown', message: rest };
  let message = h[4]!.trim();
  // The kernel's own uptime stamp says nothing the line's date does not.
  if (h[2] === 'kernel') message = message.replace(/^\[\s*\d+\.\d+\] /, '');
  let priority: number | undefined;
  const d = PCMK_DETAIL.exec(message);
  if (d && PRIO[d[2]!.toLowerCase()] !== undefined) {
    priority = PRIO[d[2]!.toLowerCase()];
    message = d[3]!;
  } else {
    const lvl = /^(error|warning|notice|info|crit|debug): (.*)$/.exec(message);
    if (lvl) priority = PRIO[lvl[1]!];
  }
  return { node: h[1]!, source: h[2]!, message, ...(priority !== undefined ? { priority } : {}) };
}

/** One line of a text log; undefined for lines without a date (continuations, blank lines). */
export function parseTextLogLine(line: string, opts: TextLogOptions = {}): LogLine | undefined {
  const l = line.replace(/\r$/, '');
  const iso = ISO.exec(l);
  if (iso) {
    const off = zoneMinutes(iso[8], opts.utcOffsetMin ?? 0);
    const t = Date.UTC(+iso[1]!, +iso[2]! - 1, +iso[3]!, +iso[4]!, +iso[5]!, +iso[6]!) + fraction(iso[7]?.slice(0, 6)) - off * 60_000;
    return { t: Math.floor(t), ...splitRest(iso[9]!, opts.node) };
  }
  const s = SYSLOG.exec(l);
  if (!s) return undefined;
  const month = MONTHS.indexOf(s[1]!.toLowerCase());
  if (month < 0) return undefined;
  const now = opts.now ?? Date.now();
  const year = opts.year ?? new Date(now).getUTCFullYear();
  const off = opts.utcOffsetMin ?? 0;
  let t = Date.UTC(year, month, +s[2]!, +s[3]!, +s[4]!, +s[5]!) + fraction(s[6]) - off * 60_000;
  // A December line read in January belongs to the year before.
  if (opts.year === undefined && t > now + 86_400_000) t = Date.UTC(year - 1, month, +s[2]!, +s[3]!, +s[4]!, +s[5]!) + fraction(s[6]) - off * 60_000;
  return { t: Math.floor(t), ...splitRest(s[7]!, opts.node) };
}

/** A whole log (journal JSON lines or text), in order of time. */
export function parseLog(text: string, opts: TextLogOptions = {}): LogLine[] {
  const out: LogLine[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const l = line.startsWith('{') ? parseJournalJson(line, opts.node) : parseTextLogLine(raw, opts);
    if (l) out.push(l);
  }
  return out.sort((a, b) => a.t - b.t);
}
