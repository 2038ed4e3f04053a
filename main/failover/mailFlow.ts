/**
 * The mail flow during a case: numbered test mails at a set rate, alternating between port 25 (as an MTA
 * delivers) and 587 (as a client submits, STARTTLS + AUTH). Each transaction is recorded with the stage it
 * reached and the server's reply; a mail counts as accepted only after the 250 to its DATA. Refused or broken
 * transactions are retried like a real MTA does, only faster (1 s doubling to 10 s instead of Postfix's
 * 5 minutes) so a case ends in minutes; a permanent 5xx ends the retries, as a bounce would.
 */
import { randomBytes } from 'node:crypto';
import type { SendAttempt, SentMail, SmtpStage } from '../../shared/failover/mailMatch';
import { ConnError, LineConn } from './net/lineConn';
import type { TlsPins } from './net/tlsPins';
import { smtpAuth, smtpHello, smtpQuit, StageError } from './probes/smtp';
import type { Credentials, Endpoint, ProbeContext } from './probes/types';

export interface MailFlowOptions {
  smtp?: Endpoint;
  submission?: Endpoint;
  credentials?: Credentials;
  from: string;
  to: string;
  caseId: string;
  /** Identifies this case's mails in the mailbox (X-MHS-Test header). */
  token: string;
  ratePerS: number;
  pins: TlsPins;
  heloName: string;
  /** Whole transaction (default 20 s). */
  timeoutMs?: number;
  retryFirstMs?: number;
  retryMaxMs?: number;
  /** Sends in flight at once (default 24). */
  maxInFlight?: number;
  onAttempt?: (mail: SentMail, attempt: SendAttempt) => void;
}

export function newMailToken(): string {
  return randomBytes(6).toString('hex');
}

function rfc5322Date(d: Date): string {
  return d.toUTCString().replace(/GMT$/, '+0000');
}

export function testMessage(o: Pick<MailFlowOptions, 'from' | 'to' | 'caseId' | 'token'>, n: number, via: string, now: Date): string {
  const lines = [
    `From: Mail HA Studio failover test <${o.from}>`,
    `To: <${o.to}>`,
    `Subject: [MHS failover] ${o.caseId} #${n} (${o.token})`,
    `Date: ${rfc5322Date(now)}`,
    `Message-ID: <mhs.${o.token}.${n}@mail-ha-studio.invalid>`,
    `X-MHS-Test: ${o.token} ${n}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `Test mail ${n} of failover case ${o.caseId} (token ${o.token}), sent via ${via} at ${now.toISOString()}.`,
    'Mail HA Studio sends these mails while it injects a failure and counts them in this mailbox afterwards.',
  ];
  return lines.join('\r\n') + '\r\n';
}

class Transaction {
  stage: SmtpStage = 'connect';
  code: number | undefined;
}

export class MailFlow {
  private readonly list: SentMail[] = [];
  private readonly pending = new Map<number, ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private next = 1;
  private sending = false;
  private startedAt = 0;
  private produced = 0;
  private closed = false;

  constructor(private readonly o: MailFlowOptions) {}

  private ports(): ('smtp' | 'submission')[] {
    return [...(this.o.smtp ? (['smtp'] as const) : []), ...(this.o.submission && this.o.credentials ? (['submission'] as const) : [])];
  }

  start(): void {
    if (this.sending || !this.ports().length) return;
    this.sending = true;
    this.startedAt = Date.now();
    this.produced = 0;
    this.produce();
  }

  private produce() {
    if (!this.sending) return;
    const ports = this.ports();
    const n = this.next++;
    const mail: SentMail = { n, via: ports[n % ports.length]!, attempts: [] };
    this.list.push(mail);
    this.attempt(mail);
    this.produced++;
    const due = this.startedAt + (this.produced * 1000) / this.o.ratePerS - Date.now();
    this.timer = setTimeout(() => this.produce(), Math.max(0, due));
  }

  private attempt(mail: SentMail) {
    if (this.closed) return;
    if (this.inFlight.size >= (this.o.maxInFlight ?? 24)) {
      // Like a busy MTA: try again shortly instead of opening ever more connections.
      this.retryLater(mail, 500);
      return;
    }
    const p = this.send(mail)
      .then((a) => {
        mail.attempts.push(a);
        if (a.outcome === 'accepted') mail.acceptedAt = a.endAt;
        else if (a.outcome === 'refused' && (a.code ?? 0) >= 500) mail.gaveUp = true;
        else this.retryLater(mail, this.backoff(mail.attempts.length));
        this.o.onAttempt?.(mail, a);
      })
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  private backoff(attempts: number): number {
    const first = this.o.retryFirstMs ?? 1000;
    return Math.min(this.o.retryMaxMs ?? 10_000, first * 2 ** Math.max(0, attempts - 1));
  }

  private retryLater(mail: SentMail, ms: number) {
    if (this.closed) return;
    const t = setTimeout(() => {
      this.pending.delete(mail.n);
      this.attempt(mail);
    }, ms);
    this.pending.set(mail.n, t);
  }

  private async send(mail: SentMail): Promise<SendAttempt> {
    const ep = mail.via === 'smtp' ? this.o.smtp! : this.o.submission!;
    const at = Date.now();
    const timeoutMs = this.o.timeoutMs ?? 20_000;
    const deadline = at + timeoutMs;
    const tx = new Transaction();
    const ctx: ProbeContext = { endpoint: ep, pins: this.o.pins, timeoutMs, heloName: this.o.heloName, ...(this.o.credentials ? { credentials: this.o.credentials } : {}) };
    let c: LineConn | undefined;
    const result = (outcome: SendAttempt['outcome']): SendAttempt => ({ at, endAt: Date.now(), outcome, stage: tx.stage, ...(tx.code !== undefined ? { code: tx.code } : {}) });
    try {
      c = await LineConn.open(ep.host, ep.port, { timeoutMs });
      tx.stage = 'banner';
      await smtpHello(c, ctx, deadline, mail.via === 'submission');
      if (mail.via === 'submission') {
        tx.stage = 'auth';
        await smtpAuth(c, ctx, deadline);
      }
      const reply = async (stage: SmtpStage, ok: (code: number) => boolean) => {
        tx.stage = stage;
        const r = await c!.readSmtpReply(deadline);
        tx.code = r.code;
        if (!ok(r.code)) throw new StageError(stage, r.code);
      };
      c.write(`MAIL FROM:<${this.o.from}>\r\n`);
      await reply('mail', (x) => x === 250);
      c.write(`RCPT TO:<${this.o.to}>\r\n`);
      await reply('rcpt', (x) => x === 250 || x === 251);
      c.write('DATA\r\n');
      await reply('data', (x) => x === 354);
      c.write(`${testMessage(this.o, mail.n, mail.via === 'smtp' ? 'port 25' : 'port 587', new Date())}.\r\n`);
      tx.stage = 'dot';
      tx.code = undefined;
      const r = await c.readSmtpReply(deadline);
      tx.code = r.code;
      if (r.code !== 250) return result('refused');
      const a = result('accepted');
      void smtpQuit(c);
      return a;
    } catch (e) {
      c?.close();
      if (e instanceof StageError) {
        if (e.code !== undefined) tx.code = e.code;
        // smtpHello names banner/ehlo/starttls stages itself.
        if (['banner', 'ehlo', 'starttls', 'auth'].includes(e.stage)) tx.stage = e.stage as SmtpStage;
        return result(e.code !== undefined ? 'refused' : 'dropped');
      }
      // After the final dot the server may have queued the mail although its reply never came (RFC 1047).
      if (tx.stage === 'dot' && tx.code === undefined) return result('ambiguous');
      if (e instanceof ConnError && tx.stage === 'connect') return result('dropped');
      return result('dropped');
    }
  }

  /** No new mails from now on; pending retries continue. */
  stopNew(): void {
    this.sending = false;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Retries what is still pending until `deadline`, then gives up on the rest (they were never accepted). */
  async finish(deadline: number): Promise<void> {
    this.stopNew();
    while (Date.now() < deadline && (this.pending.size > 0 || this.inFlight.size > 0)) await new Promise((r) => setTimeout(r, 200));
    this.closed = true;
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    await Promise.all([...this.inFlight]);
    for (const m of this.list) if (m.acceptedAt === undefined) m.gaveUp = true;
  }

  /** Ends at once (cancel): nothing is retried any more. */
  async abort(): Promise<void> {
    this.stopNew();
    this.closed = true;
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    await Promise.all([...this.inFlight]);
    for (const m of this.list) if (m.acceptedAt === undefined) m.gaveUp = true;
  }

  mails(): SentMail[] {
    return this.list.map((m) => ({ ...m, attempts: [...m.attempts] }));
  }

  counts(): { sent: number; accepted: number; pending: number } {
    return { sent: this.list.length, accepted: this.list.filter((m) => m.acceptedAt !== undefined).length, pending: this.pending.size + this.inFlight.size };
  }
}
