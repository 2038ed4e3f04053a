/**
 * DRBD state -> DrbdStatus, from either source a node has:
 *  - `drbdadm status` (drbd-utils 9 with a DRBD 9 module): "r0 role:Primary" + indented "disk:", peers,
 *    "replication:SyncSource peer-disk:Inconsistent done:45.20";
 *  - /proc/drbd of the 8.4 module in Debian's kernel: "0: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent",
 *    "sync'ed: 45.2%", "finish: 0:01:23". Minors are named by `names` (minor -> resource) when known.
 * Pure, never throws.
 */
import type { DrbdResource, DrbdStatus } from './statusSchema';

function words(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of line.matchAll(/([a-z-]+):(\S+)/g)) out[m[1]!] = m[2]!;
  return out;
}

function hms(s: string): number | undefined {
  const p = s.split(':').map(Number);
  return p.every(Number.isFinite) ? p.reduce((a, x) => a * 60 + x, 0) : undefined;
}

/** /proc/drbd of DRBD 8.4. */
export function parseProcDrbd(text: string, names: Readonly<Record<number, string>> = {}): DrbdStatus {
  const out: DrbdStatus = { resources: [], problems: [] };
  const version = /^version:\s*(\S+)/m.exec(text)?.[1];
  if (version) out.version = version;
  let cur: DrbdResource | undefined;
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+):\s+(cs:.*)$/.exec(line);
    if (m) {
      const minor = Number(m[1]);
      const w = words(m[2]!);
      const [role, peerRole] = (w.ro ?? '').split('/');
      const [disk, peerDisk] = (w.ds ?? '').split('/');
      cur = {
        name: names[minor] ?? `minor${minor}`,
        minor,
        ...(role ? { role } : {}),
        ...(disk ? { disk } : {}),
        peers: [{ ...(w.cs ? { connection: w.cs, replication: w.cs } : {}), ...(peerRole && peerRole !== 'Unknown' ? { role: peerRole } : {}), ...(peerDisk ? { disk: peerDisk } : {}) }],
      };
      out.resources.push(cur);
      continue;
    }
    const peer = cur?.peers[0];
    if (!peer) continue;
    const sync = /sync'ed:\s*(\d+(?:\.\d+)?)%/.exec(line);
    if (sync) peer.syncPercent = Number(sync[1]);
    const fin = /finish:\s*(\d+(?::\d{1,2}){1,2})/.exec(line);
    if (fin) {
      const s = hms(fin[1]!);
      if (s !== undefined) peer.syncEtaS = s;
    }
  }
  if (!version && !out.resources.length) out.problems.push('not /proc/drbd output');
  return out;
}

/** `drbdadm status` of drbd-utils 9. */
export function parseDrbdadmStatus(text: string): DrbdStatus {
  const out: DrbdStatus = { resources: [], problems: [] };
  let cur: DrbdResource | undefined;
  let peer: DrbdResource['peers'][number] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) continue;
    const indent = /^\s*/.exec(line)![0].length;
    const w = words(line);
    if (indent === 0) {
      const name = /^(\S+)/.exec(line)?.[1];
      if (!name || name.includes(':')) continue;
      cur = { name, ...(w.role ? { role: w.role } : {}), peers: [] };
      peer = undefined;
      out.resources.push(cur);
    } else if (cur && indent <= 2 && /^\s*(?:volume:\d+\s+)?disk:/.test(line)) {
      if (w.disk) cur.disk = w.disk;
    } else if (cur && indent <= 2) {
      // A peer: "  node2 role:Secondary" or "  node2 connection:Connecting" (or "  peer role:..." in 8.4 style).
      const name = /^\s*(\S+)/.exec(line)?.[1];
      peer = { ...(name && !name.includes(':') ? { name } : {}), ...(w.role ? { role: w.role } : {}), ...(w.connection ? { connection: w.connection } : { connection: 'Connected' }) };
      cur.peers.push(peer);
    } else if (peer) {
      if (w.replication) peer.replication = w.replication;
      if (w['peer-disk']) peer.disk = w['peer-disk'];
      if (w.done && Number.isFinite(Number(w.done))) peer.syncPercent = Number(w.done);
    }
  }
  if (!out.resources.length && text.trim() && !/No currently configured DRBD found/i.test(text)) out.problems.push('not drbdadm status output');
  return out;
}

/** Whichever of the two the text is. */
export function parseDrbdStatus(text: string, names: Readonly<Record<number, string>> = {}): DrbdStatus {
  if (typeof text !== 'string') return { resources: [], problems: ['no DRBD output'] };
  try {
    return /^version:\s*\d/m.test(text) || /^\s*\d+:\s+cs:/m.test(text) ? parseProcDrbd(text, names) : parseDrbdadmStatus(text);
  } catch {
    return { resources: [], problems: ['DRBD output not readable'] };
  }
}

/** Both sides UpToDate and replicating normally. */
export function drbdHealthy(s: DrbdStatus): boolean {
  return s.resources.length > 0 && s.resources.every((r) => r.disk === 'UpToDate' && r.peers.length > 0 && r.peers.every((p) => p.disk === 'UpToDate' && (p.replication ?? p.connection) !== undefined && /^(Established|Connected)$/.test(p.replication ?? p.connection ?? '')));
}
