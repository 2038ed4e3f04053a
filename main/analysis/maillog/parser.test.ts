import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EDGE_LINES } from '../../../test/support/maillog/edgeLines.js';
import { generateMaillog } from '../../../test/support/maillog/generate.js';
import { MaillogParser, clientYieldsDomain } from './parser.js';
import { toMailVolume } from './volume.js';

const opts = { referenceYear: 2026, referenceMonth: 10 };
const parse = (text: string, chunks?: number[]) => {
  const p = new MaillogParser(opts);
  if (!chunks) p.push(text);
  else {
    let prev = 0;
    for (const c of [...chunks].sort((a, b) => a - b)) { p.push(text.slice(prev, c)); prev = Math.max(prev, c); }
    p.push(text.slice(prev));
  }
  p.end();
  return p;
};

const sample = (n: number) => {
  const lines: string[] = [];
  for (const l of generateMaillog({ seed: 3, startMs: Date.UTC(2026, 4, 31, 22), messagesPerDay: 4000 })) {
    lines.push(l.text);
    if (lines.length >= n) break;
  }
  return lines.join('\n') + '\n';
};

describe('MaillogParser', () => {
  it('counts one inbound message through its whole life', () => {
    const p = parse([
      'Jun  1 08:00:00 mail postfix/smtpd[1]: connect from mx.example.com[192.0.2.1]',
      'Jun  1 08:00:00 mail postfix/smtpd[1]: 4ABCDEF0123: client=mx.example.com[192.0.2.1]',
      'Jun  1 08:00:00 mail postfix/cleanup[2]: 4ABCDEF0123: message-id=<x@example.com>',
      'Jun  1 08:00:01 mail postfix/qmgr[3]: 4ABCDEF0123: from=<a@example.com>, size=2048, nrcpt=2 (queue active)',
      'Jun  1 08:00:01 mail postfix/lmtp[4]: 4ABCDEF0123: to=<b@example.org>, relay=mail[private/dovecot-lmtp], delay=0.2, delays=0.1/0/0/0.1, dsn=2.0.0, status=sent (250 2.0.0 Saved)',
      'Jun  1 08:00:01 mail postfix/lmtp[4]: 4ABCDEF0123: to=<c@example.org>, relay=mail[private/dovecot-lmtp], delay=0.2, delays=0.1/0/0/0.1, dsn=4.2.0, status=deferred (mailbox locked)',
      'Jun  1 08:05:01 mail postfix/lmtp[4]: 4ABCDEF0123: to=<c@example.org>, relay=mail[private/dovecot-lmtp], delay=300, delays=0.1/0/0/0.1, dsn=4.2.0, status=deferred (mailbox locked)',
      'Jun  1 08:10:01 mail postfix/qmgr[3]: 4ABCDEF0123: from=<a@example.com>, size=2048, nrcpt=1 (queue active)',
      'Jun  1 08:10:01 mail postfix/lmtp[4]: 4ABCDEF0123: to=<c@example.org>, relay=mail[private/dovecot-lmtp], delay=600, delays=0.1/0/0/0.1, dsn=2.0.0, status=sent (250 2.0.0 Saved)',
      'Jun  1 08:10:01 mail postfix/qmgr[3]: 4ABCDEF0123: removed',
      'Jun  1 09:00:00 mail postfix/smtpd[1]: NOQUEUE: reject: RCPT from x[192.0.2.2]: 550 5.1.1 <n@example.org>: Recipient address rejected: User unknown; from=<s@x> to=<n@example.org> proto=ESMTP helo=<x>',
    ].join('\n'));
    expect(p.totals).toEqual({ received: 1, delivered: 2, forwarded: 0, deferred: 1, deferrals: 2, bounced: 0, rejected: 1, rejectWarnings: 0, held: 0, discarded: 0, bytesReceived: 2048, bytesDelivered: 4096 });
    expect([...p.senders]).toEqual([['a@example.com', [1, 2048]]]);
    expect([...p.recipients]).toEqual([['b@example.org', [1, 2048]], ['c@example.org', [1, 2048]]]);
    expect(p.perHour.received[8]).toBe(1);
    expect(p.perHour.rejected[9]).toBe(1);
    expect(p.dayCount).toBe(1);
    const v = toMailVolume(p);
    expect(v.days?.map((d) => d.date)).toEqual(['2026-06-01']);
    expect(v.busiestHour).toEqual({ start: '2026-06-01T08:00', received: 1 });
  });

  it('guesses the year like pflogsumm: a month after the reference month is last year', () => {
    const p = parse('Dec 31 23:59:59 mail postfix/smtpd[1]: 1A: client=a[192.0.2.1]\nJan  1 00:00:01 mail postfix/smtpd[1]: 1B: client=a[192.0.2.1]\n');
    const ref = new MaillogParser({ referenceYear: 2027, referenceMonth: 0 });
    ref.push('Dec 31 23:59:59 mail postfix/smtpd[1]: 1A: client=a[192.0.2.1]\nJan  1 00:00:01 mail postfix/smtpd[1]: 1B: client=a[192.0.2.1]\n');
    ref.end();
    expect(toMailVolume(ref).days?.map((d) => d.date)).toEqual(['2026-12-31', '2027-01-01']);
    expect(toMailVolume(p).days?.map((d) => d.date)).toEqual(['2025-12-31', '2026-01-01']);
  });

  it('gives the same totals however the stream is cut into chunks', () => {
    const text = sample(3000) + EDGE_LINES.join('\n');
    const whole = parse(text).totals;
    expect(whole.received).toBeGreaterThan(100);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 40 }), (cuts) => {
        expect(parse(text, cuts).totals).toEqual(whole);
      }),
      { numRuns: 15 },
    );
  });

  it('never throws on arbitrary or mangled input', () => {
    const base = sample(200);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), fc.integer({ min: 0, max: base.length }), (junk, at) => {
        const p = parse(base.slice(0, at) + junk + base.slice(at));
        expect(Number.isFinite(p.totals.bytesReceived)).toBe(true);
        toMailVolume(p);
      }),
      { numRuns: 120 },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('Mar  5 10:00:00 h ', 'postfix/', 'smtpd', 'cleanup', '[1]: ', 'ABC: ', 'client=', 'from=<', '>, size=', '9', 'to=<', 'relay=', ', ', 'delay=', 'status=', 'sent', 'reject: ', 'header ', '\n', ' ', ':'), { maxLength: 60 }), (parts) => {
        parse(parts.join(''));
      }),
      { numRuns: 300 },
    );
  });

  it('decides like pflogsumm whether a client string yields a sending domain', () => {
    expect(clientYieldsDomain('mx.example.com[192.0.2.1]')).toBe(true);
    expect(clientYieldsDomain('unknown[2001:db8::1]')).toBe(true);
    expect(clientYieldsDomain('weird-client-name')).toBe(false);
  });
});
