/** OS facts: /etc/os-release, `uname -r`, dpkg-query package states. Pure. */
import type { CollectorResult, Note, Os } from '../../../shared/analysis/facts.js';
import { note, splitSections, usable } from '../sections.js';

export const RELEVANT_PACKAGES = [
  'postfix', 'postfix-mysql', 'dovecot-core', 'dovecot-imapd', 'dovecot-pop3d', 'dovecot-lmtpd', 'dovecot-mysql', 'dovecot-sieve',
  'mariadb-server', 'mariadb-client', 'mysql-server', 'drbd-utils', 'corosync', 'pacemaker', 'pcs', 'crmsh', 'resource-agents',
  'fence-agents', 'mdadm', 'lvm2', 'keepalived', 'rspamd', 'spamassassin', 'amavisd-new', 'opendkim', 'clamav-daemon', 'rsyslog',
];

/** os-release values may be quoted: KEY="value with spaces". */
export function parseOsRelease(text: string): Partial<Os> {
  const kv = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) kv.set(m[1] ?? '', (m[2] ?? '').replace(/^(["'])(.*)\1$/, '$2'));
  }
  const out: Partial<Os> = {};
  const id = kv.get('ID'), ver = kv.get('VERSION_ID'), code = kv.get('VERSION_CODENAME'), pretty = kv.get('PRETTY_NAME');
  if (id) out.id = id;
  if (ver) out.versionId = ver;
  if (code) out.codename = code;
  if (pretty) out.prettyName = pretty;
  return out;
}

type Package = NonNullable<Os['packages']>[number];

/** Lines "name\tversion\tstatus" plus dpkg-query's "no packages found matching X" for unknown names. */
export function parseDpkg(text: string): Package[] {
  const pkgs = new Map<string, Package>();
  for (const line of text.split('\n')) {
    const missing = /no packages found matching (\S+)/.exec(line);
    if (missing) {
      pkgs.set(missing[1] ?? '', { name: missing[1] ?? '', installed: false });
      continue;
    }
    const parts = line.split('\t');
    if (parts.length < 3) continue;
    const [name = '', version = '', status = ''] = parts;
    if (!/^[a-z0-9][a-z0-9+.-]*(:[a-z0-9]+)?$/.test(name)) continue;
    const s = status.trim();
    const pkg: Package = { name, installed: /^[hi]i/.test(s) };
    if (version) pkg.version = version;
    if (s) pkg.status = s;
    pkgs.set(name, pkg);
  }
  return [...pkgs.values()];
}

export function parseOs(raw: string): CollectorResult {
  const secs = splitSections(raw);
  const notes: Note[] = [];
  let os: Os = {};
  const rel = usable(secs, 'osrelease', notes);
  if (rel !== undefined) {
    os = { ...os, ...parseOsRelease(rel) };
    if (!os.id) notes.push(note('unparsable', { section: 'osrelease' }));
  }
  const kernel = usable(secs, 'uname', notes)?.trim().split('\n')[0];
  if (kernel && /^[\w.+~-]+$/.test(kernel)) os.kernel = kernel;
  // dpkg-query exits 1 when some of the names are unknown; the known ones are still listed.
  const dpkg = usable(secs, 'dpkg', notes, [0, 1]);
  if (dpkg !== undefined) os.packages = parseDpkg(dpkg);
  return { os, notes };
}
