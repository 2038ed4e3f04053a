import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mailRecords, mailSeries, tallyMails, type DeliveredCopy, type SendAttempt, type SentMail } from './mailMatch';

const acc = (at: number): SendAttempt => ({ at, endAt: at + 50, outcome: 'accepted', stage: 'dot', code: 250 });
const refused = (at: number, code = 421): SendAttempt => ({ at, endAt: at + 10, outcome: 'refused', stage: 'banner', code });
const dropped = (at: number): SendAttempt => ({ at, endAt: at + 10, outcome: 'dropped', stage: 'connect' });
const ambiguous = (at: number): SendAttempt => ({ at, endAt: at + 3000, outcome: 'ambiguous', stage: 'dot' });

function mail(n: number, attempts: SendAttempt[]): SentMail {
  const a = attempts.find((x) => x.outcome === 'accepted');
  return { n, via: n % 2 ? 'submission' : 'smtp', attempts, ...(a ? { acceptedAt: a.endAt } : {}) };
}

describe('mail matcher', () => {
  it('tells lost, duplicated, delayed, refused-and-retried and never-accepted mails apart', () => {
    const sent = [
      mail(1, [acc(1000)]), // delivered once, quickly
      mail(2, [acc(2000)]), // lost
      mail(3, [acc(3000)]), // duplicated
      mail(4, [refused(4000), dropped(5000), acc(9000)]), // refused twice, then accepted and delivered
      mail(5, [acc(5000)]), // delayed by 120 s
      { ...mail(6, [refused(6000), refused(7000, 554)]), gaveUp: true }, // never accepted
    ];
    const delivered: DeliveredCopy[] = [
      { n: 1, deliveredAt: 1500 },
      { n: 3, deliveredAt: 3100 },
      { n: 3, deliveredAt: 3200 },
      { n: 4, deliveredAt: 9100 },
      { n: 5, deliveredAt: 125_050 },
    ];
    const t = tallyMails(mailRecords(sent, delivered), 60_000);
    expect(t.sent).toBe(6);
    expect(t.accepted).toBe(5);
    expect(t.delivered).toBe(4);
    expect(t.lost).toEqual([2]);
    expect(t.duplicated).toEqual([3]);
    expect(t.duplicatedAfterLostReply).toEqual([]);
    expect(t.refusedRetried).toEqual([4]);
    expect(t.neverAccepted).toEqual([6]);
    expect(t.bounced).toEqual([6]);
    expect(t.delayed).toEqual([{ n: 5, delayMs: 120_000 }]);
    expect(t.unexpected).toEqual([]);
    expect(t.delayMaxMs).toBe(120_000);
  });

  it('explains a second copy by a reply lost after the final dot (RFC 1047), not as a duplicate', () => {
    const sent = [mail(7, [ambiguous(1000), acc(5000)])];
    const t = tallyMails(mailRecords(sent, [{ n: 7, deliveredAt: 2000 }, { n: 7, deliveredAt: 5100 }]), 60_000);
    expect(t.duplicated).toEqual([]);
    expect(t.duplicatedAfterLostReply).toEqual([7]);
    // The delay counts from the 250, and the first copy was even earlier.
    expect(t.delayed).toEqual([]);
  });

  it('a mail delivered without a 250 is explained only by an ambiguous attempt', () => {
    const sent = [{ ...mail(8, [ambiguous(1000)]), gaveUp: true }, { ...mail(9, [dropped(1000)]), gaveUp: true }];
    const t = tallyMails(mailRecords(sent, [{ n: 8, deliveredAt: 1200 }, { n: 9, deliveredAt: 1300 }]), 60_000);
    expect(t.deliveredAfterLostReply).toEqual([8]);
    expect(t.unexpected).toEqual([9]);
    expect(t.neverAccepted).toEqual([]);
    expect(t.lost).toEqual([]);
  });

  it('copies of numbers nobody sent show up as unexpected', () => {
    const t = tallyMails(mailRecords([mail(1, [acc(0)])], [{ n: 1, deliveredAt: 10 }, { n: 99, deliveredAt: 20 }]), 60_000);
    expect(t.unexpected).toEqual([99]);
  });

  it('a mailbox that could not be read proves nothing: accepted mails are not verified, not lost', () => {
    // An aborted case, an unreachable VIP, a login timeout: no fetch succeeded, so no copies were seen.
    const sent = [mail(1, [acc(1000)]), mail(2, [refused(1500), acc(2000)]), { ...mail(3, [refused(3000)]), gaveUp: true }];
    const t = tallyMails(mailRecords(sent, []), 60_000, { mailboxRead: false });
    expect(t.accepted).toBe(2);
    expect(t.lost).toEqual([]);
    expect(t.notVerified).toEqual([1, 2]);
    expect(t.delivered).toBe(0);
    expect(t.refusedRetried).toEqual([2]);
    expect(t.neverAccepted).toEqual([3]);
  });

  it('a mailbox that was read and lacks a mail: lost as before, nothing unverified (also by default)', () => {
    const sent = [mail(1, [acc(1000)]), mail(2, [acc(2000)])];
    const delivered = [{ n: 1, deliveredAt: 1500 }];
    for (const t of [tallyMails(mailRecords(sent, delivered), 60_000, { mailboxRead: true }), tallyMails(mailRecords(sent, delivered), 60_000)]) {
      expect(t.lost).toEqual([2]);
      expect(t.notVerified).toEqual([]);
      expect(t.delivered).toBe(1);
    }
    // A read that found an empty mailbox is a read: everything accepted is lost.
    expect(tallyMails(mailRecords(sent, []), 60_000, { mailboxRead: true }).lost).toEqual([1, 2]);
  });

  it('property: every accepted mail is exactly one of delivered, lost or not verified; counts add up', () => {
    const attempt = fc.oneof(
      fc.constant<SendAttempt['outcome']>('accepted'),
      fc.constant<SendAttempt['outcome']>('refused'),
      fc.constant<SendAttempt['outcome']>('dropped'),
      fc.constant<SendAttempt['outcome']>('ambiguous'),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ outcomes: fc.array(attempt, { minLength: 1, maxLength: 4 }), copies: fc.integer({ min: 0, max: 3 }) }), { maxLength: 60 }), (spec) => {
        const sent: SentMail[] = spec.map((s, i) => {
          const cut = s.outcomes.indexOf('accepted');
          const outcomes = cut >= 0 ? s.outcomes.slice(0, cut + 1) : s.outcomes;
          return mail(i, outcomes.map((o, k) => ({ at: i * 1000 + k * 100, endAt: i * 1000 + k * 100 + 10, outcome: o, stage: 'dot' })));
        });
        const delivered = spec.flatMap((s, i) => Array.from({ length: s.copies }, () => ({ n: i, deliveredAt: i * 1000 + 500 })));
        const t = tallyMails(mailRecords(sent, delivered), 60_000);
        expect(t.delivered + t.lost.length).toBe(t.accepted);
        expect(t.notVerified).toEqual([]);
        // Without a read, every accepted mail is either delivered or not verified, never lost.
        const unread = tallyMails(mailRecords(sent, delivered), 60_000, { mailboxRead: false });
        expect(unread.lost).toEqual([]);
        expect(unread.notVerified).toEqual(t.lost);
        expect(unread.delivered).toBe(t.delivered);
        expect(t.sent).toBe(spec.length);
        const notAccepted = t.sent - t.accepted;
        expect(t.neverAccepted.length + t.deliveredAfterLostReply.length + t.unexpected.length).toBe(notAccepted);
        for (const n of t.duplicated) expect(t.duplicatedAfterLostReply).not.toContain(n);
      }),
    );
  });
});

describe('mailSeries', () => {
  it('counts cumulatively per bin', () => {
    const recs = mailRecords([mail(1, [acc(0)]), mail(2, [refused(500), acc(1500)])], [{ n: 1, deliveredAt: 900 }, { n: 2, deliveredAt: 2100 }]);
    expect(mailSeries(recs, 0, 3000, 1000)).toEqual([
      { t: 0, sent: 1, accepted: 0, delivered: 0 },
      { t: 1000, sent: 2, accepted: 1, delivered: 1 },
      { t: 2000, sent: 2, accepted: 2, delivered: 1 },
      { t: 3000, sent: 2, accepted: 2, delivered: 2 },
    ]);
  });
});
