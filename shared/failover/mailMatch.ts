/**
 * Matches the numbered test mails the sender handed to the server with the copies found over IMAP afterwards.
 * A mail counts as accepted only after the 250 reply to its DATA. Mails the server refused (4xx, dropped
 * connection) were retried like a real MTA would and are counted apart; so are mails the sender gave up on,
 * which the server never took responsibility for and therefore cannot have lost.
 *
 * SMTP cannot be exactly-once: when the connection breaks after the final "." but before the reply, the server
 * may have queued the mail while the sender must retry (RFC 1047). A second copy that such an attempt explains
 * is reported apart from a real duplicate.
 */

export type SmtpStage = 'connect' | 'banner' | 'ehlo' | 'starttls' | 'auth' | 'mail' | 'rcpt' | 'data' | 'dot' | 'quit';

export interface SendAttempt {
  at: number;
  endAt: number;
  /** accepted: 250 to DATA; refused: a 4xx/5xx reply; dropped: no reply before the final dot; ambiguous: the
   *  connection broke after the final dot, before the reply. */
  outcome: 'accepted' | 'refused' | 'dropped' | 'ambiguous';
  stage: SmtpStage;
  code?: number;
}

export interface SentMail {
  n: number;
  via: 'smtp' | 'submission';
  attempts: SendAttempt[];
  /** Time the 250 to DATA arrived (host clock). */
  acceptedAt?: number;
  /** The sender stopped retrying: a permanent 5xx, or retries ran out at the end of the case. */
  gaveUp?: boolean;
}

export interface DeliveredCopy {
  n: number;
  /** Delivery time on the host clock (the server's time corrected by the measured clock offset). */
  deliveredAt?: number;
}

export interface MailRecord {
  n: number;
  via: 'smtp' | 'submission';
  firstAt: number;
  acceptedAt?: number;
  attempts: number;
  /** Attempts before acceptance that were refused or dropped. */
  refusals: number;
  ambiguous: number;
  gaveUp: boolean;
  /** The server refused it permanently (5xx): a real MTA would have bounced it to the sender. */
  bounced: boolean;
  copies: number;
  deliveredAt?: number;
  delayMs?: number;
}

export interface MailTally {
  sent: number;
  accepted: number;
  delivered: number;
  /** Accepted and looked for in the mailbox, but not there. */
  lost: number[];
  /** Accepted, but not looked for: the mailbox could not be read (IMAP unreachable, login failed, case
   *  aborted before the fetch). Neither lost nor delivered: nobody knows. */
  notVerified: number[];
  /** More than one copy that no lost reply explains. */
  duplicated: number[];
  /** Extra copies after a reply lost on the wire (RFC 1047): SMTP's own limit, not the cluster's. */
  duplicatedAfterLostReply: number[];
  /** Delivered later than the threshold after acceptance. */
  delayed: { n: number; delayMs: number }[];
  /** Accepted after at least one refusal or drop: retried like a real MTA would. */
  refusedRetried: number[];
  /** Never accepted (the sender gave up or the case ended): not the server's responsibility. */
  neverAccepted: number[];
  /** Refused with a permanent 5xx: the sender's MTA would bounce it, the recipient never gets it. */
  bounced: number[];
  /** Delivered although the server never confirmed it, without a lost reply to explain it. */
  unexpected: number[];
  /** Delivered without a 250, explained by a reply lost after the final dot. */
  deliveredAfterLostReply: number[];
  delayP50Ms?: number;
  delayP95Ms?: number;
  delayMaxMs?: number;
}

function quantile(sorted: number[], q: number): number | undefined {
  if (!sorted.length) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function mailRecords(sent: readonly SentMail[], delivered: readonly DeliveredCopy[]): MailRecord[] {
  const copies = new Map<number, DeliveredCopy[]>();
  for (const d of delivered) {
    const l = copies.get(d.n);
    if (l) l.push(d);
    else copies.set(d.n, [d]);
  }
  const bySent = new Map(sent.map((m) => [m.n, m]));
  const records: MailRecord[] = [];
  for (const m of sent) {
    const c = copies.get(m.n) ?? [];
    const times = c.map((x) => x.deliveredAt).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    const firstDelivered = times[0];
    const beforeAccept = m.attempts.filter((a) => a.outcome !== 'accepted');
    const rec: MailRecord = {
      n: m.n,
      via: m.via,
      firstAt: m.attempts[0]?.at ?? m.acceptedAt ?? 0,
      attempts: m.attempts.length,
      refusals: beforeAccept.filter((a) => a.outcome === 'refused' || a.outcome === 'dropped').length,
      ambiguous: beforeAccept.filter((a) => a.outcome === 'ambiguous').length,
      gaveUp: !!m.gaveUp && m.acceptedAt === undefined,
      bounced: m.acceptedAt === undefined && (m.attempts[m.attempts.length - 1]?.code ?? 0) >= 500,
      copies: c.length,
      ...(m.acceptedAt !== undefined ? { acceptedAt: m.acceptedAt } : {}),
      ...(firstDelivered !== undefined ? { deliveredAt: firstDelivered } : {}),
      ...(firstDelivered !== undefined && m.acceptedAt !== undefined ? { delayMs: Math.max(0, firstDelivered - m.acceptedAt) } : {}),
    };
    records.push(rec);
  }
  // Copies of numbers the sender never tried: another run's or a forged mail; shown as unexpected.
  for (const [n, c] of copies) {
    if (!bySent.has(n)) records.push({ n, via: 'smtp', firstAt: c[0]?.deliveredAt ?? 0, attempts: 0, refusals: 0, ambiguous: 0, gaveUp: false, bounced: false, copies: c.length, ...(c[0]?.deliveredAt !== undefined ? { deliveredAt: c[0].deliveredAt } : {}) });
  }
  return records.sort((a, b) => a.n - b.n);
}

export interface TallyOptions {
  /** At least one fetch of the test mailbox succeeded (even one that found no mail). Without it, a mail with no
   *  copy was never looked for: it counts as not verified, not as lost. Default true. */
  mailboxRead?: boolean;
}

export function tallyMails(records: readonly MailRecord[], delayedAfterMs: number, options: TallyOptions = {}): MailTally {
  const mailboxRead = options.mailboxRead ?? true;
  const t: MailTally = {
    sent: 0, accepted: 0, delivered: 0, lost: [], notVerified: [], duplicated: [], duplicatedAfterLostReply: [], delayed: [],
    refusedRetried: [], neverAccepted: [], bounced: [], unexpected: [], deliveredAfterLostReply: [],
  };
  const delays: number[] = [];
  for (const r of records) {
    if (r.attempts > 0) t.sent++;
    const accepted = r.acceptedAt !== undefined;
    if (accepted) {
      t.accepted++;
      if (r.refusals > 0) t.refusedRetried.push(r.n);
      if (r.copies === 0) (mailboxRead ? t.lost : t.notVerified).push(r.n);
    } else if (r.copies === 0) t.neverAccepted.push(r.n);
    if (r.bounced) t.bounced.push(r.n);
    if (r.copies > 0) {
      if (accepted) t.delivered++;
      else if (r.ambiguous > 0) t.deliveredAfterLostReply.push(r.n);
      else t.unexpected.push(r.n);
      // Each ambiguous attempt may have left one copy in the queue; the accepted one leaves exactly one.
      const explainable = (accepted ? 1 : 0) + r.ambiguous;
      if (r.copies > 1) {
        if (r.copies <= Math.max(1, explainable)) t.duplicatedAfterLostReply.push(r.n);
        else t.duplicated.push(r.n);
      }
    }
    if (r.delayMs !== undefined) {
      delays.push(r.delayMs);
      if (r.delayMs > delayedAfterMs) t.delayed.push({ n: r.n, delayMs: r.delayMs });
    }
  }
  delays.sort((a, b) => a - b);
  const p50 = quantile(delays, 0.5);
  const p95 = quantile(delays, 0.95);
  if (p50 !== undefined) t.delayP50Ms = p50;
  if (p95 !== undefined) t.delayP95Ms = p95;
  if (delays.length) t.delayMaxMs = delays[delays.length - 1]!;
  return t;
}

export interface MailSeriesPoint {
  t: number;
  sent: number;
  accepted: number;
  delivered: number;
}

/** Cumulative sent / accepted / delivered counts over time, for the time line (one point per bin). */
export function mailSeries(records: readonly MailRecord[], fromMs: number, toMs: number, binMs: number): MailSeriesPoint[] {
  const points: MailSeriesPoint[] = [];
  if (binMs <= 0 || toMs < fromMs) return points;
  const sentT = records.filter((r) => r.attempts > 0).map((r) => r.firstAt).sort((a, b) => a - b);
  const accT = records.map((r) => r.acceptedAt).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  const delT = records.map((r) => r.deliveredAt).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  const idx = [0, 0, 0];
  for (let t = fromMs; t <= toMs + binMs - 1; t += binMs) {
    const at = Math.min(t, toMs);
    while (idx[0]! < sentT.length && sentT[idx[0]!]! <= at) idx[0]!++;
    while (idx[1]! < accT.length && accT[idx[1]!]! <= at) idx[1]!++;
    while (idx[2]! < delT.length && delT[idx[2]!]! <= at) idx[2]!++;
    points.push({ t: at, sent: idx[0]!, accepted: idx[1]!, delivered: idx[2]! });
    if (at === toMs) break;
  }
  return points;
}
