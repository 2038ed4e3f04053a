/** Dovecot facts from `dovecot --version` and `doveconf -n` (2.3 and 2.4 syntax). Pure. */
import type { CollectorResult, Dovecot, Note } from '../../../shared/analysis/facts.js';
import { note, splitSections, usable } from '../sections.js';

export function parseDoveconf(text: string): Dovecot {
  const d: Dovecot = {};
  const stack: string[] = [];
  const passdb = new Set<string>(), userdb = new Set<string>();
  let replicator = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (stack.length === 0) {
      const ver = /^# (\d+\.\d+[\w.]*)/.exec(line);
      if (ver && !d.version) d.version = ver[1];
    }
    if (!line || line.startsWith('#')) continue;
    if (line === '}') {
      stack.pop();
      continue;
    }
    const open = /^([\w-]+)(?:\s+([^{=]*?))?\s*\{$/.exec(line);
    if (open) {
      const [, kind = '', name = ''] = open;
      stack.push(kind);
      if ((kind === 'service' && name === 'replicator') || kind === 'replication') replicator = true;
      // 2.4: "passdb sql {" names the driver unless a driver line follows.
      if (kind === 'passdb' && name) passdb.add(name.trim());
      if (kind === 'userdb' && name) userdb.add(name.trim());
      continue;
    }
    const kv = /^([\w-]+)\s*=\s*(.*)$/.exec(line);
    if (!kv) continue;
    const [, k = '', v = ''] = kv;
    const top = stack[stack.length - 1];
    if (stack.length === 0) {
      if (k === 'protocols') d.protocols = v.split(/\s+/).filter((x) => /^[a-z0-9]+$/.test(x));
      else if (k === 'mail_location' || (k === 'mail_path' && !d.mailLocation)) d.mailLocation = v;
      else if (k === 'mail_home' && v) d.mailHome = v;
      else if (k === 'ssl') d.sslEnabled = v !== 'no';
      else if (k === 'mail_plugins' && /\breplication\b/.test(v)) replicator = true;
    }
    if (k === 'driver' && top === 'passdb') passdb.add(v);
    if (k === 'driver' && top === 'userdb') userdb.add(v);
    if (k === 'mail_replica' || k === 'dsync_remote') replicator = true;
  }
  if (passdb.size) d.passdbDrivers = [...passdb];
  if (userdb.size) d.userdbDrivers = [...userdb];
  d.replicatorConfigured = replicator;
  return d;
}

export function parseDovecot(raw: string): CollectorResult {
  const secs = splitSections(raw);
  const notes: Note[] = [];
  const conf = usable(secs, 'doveconf', notes);
  const version = usable(secs, 'version', notes)?.trim().split(/\s/)[0];
  if (conf === undefined && !version) return { notes: [...notes, note('dovecot.notAvailable')] };
  const d = conf === undefined ? {} : parseDoveconf(conf);
  if (version && /^\d+\.\d+/.test(version)) d.version = version;
  return { dovecot: d, notes };
}
