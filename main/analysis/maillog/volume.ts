/** Turns a finished MaillogParser into MailVolume facts. Pure. */
import type { MailParty, MailVolume } from '../../../shared/analysis/facts.js';
import type { MaillogParser, PartyTally } from './parser.js';

/** How many senders and recipients the facts keep, per list. */
export const TOP_PARTIES = 10;

/** pflogsumm's normalize_host(): the sort key for equal counts (reversed labels, or the IP's octets). */
export function normalizeHost(s: string): string {
  const first = s.split(/\s/)[0] ?? '';
  const q = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(first);
  if (q) return String.fromCharCode(...q.slice(1).map(Number));
  return first.split(/[.@]/).reverse().map((p) => p.replace(/[A-Z]+/g, (m) => m.toLowerCase())).join('');
}

/**
 * The top `n` addresses by messages (index 0) or bytes (index 1), ordered as pflogsumm prints them: by the
 * figure, then by normalizeHost. Addresses stay as in the log (one char per byte).
 */
export function topParties(m: ReadonlyMap<string, PartyTally>, index: 0 | 1, n = TOP_PARTIES): Array<{ address: string; messages: number; bytes: number }> {
  return [...m.entries()]
    .map(([address, t]) => ({ address, messages: t[0], bytes: t[1], key: normalizeHost(address) }))
    .sort((a, b) => (index === 0 ? b.messages - a.messages : b.bytes - a.bytes) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, n)
    .map(({ address, messages, bytes }) => ({ address, messages, bytes }));
}

/** The log's bytes (latin1 chars) read as the UTF-8 text they usually are; facts are cleaned later anyway. */
const text = (latin1: string) => (/[\x80-\xff]/.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1);
const asFacts = (list: ReturnType<typeof topParties>): MailParty[] => list.map((p) => ({ ...p, address: text(p.address) }));

export function toMailVolume(p: MaillogParser, files?: string[]): MailVolume {
  const days = p.dayTable().list();
  const busiest = p.dayTable().busiestHour();
  return {
    days,
    totals: { ...p.totals },
    summary: { senders: p.senders.size, sendingDomains: p.sendingDomains.size, recipients: p.recipients.size, recipientDomains: p.recipientDomains.size, saslAuthFailures: p.saslAuthFailures },
    perHour: { received: [...p.perHour.received], delivered: [...p.perHour.delivered], deferrals: [...p.perHour.deferrals], bounced: [...p.perHour.bounced], rejected: [...p.perHour.rejected] },
    dayCount: p.dayCount,
    topSenders: { byCount: asFacts(topParties(p.senders, 0)), bySize: asFacts(topParties(p.senders, 1)) },
    topRecipients: { byCount: asFacts(topParties(p.recipients, 0)), bySize: asFacts(topParties(p.recipients, 1)) },
    ...(busiest ? { busiestHour: busiest } : {}),
    linesRead: p.linesRead,
    ...(files ? { files } : {}),
  };
}
