/**
 * After the case: every copy of this case's test mails in the test mailbox, by number, with its delivery time
 * (IMAP INTERNALDATE, which Dovecot sets at delivery). imapflow does the IMAP work (SEARCH HEADER, FETCH with
 * literals); it trusts only the certificate the probes pinned during the case.
 */
import { ImapFlow } from 'imapflow';
import type { DeliveredCopy } from '../../shared/failover/mailMatch';
import type { TlsPins } from './net/tlsPins';
import { probeImap } from './probes/imap';
import type { Credentials, Endpoint } from './probes/types';

export interface FetchOptions {
  imap: Endpoint;
  credentials: Credentials;
  pins: TlsPins;
  token: string;
  timeoutMs?: number;
  /** Expunge the case's mails afterwards, so the test mailbox does not fill up over many drills. */
  deleteAfter?: boolean;
}

export async function fetchTestMails(o: FetchOptions): Promise<DeliveredCopy[]> {
  const key = `${o.imap.host}:${o.imap.port}`;
  // No probe has met this server yet: one IMAP probe pins its certificate first (it sends the password only
  // after STARTTLS, like every probe), so imapflow can then trust exactly that certificate.
  if (!o.pins.get(key)) await probeImap({ endpoint: o.imap, credentials: o.credentials, pins: o.pins, timeoutMs: o.timeoutMs ?? 15_000, heloName: 'localhost' });
  const pinned = o.pins.get(key);
  const client = new ImapFlow({
    host: o.imap.host,
    port: o.imap.port,
    secure: false,
    // With a pinned certificate the password only travels over TLS to that certificate.
    ...(pinned ? { doSTARTTLS: true, tls: o.pins.nodeOptions(key) } : {}),
    auth: { user: o.credentials.user, pass: o.credentials.password },
    logger: false,
    connectionTimeout: o.timeoutMs ?? 15_000,
    greetingTimeout: o.timeoutMs ?? 15_000,
    socketTimeout: (o.timeoutMs ?? 15_000) * 4,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const uids = await client.search({ header: { 'x-mhs-test': o.token } }, { uid: true });
      const out: DeliveredCopy[] = [];
      if (!uids || uids.length === 0) return out;
      for await (const msg of client.fetch(uids, { uid: true, internalDate: true, headers: ['x-mhs-test'] }, { uid: true })) {
        const header = msg.headers?.toString('utf8') ?? '';
        const m = new RegExp(`X-MHS-Test:\\s*${o.token}\\s+(\\d+)`, 'i').exec(header);
        if (!m) continue;
        const d = msg.internalDate ? new Date(msg.internalDate) : undefined;
        out.push({ n: Number(m[1]), ...(d && Number.isFinite(d.getTime()) ? { deliveredAt: d.getTime() } : {}) });
      }
      if (o.deleteAfter && uids.length) await client.messageDelete(uids, { uid: true });
      return out;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}
