/**
 * Streaming Postfix mail.log counter with pflogsumm's exact counting rules (pflogsumm 1.1.x main loop):
 * - received: smtpd/postscreen "QID: client=" lines and pickup "QID: sender=|uid=" lines;
 * - bytes received: the first qmgr-style "from=<..>, size=N" per queue id, only if that id was received;
 * - delivered / forwarded / deferred / bounced: "to=<..>, relay=.., delay=.., status=X" lines
 *   (sent with "forwarded as" = forwarded; deferred counts messages once, deferrals every line);
 * - rejected: "reject:" (and "milter-reject:" in cleanup) lines; reject warnings, held, discarded: the
 *   "reject_warning:", "hold:", "discard:" lines (cleanup: "warning:", "hold:", "discard:" on header/body);
 * - senders and sending hosts/domains: per received message at its first size line (address with the domain
 *   part lower-cased; the client's domain when the address has none); recipients and recipient domains: per
 *   delivered (sent, not forwarded) recipient; SASL authentication failures: smtpd "warning: ... SASL <mech>
 *   authentication failed" lines (pflogsumm lists them under Warnings);
 * - per hour of day: received, delivered, deferrals, bounced, and rejected together with reject warnings,
 *   held and discarded (pflogsumm's per-hour and per-day "rejected" columns count all four);
 * - days counted like pflogsumm's dayCnt (each change of the day of month), the divisor of its per-hour averages.
 * Pure and allocation-light: works on index ranges in the pushed text (decode bytes as latin1 so one
 * char = one byte, like Perl), no regexes on the hot path. Never throws.
 */
import { createDayTable, type DayTable } from './days.js';
import type { MailCounts } from '../../../shared/analysis/facts.js';

export interface MaillogOptions {
  /** Reference date for the year of traditional syslog timestamps (pflogsumm uses "now"). */
  referenceYear: number;
  /** 0-based month of the reference date; a log month greater than this is last year. */
  referenceMonth: number;
  syslogName?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_KEYS = MONTHS.map((m) => (m.charCodeAt(0) << 16) | (m.charCodeAt(1) << 8) | m.charCodeAt(2));
/** 0-based month from the three chars of a syslog month name; -1 if unknown (pflogsumm still counts the line). */
function monthOf(a: number, b: number, c: number): number {
  return MONTH_KEYS.indexOf((a << 16) | (b << 8) | c);
}

const C_SPACE = 32, C_COLON = 58, C_LBR = 91, C_RBR = 93, C_SLASH = 47, C_COMMA = 44, C_GT = 62;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
/** Perl \s in byte mode. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}
function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
/** s.startsWith(lit, i) without the builtin call (which dominated the profile). */
function eqAt(s: string, i: number, lit: string): boolean {
  const n = lit.length;
  for (let j = 0; j < n; j++) if (s.charCodeAt(i + j) !== lit.charCodeAt(j)) return false;
  return true;
}
function regionIs(s: string, a: number, b: number, lit: string): boolean {
  return b - a === lit.length && eqAt(s, a, lit);
}
/** indexOf limited to [from, end); lines are separate (sliced) strings, so end is normally the length. */
function find(s: string, lit: string, from: number, end: number): number {
  const i = s.indexOf(lit, from);
  return i >= 0 && i + lit.length <= end ? i : -1;
}
function findChar(s: string, c: number, from: number, end: number): number {
  for (let i = from; i < end; i++) if (s.charCodeAt(i) === c) return i;
  return -1;
}

export type ParserCounts = Required<MailCounts>;

export const emptyCounts = (): ParserCounts => ({ received: 0, delivered: 0, forwarded: 0, deferred: 0, deferrals: 0, bounced: 0, rejected: 0, rejectWarnings: 0, held: 0, discarded: 0, bytesReceived: 0, bytesDelivered: 0 });

/** Per hour of day (0-23), summed over the whole log. */
export interface HourTable {
  received: number[];
  delivered: number[];
  deferrals: number[];
  bounced: number[];
  /** Rejects plus reject warnings, held and discarded, as pflogsumm's per-hour table counts them. */
  rejected: number[];
}

/** Messages and bytes of one sender or recipient address (as pflogsumm keys them). */
export type PartyTally = [messages: number, bytes: number];

const REJECT = 1, WARN = 2, HOLD = 3, DISCARD = 4;

/** ASCII-only lower case (pflogsumm's \L and lc under LC_ALL=C leave other bytes alone). */
function asciiLower(s: string): string {
  return hasUpper(s, 0) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
}
function hasUpper(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** pflogsumm: $addr =~ s/(@.+)/\L$1/ (the domain part, from the first @, lower-cased). */
function lowerDomainPart(addr: string): string {
  const at = addr.indexOf('@');
  return at >= 0 && at + 1 < addr.length && hasUpper(addr, at) ? addr.slice(0, at) + asciiLower(addr.slice(at)) : addr;
}

/** pflogsumm gimme_domain(): the client's domain ("mail.example.co.uk" -> "example.co.uk") or its IP. */
const reIp4 = /^([^[]*)\[((?:\d{1,3}\.){3}\d{1,3})\]/;
const reSlash = /^([^/]*)\/([0-9a-f.:]+)/i;
const reGeneric = /^([^[(/]*)[[(/]([^\])]+)[\])]:?\d*$/;
const reShorten = /^(.*)\.([^.]+)\.([^.]{3}|[^.]{2,3}\.[^.]{2})$/;
export function clientDomain(client: string): string | undefined {
  const m = reIp4.exec(client) ?? reSlash.exec(client) ?? reGeneric.exec(client);
  if (!m) return undefined;
  const domain = m[1] ?? '';
  if (domain === '' || domain === 'unknown') return m[2];
  const short = reShorten.exec(domain);
  return short ? asciiLower(`${short[2]}.${short[3]}`) : domain;
}
/** Perl truthiness of gimme_domain(): undef, '' and '0' are false. */
export function clientYieldsDomain(client: string): boolean {
  const d = clientDomain(client);
  return d !== undefined && d !== '' && d !== '0';
}

export class MaillogParser {
  readonly totals: ParserCounts = emptyCounts();
  readonly perHour: HourTable = { received: new Array<number>(24).fill(0), delivered: new Array<number>(24).fill(0), deferrals: new Array<number>(24).fill(0), bounced: new Array<number>(24).fill(0), rejected: new Array<number>(24).fill(0) };
  /** pflogsumm's dayCnt: how often the day of month changed from one Postfix line to the next. */
  dayCount = 0;
  saslAuthFailures = 0;
  /** By address (latin1, as in the log), like pflogsumm's sendgUser / recipUser. */
  readonly senders = new Map<string, PartyTally>();
  readonly recipients = new Map<string, PartyTally>();
  readonly sendingDomains = new Set<string>();
  readonly recipientDomains = new Set<string>();
  private lastDay = 0;
  /** Lines that had a Postfix command and queue id (pflogsumm's "processed" lines). */
  postfixLines = 0;
  linesRead = 0;
  private rest = '';
  private readonly days: DayTable;
  private readonly sizes = new Map<string, number>();
  /** Received, size not seen yet: queue id -> where it came from (client domain, or "pickup"). */
  private readonly rcvd = new Map<string, string>();
  private readonly deferredIds = new Set<string>();
  private readonly name: string;

  constructor(private readonly opts: MaillogOptions) {
    this.days = createDayTable(opts.referenceYear, opts.referenceMonth);
    this.name = opts.syslogName ?? 'postfix';
  }

  /** Feed text (latin1-decoded bytes); lines may be split across chunks. */
  push(chunk: string): void {
    let start = 0;
    if (this.rest.length) {
      // Complete the carried-over line on its own so the chunk itself stays a flat string (fast charCodeAt).
      const nl = chunk.indexOf('\n');
      if (nl < 0) {
        this.rest += chunk;
        return;
      }
      const first = this.rest + chunk.slice(0, nl);
      this.rest = '';
      this.line(first);
      start = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) break;
      // The slice shares the chunk's memory (no copy) and lets the native indexOf stop at the line end.
      this.line(chunk.slice(start, nl));
      start = nl + 1;
    }
    if (start < chunk.length) this.rest = chunk.slice(start);
  }

  end(): void {
    if (this.rest.length) this.line(this.rest);
    this.rest = '';
  }

  dayTable(): DayTable {
    return this.days;
  }

  private line(line: string): void {
    this.linesRead++;
    const s = line;
    const end = line.length;
    const a = 0;
    // Timestamp -> month, day, hour, start of the remainder.
    let mon = -1, day = 0, hour = 0, year = -1, p: number;
    const c0 = s.charCodeAt(a);
    if (isDigit(c0) && s.charCodeAt(a + 4) === 45 /* - */ && s.charCodeAt(a + 10) === 84 /* T */) {
      p = this.rfc3339(s, a, end);
      if (p < 0) return;
      year = (s.charCodeAt(a) - 48) * 1000 + (s.charCodeAt(a + 1) - 48) * 100 + (s.charCodeAt(a + 2) - 48) * 10 + (s.charCodeAt(a + 3) - 48);
      mon = (s.charCodeAt(a + 5) - 48) * 10 + (s.charCodeAt(a + 6) - 48) - 1;
      day = (s.charCodeAt(a + 8) - 48) * 10 + (s.charCodeAt(a + 9) - 48);
      hour = (s.charCodeAt(a + 11) - 48) * 10 + (s.charCodeAt(a + 12) - 48);
    } else {
      // ^(...) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) \S+ (.+)$
      if (end - a < 3) return;
      p = a + 3;
      if (s.charCodeAt(p) !== C_SPACE) return;
      p++;
      if (s.charCodeAt(p) === C_SPACE) p++;
      if (!isDigit(s.charCodeAt(p))) return;
      day = s.charCodeAt(p) - 48;
      p++;
      if (isDigit(s.charCodeAt(p))) { day = day * 10 + s.charCodeAt(p) - 48; p++; }
      if (s.charCodeAt(p) !== C_SPACE) return;
      p++;
      if (!isDigit(s.charCodeAt(p)) || !isDigit(s.charCodeAt(p + 1)) || s.charCodeAt(p + 2) !== C_COLON || !isDigit(s.charCodeAt(p + 3)) || !isDigit(s.charCodeAt(p + 4)) || s.charCodeAt(p + 5) !== C_COLON || !isDigit(s.charCodeAt(p + 6)) || !isDigit(s.charCodeAt(p + 7)) || s.charCodeAt(p + 8) !== C_SPACE) return;
      hour = (s.charCodeAt(p) - 48) * 10 + s.charCodeAt(p + 1) - 48;
      p += 9;
      p = this.hostThenRest(s, p, end);
      if (p < 0) return;
      mon = monthOf(s.charCodeAt(a), s.charCodeAt(a + 1), s.charCodeAt(a + 2));
    }
    if (p >= end) return;
    // Command and queue id.
    let cmdA: number, cmdB: number, q: number;
    const nm = this.name;
    const nmLen = eqAt(s, p, 'postfix') && s.charCodeAt(p + 7) === C_SLASH ? 7 : eqAt(s, p, nm) && s.charCodeAt(p + nm.length) === C_SLASH ? nm.length : -1;
    if (nmLen > 0) {
      let c = p + nmLen;
      if (eqAt(s, c, '/smtps/')) c += 6;
      else if (eqAt(s, c, '/submission/')) c += 11;
      cmdA = c + 1;
      cmdB = cmdA;
      while (cmdB < end) { const ch = s.charCodeAt(cmdB); if (ch === C_LBR || ch === C_COLON) break; cmdB++; }
      q = this.qidStart(s, cmdB, end);
    } else if (eqAt(s, p, 'postfix') && (s.charCodeAt(p + 7) === C_LBR || s.charCodeAt(p + 7) === C_COLON || eqAt(s, p + 7, '-script'))) {
      cmdA = p;
      cmdB = p + 7;
      if (eqAt(s, cmdB, '-script')) cmdB += 7;
      let c = cmdB;
      if (s.charCodeAt(c) === C_LBR) {
        c++;
        const d0 = c;
        while (c < end && isDigit(s.charCodeAt(c))) c++;
        if (c === d0 || s.charCodeAt(c) !== C_RBR) return;
        c++;
      }
      if (s.charCodeAt(c) !== C_COLON || s.charCodeAt(c + 1) !== C_SPACE || c + 2 >= end) return;
      const ch = s.charCodeAt(c + 2);
      if (ch === C_COLON || isSpace(ch)) return;
      q = c + 2;
    } else return;
    if (q < 0) return;
    // Solaris "[ID nnn facility] " after "prog[pid]: ": pflogsumm strips it first; it only ever sits here.
    if (s.charCodeAt(q) === C_LBR && eqAt(s, q, '[ID ')) {
      const fixed = s.replace(/: \[ID \d+ [^\]]+\] /, ': ');
      if (fixed !== s) {
        this.linesRead--;
        this.line(fixed);
        return;
      }
    }
    let qEnd = q;
    while (qEnd < end) { const ch = s.charCodeAt(qEnd); if (ch === C_COLON || isSpace(ch)) break; qEnd++; }
    this.postfixLines++;
    if (day !== this.lastDay) {
      this.lastDay = day;
      this.dayCount++;
    }
    const d = this.days.get(year, mon, day);
    this.dispatch(s, p, end, cmdA, cmdB, q, qEnd, d, hour);
  }

  /** Validates the rest of an RFC 3339 timestamp; returns the start of the remainder or -1. */
  private rfc3339(s: string, a: number, end: number): number {
    const dig = (i: number) => isDigit(s.charCodeAt(a + i));
    if (!(dig(0) && dig(1) && dig(2) && dig(3) && dig(5) && dig(6) && s.charCodeAt(a + 7) === 45 && dig(8) && dig(9) && dig(11) && dig(12) && s.charCodeAt(a + 13) === C_COLON && dig(14) && dig(15) && s.charCodeAt(a + 16) === C_COLON && dig(17) && dig(18))) return -1;
    let p = a + 19;
    if (s.charCodeAt(p) === 46 /* . */ && isDigit(s.charCodeAt(p + 1))) { p++; while (isDigit(s.charCodeAt(p))) p++; }
    const c = s.charCodeAt(p);
    if (c === 90 /* Z */) p++;
    else if ((c === 43 || c === 45) && isDigit(s.charCodeAt(p + 1)) && isDigit(s.charCodeAt(p + 2)) && s.charCodeAt(p + 3) === C_COLON && isDigit(s.charCodeAt(p + 4)) && isDigit(s.charCodeAt(p + 5))) p += 6;
    else return -1;
    if (s.charCodeAt(p) !== C_SPACE) return -1;
    return this.hostThenRest(s, p + 1, end);
  }

  /** \S+ (.+)$ : hostname, one space, at least one char. */
  private hostThenRest(s: string, p: number, end: number): number {
    const h = p;
    while (p < end && !isSpace(s.charCodeAt(p))) p++;
    if (p === h || p >= end || s.charCodeAt(p) !== C_SPACE) return -1;
    p++;
    return p < end ? p : -1;
  }

  /** `.*?: ([^:\s]+)` from position c: first ": " followed by a char that is neither ':' nor whitespace. */
  private qidStart(s: string, c: number, end: number): number {
    for (;;) {
      const i = find(s, ': ', c, end);
      if (i < 0 || i + 2 >= end) return -1;
      const ch = s.charCodeAt(i + 2);
      if (ch !== C_COLON && !isSpace(ch)) return i + 2;
      c = i + 1;
    }
  }

  /** One reject, reject warning, hold or discard: its counter, and pflogsumm's per-day and per-hour column. */
  private rejectLike(kind: number, d: MailCounts | undefined, hour: number): void {
    const t = this.totals;
    if (kind === REJECT) { t.rejected++; if (d) d.rejected++; }
    else if (kind === WARN) { t.rejectWarnings++; if (d) d.rejectWarnings = (d.rejectWarnings ?? 0) + 1; }
    else if (kind === HOLD) { t.held++; if (d) d.held = (d.held ?? 0) + 1; }
    else { t.discarded++; if (d) d.discarded = (d.discarded ?? 0) + 1; }
    if (hour >= 0 && hour < 24) this.perHour.rejected[hour] = (this.perHour.rejected[hour] ?? 0) + 1;
  }

  private dispatch(s: string, r: number, end: number, cmdA: number, cmdB: number, q: number, qEnd: number, d: MailCounts | undefined, hour: number): void {
    const isCleanup = regionIs(s, cmdA, cmdB, 'cleanup');
    if (isCleanup) {
      const kind = cleanupReject(s, r, end);
      if (kind !== 0) {
        this.rejectLike(kind, d, hour);
        return;
      }
    }
    const qlen = qEnd - q;
    if (qlen >= 4 && qlen <= 14) {
      if (regionIs(s, q, qEnd, 'warning')) {
        if (regionIs(s, cmdA, cmdB, 'smtpd')) this.warning(s, qEnd, end);
        return;
      }
      if (regionIs(s, q, qEnd, 'fatal') || regionIs(s, q, qEnd, 'panic')) return;
      if (regionIs(s, q, qEnd, 'reject')) return this.rejectLike(REJECT, d, hour);
      if (regionIs(s, q, qEnd, 'reject_warning')) return this.rejectLike(WARN, d, hour);
      if (regionIs(s, q, qEnd, 'hold')) return this.rejectLike(HOLD, d, hour);
      if (regionIs(s, q, qEnd, 'discard')) return this.rejectLike(DISCARD, d, hour);
    }
    if (regionIs(s, cmdA, cmdB, 'master')) return;
    if (regionIs(s, cmdA, cmdB, 'smtpd') || regionIs(s, cmdA, cmdB, 'postscreen')) {
      this.smtpd(s, r, end, q, qEnd, d, hour);
      return;
    }
    // One pass over the "=<" in the line serves both patterns: "from=<..>, size=N" wins wherever it is,
    // otherwise the leftmost "to=<..>, [orig_to=<..>, ]relay=.., ..., status=X".
    let st = -1;
    let toAt = -1;
    for (let k = find(s, '=<', r, end); k >= 0; k = find(s, '=<', k + 1, end)) {
      if (k >= r + 4 && s.charCodeAt(k - 1) === 109 /* m */ && eqAt(s, k - 4, 'from')) {
        const gt = findChar(s, C_GT, k + 2, end);
        if (gt >= 0 && eqAt(s, gt + 1, ', size=') && gt + 8 < end && isDigit(s.charCodeAt(gt + 8))) {
          this.fromSize(s, gt + 8, end, q, qEnd, d, k + 2, gt);
          return;
        }
      } else if (st < 0 && k >= r + 2 && s.charCodeAt(k - 1) === 111 /* o */ && s.charCodeAt(k - 2) === 116 /* t */) {
        st = matchDelivery(s, k + 2, end);
        if (st >= 0) toAt = k + 2;
      }
    }
    if (st >= 0) {
      this.delivery(s, st, end, q, qEnd, d, hour, toAt);
      return;
    }
    if (regionIs(s, cmdA, cmdB, 'pickup') && (find(s, ': sender=', r, end) >= 0 || find(s, ': uid=', r, end) >= 0)) {
      this.received(s.slice(q, qEnd), 'pickup', d, hour);
    }
  }

  /** smtpd "warning: ..." (pflogsumm's Warnings section): SASL authentication failures are counted. */
  private warning(s: string, from: number, end: number): void {
    // pflogsumm's reason is what follows the last "warning: " of the line.
    const w = s.lastIndexOf('warning: ', end);
    const reason = w >= from ? w + 9 : from;
    const sasl = find(s, 'SASL ', reason, end);
    if (sasl >= 0 && /^SASL \S+ authentication failed/.test(s.slice(sasl, Math.min(end, sasl + 80)))) this.saslAuthFailures++;
  }

  private fromSize(s: string, e0: number, end: number, q: number, qEnd: number, d: MailCounts | undefined, addrA: number, addrB: number): void {
    let e = e0, size = 0;
    while (e < end && isDigit(s.charCodeAt(e))) { size = size * 10 + s.charCodeAt(e) - 48; e++; }
    const qid = s.slice(q, qEnd);
    if (this.sizes.has(qid)) return;
    // Perl truthiness: the string "0" is false (not stored), "00" is true.
    if (e - e0 > 1 || size !== 0) this.sizes.set(qid, size);
    const whence = this.rcvd.get(qid);
    if (whence !== undefined) {
      this.totals.bytesReceived += size;
      if (d) d.bytesReceived += size;
      this.rcvd.delete(qid);
      // The sender: its address (domain part lower-cased), or "from=<>"; its domain, or where it came from.
      const raw = s.slice(addrA, addrB);
      const addr = raw ? lowerDomainPart(raw) : 'from=<>';
      const at = addr.indexOf('@');
      const domain = at > 0 && at + 1 < addr.length ? addr.slice(at + 1) : whence === 'pickup' ? addr : whence;
      tally(this.senders, addr, size);
      addOwned(this.sendingDomains, domain);
    }
  }

  private delivery(s: string, st: number, end: number, q: number, qEnd: number, d: MailCounts | undefined, hour: number, toAt: number): void {
    const t = this.totals;
    const h = hour >= 0 && hour < 24 ? hour : -1;
    let se = st;
    while (se < end && !isSpace(s.charCodeAt(se))) se++;
    if (regionIs(s, st, se, 'sent')) {
      if (find(s, 'forwarded as ', se, end) >= 0) { t.forwarded++; if (d) d.forwarded++; return; }
      t.delivered++;
      if (d) d.delivered++;
      if (h >= 0) this.perHour.delivered[h] = (this.perHour.delivered[h] ?? 0) + 1;
      const size = this.sizes.get(s.slice(q, qEnd));
      if (size !== undefined) { t.bytesDelivered += size; if (d) d.bytesDelivered += size; }
      // The recipient (domain part lower-cased) and its domain (everything after the first @, if any).
      const addr = lowerDomainPart(s.slice(toAt, findChar(s, C_GT, toAt, end)));
      const at = addr.indexOf('@');
      tally(this.recipients, addr, size ?? 0);
      addOwned(this.recipientDomains, at > 0 ? addr.slice(at + 1) : addr);
    } else if (regionIs(s, st, se, 'deferred')) {
      t.deferrals++;
      if (d) d.deferrals++;
      if (h >= 0) this.perHour.deferrals[h] = (this.perHour.deferrals[h] ?? 0) + 1;
      const qid = s.slice(q, qEnd);
      if (!this.deferredIds.has(qid)) { this.deferredIds.add(qid); t.deferred++; if (d) d.deferred++; }
    } else if (regionIs(s, st, se, 'bounced')) {
      t.bounced++;
      if (d) d.bounced++;
      if (h >= 0) this.perHour.bounced[h] = (this.perHour.bounced[h] ?? 0) + 1;
    }
  }

  private smtpd(s: string, r: number, end: number, q: number, qEnd: number, d: MailCounts | undefined, hour: number): void {
    // /\[\d+\]: \w+: client=(.+?)(,|$)/ first, then /\[\d+\]: \w+: (reject(?:_warning)?|hold|discard): /
    let rejectKind = 0;
    let i = find(s, ']: ', r, end);
    while (i >= 0) {
      let b = i - 1;
      while (b >= r && isDigit(s.charCodeAt(b))) b--;
      if (b < i - 1 && b >= r && s.charCodeAt(b) === C_LBR) {
        let w = i + 3;
        while (w < end && isWord(s.charCodeAt(w))) w++;
        if (w > i + 3 && s.charCodeAt(w) === C_COLON && s.charCodeAt(w + 1) === C_SPACE) {
          const v = w + 2;
          if (eqAt(s, v, 'client=') && v + 7 < end) {
            let ce = findChar(s, C_COMMA, v + 8, end);
            if (ce < 0) ce = end;
            this.received(s.slice(q, qEnd), clientDomain(s.slice(v + 7, ce)), d, hour);
            return;
          }
          if (rejectKind === 0) {
            if (eqAt(s, v, 'reject: ')) rejectKind = REJECT;
            else if (eqAt(s, v, 'reject_warning: ')) rejectKind = WARN;
            else if (eqAt(s, v, 'hold: ')) rejectKind = HOLD;
            else if (eqAt(s, v, 'discard: ')) rejectKind = DISCARD;
          }
        }
      }
      i = find(s, ']: ', i + 1, end);
    }
    if (rejectKind !== 0) this.rejectLike(rejectKind, d, hour);
  }

  private received(qid: string, whence: string | undefined, d: MailCounts | undefined, hour: number): void {
    this.totals.received++;
    if (d) { d.received++; this.days.receivedInHour(d, hour); }
    if (hour >= 0 && hour < 24) this.perHour.received[hour] = (this.perHour.received[hour] ?? 0) + 1;
    // Perl truthiness of gimme_domain(): no domain means this message's size is not counted as received.
    if (whence !== undefined && whence !== '' && whence !== '0') this.rcvd.set(qid, whence);
    else this.rcvd.delete(qid);
  }
}

/**
 * cleanup: /\/cleanup\[\d+\]: .*?\b((?:milter-)?reject|warning|hold|discard): (header|body|END-OF-MESSAGE) /
 * Returns 0 no match, else REJECT (also milter-reject), WARN, HOLD or DISCARD.
 */
function cleanupReject(s: string, r: number, end: number): number {
  if (find(s, ': header ', r, end) < 0 && find(s, ': body ', r, end) < 0 && find(s, ': END-OF-MESSAGE ', r, end) < 0) return 0;
  let c = find(s, '/cleanup[', r, end);
  while (c >= 0) {
    let e = c + 9;
    const d0 = e;
    while (e < end && isDigit(s.charCodeAt(e))) e++;
    if (e > d0 && eqAt(s, e, ']: ')) {
      let i = find(s, ': ', e + 3, end);
      while (i >= 0) {
        const after = i + 2;
        if (eqAt(s, after, 'header ') || eqAt(s, after, 'body ') || eqAt(s, after, 'END-OF-MESSAGE ')) {
          const kind = typeEndingAt(s, e + 3, i);
          if (kind) return kind;
        }
        i = find(s, ': ', i + 1, end);
      }
    }
    c = find(s, '/cleanup[', c + 1, end);
  }
  return 0;
}

/** Word ending at `i` (exclusive) that is reject|milter-reject|warning|hold|discard with a \b before it. */
function typeEndingAt(s: string, min: number, i: number): number {
  const words: Array<[string, number]> = [['reject', REJECT], ['warning', WARN], ['hold', HOLD], ['discard', DISCARD]];
  for (const [w, kind] of words) {
    const st = i - w.length;
    if (st >= min && eqAt(s, st, w) && (st === 0 || !isWord(s.charCodeAt(st - 1)))) return kind;
  }
  return 0;
}

/** `name=([^,]+), ` at p (or nothing if optional and absent): the position after it, or -1. */
function skipField(s: string, p: number, end: number, name: string, optional: boolean): number {
  if (!eqAt(s, p, name)) return optional ? p : -1;
  const v = p + name.length;
  const e = findChar(s, C_COMMA, v, end);
  if (e <= v || s.charCodeAt(e + 1) !== C_SPACE) return -1;
  return e + 2;
}

/** After "to=<": the delivery pattern up to "status="; returns index of the status word or -1. */
function matchDelivery(s: string, p: number, end: number): number {
  const gt = findChar(s, C_GT, p, end);
  if (gt < 0 || s.charCodeAt(gt + 1) !== C_COMMA || s.charCodeAt(gt + 2) !== C_SPACE) return -1;
  p = gt + 3;
  if (eqAt(s, p, 'orig_to=<')) {
    const g2 = findChar(s, C_GT, p + 9, end);
    if (g2 < 0 || s.charCodeAt(g2 + 1) !== C_COMMA || s.charCodeAt(g2 + 2) !== C_SPACE) return -1;
    p = g2 + 3;
  }
  p = skipField(s, p, end, 'relay=', false);
  if (p >= 0) p = skipField(s, p, end, 'conn_use=', true);
  if (p >= 0) p = skipField(s, p, end, 'delay=', false);
  if (p >= 0) p = skipField(s, p, end, 'delays=', true);
  if (p >= 0) p = skipField(s, p, end, 'dsn=', true);
  if (p < 0) return -1;
  if (!eqAt(s, p, 'status=') || p + 7 >= end || isSpace(s.charCodeAt(p + 7))) return -1;
  return p + 7;
}

/**
 * A copy of a string that no longer points into the chunk it was sliced from: a key kept for the whole log
 * must not pin a 120 KB chunk of it in memory.
 */
function own(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'latin1').toString('latin1');
}

function tally(m: Map<string, PartyTally>, key: string, bytes: number): void {
  const e = m.get(key);
  if (e) {
    e[0]++;
    e[1] += bytes;
  } else m.set(own(key), [1, bytes]);
}

function addOwned(set: Set<string>, key: string): void {
  if (!set.has(key)) set.add(own(key));
}
