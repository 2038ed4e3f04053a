/**
 * The mails as evidence: per mailbox the sha256 of every message, read on legacy's disk before the cut-over
 * and over IMAP on the VIP after it (IMAP sends the Maildir file with CRLF line ends; normalised back to LF
 * both sides are the same bytes). Plus one SMTP delivery to the VIP and its arrival over IMAP.
 */
import { createHash, randomUUID } from 'node:crypto';
import net from 'node:net';
import { ImapFlow } from 'imapflow';
import { mailboxes } from '../lib/accounts.js';
import type { LabStatus, NodeStatus } from '../lib/statusSchema.js';
import { keyLogin, sshRun } from '../lib/ssh.js';

export type MailboxDigests = Record<string, string[]>;

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/**
 * Runs a command as root the way the app does: the admin user by key, then sudo. Never tries root itself:
 * after PermitRootLogin no every refused root login counts for fail2ban.
 */
export async function rootRun(st: LabStatus, n: NodeStatus, cmd: string): Promise<string> {
  const a = await sshRun(n, keyLogin(st, st.credentials.admin.user), `sudo -S -p '' sh -c '${cmd.replace(/'/g, `'\\''`)}'`, `${st.credentials.admin.password}\n`, 600_000);
  if (a.code !== 0) throw new Error(`${cmd.slice(0, 80)} on ${n.name} exited ${a.code}: ${a.stderr.slice(-400)}`);
  return a.stdout;
}

/** Every message file per mailbox on legacy's disk (mail_location %d/%n under the mail store root). */
export async function digestsOnDisk(st: LabStatus): Promise<MailboxDigests> {
  const legacy = st.nodes.find((n) => n.name === 'legacy')!;
  const root = legacy.mailStore?.root ?? '/var/vmail';
  const out = await rootRun(st, legacy, `cd '${root}' && find . -type f \\( -path '*/cur/*' -o -path '*/new/*' \\) -exec sha256sum {} +`);
  const by: MailboxDigests = {};
  for (const line of out.split('\n')) {
    const m = /^([0-9a-f]{64}) {2}\.\/([^/]+)\/([^/]+)\//.exec(line);
    if (m) (by[`${m[3]}@${m[2]}`] ??= []).push(m[1]!);
  }
  for (const k of Object.keys(by)) by[k]!.sort();
  return by;
}

export async function legacyCertificate(st: LabStatus): Promise<string> {
  return rootRun(st, st.nodes.find((n) => n.name === 'legacy')!, 'cat /etc/ssl/lab/mail.crt');
}

function imapClient(st: LabStatus, user: string, ca: string): ImapFlow {
  const imap = st.vip.services.imap!;
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: false,
    doSTARTTLS: true,
    tls: { ca, servername: st.vip.fqdn },
    auth: { user, pass: st.credentials.mailbox.password },
    logger: false,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
  });
}

/** Every message of every folder of one mailbox, over IMAP on the VIP. */
export async function digestsOverImap(st: LabStatus, user: string, ca: string): Promise<string[]> {
  const c = imapClient(st, user, ca);
  await c.connect();
  const out: string[] = [];
  try {
    for (const box of await c.list()) {
      if (box.flags.has('\\Noselect')) continue;
      const lock = await c.getMailboxLock(box.path);
      try {
        const status = c.mailbox && typeof c.mailbox === 'object' ? c.mailbox.exists : 0;
        if (!status) continue;
        for await (const m of c.fetch('1:*', { source: true })) if (m.source) out.push(sha(m.source.toString('latin1').replace(/\r\n/g, '\n')));
      } finally {
        lock.release();
      }
    }
  } finally {
    await c.logout().catch(() => undefined);
  }
  return out.sort();
}

export async function allOverImap(st: LabStatus, ca: string): Promise<MailboxDigests> {
  const out: MailboxDigests = {};
  for (const m of mailboxes()) {
    const d = await digestsOverImap(st, m.email, ca);
    if (d.length) out[m.email] = d;
  }
  return out;
}

/** One plain SMTP delivery through the VIP's relay; returns the Message-ID's token. */
export async function sendToVip(st: LabStatus, to: string): Promise<string> {
  const smtp = st.vip.services.smtp!;
  const token = `mhs-lab-${randomUUID()}`;
  const sock = net.connect(smtp.port, smtp.host);
  sock.setEncoding('utf8');
  let buf = '';
  const reply = () =>
    new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no SMTP reply (${buf})`)), 30_000);
      const on = () => {
        const lines = buf.split('\r\n');
        const last = lines.findIndex((l) => /^\d{3} /.test(l));
        if (last < 0) return;
        const r = lines.slice(0, last + 1).join('\n');
        buf = lines.slice(last + 1).join('\r\n');
        clearTimeout(t);
        sock.off('data', data);
        resolve(r);
      };
      const data = (d: string) => {
        buf += d;
        on();
      };
      sock.on('data', data);
      on();
    });
  const say = async (line: string, want: string) => {
    sock.write(`${line}\r\n`);
    const r = await reply();
    if (!r.startsWith(want)) throw new Error(`SMTP ${line} -> ${r}`);
  };
  try {
    const banner = await reply();
    if (!banner.startsWith('220')) throw new Error(`SMTP banner ${banner}`);
    await say('EHLO lab-test.invalid', '250');
    await say(`MAIL FROM:<${to}>`, '250');
    await say(`RCPT TO:<${to}>`, '250');
    await say('DATA', '354');
    await say(`From: <${to}>\r\nTo: <${to}>\r\nSubject: lab delivery test\r\nMessage-ID: <${token}@lab-test.invalid>\r\n\r\nsent to the VIP\r\n.`, '250');
    await say('QUIT', '221');
  } finally {
    sock.destroy();
  }
  return token;
}

/** Waits until the mail with this token is in the mailbox's INBOX (over IMAP on the VIP). */
export async function arrived(st: LabStatus, user: string, token: string, ca: string, timeoutMs = 120_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const c = imapClient(st, user, ca);
    try {
      await c.connect();
      const lock = await c.getMailboxLock('INBOX');
      try {
        const found = await c.search({ header: { 'message-id': token } });
        if (Array.isArray(found) && found.length) return true;
      } finally {
        lock.release();
      }
    } catch {
      // The VIP may be moving: try again.
    } finally {
      await c.logout().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  return false;
}
