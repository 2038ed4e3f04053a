/**
 * Deterministic, realistic Postfix/Dovecot mail.log generator (seedable) for tests and the benchmark.
 * Traffic mix of a small provider: inbound via postscreen/smtpd with RBL and unknown-user rejects,
 * cleanup header/milter rejects, delivery via lmtp/virtual/pipe, alias forwards, authenticated
 * submission relayed to a smarthost with deferrals, retries and bounces (with non-delivery notices),
 * local pickup, plus smtpd warnings and Dovecot lines that the counter must ignore. Pure.
 */
import { mulberry32 } from '../random.js';

export interface GenerateOptions {
  seed: number;
  /** UTC milliseconds of the first day's midnight. */
  startMs: number;
  messagesPerDay: number;
  hostname?: string;
}

export interface LogLine {
  /** UTC milliseconds of the line's timestamp. */
  ms: number;
  text: string;
}

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DOMAINS = ['example.org', 'example.net', 'kanzlei-weber.de', 'praxis-sonne.de', 'verein-tsv.de'];
const REMOTE = ['gmail.com', 'web.de', 'gmx.net', 'outlook.com', 't-online.de', 'yahoo.com', 'posteo.de'];
const USERS = ['info', 'anna.schmidt', 'j.mueller', 'office', 'buchhaltung', 'kontakt', 'max', 'lena.k', 'support', 'noreply'];
const CLIENTS = ['mail-wr1-f54.google.com', 'mout.web.de', 'mout.gmx.net', 'mail-db8eur05on2091.outbound.protection.outlook.com', 'mailout01.t-online.de', 'unknown', 'sonic301-2.consmr.mail.ir2.yahoo.com'];


const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

export function syslogStamp(ms: number): string {
  const d = new Date(ms);
  const day = d.getUTCDate();
  return `${MON[d.getUTCMonth()]} ${day < 10 ? ' ' : ''}${day} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** Busier during office hours: relative weight per hour of day. */
const HOUR_WEIGHT = [2, 1, 1, 1, 1, 2, 4, 7, 10, 11, 11, 10, 8, 9, 10, 10, 9, 8, 6, 5, 4, 3, 3, 2];
const WEIGHT_SUM = HOUR_WEIGHT.reduce((a, b) => a + b, 0);

interface Pending {
  ms: number;
  run: (ms: number) => void;
}

/** Infinite stream of log lines in (approximately) time order. */
export function* generateMaillog(o: GenerateOptions): Generator<LogLine> {
  const rnd = mulberry32(o.seed);
  const host = o.hostname ?? 'mail';
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  let qidCounter = 1 + Math.floor(rnd() * 1000);
  const qid = () => {
    qidCounter++;
    const u = (Math.imul(qidCounter, 0x9e3779b1) >>> 0).toString(16).toUpperCase().padStart(8, '0');
    return pick(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F']) + pick(['0', '5', 'A', 'C']) + u;
  };
  const pid = () => int(1000, 65000);
  const ip = () => `${int(2, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;
  const local = () => `${pick(USERS)}@${pick(DOMAINS)}`;
  const remote = () => `${pick(['hans', 'petra', 'news', 'rechnung', 'k.meier', 'shop'])}${int(1, 99)}@${pick(REMOTE)}`;
  const msgid = () => `<${(rnd() * 1e16).toString(36)}.${int(1000, 99999)}@${pick(REMOTE)}>`;
  const delays = () => `delay=${(rnd() * 2).toFixed(2)}, delays=${(rnd() * 0.5).toFixed(2)}/0.01/${(rnd() * 0.5).toFixed(2)}/${(rnd() * 0.3).toFixed(2)}`;

  const out: LogLine[] = [];
  const emit = (ms: number, prog: string, p: number, msg: string) => out.push({ ms, text: `${syslogStamp(ms)} ${host} ${prog}[${p}]: ${msg}` });
  const pending: Pending[] = [];
  const later = (ms: number, run: (ms: number) => void) => {
    const i = pending.findIndex((x) => x.ms > ms);
    pending.splice(i < 0 ? pending.length : i, 0, { ms, run });
  };

  const deliverLocal = (t: number, id: string, to: string, size: number) => {
    const r = rnd();
    if (r < 0.55) emit(t, 'postfix/lmtp', pid(), `${id}: to=<${to}>, relay=${host}.example.org[private/dovecot-lmtp], ${delays()}, dsn=2.0.0, status=sent (250 2.0.0 <${to}> ${(rnd() * 1e12).toString(36)} Saved)`);
    else if (r < 0.8) emit(t, 'postfix/virtual', pid(), `${id}: to=<${to}>, relay=virtual, ${delays()}, dsn=2.0.0, status=sent (delivered to maildir)`);
    else if (r < 0.93) emit(t, 'postfix/pipe', pid(), `${id}: to=<${to}>, relay=dovecot, ${delays()}, dsn=2.0.0, status=sent (delivered via dovecot service)`);
    else if (r < 0.97) emit(t, 'postfix/local', pid(), `${id}: to=<${pick(USERS)}@${host}.example.org>, orig_to=<postmaster@${pick(DOMAINS)}>, relay=local, ${delays()}, dsn=2.0.0, status=sent (forwarded as ${qid()})`);
    else {
      emit(t, 'postfix/virtual', pid(), `${id}: to=<${to}>, relay=virtual, ${delays()}, dsn=5.2.2, status=bounced (maildir delivery failed: Disk quota exceeded)`);
      nonDelivery(t + 1000, id, 'MAILER-DAEMON', size);
    }
    if (rnd() < 0.3) out.push({ ms: t, text: `${syslogStamp(t)} ${host} dovecot: lmtp(${to})<${pid()}><${(rnd() * 1e9).toString(36)}>: msgid=${msgid()}: saved mail to INBOX` });
  };

  const nonDelivery = (t: number, id: string, _from: string, size: number) => {
    const n = qid();
    emit(t, 'postfix/bounce', pid(), `${id}: sender non-delivery notification: ${n}`);
    emit(t, 'postfix/cleanup', pid(), `${n}: message-id=<${(rnd() * 1e12).toString(36)}@${host}.example.org>`);
    emit(t, 'postfix/qmgr', pid(), `${n}: from=<>, size=${2000 + (size % 3000)}, nrcpt=1 (queue active)`);
    emit(t, 'postfix/smtp', pid(), `${n}: to=<${remote()}>, relay=smarthost.example.net[203.0.113.25]:587, ${delays()}, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${qid()})`);
    emit(t, 'postfix/qmgr', pid(), `${n}: removed`);
  };

  const relayAttempt = (t: number, id: string, from: string, to: string, size: number, attempt: number) => {
    const r = rnd();
    if (attempt > 0) emit(t, 'postfix/qmgr', pid(), `${id}: from=<${from}>, size=${size}, nrcpt=1 (queue active)`);
    if (r < 0.8 || attempt >= 3) {
      if (r < 0.95 || attempt >= 3) emit(t, 'postfix/smtp', pid(), `${id}: to=<${to}>, relay=smarthost.example.net[203.0.113.25]:587, ${delays()}, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${qid()})`);
      else {
        emit(t, 'postfix/smtp', pid(), `${id}: to=<${to}>, relay=smarthost.example.net[203.0.113.25]:587, ${delays()}, dsn=5.1.1, status=bounced (host smarthost.example.net[203.0.113.25] said: 550 5.1.1 <${to}>: Recipient address rejected: User unknown (in reply to RCPT TO command))`);
        nonDelivery(t + 1000, id, from, size);
      }
      emit(t, 'postfix/qmgr', pid(), `${id}: removed`);
    } else if (r < 0.93) {
      emit(t, 'postfix/smtp', pid(), `${id}: to=<${to}>, relay=none, delay=${30 + attempt * 300}, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to smarthost.example.net[203.0.113.25]:587: Connection timed out)`);
      later(t + (5 + attempt * 20) * 60000, (ms) => relayAttempt(ms, id, from, to, size, attempt + 1));
    } else {
      emit(t, 'postfix/smtp', pid(), `${id}: to=<${to}>, relay=smarthost.example.net[203.0.113.25]:587, ${delays()}, dsn=4.7.0, status=deferred (host smarthost.example.net[203.0.113.25] said: 421 4.7.0 Try again later (in reply to end of DATA command))`);
      later(t + (10 + attempt * 30) * 60000, (ms) => relayAttempt(ms, id, from, to, size, attempt + 1));
    }
  };

  const inbound = (t: number) => {
    const sp = pid();
    const cip = ip();
    const chost = pick(CLIENTS);
    const client = `${chost}[${cip}]`;
    if (rnd() < 0.4) {
      emit(t, 'postfix/postscreen', pid(), `CONNECT from [${cip}]:${int(1024, 65535)} to [192.0.2.10]:25`);
      emit(t, 'postfix/postscreen', pid(), `PASS OLD [${cip}]:${int(1024, 65535)}`);
    }
    emit(t, 'postfix/smtpd', sp, `connect from ${client}`);
    if (chost === 'unknown' && rnd() < 0.5) emit(t, 'postfix/smtpd', sp, `warning: hostname ${int(1, 254)}-${int(1, 254)}.dyn.example.com does not resolve to address ${cip}: Name or service not known`);
    emit(t, 'postfix/smtpd', sp, `Anonymous TLS connection established from ${client}: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256`);
    const r = rnd();
    const from = remote();
    const to = local();
    if (r < 0.12) {
      emit(t, 'postfix/smtpd', sp, `NOQUEUE: reject: RCPT from ${client}: 554 5.7.1 Service unavailable; Client host [${cip}] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/${cip}; from=<${from}> to=<${to}> proto=ESMTP helo=<${chost}>`);
      emit(t + 1000, 'postfix/smtpd', sp, `disconnect from ${client} ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4`);
      return;
    }
    if (r < 0.18) {
      emit(t, 'postfix/smtpd', sp, `NOQUEUE: reject: RCPT from ${client}: 550 5.1.1 <nobody${int(1, 99)}@${pick(DOMAINS)}>: Recipient address rejected: User unknown in virtual mailbox table; from=<${from}> to=<nobody@${pick(DOMAINS)}> proto=ESMTP helo=<${chost}>`);
      emit(t + 1000, 'postfix/smtpd', sp, `disconnect from ${client} ehlo=2 starttls=1 mail=1 rcpt=0/1 quit=1 commands=5/6`);
      return;
    }
    const id = qid();
    const size = int(1500, 250000) * (rnd() < 0.05 ? 40 : 1);
    emit(t, 'postfix/smtpd', sp, `${id}: client=${client}`);
    const c = rnd();
    if (c < 0.02) {
      emit(t, 'postfix/cleanup', pid(), `${id}: reject: header Subject: You have won!!! from ${client}; from=<${from}> to=<${to}> proto=ESMTP helo=<${chost}>: 5.7.1 Spam not accepted`);
      emit(t + 1000, 'postfix/smtpd', sp, `disconnect from ${client} ehlo=2 starttls=1 mail=1 rcpt=1 data=0/1 quit=1 commands=6/7`);
      return;
    }
    if (c < 0.03) {
      emit(t, 'postfix/cleanup', pid(), `${id}: milter-reject: END-OF-MESSAGE from ${client}: 5.7.1 Rejected by SPAM filter; from=<${from}> to=<${to}> proto=ESMTP helo=<${chost}>`);
      emit(t + 1000, 'postfix/smtpd', sp, `disconnect from ${client} ehlo=2 starttls=1 mail=1 rcpt=1 data=0/1 quit=1 commands=6/7`);
      return;
    }
    emit(t, 'postfix/cleanup', pid(), `${id}: message-id=${msgid()}`);
    const nrcpt = rnd() < 0.85 ? 1 : int(2, 4);
    emit(t + 1000, 'postfix/qmgr', pid(), `${id}: from=<${from}>, size=${size}, nrcpt=${nrcpt} (queue active)`);
    for (let i = 0; i < nrcpt; i++) deliverLocal(t + 1000, id, i === 0 ? to : local(), size);
    emit(t + 1000, 'postfix/qmgr', pid(), `${id}: removed`);
    emit(t + 2000, 'postfix/smtpd', sp, `disconnect from ${client} ehlo=2 starttls=1 mail=1 rcpt=${nrcpt} data=1 quit=1 commands=${6 + nrcpt}`);
  };

  const submission = (t: number) => {
    const sp = pid();
    const cip = `198.51.100.${int(2, 250)}`;
    const client = `unknown[${cip}]`;
    const user = local();
    emit(t, 'postfix/submission/smtpd', sp, `connect from ${client}`);
    if (rnd() < 0.05) {
      emit(t, 'postfix/submission/smtpd', sp, `warning: ${client}: SASL PLAIN authentication failed: UGFzc3dvcmQ6`);
      emit(t + 1000, 'postfix/submission/smtpd', sp, `lost connection after AUTH from ${client}`);
      emit(t + 1000, 'postfix/submission/smtpd', sp, `disconnect from ${client} ehlo=2 starttls=1 auth=0/1 commands=3/4`);
      return;
    }
    const id = qid();
    const size = int(800, 90000);
    emit(t, 'postfix/submission/smtpd', sp, `${id}: client=${client}, sasl_method=PLAIN, sasl_username=${user}`);
    emit(t, 'postfix/cleanup', pid(), `${id}: message-id=${msgid()}`);
    emit(t, 'postfix/qmgr', pid(), `${id}: from=<${user}>, size=${size}, nrcpt=1 (queue active)`);
    emit(t, 'postfix/submission/smtpd', sp, `disconnect from ${client} ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8`);
    relayAttempt(t + 1000, id, user, remote(), size, 0);
  };

  const pickup = (t: number) => {
    const id = qid();
    const size = int(600, 8000);
    emit(t, 'postfix/pickup', pid(), `${id}: uid=33 from=<www-data>`);
    emit(t, 'postfix/cleanup', pid(), `${id}: message-id=<${(rnd() * 1e12).toString(36)}@${host}.example.org>`);
    emit(t, 'postfix/qmgr', pid(), `${id}: from=<www-data@${host}.example.org>, size=${size}, nrcpt=1 (queue active)`);
    relayAttempt(t, id, `www-data@${host}.example.org`, remote(), size, 0);
  };

  const imap = (t: number) => {
    const u = local();
    out.push({ ms: t, text: `${syslogStamp(t)} ${host} dovecot: imap-login: Login: user=<${u}>, method=PLAIN, rip=198.51.100.${int(2, 250)}, lip=192.0.2.10, mpid=${pid()}, TLS, session=<${(rnd() * 1e12).toString(36)}>` });
    if (rnd() < 0.5) out.push({ ms: t, text: `${syslogStamp(t)} ${host} dovecot: imap(${u})<${pid()}><${(rnd() * 1e12).toString(36)}>: Disconnected: Logged out in=${int(50, 900)} out=${int(500, 90000)} deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 body_count=0 body_bytes=0` });
  };

  let t = o.startMs;
  for (;;) {
    const hour = new Date(t).getUTCHours();
    const perHour = (o.messagesPerDay * (HOUR_WEIGHT[hour] ?? 1)) / WEIGHT_SUM;
    t += Math.max(1, Math.round((-Math.log(1 - rnd()) * 3600000) / Math.max(perHour, 0.01)));
    t -= t % 1000;
    while (pending.length && (pending[0] as Pending).ms <= t) (pending.shift() as Pending).run(t);
    const k = rnd();
    if (k < 0.62) inbound(t);
    else if (k < 0.82) submission(t);
    else if (k < 0.87) pickup(t);
    else imap(t);
    if (rnd() < 0.01) emit(t, 'postfix/anvil', pid(), `statistics: max connection rate 3/60s for (smtp:${ip()}) at ${syslogStamp(t)}`);
    for (const l of out) yield l;
    out.length = 0;
  }
}
