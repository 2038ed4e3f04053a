/**
 * Data volume: `du -sb` of mail store, queue and database, per-domain mailbox/message counts from find, read
 * with the mailbox layout the "paths" section names (see collectors/data.ts). Pure.
 */
import type { CollectorResult, Data, Note } from '../../../shared/analysis/facts.js';
import { DEFAULT_MAIL_ROOT, mailLayout, mailLayoutFor, type MailLayout } from '../mailLocation.js';
import { keyValues, note, num, splitSections, usable } from '../sections.js';

export const DEFAULT_SPOOL = '/var/spool/postfix';
export const DEFAULT_DATADIR = '/var/lib/mysql';

const trimSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);

export interface MeasuredPaths {
  root: string;
  spool: string;
  datadir: string;
  layout: MailLayout;
}

/** The "paths" section; without it (older scripts' output) the defaults this collector once assumed. */
export function parsePaths(text: string | undefined): MeasuredPaths {
  const kv = keyValues(text ?? '', '\t');
  const template = kv.get('template');
  const layout = (template ? mailLayout(template) : undefined) ?? mailLayoutFor(undefined);
  const root = trimSlash(kv.get('root') || layout.root || DEFAULT_MAIL_ROOT);
  return { root, spool: trimSlash(kv.get('spool') || DEFAULT_SPOOL), datadir: trimSlash(kv.get('datadir') || DEFAULT_DATADIR), layout: { ...layout, root } };
}

export function parseDu(text: string, paths: Pick<MeasuredPaths, 'root' | 'spool' | 'datadir'> = { root: DEFAULT_MAIL_ROOT, spool: DEFAULT_SPOOL, datadir: DEFAULT_DATADIR }): Pick<Data, 'vmailBytes' | 'spoolBytes' | 'datadirBytes'> {
  const out: Pick<Data, 'vmailBytes' | 'spoolBytes' | 'datadirBytes'> = {};
  for (const line of text.split('\n')) {
    const m = /^(\d+)\t(\/.*)$/.exec(line);
    if (!m) continue;
    const n = num(m[1]);
    if (n === undefined) continue;
    const path = trimSlash(m[2] ?? '');
    if (path === paths.root) out.vmailBytes = n;
    else if (path === paths.spool) out.spoolBytes = n;
    else if (path === paths.datadir) out.datadirBytes = n;
  }
  return out;
}

/** Domain and user of a mailbox directory (its path below the root, split), per the layout. */
function mailbox(parts: readonly string[], layout: MailLayout): { domain: string; user: string } | undefined {
  const user = parts[layout.userAt];
  if (!user || user.startsWith('.')) return undefined;
  if (layout.userWithDomain) {
    const at = user.lastIndexOf('@');
    return { domain: at > 0 ? user.slice(at + 1) : '', user: at > 0 ? user.slice(0, at) : user };
  }
  const domain = layout.domainAt !== undefined ? parts[layout.domainAt] : '';
  if (domain === undefined || domain.startsWith('.')) return undefined;
  return { domain, user };
}

/**
 * Lines "D\t<dir below the root>" (candidate mailbox directories) and "F\t<size>\t<path below the root>"
 * (message files in cur/ or new/ of a mailbox or one of its folders).
 */
export function parseMaildirs(text: string, layout: MailLayout = mailLayoutFor(undefined)): Pick<Data, 'domains' | 'totalMailboxes' | 'totalMessages'> {
  const doms = new Map<string, { boxes: Set<string>; messages: number; bytes: number }>();
  const dom = (d: string) => {
    let e = doms.get(d);
    if (!e) doms.set(d, (e = { boxes: new Set(), messages: 0, bytes: 0 }));
    return e;
  };
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    if (f[0] === 'D' && f.length === 2) {
      const parts = (f[1] ?? '').split('/');
      if (parts.length !== layout.depth) continue;
      const b = mailbox(parts, layout);
      if (b) dom(b.domain).boxes.add(b.user);
    } else if (f[0] === 'F' && f.length === 3) {
      const size = num(f[1]);
      const parts = (f[2] ?? '').split('/');
      const dir = parts[parts.length - 2];
      if (size === undefined || parts.length < layout.depth + 2 || (dir !== 'cur' && dir !== 'new')) continue;
      const b = mailbox(parts, layout);
      if (!b) continue;
      const e = dom(b.domain);
      e.boxes.add(b.user);
      e.messages++;
      e.bytes += size;
    }
  }
  const domains = [...doms.entries()].map(([domain, e]) => ({ domain, mailboxes: e.boxes.size, messages: e.messages, bytes: e.bytes })).sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
  return { domains, totalMailboxes: domains.reduce((a, d) => a + d.mailboxes, 0), totalMessages: domains.reduce((a, d) => a + d.messages, 0) };
}

export function parseData(raw: string): CollectorResult {
  const secs = splitSections(raw);
  const notes: Note[] = [];
  const data: Data = {};
  const paths = parsePaths(secs.get('paths')?.out);
  // du exits 1 if one of the paths is missing but still reports the others; unreadable directories would
  // make its sums too small, so then the sizes are left out.
  const du = usable(secs, 'du', notes, [0, 1]);
  if (du !== undefined && /Permission denied/.test(du)) notes.push(note('permissionDenied', { section: 'du' }));
  else if (du !== undefined) Object.assign(data, parseDu(du, paths));
  // Exit code 3: there is no mail directory at all (noted below with the path that was looked at).
  const noVmail = secs.get('maildirs')?.rc === 3;
  const md = noVmail ? '' : usable(secs, 'maildirs', notes);
  if (md !== undefined) {
    Object.assign(data, parseMaildirs(md, paths.layout));
    if (!data.domains?.length) notes.push(note('data.noMaildirs', { path: paths.root }));
  }
  return { data, notes };
}
