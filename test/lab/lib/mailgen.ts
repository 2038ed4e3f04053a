// Mail history for the legacy node: really sends thousands of mails of realistic sizes through its Postfix
// (port 25 from the LAN and from outside senders, 587 with STARTTLS + SASL), plus some that it rejects or
// must relay through the (unreachable, in-lab) smarthost, so that mail.log holds what a real one holds.
import { DOMAINS, aliases, mailboxes } from './accounts.js';
import { CREDENTIALS } from './config.js';
import { Smtp } from './proto.js';
import { mulberry32 } from '../../support/random.js';

const WORDS = (
  'angebot rechnung lieferung termin besprechung projekt kunde auftrag bestellung vertrag bitte danke gruesse ' +
  'the meeting invoice attached please find report quarter update schedule review budget team customer order ' +
  'mit freundlichen und der die das ist nicht wir sie haben werden koennen zum zur bei fuer von auf mehr ' +
  'shipping delivery support ticket status question answer feedback next week monday friday tomorrow today'
).split(' ');

const EXTERNAL_SENDERS = ['kunde', 'lieferant', 'partner', 'bank', 'steuerberater', 'newsletter', 'noreply', 'service'];
const EXTERNAL_DOMAINS = ['kunden-example.test', 'lieferant-example.test', 'bank-example.test', 'portal-example.test'];

export interface GenOptions {
  host: string;
  smtpPort: number;
  submissionPort: number;
  messages: number;
  seed: number;
  /** parallel SMTP sessions on port 25 */
  sessions?: number;
}

export interface GenResult {
  sent: number;
  localDeliveries: number;
  rejected: number;
  relayed: number;
  submitted: number;
  bytes: number;
}

function text(rnd: () => number, bytes: number): string {
  const lines: string[] = [];
  let n = 0;
  let line = '';
  while (n < bytes) {
    const w = WORDS[Math.floor(rnd() * WORDS.length)] as string;
    if (line.length + w.length + 1 > 72) {
      lines.push(line);
      n += line.length + 2;
      line = '';
      if (rnd() < 0.12) lines.push('');
    }
    line = line ? `${line} ${w}` : w;
  }
  lines.push(line);
  return lines.join('\n');
}

function attachment(rnd: () => number, bytes: number): string {
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 4) buf.writeUInt32LE(Math.floor(rnd() * 0xffffffff), Math.min(i, bytes - 4));
  return (buf.toString('base64').match(/.{1,76}/g) ?? []).join('\n');
}

/** A message with a realistic size mix: mostly small text, some with attachments, a few large ones. */
export function makeMessage(rnd: () => number, i: number, from: string, to: string[]): string {
  const r = rnd();
  const size = r < 0.7 ? 1500 + rnd() * 18_000 : r < 0.97 ? 30_000 + rnd() * 250_000 : 600_000 + rnd() * 1_600_000;
  const date = new Date(Date.now() - Math.floor(rnd() * 90 * 86400_000)).toUTCString().replace('GMT', '+0000');
  const subjectWords = Array.from({ length: 3 + Math.floor(rnd() * 5) }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
  const head = [
    `From: <${from}>`,
    `To: ${to.map((t) => `<${t}>`).join(', ')}`,
    `Subject: ${subjectWords} #${i}`,
    `Date: ${date}`,
    `Message-ID: <lab-${i}-${Math.floor(rnd() * 1e9)}@${from.split('@')[1] ?? 'lab.test'}>`,
    'MIME-Version: 1.0',
  ];
  if (size < 25_000) {
    return [...head, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text(rnd, size)].join('\n') + '\n';
  }
  const b = `=_lab_${i}_${Math.floor(rnd() * 1e9)}`;
  const kind = rnd() < 0.6 ? ['application/pdf', 'pdf'] : ['image/jpeg', 'jpg'];
  return (
    [
      ...head,
      `Content-Type: multipart/mixed; boundary="${b}"`,
      '',
      `--${b}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      text(rnd, 800 + rnd() * 3000),
      `--${b}`,
      `Content-Type: ${kind[0]}; name="dokument-${i}.${kind[1]}"`,
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; filename="dokument-${i}.${kind[1]}"`,
      '',
      attachment(rnd, Math.floor((size * 3) / 4)),
      `--${b}--`,
    ].join('\n') + '\n'
  );
}

export async function generateMail(o: GenOptions): Promise<GenResult> {
  const rnd = mulberry32(o.seed);
  const boxes = mailboxes().map((m) => m.email);
  const targets = [...boxes, ...aliases().map(([s]) => s)];
  const res: GenResult = { sent: 0, localDeliveries: 0, rejected: 0, relayed: 0, submitted: 0, bytes: 0 };
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  let counter = o.seed * 100_000;

  // Port 25: outside senders to local mailboxes (sometimes several recipients), a few unknown recipients.
  const perSession = Math.ceil(o.messages / (o.sessions ?? 2));
  const session = async (count: number, helo: string): Promise<void> => {
    let done = 0;
    while (done < count) {
      const { smtp } = await Smtp.open(o.host, o.smtpPort);
      await smtp.ehlo(helo);
      for (let k = 0; k < 40 && done < count; k++, done++) {
        const from = rnd() < 0.8 ? `${pick(EXTERNAL_SENDERS)}${Math.floor(rnd() * 500)}@${pick(EXTERNAL_DOMAINS)}` : pick(boxes);
        const to = [pick(targets)];
        if (rnd() < 0.15) to.push(pick(targets));
        if (rnd() < 0.02) to.push(`unbekannt${Math.floor(rnd() * 99)}@${pick(DOMAINS)}`);
        const msg = makeMessage(rnd, ++counter, from, to);
        const r = await smtp.send(from, to, msg);
        res.sent += r.accepted.length ? 1 : 0;
        res.localDeliveries += r.accepted.length;
        res.rejected += r.rejected.length;
        res.bytes += r.accepted.length ? msg.length : 0;
      }
      await smtp.quit();
    }
  };
  await Promise.all(Array.from({ length: o.sessions ?? 2 }, (_, k) => session(perSession, `mx${k + 1}.kunden-example.test`)));

  // Port 587: authenticated users, to colleagues and to outside (relayed via the in-lab smarthost, deferred).
  const { smtp: sub } = await Smtp.open(o.host, o.submissionPort);
  await sub.ehlo('laptop-probe.example-gmbh.test');
  await sub.startTls('laptop-probe.example-gmbh.test');
  await sub.authPlain(CREDENTIALS.mailbox.user, CREDENTIALS.mailbox.password);
  for (let k = 0; k < 4; k++) {
    const outside = k === 0;
    const to = outside ? [`${pick(EXTERNAL_SENDERS)}@${pick(EXTERNAL_DOMAINS)}`] : [pick(boxes)];
    const r = await sub.send(CREDENTIALS.mailbox.user, to, makeMessage(rnd, ++counter, CREDENTIALS.mailbox.user, to));
    res.submitted += 1;
    if (outside) res.relayed += r.accepted.length;
    else res.localDeliveries += r.accepted.length;
  }
  await sub.quit();
  return res;
}
