import { describe, expect, it } from 'vitest';
import { out } from '../../../test/support/analysis/bundle.js';
import { parseMaillogCollector } from './maillog.js';

const LOG = `Nov 24 09:00:00 mail postfix/smtpd[1]: 3F1A2B4C5D: client=mx.example.com[192.0.2.1]
Nov 24 09:00:00 mail postfix/qmgr[2]: 3F1A2B4C5D: from=<a@example.com>, size=1000, nrcpt=1 (queue active)
Nov 24 09:00:01 mail postfix/lmtp[3]: 3F1A2B4C5D: to=<b@example.org>, relay=mail[private/dovecot-lmtp], delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (250 2.0.0 Saved)
Nov 25 10:00:00 mail postfix/smtpd[1]: NOQUEUE: reject: RCPT from x[192.0.2.9]: 554 5.7.1 Service unavailable; from=<s@x> to=<b@example.org> proto=ESMTP helo=<x>`;

describe('mail log collector parser', () => {
  it('counts per day with the server date as year reference', () => {
    const r = parseMaillogCollector(out({ date: '2026-11-25', files: '/var/log/mail.log.1\n/var/log/mail.log', log: LOG }));
    expect(r.notes).toEqual([]);
    expect(r.mailVolume?.days?.map((d) => [d.date, d.received, d.delivered, d.rejected])).toEqual([['2026-11-24', 1, 1, 0], ['2026-11-25', 0, 0, 1]]);
    expect(r.mailVolume?.totals).toMatchObject({ received: 1, delivered: 1, rejected: 1, bytesReceived: 1000 });
    expect(r.mailVolume?.files).toEqual(['/var/log/mail.log.1', '/var/log/mail.log']);
  });

  it('notes an empty journal fallback', () => {
    const r = parseMaillogCollector(out({ date: '2026-11-25', files: '', log: '-- No entries --' }));
    expect(r.mailVolume).toBeUndefined();
    expect(r.notes.map((n) => n.key)).toEqual(['analysis:notes.maillog.fromJournal', 'analysis:notes.maillog.noPostfixLines']);
  });
});

describe('mail log collector as a stream', () => {
  it('gives the same result however stdout is chunked, without keeping the log', async () => {
    const { createMaillogStream } = await import('./maillog.js');
    const raw = out({ date: '2026-11-25', files: '/var/log/mail.log', log: LOG.repeat(3) });
    const whole = parseMaillogCollector(raw);
    expect(whole.mailVolume?.totals?.received).toBe(3);
    for (const size of [1, 7, 64, 1000]) {
      const s = createMaillogStream();
      for (let i = 0; i < raw.length; i += size) s.push(raw.slice(i, i + size));
      expect(s.end()).toEqual(whole);
    }
  });

  it('keeps the counts but notes a log file that could not be read', () => {
    const r = parseMaillogCollector(out({ date: '2026-11-25', files: '/var/log/mail.log.1\n/var/log/mail.log', log: [`${LOG}\nzcat: /var/log/mail.log: Permission denied`, 1] }));
    expect(r.mailVolume?.totals?.received).toBe(1);
    expect(r.notes.map((n) => n.key)).toEqual(['analysis:notes.permissionDenied']);
  });

  it('reports a failed log command', () => {
    const r = parseMaillogCollector(out({ date: '2026-11-25', files: '', log: ['journalctl: command not found', 127] }));
    expect(r.notes.map((n) => n.key)).toEqual(['analysis:notes.toolMissing']);
  });
});
