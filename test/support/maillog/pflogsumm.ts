/**
 * Runs the installed pflogsumm on log files (streamed through `zcat -f`, as on the server, with LC_ALL=C:
 * under a UTF-8 locale its Perl regexes treat some raw bytes differently) and reads every part of its report
 * our statistics reproduce: Grand Totals, the per-day and per-hour tables, the four sender/recipient lists and
 * the SASL authentication failures among the smtpd warnings. `compareReport` lines them up with a finished
 * MaillogParser. Used by the parity tests, the lab test and the benchmark.
 */
import { spawn } from 'node:child_process';
import type { MailCounts } from '../../../shared/analysis/facts.js';
import type { MaillogParser, PartyTally } from '../../../main/analysis/maillog/parser.js';
import { topParties } from '../../../main/analysis/maillog/volume.js';

export const PFLOGSUMM = '/usr/sbin/pflogsumm';

/** Every Grand Totals figure, keyed like our facts (MailCounts + mailVolume.summary). */
export type TotalKey = keyof MailCounts | 'senders' | 'sendingDomains' | 'recipients' | 'recipientDomains';
export type PflogsummTotals = Partial<Record<TotalKey, string>>;

const LABELS: Array<[RegExp, TotalKey]> = [
  [/^\s*(\d+[ km]?)\s+received$/, 'received'],
  [/^\s*(\d+[ km]?)\s+delivered$/, 'delivered'],
  [/^\s*(\d+[ km]?)\s+forwarded$/, 'forwarded'],
  [/^\s*(\d+[ km]?)\s+bounced$/, 'bounced'],
  [/^\s*(\d+[ km]?)\s+rejected \(\d+%\)$/, 'rejected'],
  [/^\s*(\d+[ km]?)\s+reject warnings$/, 'rejectWarnings'],
  [/^\s*(\d+[ km]?)\s+held$/, 'held'],
  [/^\s*(\d+[ km]?)\s+discarded \(\d+%\)$/, 'discarded'],
  [/^\s*(\d+[ km]?)\s+bytes received$/, 'bytesReceived'],
  [/^\s*(\d+[ km]?)\s+bytes delivered$/, 'bytesDelivered'],
  [/^\s*(\d+[ km]?)\s+senders$/, 'senders'],
  [/^\s*(\d+[ km]?)\s+sending hosts\/domains$/, 'sendingDomains'],
  [/^\s*(\d+[ km]?)\s+recipients$/, 'recipients'],
  [/^\s*(\d+[ km]?)\s+recipient hosts\/domains$/, 'recipientDomains'],
];

/** Grand Totals as pflogsumm prints them (value with its k/m unit, trimmed), e.g. { received: '1234', bytesReceived: '512m' }. */
export function parseGrandTotals(report: string): PflogsummTotals {
  const out: PflogsummTotals = {};
  const start = report.indexOf('Grand Totals');
  if (start < 0) return out;
  const lines = report.slice(start).split('\n').slice(2);
  for (const line of lines) {
    if (/^\S/.test(line) && line !== 'messages') break;
    const dm = /^\s*(\d+[ km]?)\s+deferred(?:\s+\((\d+[ km]?) deferrals\))?$/.exec(line);
    if (dm) {
      out.deferred = (dm[1] ?? '').trim();
      out.deferrals = (dm[2] ?? '0').trim();
      continue;
    }
    for (const [re, key] of LABELS) {
      const m = re.exec(line);
      if (m) out[key] = (m[1] ?? '').trim();
    }
  }
  return out;
}

export interface PflogsummRow {
  /** YYYY-MM-DD in the per-day table, HH (00-23) in the per-hour table. */
  key: string;
  received: string;
  delivered: string;
  /** pflogsumm's "deferred" columns count deferrals. */
  deferrals: string;
  bounced: string;
  /** Rejects plus reject warnings, held and discarded. */
  rejected: string;
}
/** Kept for older callers: a per-day row. */
export type PflogsummDay = PflogsummRow & { date: string };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function table(report: string, title: string, row: RegExp, key: (m: RegExpExecArray) => string): PflogsummRow[] {
  const start = report.indexOf(`\n${title}\n`);
  if (start < 0) return [];
  const out: PflogsummRow[] = [];
  for (const line of report.slice(start + 1).split('\n').slice(4)) {
    const m = row.exec(line);
    if (!m) break;
    const v = (m[m.length - 1] ?? '').trim().split(/\s+/).filter(Boolean);
    out.push({ key: key(m), received: v[0] ?? '0', delivered: v[1] ?? '0', deferrals: v[2] ?? '0', bounced: v[3] ?? '0', rejected: v[4] ?? '0' });
  }
  return out;
}

/** The "Per-Day Traffic Summary" table (printed when the log spans more than one day). */
export function parsePerDay(report: string): PflogsummDay[] {
  return table(report, 'Per-Day Traffic Summary', /^\s+([A-Z][a-z]{2})\s+(\d{1,2}) (\d{4})((?:\s+\d+[km]?)*)\s*$/, (m) => `${m[3]}-${String(MONTHS.indexOf(m[1] ?? '') + 1).padStart(2, '0')}-${(m[2] ?? '').padStart(2, '0')}`).map((r) => ({ ...r, date: r.key }));
}

/** The per-hour table ("Daily Average" over several days, "Summary" for one). */
export function parsePerHour(report: string): PflogsummRow[] {
  const title = report.includes('\nPer-Hour Traffic Daily Average\n') ? 'Per-Hour Traffic Daily Average' : 'Per-Hour Traffic Summary';
  return table(report, title, /^\s+(\d{2})00-\d{4}((?:\s+\d+[km]?)*)\s*$/, (m) => m[1] ?? '');
}

export interface PflogsummEntry {
  value: string;
  address: string;
}

/** One of "Senders by message count" ... "Recipients by message size" (possibly "top N ..."). */
export function parseUserList(report: string, title: string): PflogsummEntry[] {
  const m = new RegExp(`\\n(?:top \\d+ )?${title}\\n-+\\n`).exec(report);
  if (!m) return [];
  const out: PflogsummEntry[] = [];
  for (const line of report.slice(m.index + m[0].length).split('\n')) {
    const e = /^ {0,6}(\d+)([ km]) {2}(.*)$/.exec(line);
    if (!e) break;
    out.push({ value: `${e[1]}${(e[2] ?? '').trim()}`, address: e[3] ?? '' });
  }
  return out;
}

/** SASL authentication failures among the smtpd warnings (run pflogsumm with --verbose-msg-detail for full reasons). */
export function parseSaslFailures(report: string): number {
  const start = report.indexOf('\nWarnings\n--------\n');
  if (start < 0) return 0;
  let inSmtpd = false;
  let n = 0;
  for (const line of report.slice(start + 19).split('\n')) {
    if (line === '') break;
    const head = /^ {2}(\S+) \(total: \d+\)$/.exec(line);
    if (head) {
      inSmtpd = head[1] === 'smtpd';
      continue;
    }
    const e = /^\s+(\d+)([ km]) {2}(.*)$/.exec(line);
    if (e && inSmtpd && /SASL \S+ authentication failed/.test(e[3] ?? '')) n += Number(e[1]) * (e[2] === 'k' ? 1024 : e[2] === 'm' ? 1048576 : 1);
  }
  return n;
}

/** pflogsumm's adj_int_units + "%6d%s": integer part with k (> 512k) or m (> 512m) unit. */
export function pflogsummUnits(value: number): string {
  if (value > 536870912) return `${Math.trunc(value / 1048576)}m`;
  if (value > 524288) return `${Math.trunc(value / 1024)}k`;
  return String(Math.trunc(value));
}

export function runPflogsumm(files: string[], args: string[] = ['--verbose-msg-detail']): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `zcat -f -- "$@" | ${PFLOGSUMM} ${args.join(' ')}`, 'sh', ...files], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('latin1'));
      else reject(new Error(`pflogsumm exited ${code}: ${Buffer.concat(err).toString().slice(0, 500)}`));
    });
  });
}

type Mismatch = { key: string; ours: string | undefined; pflogsumm: string | undefined };

/** Compares our counts with pflogsumm's printed totals; returns the mismatching keys. */
export function compareTotals(ours: Partial<Record<TotalKey, number>>, theirs: PflogsummTotals): Mismatch[] {
  const bad: Mismatch[] = [];
  for (const key of Object.keys(ours) as TotalKey[]) {
    const v = ours[key];
    const mine = v === undefined ? undefined : pflogsummUnits(v);
    if (theirs[key] !== mine) bad.push({ key, ours: mine, pflogsumm: theirs[key] });
  }
  return bad;
}

/** Our counts in the report's terms, for a finished parser. */
export function oursAsReport(p: MaillogParser): {
  totals: Partial<Record<TotalKey, number>>;
  perDay: PflogsummRow[];
  perHour: PflogsummRow[];
  lists: Record<string, PflogsummEntry[]>;
  sasl: number;
} {
  const u = pflogsummUnits;
  const rejectLike = (d: Partial<MailCounts>) => (d.rejected ?? 0) + (d.rejectWarnings ?? 0) + (d.held ?? 0) + (d.discarded ?? 0);
  const perDay = p.dayTable().list().map((d) => ({ key: d.date, received: u(d.received), delivered: u(d.delivered), deferrals: u(d.deferrals), bounced: u(d.bounced), rejected: u(rejectLike(d)) }));
  // pflogsumm: ($value / $dayCnt) + 0.5, printed with %d (truncated).
  const avg = (v: number) => u(p.dayCount ? Math.trunc(v / p.dayCount + 0.5) : v);
  const h = p.perHour;
  const perHour = Array.from({ length: 24 }, (_, i) => ({ key: String(i).padStart(2, '0'), received: avg(h.received[i] ?? 0), delivered: avg(h.delivered[i] ?? 0), deferrals: avg(h.deferrals[i] ?? 0), bounced: avg(h.bounced[i] ?? 0), rejected: avg(h.rejected[i] ?? 0) }));
  const list = (m: ReadonlyMap<string, PartyTally>, i: 0 | 1, n: number) => topParties(m, i, n).map((x) => ({ value: u(i === 0 ? x.messages : x.bytes), address: x.address }));
  return {
    totals: { ...p.totals, senders: p.senders.size, sendingDomains: p.sendingDomains.size, recipients: p.recipients.size, recipientDomains: p.recipientDomains.size },
    perDay,
    perHour,
    lists: {
      'Senders by message count': list(p.senders, 0, Infinity),
      'Recipients by message count': list(p.recipients, 0, Infinity),
      'Senders by message size': list(p.senders, 1, Infinity),
      'Recipients by message size': list(p.recipients, 1, Infinity),
    },
    sasl: p.saslAuthFailures,
  };
}

/**
 * Every figure of the report next to ours; returns what differs (empty = parity). Per-day rows are compared
 * only when pflogsumm printed its per-day table (more than one day); `topN` limits the list comparison to
 * the first entries (ties beyond pflogsumm's sort key are ordered by Perl's hash order, which nobody can
 * reproduce).
 */
export function compareReport(p: MaillogParser, report: string, topN = Infinity): Mismatch[] {
  const ours = oursAsReport(p);
  const bad = compareTotals(ours.totals, parseGrandTotals(report));
  const rows = (name: string, mine: PflogsummRow[], theirs: PflogsummRow[]) => {
    if (mine.length !== theirs.length) bad.push({ key: `${name}.rows`, ours: String(mine.length), pflogsumm: String(theirs.length) });
    theirs.forEach((t, i) => {
      const m = mine[i];
      for (const k of ['key', 'received', 'delivered', 'deferrals', 'bounced', 'rejected'] as const) if (m?.[k] !== t[k]) bad.push({ key: `${name}[${t.key}].${k}`, ours: m?.[k], pflogsumm: t[k] });
    });
  };
  const theirDays = parsePerDay(report);
  if (theirDays.length) rows('perDay', ours.perDay, theirDays);
  rows('perHour', ours.perHour, parsePerHour(report));
  for (const [title, mine] of Object.entries(ours.lists)) {
    const theirs = parseUserList(report, title).slice(0, topN);
    const m = mine.slice(0, topN);
    if (m.length !== theirs.length) bad.push({ key: `${title}.length`, ours: String(m.length), pflogsumm: String(theirs.length) });
    theirs.forEach((t, i) => {
      if (m[i]?.value !== t.value || m[i]?.address !== t.address) bad.push({ key: `${title}[${i}]`, ours: m[i] ? `${m[i]?.value} ${m[i]?.address}` : undefined, pflogsumm: `${t.value} ${t.address}` });
    });
  }
  const sasl = parseSaslFailures(report);
  if (sasl !== ours.sasl) bad.push({ key: 'saslAuthFailures', ours: String(ours.sasl), pflogsumm: String(sasl) });
  return bad;
}
