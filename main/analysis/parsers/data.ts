/** Data volume: `du -sb` of mail store, database and spool; per-domain mailbox/message counts from find. Pure. */
import type { CollectorResult, Data, Note } from '../../../shared/analysis/facts.js';
import { note, num, splitSections, usable } from '../sections.js';

export const VMAIL = '/var/vmail';
export const SPOOL = '/var/spool/postfix';

export function parseDu(text: string): Pick<Data, 'vmailBytes' | 'spoolBytes' | 'datadirBytes'> {
  const out: Pick<Data, 'vmailBytes' | 'spoolBytes' | 'datadirBytes'> = {};
  for (const line of text.split('\n')) {
    const m = /^(\d+)\t(\/.*)$/.exec(line);
    if (!m) continue;
    const n = num(m[1]);
    if (n === undefined) continue;
    const path = (m[2] ?? '').replace(/\/+$/, '');
    if (path === VMAIL) out.vmailBytes = n;
    else if (path === SPOOL) out.spoolBytes = n;
    else out.datadirBytes = n;
  }
  return out;
}

/**
 * Lines "D\t<domain>/<user>" (mailbox directories) and "F\t<size>\t<domain>/<user>/[Maildir/][.Folder/]{cur,new}/<file>".
 */
export function parseMaildirs(text: string): Pick<Data, 'domains' | 'totalMailboxes' | 'totalMessages'> {
  const doms = new Map<string, { boxes: Set<string>; messages: number; bytes: number }>();
  const dom = (d: string) => {
    let e = doms.get(d);
    if (!e) doms.set(d, (e = { boxes: new Set(), messages: 0, bytes: 0 }));
    return e;
  };
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    if (f[0] === 'D' && f.length === 2) {
      const [d, u] = (f[1] ?? '').split('/');
      if (d && u && !d.startsWith('.')) dom(d).boxes.add(u);
    } else if (f[0] === 'F' && f.length === 3) {
      const size = num(f[1]);
      const parts = (f[2] ?? '').split('/');
      const [d, u] = parts;
      const dir = parts[parts.length - 2];
      if (size === undefined || !d || !u || parts.length < 4 || (dir !== 'cur' && dir !== 'new') || d.startsWith('.')) continue;
      const e = dom(d);
      e.boxes.add(u);
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
  // du exits 1 if one of the paths is missing but still reports the others; unreadable directories would
  // make its sums too small, so then the sizes are left out.
  const du = usable(secs, 'du', notes, [0, 1]);
  if (du !== undefined && /Permission denied/.test(du)) notes.push(note('permissionDenied', { section: 'du' }));
  else if (du !== undefined) Object.assign(data, parseDu(du));
  // Exit code 3: there is no mail directory at all.
  const noVmail = secs.get('maildirs')?.rc === 3;
  const md = noVmail ? '' : usable(secs, 'maildirs', notes);
  if (md !== undefined) {
    Object.assign(data, parseMaildirs(md));
    if (!data.domains?.length) notes.push(note('data.noMaildirs', { path: VMAIL }));
  }
  return { data, notes };
}
