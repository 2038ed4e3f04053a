/** Postfix facts: `postconf -n`, `postconf -M`, mail_version and queue file counts. Pure. */
import type { CollectorResult, Note, Postfix } from '../../../shared/analysis/facts.js';
import { int, note, splitSections, usable } from '../sections.js';

/** "name = value" lines; continuation lines (leading whitespace) belong to the previous value. */
export function parsePostconf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let last: string | undefined;
  for (const line of text.split('\n')) {
    if (/^\s+\S/.test(line) && last) {
      out[last] = `${out[last]} ${line.trim()}`;
      continue;
    }
    const m = /^([a-z0-9_.-]+)\s*=\s?(.*)$/i.exec(line);
    if (!m) {
      last = undefined;
      continue;
    }
    last = m[1] ?? '';
    Object.defineProperty(out, last, { value: (m[2] ?? '').trim(), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export interface MasterService {
  service: string;
  type: string;
  command: string;
}

/** `postconf -M`: one service per line, "-o" options continue on indented lines. */
export function parseMaster(text: string): MasterService[] {
  const out: MasterService[] = [];
  for (const line of text.split('\n')) {
    if (/^\s/.test(line) || line.startsWith('#')) continue;
    const f = line.trim().split(/\s+/);
    if (f.length < 8) continue;
    out.push({ service: f[0] ?? '', type: f[1] ?? '', command: f[7] ?? '' });
  }
  return out;
}

const get = (cf: Record<string, string>, k: string): string | undefined => (Object.prototype.hasOwnProperty.call(cf, k) ? cf[k] : undefined);

export function postfixFromConfig(cf: Record<string, string>, master: MasterService[] | undefined): Postfix {
  const p: Postfix = { mainCf: cf };
  const set = <K extends keyof Postfix>(k: K, v: Postfix[K] | undefined) => {
    if (v !== undefined && v !== '') p[k] = v;
  };
  set('myhostname', get(cf, 'myhostname'));
  set('inetInterfaces', get(cf, 'inet_interfaces'));
  const relay = get(cf, 'relayhost') ?? '';
  if (relay) p.relayhost = relay;
  p.role = relay ? 'smarthost' : 'direct';
  set('virtualMailboxDomains', get(cf, 'virtual_mailbox_domains'));
  set('virtualMailboxMaps', get(cf, 'virtual_mailbox_maps'));
  const maps = new Set<string>();
  for (const v of Object.values(cf)) for (const m of v.matchAll(/(?:proxy:)?mysql:([^\s,]+)/g)) maps.add(m[1] ?? '');
  p.mysqlMaps = [...maps].sort();
  const smtpdLevel = get(cf, 'smtpd_tls_security_level') ?? '';
  const smtpLevel = get(cf, 'smtp_tls_security_level') ?? '';
  const cert = get(cf, 'smtpd_tls_cert_file') || get(cf, 'smtpd_tls_chain_files') || '';
  p.tls = {
    ...(cert ? { smtpdCertFile: cert } : {}),
    ...(smtpdLevel ? { smtpdSecurityLevel: smtpdLevel } : {}),
    ...(smtpLevel ? { smtpSecurityLevel: smtpLevel } : {}),
    inboundEnabled: Boolean(cert) && (['may', 'encrypt'].includes(smtpdLevel) || get(cf, 'smtpd_use_tls') === 'yes'),
    outboundEnabled: (smtpLevel !== '' && smtpLevel !== 'none') || get(cf, 'smtp_use_tls') === 'yes',
  };
  if (master) {
    const inet = master.filter((s) => s.type === 'inet');
    p.submissionEnabled = inet.some((s) => /(^|:)(submission|587)$/.test(s.service));
    p.smtpsEnabled = inet.some((s) => /(^|:)(smtps|submissions|465)$/.test(s.service));
  }
  return p;
}

/** Lines "queue count" from the find|wc loop. */
export function parseQueue(text: string): NonNullable<Postfix['queue']> {
  const q: NonNullable<Postfix['queue']> = {};
  let total = 0;
  for (const line of text.split('\n')) {
    const m = /^(active|deferred|incoming|hold|maildrop)\s+(\d+)\s*$/.exec(line.trim());
    if (!m) continue;
    const n = int(m[2]) ?? 0;
    if (m[1] !== 'maildrop') q[m[1] as 'active' | 'deferred' | 'incoming' | 'hold'] = n;
    total += n;
  }
  if (Object.keys(q).length) q.total = total;
  return q;
}

/** `postqueue -j` reduced on the server to "count queue_name" lines (uniq -c); works without root. */
export function parsePostqueueCounts(text: string): NonNullable<Postfix['queue']> | undefined {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const rows = lines.map((l) => /^\s*(\d+)\s+([a-z]+)\s*$/.exec(l));
  // Anything else (e.g. "postqueue: not found" on stderr) means the count is unknown, not zero.
  if (rows.some((m) => m === null)) return undefined;
  const q = parseQueue(rows.map((m) => `${m?.[2]} ${m?.[1]}`).join('\n'));
  return q.total === undefined ? { total: 0 } : q;
}

export function parsePostfix(raw: string): CollectorResult {
  const secs = splitSections(raw);
  const notes: Note[] = [];
  const n = usable(secs, 'postconf', notes);
  if (n === undefined) return { notes: [...notes, note('postfix.notAvailable')] };
  const master = usable(secs, 'master', notes);
  const p = postfixFromConfig(parsePostconf(n), master === undefined ? undefined : parseMaster(master));
  const version = usable(secs, 'version', notes)?.trim();
  if (version && /^\d+(\.\d+)*$/.test(version)) p.version = version;
  const queueDir = secs.get('queuedir')?.out.trim();
  if (secs.get('queuedir')?.rc === 0 && queueDir?.startsWith('/') && !queueDir.includes('\n')) p.queueDirectory = queueDir;
  // Spool file counts need root; without it, fall back to postqueue's JSON (allowed for any user).
  const scratch: Note[] = [];
  const queue = usable(secs, 'queue', scratch);
  const q = queue === undefined ? undefined : parseQueue(queue);
  if (q?.total !== undefined) p.queue = q;
  else {
    const pq = secs.get('postqueue');
    const counted = pq && pq.rc === 0 ? parsePostqueueCounts(pq.out) : undefined;
    if (counted) p.queue = counted;
    else notes.push(...(scratch.length ? scratch : [note('unparsable', { section: 'queue' })]));
  }
  return { postfix: p, notes };
}
