/**
 * The failover probes and the mail flow against the lab's legacy mail server (the real Postfix, Dovecot and
 * MariaDB the cluster is made from), through the lab's loopback relays, with outages caused for real: Postfix
 * stopped for a known time must be measured as that outage, mails refused meanwhile must be retried and
 * delivered, and mails the server accepted and then lost must be reported lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeOutage } from '../../../shared/failover/outage';
import { mailRecords, tallyMails } from '../../../shared/failover/mailMatch';
import { fetchTestMails } from '../../../main/failover/mailFetch';
import { MailFlow, newMailToken } from '../../../main/failover/mailFlow';
import { TlsPins } from '../../../main/failover/net/tlsPins';
import { ProbeLoop } from '../../../main/failover/probeLoop';
import { probeDefs } from '../../../main/failover/probes';
import type { ProbeContext } from '../../../main/failover/probes/types';
import { labNode, type LabStatus } from '../lib/statusSchema.js';
import { lab, rootOn, tunnel } from './labContext';

let st: LabStatus;
let ports: { smtp: number; submission: number; imap: number; pop3: number };
let sql: { port: number; stop(): void };
const mailbox = () => ({ user: st.credentials.mailbox.user, password: st.credentials.mailbox.password });
const host = '127.0.0.1';

beforeAll(async () => {
  st = lab();
  const s = labNode(st, 'legacy').services;
  ports = { smtp: s.smtp!.port, submission: s.submission!.port, imap: s.imap!.port, pop3: s.pop3!.port };
  // legacy's MariaDB listens on its loopback only, as Debian installs it: reach it through SSH.
  sql = await tunnel(st, 'legacy', '127.0.0.1', 3306);
  await rootOn(st, 'legacy', 'systemctl start postfix dovecot mariadb');
});

afterAll(async () => {
  sql?.stop();
  await rootOn(st, 'legacy', 'systemctl start postfix dovecot mariadb');
});

function ctx(port: number, pins: TlsPins, creds?: { user: string; password: string }, extra: Partial<ProbeContext> = {}): ProbeContext {
  return { endpoint: { host, port }, pins, timeoutMs: 3000, heloName: 'failover-probe.lab.test', ...(creds ? { credentials: creds } : {}), ...extra };
}

describe('probes against the legacy server', () => {
  it('every probe succeeds and pins the one certificate Postfix and Dovecot share', async () => {
    const pins = new TlsPins();
    const db = { user: st.credentials.mariadb.user, password: st.credentials.mariadb.password };
    const results = {
      smtp: await probeDefs.smtp.run(ctx(ports.smtp, pins)),
      submission: await probeDefs.submission.run(ctx(ports.submission, pins, mailbox())),
      imap: await probeDefs.imap.run(ctx(ports.imap, pins, mailbox())),
      pop3: await probeDefs.pop3.run(ctx(ports.pop3, pins, mailbox())),
      sql: await probeDefs.sql.run(ctx(sql.port, pins, db, { database: st.credentials.mariadb.database })),
    };
    for (const [p, r] of Object.entries(results)) expect(r, p).toMatchObject({ ok: true });
    const fp = new Set([pins.get(`${host}:${ports.submission}`), pins.get(`${host}:${ports.imap}`), pins.get(`${host}:${ports.pop3}`)].map((x) => x?.fingerprint256));
    expect(fp.size).toBe(1);
    expect(pins.get(`${host}:${ports.imap}`)?.selfSigned).toBe(true);
    // The containers share the host's clock: the server's clock reads as this one's, within the probe's own time.
    expect(Math.abs(results.sql.serverTimeMs! - results.sql.at)).toBeLessThan(1000);
  });

  it('refuses a certificate other than the pinned one before sending the password', async () => {
    const pins = new TlsPins();
    expect((await probeDefs.imap.run(ctx(ports.imap, pins, mailbox()))).ok).toBe(true);
    // Same endpoint key, another server's certificate: a new self-signed one on legacy for a moment.
    const key = `${host}:${ports.imap}`;
    (pins as unknown as { pins: Map<string, { fingerprint256: string }> }).pins.get(key)!.fingerprint256 = 'AA:BB';
    const r = await probeDefs.imap.run(ctx(ports.imap, pins, mailbox()));
    expect(r).toMatchObject({ ok: false, error: 'certChanged' });
    expect(pins.changed.get(key)?.expected).toBe('AA:BB');
  });

  it('names the stage a probe broke at: a wrong password at auth, a stopped service at the banner (last: Dovecot slows down logins after failed ones)', async () => {
    const pins = new TlsPins();
    const bad = { user: st.credentials.mailbox.user, password: 'wrong-password' };
    expect((await probeDefs.imap.run(ctx(ports.imap, pins, bad, { timeoutMs: 20_000 }))).error).toBe('auth');
    expect((await probeDefs.pop3.run(ctx(ports.pop3, pins, bad, { timeoutMs: 20_000 }))).error).toBe('auth');
    expect((await probeDefs.submission.run(ctx(ports.submission, pins, bad, { timeoutMs: 20_000 }))).error).toBe('reply:535');
    await rootOn(st, 'legacy', 'systemctl stop postfix');
    try {
      // `postfix stop` only signals the master: it answers for a moment after systemctl returns. Then the
      // relay still accepts the TCP connection and closes it, as nothing listens behind it.
      let r = await probeDefs.smtp.run(ctx(ports.smtp, pins));
      for (let i = 0; i < 25 && r.ok; i++) {
        await new Promise((x) => setTimeout(x, 200));
        r = await probeDefs.smtp.run(ctx(ports.smtp, pins));
      }
      expect(r.ok).toBe(false);
      expect(['closed', 'reset', 'banner', 'timeout']).toContain(r.error);
    } finally {
      await rootOn(st, 'legacy', 'systemctl start postfix');
    }
  });
});

describe('mail flow against the legacy server', () => {
  it('an outage caused for real is measured as long as it was, refused mails are retried and all arrive once', async () => {
    const pins = new TlsPins();
    const loop = new ProbeLoop({
      probes: [
        { protocol: 'smtp', ctx: ctx(ports.smtp, pins) },
        { protocol: 'imap', ctx: ctx(ports.imap, pins, mailbox()) },
      ],
      intervalMs: 200,
    });
    const token = newMailToken();
    const flow = new MailFlow({ smtp: { host, port: ports.smtp }, submission: { host, port: ports.submission }, credentials: mailbox(), from: st.credentials.mailbox.user, to: st.credentials.mailbox.user, caseId: 'standby', token, ratePerS: 4, pins, heloName: 'failover-probe.lab.test' });
    loop.start();
    flow.start();
    await new Promise((r) => setTimeout(r, 3000));
    const stopAt = Date.now();
    await rootOn(st, 'legacy', 'systemctl stop postfix');
    const stoppedAt = Date.now();
    await new Promise((r) => setTimeout(r, 4000));
    await rootOn(st, 'legacy', 'systemctl start postfix');
    const startedAgain = Date.now();
    await new Promise((r) => setTimeout(r, 3000));
    await flow.finish(Date.now() + 60_000);
    await loop.stop();
    const end = Date.now();
    const smtp = computeOutage('smtp', loop.samplesOf('smtp'), stopAt, end);
    const imap = computeOutage('imap', loop.samplesOf('imap'), stopAt, end);
    // The service was down from some time in [stopAt, stoppedAt] to some time in [startedAgain - start time, startedAgain].
    expect(smtp.windows).toHaveLength(1);
    expect(smtp.maxMs).toBeGreaterThan(startedAgain - stoppedAt - 2000);
    expect(smtp.maxMs).toBeLessThan(startedAgain - stopAt + 800);
    expect(imap.windows).toHaveLength(0);
    let delivered = await fetchTestMails({ imap: { host, port: ports.imap }, credentials: mailbox(), pins, token });
    for (let i = 0; i < 20 && new Set(delivered.map((d) => d.n)).size < flow.counts().accepted; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      delivered = await fetchTestMails({ imap: { host, port: ports.imap }, credentials: mailbox(), pins, token });
    }
    const t = tallyMails(mailRecords(flow.mails(), delivered), 60_000);
    expect(t.sent).toBeGreaterThan(30);
    expect(t.accepted).toBe(t.sent);
    expect(t.lost).toEqual([]);
    expect(t.duplicated).toEqual([]);
    expect(t.refusedRetried.length).toBeGreaterThan(0);
    expect(t.delivered).toBe(t.accepted);
    await fetchTestMails({ imap: { host, port: ports.imap }, credentials: mailbox(), pins, token, deleteAfter: true });
  });

  it('mails the server accepted and then lost are reported lost (negative control of the matcher)', async () => {
    const pins = new TlsPins();
    const token = newMailToken();
    // Dovecot down: Postfix accepts and queues (LMTP deferred); then the queue is deleted before delivery.
    await rootOn(st, 'legacy', 'systemctl stop dovecot');
    const flow = new MailFlow({ smtp: { host, port: ports.smtp }, from: st.credentials.mailbox.user, to: st.credentials.mailbox.user, caseId: 'hardCrash', token, ratePerS: 5, pins, heloName: 'failover-probe.lab.test' });
    try {
      flow.start();
      await new Promise((r) => setTimeout(r, 2000));
      await flow.finish(Date.now() + 30_000);
      await rootOn(st, 'legacy', 'postsuper -d ALL deferred; postsuper -d ALL');
    } finally {
      await rootOn(st, 'legacy', 'systemctl start dovecot');
    }
    await new Promise((r) => setTimeout(r, 2000));
    const delivered = await fetchTestMails({ imap: { host, port: ports.imap }, credentials: mailbox(), pins, token });
    const t = tallyMails(mailRecords(flow.mails(), delivered), 60_000);
    expect(t.accepted).toBeGreaterThan(5);
    expect(t.lost.length).toBe(t.accepted);
    expect(delivered).toEqual([]);
  });
});
