// Before the lab starts anything: are the host tools there (which Debian package brings each), and are the
// loopback ports this instance will listen on free (and if not, who holds them)?
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
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

/** Who listens on a TCP port (from /proc/net/tcp{,6} and the processes' socket fds), as "PID name". */
export function portHolder(port: number): string | undefined {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(f)) continue;
    for (const line of readFileSync(f, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && cols[1]?.endsWith(`:${hex}`) && cols[3] === '0A') inodes.add(cols[9] as string);
    }
  }
  if (!inodes.size) return undefined;
  const pid = findProcessWithFd((t) => inodes.has(t.match(/^socket:\[(\d+)\]$/)?.[1] ?? ''));
  if (pid !== undefined) {
    try {
      return `PID ${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').slice(0, 120)}`;
    } catch {
      /* exited meanwhile */
    }
  }
  return 'a process in another namespace or one this user cannot see';
}

export async function busyPorts(ports: { port: number; what: string }[]): Promise<{ port: number; what: string; holder?: string }[]> {
  const busy: { port: number; what: string; holder?: string }[] = [];
  for (const p of ports) if (!(await canBind(p.port))) busy.push({ ...p, holder: portHolder(p.port) });
  return busy;
}

export function busyPortsMessage(tier: Tier, instance: number, busy: { port: number; what: string; holder?: string }[]): string {
  const lines = busy.slice(0, 12).map((b) => `  127.0.0.1:${b.port} (${b.what}) is in use${b.holder ? ` by ${b.holder}` : ''}`);
  if (busy.length > 12) lines.push(`  ... and ${busy.length - 12} more`);
  return (
    `the ${tier} lab (instance ${instance}) cannot start: its loopback ports are taken:\n${lines.join('\n')}\n` +
    'stop what holds them (another lab of the same instance: npm run lab -- down), or use another instance (MHS_LAB_INSTANCE=0..7)'
  );
}
