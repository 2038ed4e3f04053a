import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EDGE_LINES } from '../../../test/support/maillog/edgeLines.js';
import { compareReport, oursAsReport, parseGrandTotals, parsePerHour, parseSaslFailures, parseUserList, PFLOGSUMM, runPflogsumm } from '../../../test/support/maillog/pflogsumm.js';
import { writeRotatedLogs } from '../../../test/support/maillog/writeLogs.js';
import { parseLogFiles } from './readLogs.js';
import { toMailVolume } from './volume.js';

const dir = mkdtempSync(join(tmpdir(), 'mhs-maillog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const now = new Date();
const opts = { referenceYear: now.getFullYear(), referenceMonth: now.getMonth() };

/**
 * Lines for the totals the generator rarely or never writes: SASL failures in their variants (also behind
 * submission/smtps and with a nested "warning:"), mixed-case addresses and client names, pickup senders
 * without a domain, bounce senders (from=<>), addresses with latin1 bytes, a reject warning in cleanup.
 */
const EXTRA = [
  'Mar  6 08:00:01 mail postfix/smtpd[200]: warning: unknown[203.0.113.9]: SASL LOGIN authentication failed: authentication failure',
  'Mar  6 08:00:02 mail postfix/submission/smtpd[201]: warning: unknown[203.0.113.9]: SASL PLAIN authentication failed: ',
  'Mar  6 08:00:03 mail postfix/smtps/smtpd[202]: warning: x.example[203.0.113.10]: SASL CRAM-MD5 authentication failed: warning: nested',
  'Mar  6 08:00:04 mail postfix/smtpd[200]: warning: hostname 1-2-3-4.dyn.example does not resolve to address 1.2.3.4',
  'Mar  6 08:00:05 mail postfix/smtp[203]: warning: SASL authentication failed; server smart.example.net said: 535 no',
  'Mar  6 08:01:00 mail postfix/smtpd[204]: 2BBB0000001: client=Mail.Example.COM[192.0.2.20]',
  'Mar  6 08:01:00 mail postfix/qmgr[101]: 2BBB0000001: from=<Anna.Schmidt@Example.ORG>, size=1500, nrcpt=2 (queue active)',
  'Mar  6 08:01:01 mail postfix/lmtp[112]: 2BBB0000001: to=<Info@Kanzlei-Weber.DE>, relay=mail[private/dovecot-lmtp], delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (250 ok)',
  'Mar  6 08:01:01 mail postfix/lmtp[112]: 2BBB0000001: to=<info@kanzlei-weber.de>, relay=mail[private/dovecot-lmtp], delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (250 ok)',
  'Mar  6 08:02:00 mail postfix/pickup[111]: 2BBB0000002: uid=33 from=<www-data>',
  'Mar  6 08:02:00 mail postfix/qmgr[101]: 2BBB0000002: from=<www-data>, size=700, nrcpt=1 (queue active)',
  'Mar  6 08:02:01 mail postfix/smtp[203]: 2BBB0000002: to=<kunde\xe4@example.net>, relay=smart.example.net[198.51.100.2]:587, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 ok)',
  'Mar  6 08:03:00 mail postfix/smtpd[205]: 2BBB0000003: client=unknown[198.51.100.77]',
  'Mar  6 08:03:00 mail postfix/qmgr[101]: 2BBB0000003: from=<>, size=2200, nrcpt=1 (queue active)',
  'Mar  6 08:03:01 mail postfix/virtual[113]: 2BBB0000003: to=<postmaster@example.org>, relay=virtual, delay=0.2, delays=0/0/0/0.2, dsn=2.0.0, status=sent (delivered to maildir)',
  // A second message for info@ (lower case), so it and Info@ do not tie: equal counts of addresses that
  // differ only in case are ordered by Perl's hash order, which nobody can reproduce.
  'Mar  6 08:03:01 mail postfix/virtual[113]: 2BBB0000003: to=<info@kanzlei-weber.de>, relay=virtual, delay=0.2, delays=0/0/0/0.2, dsn=2.0.0, status=sent (delivered to maildir)',
  'Mar  6 08:04:00 mail postfix/smtpd[206]: 2BBB0000004: client=mx01.m\xfcller-bau.de[192.0.2.33]',
  'Mar  6 08:04:00 mail postfix/qmgr[101]: 2BBB0000004: from=<b\xfcro@m\xfcller-bau.de>, size=4100, nrcpt=1 (queue active)',
  'Mar  6 08:04:01 mail postfix/lmtp[112]: 2BBB0000004: to=<anna.schmidt@example.org>, relay=mail[private/dovecot-lmtp], delay=0.1, status=sent (250 ok)',
  'Mar  6 08:05:00 mail postfix/cleanup[107]: 2BBB0000005: reject_warning: header Subject: x from y[192.0.2.3]; from=<a@b> to=<c@d>',
  'Mar  6 08:05:00 mail postfix/cleanup[107]: 2BBB0000006: discard: body spam from y[192.0.2.3]; from=<a@b> to=<c@d>',
];

describe.skipIf(!existsSync(PFLOGSUMM))('mail-log statistics equal pflogsumm (LC_ALL=C) on every total', () => {
  it('on generated rotated + gzipped logs with hand-written corner cases', async () => {
    const logs = writeRotatedLogs(dir, { seed: 7, startMs: Date.UTC(2026, 2, 3), messagesPerDay: 900, maxBytes: 4_000_000, maxDays: 5 });
    expect(logs.files.some((f) => f.endsWith('.gz'))).toBe(true);
    const newest = logs.files[logs.files.length - 1] as string;
    appendFileSync(newest, [...EDGE_LINES, ...EXTRA].join('\n') + '\n', 'latin1');

    const ours = await parseLogFiles(logs.files, opts);
    const report = await runPflogsumm(logs.files);
    expect(parseGrandTotals(report).received).toBeDefined();
    expect(compareReport(ours, report)).toEqual([]);

    // The log really exercises every figure, so equality means something.
    const mine = oursAsReport(ours);
    for (const [k, v] of Object.entries(mine.totals)) expect(v, k).toBeGreaterThan(0);
    expect(mine.sasl).toBeGreaterThan(3);
    expect(parseSaslFailures(report)).toBe(mine.sasl);
    expect(mine.perDay.length).toBeGreaterThanOrEqual(5);
    expect(parsePerHour(report)).toHaveLength(24);
    expect(parseUserList(report, 'Senders by message count').length).toBeGreaterThan(100);
    expect(report).toMatch(/^ +\d+k {2}\S/m); // some list values carry pflogsumm's k unit

    // The facts keep the same figures.
    const v = toMailVolume(ours);
    expect(v.summary).toEqual({ senders: ours.senders.size, sendingDomains: ours.sendingDomains.size, recipients: ours.recipients.size, recipientDomains: ours.recipientDomains.size, saslAuthFailures: mine.sasl });
    expect(v.topSenders?.byCount.map((s) => s.address)).toEqual(parseUserList(report, 'Senders by message count').slice(0, 10).map((e) => Buffer.from(e.address, 'latin1').toString('utf8')));
    expect(v.dayCount).toBe(ours.dayCount);
  }, 120_000);

  it('negative control: a log with one changed line no longer has parity', async () => {
    const file = join(dir, 'one.log');
    writeFileSync(file, EXTRA.join('\n') + '\n', 'latin1');
    const report = await runPflogsumm([file]);
    const ours = await parseLogFiles([file], opts);
    expect(compareReport(ours, report)).toEqual([]);
    // Our parser reads one more SASL failure than pflogsumm was given.
    ours.push('Mar  6 09:00:00 mail postfix/smtpd[200]: warning: unknown[203.0.113.9]: SASL LOGIN authentication failed: x\n');
    ours.end();
    expect(compareReport(ours, report).map((m) => m.key)).toContain('saslAuthFailures');
  });
});
