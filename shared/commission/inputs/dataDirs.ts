/**
 * Where the legacy server keeps what must move onto the replicated/shared volume. Read from what the server
 * says (Dovecot mail_location / mail_home, MariaDB datadir, Postfix queue_directory: the Ist-Analyse facts
 * first, then the preflight), never assumed; a Debian default is used only with a notice saying so.
 */
import type { Facts } from '../../analysis/facts';
import type { NodeInventory } from '../inventorySchema';
import type { ClusterSettings } from '../settingsSchema';
import type { PlanNotice } from '../types';
import type { DataDirs, PlanError } from './types';

const norm = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);

/**
 * The fixed part of a Dovecot location: `maildir:/var/vmail/%d/%n/Maildir:INDEX=...` -> /var/vmail.
 * Locations that start in the user's home (`~/Maildir`, `%h`) need mail_home instead.
 */
export function staticPrefix(location: string | undefined): string | undefined {
  if (!location) return undefined;
  let path = location.trim();
  const typed = /^([a-z0-9]+):(.*)$/.exec(path);
  if (typed) path = typed[2]!;
  path = path.split(':')[0]!;
  if (!path.startsWith('/')) return undefined;
  const parts: string[] = [];
  for (const seg of path.split('/').slice(1)) {
    if (seg.includes('%') || seg.includes('~') || seg === '') break;
    parts.push(seg);
  }
  return parts.length ? `/${parts.join('/')}` : undefined;
}

export function resolveDataDirs(facts: Facts | undefined, inv: NodeInventory | undefined, settings: ClusterSettings, errors: PlanError[], notices: PlanNotice[]): DataDirs {
  const mc = inv?.mailConfig;
  const location = facts?.dovecot?.mailLocation ?? mc?.mailLocation;
  let vmail = settings.dataDirs.vmail ?? staticPrefix(location) ?? staticPrefix(mc?.mailHome);
  if (!vmail) {
    errors.push({ key: 'commission:errors.mailLocationUnknown', params: { location: location ?? '' } });
    vmail = '/var/vmail';
  }
  let mariadb = settings.dataDirs.mariadb ?? facts?.mariadb?.datadir ?? mc?.datadir;
  if (!mariadb) {
    mariadb = '/var/lib/mysql';
    notices.push({ level: 'warning', text: { de: 'Das MariaDB-Datenverzeichnis war in der Ist-Analyse nicht zu lesen; der Plan nimmt Debians /var/lib/mysql an.', en: 'The MariaDB data directory could not be read in the analysis; the plan assumes Debian\'s /var/lib/mysql.' } });
  }
  let spool = settings.dataDirs.spool ?? facts?.postfix?.mainCf?.queue_directory ?? mc?.queueDirectory;
  if (!spool) {
    spool = '/var/spool/postfix';
    notices.push({ level: 'warning', text: { de: 'Das Postfix-Queue-Verzeichnis war nicht zu lesen; der Plan nimmt Debians /var/spool/postfix an.', en: 'The Postfix queue directory could not be read; the plan assumes Debian\'s /var/spool/postfix.' } });
  }
  const dirs = { vmail: norm(vmail), mariadb: norm(mariadb), spool: norm(spool) };
  const list = Object.entries(dirs);
  for (const [a, pa] of list) {
    if (pa === '/' || !pa.startsWith('/')) errors.push({ key: 'commission:errors.dataDirInvalid', params: { dir: pa } });
    for (const [b, pb] of list) if (a !== b && (pa === pb || pb.startsWith(`${pa}/`))) errors.push({ key: 'commission:errors.dataDirsNested', params: { a: pa, b: pb } });
    const mp = norm(settings.mountPoint);
    if (pa === mp || pa.startsWith(`${mp}/`) || mp.startsWith(`${pa}/`)) errors.push({ key: 'commission:errors.dataDirMountPoint', params: { dir: pa, mountPoint: mp } });
  }
  return dirs;
}
