/** Per-day counters for the mail-log parser, keyed by ISO date; pure. */
import type { MailCounts, MailDay } from '../../../shared/analysis/facts.js';

export interface DayTable {
  /** Counters for the day; year < 0 = guess from the reference date like pflogsumm. Unknown month: the last day seen. */
  get(year: number, month0: number, day: number): MailCounts | undefined;
  receivedInHour(d: MailCounts, hour: number): void;
  /** Days in date order. */
  list(): MailDay[];
  busiestHour(): { start: string; received: number } | undefined;
}

const pad = (n: number) => (n < 10 ? '0' : '') + n;

export function createDayTable(refYear: number, refMonth0: number): DayTable {
  const byKey = new Map<string, MailDay>();
  let lastY = NaN, lastM = NaN, lastD = NaN;
  let last: MailDay | undefined;
  return {
    get(year, month0, day) {
      // Unknown month name: pflogsumm keeps counting into the current day; so do we.
      if (month0 < 0 || month0 > 11 || day < 1 || day > 31) return last;
      const y = year >= 0 ? year : month0 > refMonth0 ? refYear - 1 : refYear;
      if (y === lastY && month0 === lastM && day === lastD && last) return last;
      const key = `${y}-${pad(month0 + 1)}-${pad(day)}`;
      let rec = byKey.get(key);
      if (!rec) {
        rec = { date: key, received: 0, delivered: 0, forwarded: 0, deferred: 0, deferrals: 0, bounced: 0, rejected: 0, bytesReceived: 0, bytesDelivered: 0, receivedPerHour: new Array<number>(24).fill(0) };
        byKey.set(key, rec);
      }
      lastY = y; lastM = month0; lastD = day; last = rec;
      return rec;
    },
    receivedInHour(d, hour) {
      const h = (d as MailDay).receivedPerHour;
      if (h && hour >= 0 && hour < 24) h[hour] = (h[hour] ?? 0) + 1;
    },
    list() {
      return [...byKey.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    },
    busiestHour() {
      let best: { start: string; received: number } | undefined;
      for (const d of this.list()) {
        (d.receivedPerHour ?? []).forEach((n, h) => {
          if (n > 0 && (!best || n > best.received)) best = { start: `${d.date}T${pad(h)}:00`, received: n };
        });
      }
      return best;
    },
  };
}
