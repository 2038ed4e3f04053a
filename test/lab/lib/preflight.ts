// Before the lab starts anything: are the host tools there (which Debian package brings each), and are the
// loopback ports this instance will listen on free (and if not, who holds them)?
import { accessSync, constants, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { ALL_NODES, SERVICES, buildPorts, nodeServicePort, sshPort, vipPort, type NodeName, type Tier } from './config.js';
import { findProcessWithFd } from './util.js';

export interface HostTool {
  /** a command on PATH, or an absolute file */
  need: string;
  pkg: string;
  why: string;
}

const COMMON: HostTool[] = [
  { need: 'ip', pkg: 'iproute2', why: 'network namespace, bridges' },
  { need: 'nsenter', pkg: 'util-linux', why: 'processes inside the lab namespace' },
  { need: 'losetup', pkg: 'util-linux', why: 'shared disk' },
  { need: 'socat', pkg: 'socat', why: 'loopback relays' },
  { need: 'ssh-keygen', pkg: 'openssh-client', why: 'node host keys' },
  { need: 'tar', pkg: 'tar', why: 'node identity' },
];
const BUILD: HostTool[] = [
  { need: 'mmdebstrap', pkg: 'mmdebstrap', why: 'building the Debian images' },
  { need: '/usr/share/keyrings/debian-archive-keyring.gpg', pkg: 'debian-archive-keyring', why: 'verifying the Debian mirror' },
  { need: 'dpkg-scanpackages', pkg: 'dpkg-dev', why: 'indexing the lab package repository' },
  { need: 'gzip', pkg: 'gzip', why: 'repository index' },
  { need: 'systemd-nspawn', pkg: 'systemd-container', why: 'the provisioning boot of legacy' },
];
const TIER_TOOLS: Record<Tier, { up: HostTool[]; build: HostTool[] }> = {
  ct: { up: [{ need: 'systemd-nspawn', pkg: 'systemd-container', why: 'ct nodes' }], build: [] },
  vm: {
    up: [
      { need: 'qemu-system-x86_64', pkg: 'qemu-system-x86', why: 'vm nodes' },
      { need: 'qemu-img', pkg: 'qemu-utils', why: 'disk overlays' },
    ],
    build: [
      { need: 'mkfs.ext4', pkg: 'e2fsprogs', why: 'vm disk images' },
      { need: 'qemu-system-x86_64', pkg: 'qemu-system-x86', why: 'the RAID10 + LVM build boot' },
    ],
  },
};

export function toolsFor(tier: Tier, needsBuild: boolean): HostTool[] {
  const list = [...COMMON, ...TIER_TOOLS[tier].up, ...(needsBuild ? [...BUILD, ...TIER_TOOLS[tier].build] : [])];
  return list.filter((t, i) => list.findIndex((x) => x.need === t.need) === i);
}

function found(need: string, path: string): boolean {
  const candidates = need.startsWith('/') ? [need] : path.split(delimiter).filter(Boolean).map((d) => join(d, need));
  return candidates.some((c) => {
    try {
      accessSync(c, need.startsWith('/') ? constants.R_OK : constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function missingTools(tools: HostTool[], path = process.env.PATH ?? ''): HostTool[] {
  // root's sbin directories hold several of these even when PATH lacks them (sudo, cron)
  const p = [path, '/usr/local/sbin', '/usr/sbin', '/sbin'].join(delimiter);
  return tools.filter((t) => !found(t.need, p));
}

export function missingToolsMessage(missing: HostTool[]): string {
  const pkgs = [...new Set(missing.map((m) => m.pkg))];
  const lines = missing.map((m) => `  ${m.need} (${m.why}): package ${m.pkg}`);
  return `the lab needs host tools that are missing:\n${lines.join('\n')}\ninstall them with:\n  apt-get install -y ${pkgs.join(' ')}\n(the full list is test/lab/apt-packages.txt)`;
}

/** Every loopback port `up` will listen on for these nodes (and, when images must be built, the build's). */
export function labPorts(tier: Tier, nodes: readonly NodeName[], needsBuild: boolean): { port: number; what: string }[] {
  const out: { port: number; what: string }[] = [];
  for (const n of ALL_NODES.filter((x) => nodes.includes(x))) out.push({ port: sshPort(tier, n), what: `SSH of ${n}` });
  SERVICES.forEach(([name], i) => {
    out.push({ port: vipPort(tier, i), what: `VIP ${name}` });
    for (const n of nodes.filter((x) => x !== 'witness')) out.push({ port: nodeServicePort(tier, n, i), what: `${n} ${name}` });
  });
  if (needsBuild) {
    const b = buildPorts();
    out.push({ port: b.smtp, what: 'image build SMTP' }, { port: b.submission, what: 'image build submission' });
  }
  return out;
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

const TCP_STATES: Record<string, string> = { '01': 'ESTABLISHED', '02': 'SYN_SENT', '06': 'TIME_WAIT', '08': 'CLOSE_WAIT', '0A': 'LISTEN' };

/** Sockets on this local TCP port (from /proc/net/tcp{,6}), listeners first: [inode, state]. */
function socketsOnPort(port: number): { inode: string; state: string }[] {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const out: { inode: string; state: string }[] = [];
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(f)) continue;
    for (const line of readFileSync(f, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && cols[1]?.endsWith(`:${hex}`)) out.push({ inode: cols[9] as string, state: cols[3] as string });
    }
  }
  return out.sort((a, b) => Number(b.state === '0A') - Number(a.state === '0A'));
}

/**
 * Who holds a TCP port: "PID n: command" for a listener, or "a connection (STATE) of PID n: command" for a
 * socket that got the port as its ephemeral source port (instance 0's blocks lie in Linux's ephemeral range).
 */
export function portHolder(port: number): string | undefined {
  const socks = socketsOnPort(port);
  if (!socks.length) return undefined;
  for (const s of socks) {
    const pid = s.inode === '0' ? undefined : findProcessWithFd((t) => t === `socket:[${s.inode}]`);
    const what = s.state === '0A' ? '' : `a connection (${TCP_STATES[s.state] ?? s.state}) of `;
    if (pid !== undefined) {
      try {
        return `${what}PID ${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').slice(0, 120)}`;
      } catch {
        /* exited meanwhile */
      }
    }
  }
  return `a socket in state ${TCP_STATES[socks[0]?.state ?? ''] ?? socks[0]?.state} of no process this user can see`;
}

/**
 * Ports this up will listen on that are taken. A port held only by a passing connection (its ephemeral source
 * port, taken before the block was reserved) is given the 60 s of TCP's TIME_WAIT to come free before it counts.
 */
export async function busyPorts(ports: { port: number; what: string }[], graceMs = 65_000): Promise<{ port: number; what: string; holder?: string }[]> {
  const end = Date.now() + graceMs;
  let busy: { port: number; what: string; holder?: string }[] = [];
  let todo = ports;
  for (;;) {
    busy = [];
    for (const p of todo) if (!(await canBind(p.port))) busy.push({ ...p, holder: portHolder(p.port) });
    const listened = busy.some((b) => socketsOnPort(b.port).some((x) => x.state === '0A'));
    if (!busy.length || listened || Date.now() > end) return busy;
    todo = busy;
    await new Promise((r) => setTimeout(r, 500));
  }
}

const RESERVED = '/proc/sys/net/ipv4/ip_local_reserved_ports';

/** Merge a port range into a ip_local_reserved_ports value ("a-b,c,..."), sorted and coalesced. */
export function mergePortRanges(current: string, add: [number, number]): string {
  const ranges: [number, number][] = current
    .trim()
    .split(',')
    .filter(Boolean)
    .map((r) => r.split('-').map(Number) as [number] | [number, number])
    .map((r) => [r[0], r[1] ?? r[0]] as [number, number]);
  ranges.push(add);
  ranges.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([...r]);
  }
  return out.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(',');
}

/**
 * Keep the kernel from handing out this port block as ephemeral source ports (instance 0's 42000/43000 lie
 * in Linux's ephemeral range, where a passing connection could take a relay's port). Machine-wide, additive.
 */
export function reservePortBlock(first: number, last: number): void {
  if (!existsSync(RESERVED)) return;
  const [lo, hi] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  if (lo === undefined || hi === undefined || last < lo || first > hi) return;
  const cur = readFileSync(RESERVED, 'utf8');
  const next = mergePortRanges(cur, [first, last]);
  if (next !== mergePortRanges(cur, [first, first])) writeFileSync(RESERVED, next);
}

export function busyPortsMessage(tier: Tier, instance: number, busy: { port: number; what: string; holder?: string }[]): string {
  const lines = busy.slice(0, 12).map((b) => `  127.0.0.1:${b.port} (${b.what}) is in use${b.holder ? ` by ${b.holder}` : ''}`);
  if (busy.length > 12) lines.push(`  ... and ${busy.length - 12} more`);
  return (
    `the ${tier} lab (instance ${instance}) cannot start: its loopback ports are taken:\n${lines.join('\n')}\n` +
    'stop what holds them (another lab of the same instance: npm run lab -- down), or use another instance (MHS_LAB_INSTANCE=0..7)'
  );
}

const INOTIFY_INSTANCES = '/proc/sys/fs/inotify/max_user_instances';
/** Enough for all eight instances' containers (each container's systemd, journald, networkd ... holds ~8). */
export const MIN_INOTIFY_INSTANCES = 1024;

/**
 * Every container runs as host root, so all of them share root's inotify instance limit (Debian: 128). With
 * 15 containers of other instances up, a new container's systemd failed "Failed to create inotify object:
 * Too many open files" and never started sshd. Machine-wide, only ever raised.
 */
export function raiseInotifyInstances(min = MIN_INOTIFY_INSTANCES): void {
  if (!existsSync(INOTIFY_INSTANCES)) return;
  if (Number(readFileSync(INOTIFY_INSTANCES, 'utf8').trim()) < min) writeFileSync(INOTIFY_INSTANCES, `${min}\n`);
}
