/**
 * Runs the installed pflogsumm on log files (streamed through `zcat -f`, as on the server) and reads its
 * "Grand Totals" section. Used by the parity test and the benchmark.
 */
import { spawn } from 'node:child_process';
import type { MailCounts } from '../../../shared/analysis/facts.js';

export const PFLOGSUMM = '/usr/sbin/pflogsumm';

export type PflogsummTotals = Partial<Record<keyof MailCounts, string>>;

const LABELS: Array<[RegExp, keyof MailCounts]> = [
  [/^\s*(\d+[ km]?)\s+received$/, 'received'],
  [/^\s*(\d+[ km]?)\s+delivered$/, 'delivered'],
  [/^\s*(\d+[ km]?)\s+forwarded$/, 'forwarded'],
  [/^\s*(\d+[ km]?)\s+bounced$/, 'bounced'],
  [/^\s*(\d+[ km]?)\s+rejected \(\d+%\)$/, 'rejected'],
  [/^\s*(\d+[ km]?)\s+bytes received$/, 'bytesReceived'],
  [/^\s*(\d+[ km]?)\s+bytes delivered$/, 'bytesDelivered'],
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

export interface PflogsummDay {
  /** YYYY-MM-DD */
  date: string;
  received: string;
  delivered: string;
  /** pflogsumm's per-day "deferred" column counts deferrals. */
  deferrals: string;
  bounced: string;
  rejected: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The "Per-Day Traffic Summary" table (printed when the log spans more than one day); missing columns are 0. */
export function parsePerDay(report: string): PflogsummDay[] {
  const start = report.indexOf('Per-Day Traffic Summary');
  if (start < 0) return [];
  const out: PflogsummDay[] = [];
  for (const line of report.slice(start).split('\n').slice(4)) {
    const m = /^\s+([A-Z][a-z]{2})\s+(\d{1,2}) (\d{4})((?:\s+\d+[km]?)*)\s*$/.exec(line);
    if (!m) break;
    const v = (m[4] ?? '').trim().split(/\s+/).filter(Boolean);
    const mon = MONTHS.indexOf(m[1] ?? '') + 1;
    out.push({ date: `${m[3]}-${String(mon).padStart(2, '0')}-${(m[2] ?? '').padStart(2, '0')}`, received: v[0] ?? '0', delivered: v[1] ?? '0', deferrals: v[2] ?? '0', bounced: v[3] ?? '0', rejected: v[4] ?? '0' });
  }
  return out;
}

/** pflogsumm's adj_int_units + "%6d%s": integer part with k (> 512k) or m (> 512m) unit. */
export function pflogsummUnits(value: number): string {
  if (value > 536870912) return `${Math.trunc(value / 1048576)}m`;
  if (value > 524288) return `${Math.trunc(value / 1024)}k`;
  return String(Math.trunc(value));
}

export function runPflogsumm(files: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `zcat -f -- "$@" | ${PFLOGSUMM}`, 'sh', ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
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

/** Compares our counts with pflogsumm's printed totals; returns the mismatching keys. */
export function compareTotals(ours: MailCounts, theirs: PflogsummTotals): Array<{ key: keyof MailCounts; ours: string; pflogsumm: string | undefined }> {
  const bad: Array<{ key: keyof MailCounts; ours: string; pflogsumm: string | undefined }> = [];
  for (const key of Object.keys(ours) as Array<keyof MailCounts>) {
    const mine = pflogsummUnits(ours[key]);
    if (theirs[key] !== mine) bad.push({ key, ours: mine, pflogsumm: theirs[key] });
  }
  return bad;
}
