/**
 * The preflight inventory of a node: `inventoryProbe.command` is run read-only on every node (as root), its
 * output goes through `inventoryProbe.parse`. The parser is pure and never throws: whatever it cannot read
 * becomes a problem line, and the result always satisfies NodeInventorySchema.
 */
import type { NodeRole } from './types';
import { INVENTORY_SCRIPT } from './inventoryScript';
import { NodeInventorySchema, type Interface, type InventoryFile, type NodeInventory } from './inventorySchema';

type Sections = Map<string, string[]>;

function sections(raw: string): Sections {
  const out: Sections = new Map();
  let cur: string[] | undefined;
  for (const line of raw.split('\n')) {
    const m = /^@@mhs:([a-z]+)\s*$/.exec(line);
    if (m) {
      cur = [];
      out.set(m[1]!, cur);
    } else if (cur && line.trim() !== '') cur.push(line.replace(/\r$/, ''));
  }
  return out;
}

const int = (s: string | undefined): number | undefined => {
  if (s === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(s)) return undefined;
  const n = Math.round(Number(s));
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
};
const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

/** `ip -o addr` and `ip -o link`: interface name, IPv4/IPv6 addresses with prefix, state, MAC. */
function interfaces(addr: string[], link: string[]): Interface[] {
  const byName = new Map<string, Interface>();
  const get = (name: string) => {
    const n = clip(name.replace(/@.*$/, ''), 32);
    let i = byName.get(n);
    if (!i) byName.set(n, (i = { name: n, addresses: [] }));
    return i;
  };
  for (const l of link) {
    const m = /^\d+:\s+([^:\s]+):\s+<([^>]*)>.*?(?:link\/\w+\s+([0-9a-f:]{17}))?/.exec(l);
    if (!m) continue;
    const i = get(m[1]!);
    const flags = m[2]!.split(',');
    i.up = flags.includes('UP') && (flags.includes('LOWER_UP') || / state UP /.test(l) || / state UNKNOWN /.test(l));
    if (m[3]) i.mac = m[3];
  }
  for (const l of addr) {
    const m = /^\d+:\s+(\S+)\s+inet6?\s+(\S+)/.exec(l);
    if (!m) continue;
    const i = get(m[1]!);
    if (i.addresses.length < 32 && !i.addresses.includes(m[2]!)) i.addresses.push(clip(m[2]!, 64));
  }
  return [...byName.values()].slice(0, 64);
}

function osRelease(lines: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines) {
    const m = /^([A-Z_]+)=("?)(.*)\2$/.exec(l.trim());
    if (m) out[m[1]!] = m[3]!;
  }
  return out;
}

/** lsblk -P: KEY="value" pairs (values escape '"' as \x22). */
function pairs(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of line.matchAll(/([A-Z:-]+)="([^"]*)"/g)) out[m[1]!] = m[2]!.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}

/** findmnt -r escapes blanks and backslashes as \xNN. */
const unescapeMount = (s: string) => s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

function parseInventory(raw: string, role: NodeRole): NodeInventory {
  const sec = sections(typeof raw === 'string' ? raw : '');
  const get = (k: string) => sec.get(k) ?? [];
  const problems: string[] = [];
  if (!sec.has('end')) problems.push('inventory output ended early (the script did not finish)');

  const date = get('date')[0]?.trim() ?? '';
  const collectedAt = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(date) ? date : '1970-01-01T00:00:00Z';
  if (collectedAt.startsWith('1970')) problems.push('no time from the node');
  const hostname = clip(get('hostname')[0]?.trim() || '', 253);
  if (!hostname) problems.push('no host name');
  const os = osRelease(get('os'));

  const drbd = get('drbd');
  const drbdLoaded = drbd[0] === 'loaded';
  const drbdVersion = drbdLoaded ? /version:\s*([0-9][0-9.]*[0-9])/.exec(drbd[1] ?? '')?.[1] : /^([0-9][0-9.]*[0-9])/.exec(drbd[1] ?? '')?.[1];

  const vgs = get('vgs').flatMap((l) => {
    const [name, size, free, ext] = l.trim().split('|');
    const sizeBytes = int(size);
    const freeBytes = int(free);
    if (!name || sizeBytes === undefined || freeBytes === undefined) return [];
    return [{ name: clip(name, 128), sizeBytes, freeBytes, ...(int(ext) !== undefined ? { extentBytes: int(ext)! } : {}) }];
  });
  const lvs = get('lvs').flatMap((l) => {
    const [vg, name, size] = l.trim().split('|');
    const sizeBytes = int(size);
    return vg && name && sizeBytes !== undefined ? [{ vg: clip(vg, 128), name: clip(name, 128), sizeBytes }] : [];
  });

  const byId = new Map<string, string[]>();
  for (const l of get('byid')) {
    const [link, target] = l.split(' ');
    if (link?.startsWith('/dev/') && target?.startsWith('/dev/')) byId.set(target, [...(byId.get(target) ?? []), link].slice(0, 16));
  }
  const blockDevices = get('lsblk').flatMap((l) => {
    const p = pairs(l);
    const sizeBytes = int(p.SIZE);
    if (!p.PATH?.startsWith('/dev/') || sizeBytes === undefined) return [];
    return [
      {
        path: clip(p.PATH, 512),
        sizeBytes,
        ...(p.TYPE ? { type: clip(p.TYPE, 32) } : {}),
        ...(p.FSTYPE ? { fstype: clip(p.FSTYPE, 32) } : {}),
        ...(p.LABEL ? { label: clip(p.LABEL, 64) } : {}),
        ...(p.MOUNTPOINT ? { mountpoint: clip(p.MOUNTPOINT, 512) } : {}),
        byId: byId.get(p.PATH) ?? [],
      },
    ];
  });
  const mounts = get('mounts').flatMap((l) => {
    const [target, source, fstype] = l.split(' ');
    return target && source ? [{ target: clip(unescapeMount(target), 1024), source: clip(unescapeMount(source), 1024), ...(fstype ? { fstype: clip(fstype, 64) } : {}) }] : [];
  });

  const wd = get('watchdog');
  const packages: Record<string, string> = {};
  for (const l of get('packages')) {
    const [name, version] = l.split('\t');
    if (name && /^[a-z0-9][a-z0-9+.-]*$/.test(name)) packages[clip(name, 128)] = clip(version ?? '', 128);
  }
  const users = get('passwd').flatMap((l) => {
    const [name, uid, gid, home, shell] = l.split(':');
    const u = int(uid);
    const g = int(gid);
    return name && u !== undefined && g !== undefined ? [{ name: clip(name, 64), uid: u, gid: g, ...(home ? { home: clip(home, 512) } : {}), ...(shell ? { shell: clip(shell, 512) } : {}) }] : [];
  });
  const groups = get('group').flatMap((l) => {
    const [name, gid, members] = l.split(':');
    const g = int(gid);
    return name && g !== undefined ? [{ name: clip(name, 64), gid: g, members: (members ?? '').split(',').filter(Boolean).slice(0, 256).map((m) => clip(m, 64)) }] : [];
  });
  const units: NodeInventory['units'] = {};
  for (const l of get('units')) {
    const [name, enabled, active] = l.split(' ');
    if (name) units[clip(name, 128)] = { enabled: clip(enabled || 'not-found', 40), active: clip(active || 'unknown', 40) };
  }

  const mc: Record<string, string> = {};
  const postmapTables: string[] = [];
  const aliasDatabases: string[] = [];
  for (const l of get('mailconf')) {
    const i = l.indexOf('=');
    if (i <= 0) continue;
    const k = l.slice(0, i);
    const v = l.slice(i + 1).trim();
    if (k === 'postmap') postmapTables.push(clip(v, 1100));
    else if (k === 'aliasdb') aliasDatabases.push(clip(v, 1100));
    else if (v) mc[k] = v;
  }
  const mailConfig: NodeInventory['mailConfig'] = {
    // Alias tables are rebuilt with newaliases; postconf -x lists them under other parameters too.
    postmapTables: [...new Set(postmapTables)].filter((t) => !aliasDatabases.includes(t)).slice(0, 200),
    aliasDatabases: [...new Set(aliasDatabases)].slice(0, 20),
    ...(mc.queue_directory ? { queueDirectory: clip(mc.queue_directory, 1024) } : {}),
    ...(mc.mail_location ? { mailLocation: clip(mc.mail_location, 1024) } : {}),
    ...(mc.mail_home ? { mailHome: clip(mc.mail_home, 1024) } : {}),
    ...(mc.mail_uid ? { mailUid: clip(mc.mail_uid, 64) } : {}),
    ...(mc.mail_gid ? { mailGid: clip(mc.mail_gid, 64) } : {}),
    ...(mc.datadir ? { datadir: clip(mc.datadir, 1024) } : {}),
    ...(mc.first_mailbox && /^[^\s]+$/.test(mc.first_mailbox) ? { firstMailbox: clip(mc.first_mailbox, 320) } : {}),
  };

  const configFiles = get('files').flatMap((l): InventoryFile[] => {
    const f = l.split('\t');
    if (f[0] === 'L' && f[1]?.startsWith('/') && f[2]) return [{ path: clip(f[1], 1024), kind: 'link' as const, linkTarget: clip(f[2], 1024) }];
    if (f[0] !== 'F' || !f[1]?.startsWith('/')) return [];
    const [mode, owner, size] = (f[2] ?? '').split(' ');
    const sha = /^[0-9a-f]{64}$/.test(f[3] ?? '') ? f[3] : undefined;
    return [
      {
        path: clip(f[1], 1024),
        kind: 'file' as const,
        ...(mode && /^[0-7]{3,4}$/.test(mode) ? { mode: mode.padStart(4, '0') } : {}),
        ...(owner && /^[^:\s]+:[^:\s]+$/.test(owner) ? { owner: clip(owner, 130) } : {}),
        ...(int(size) !== undefined ? { sizeBytes: int(size)! } : {}),
        ...(sha ? { sha256: sha } : {}),
      },
    ];
  });
  if (role === 'primary' && !configFiles.length) problems.push('no mail configuration files found');

  const candidate = {
    collectedAt,
    hostname: hostname || 'unknown',
    interfaces: interfaces(get('addr'), get('link')),
    ...(drbdVersion ? { drbdModuleVersion: clip(drbdVersion, 40) } : {}),
    drbdModuleLoaded: drbdLoaded,
    ...(os.VERSION_CODENAME ? { osCodename: clip(os.VERSION_CODENAME, 40) } : {}),
    ...(os.ID ? { osId: clip(os.ID, 40) } : {}),
    ...(os.VERSION_ID ? { osVersionId: clip(os.VERSION_ID, 40) } : {}),
    vgs: vgs.slice(0, 64),
    lvs: lvs.slice(0, 512),
    blockDevices: blockDevices.slice(0, 512),
    mounts: mounts.slice(0, 512),
    watchdog: { device: wd.includes('device'), softdogAvailable: wd.includes('softdog') },
    packages,
    users: users.slice(0, 1024),
    groups: groups.slice(0, 1024),
    configFiles: configFiles.slice(0, 2000),
    mailConfig,
    units,
    problems: problems.slice(0, 100),
  };
  const parsed = NodeInventorySchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  // Anything the schema still rejects (it should not) must not throw: keep what is certain.
  return NodeInventorySchema.parse({ collectedAt, hostname: hostname || 'unknown', problems: [...problems, clip(`unreadable inventory: ${parsed.error.issues[0]?.path.join('.') ?? ''}`, 300)] });
}

export const inventoryProbe: { command: string; parse(raw: string, role: NodeRole): NodeInventory } = {
  command: INVENTORY_SCRIPT,
  parse(raw: string, role: NodeRole): NodeInventory {
    try {
      return parseInventory(raw, role);
    } catch {
      return NodeInventorySchema.parse({ collectedAt: '1970-01-01T00:00:00Z', hostname: 'unknown', problems: ['unreadable inventory'] });
    }
  },
};
