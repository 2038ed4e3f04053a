// status.json: the running lab as tests and the app see it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BRIDGE,
  CREDENTIALS,
  DOMAIN,
  NODE_ADDR,
  REPO_PORT,
  SERVICES,
  SUBNET,
  VIP,
  nodeServicePort,
  runDir,
  sshPort,
  vipPort,
  type NodeName,
} from './config.js';
import { haPackages } from './images.js';
import { statusFile, type LabState } from './state.js';
import { isAlive } from './util.js';

export interface PortMap {
  [service: string]: { guest: number; host: string; port: number };
}

export interface NodeStatus {
  name: NodeName;
  role: NodeName;
  hostname: string;
  fqdn: string;
  address: string;
  os: string;
  running: boolean;
  pid?: number;
  ssh: { host: string; port: number; hostKeys: Record<string, string> };
  services: PortMap;
  disks: Record<string, string>;
}

export interface LabStatus {
  schema: 1;
  tier: LabState['tier'];
  state: 'running' | 'degraded' | 'starting';
  startedAt: string;
  upSeconds?: number;
  namespace: string;
  subnet: string;
  bridge: { name: string; address: string };
  vip: { address: string; fqdn: string; services: PortMap };
  packageRepository: { url: string; aptSource: string; packages: string[] };
  credentials: {
    clientKey: string;
    clientPublicKey: string;
    knownHosts: string;
    root: { user: 'root'; auth: 'key' };
    admin: { user: string; password: string; sudo: string; auth: string };
    passwordUser: { user: string; password: string; auth: string };
    mailbox: { user: string; password: string; note: string };
    mariadb: { user: string; password: string; database: string; note: string };
  };
  sharedDisk?: { nodeDevice: string; sizeMiB: number; attachedTo: NodeName[]; purpose: string };
  nodes: NodeStatus[];
}

function ports(tier: LabState['tier'], fn: (i: number) => number): PortMap {
  const m: PortMap = {};
  SERVICES.forEach(([name, guest], i) => {
    m[name] = { guest, host: '127.0.0.1', port: fn(i) };
  });
  return m;
}

export function buildStatus(s: LabState, extraDisks: Partial<Record<NodeName, Record<string, string>>> = {}): LabStatus {
  const keyDir = join(runDir(s.tier), 'keys');
  const nodes: NodeStatus[] = s.nodes.map((n) => {
    const proc = s.procs.find((p) => p.node === n && (p.kind === 'nspawn' || p.kind === 'qemu'));
    return {
      name: n,
      role: n,
      hostname: n,
      fqdn: `${n}.${DOMAIN}`,
      address: NODE_ADDR[n],
      os: 'debian-12',
      running: proc ? isAlive(proc.pid) : false,
      pid: proc?.pid,
      ssh: { host: '127.0.0.1', port: sshPort(s.tier, n), hostKeys: s.hostKeys[n] ?? {} },
      services: n === 'witness' ? {} : ports(s.tier, (i) => nodeServicePort(s.tier, n, i)),
      disks: extraDisks[n] ?? {},
    };
  });
  const allUp = nodes.every((n) => n.running);
  return {
    schema: 1,
    tier: s.tier,
    state: !s.ready ? 'starting' : allUp ? 'running' : 'degraded',
    startedAt: s.startedAt,
    upSeconds: s.upSeconds,
    namespace: s.netns,
    subnet: SUBNET,
    bridge: { ...BRIDGE },
    vip: { address: VIP, fqdn: 'mail.example-gmbh.test', services: ports(s.tier, (i) => vipPort(s.tier, i)) },
    packageRepository: {
      url: `http://${BRIDGE.address}:${REPO_PORT}/`,
      aptSource: `deb [trusted=yes] http://${BRIDGE.address}:${REPO_PORT} ./`,
      packages: haPackages(),
    },
    credentials: {
      clientKey: join(keyDir, 'id_ed25519'),
      clientPublicKey: join(keyDir, 'id_ed25519.pub'),
      knownHosts: join(runDir(s.tier), 'known_hosts'),
      root: { user: 'root', auth: 'key' },
      admin: { ...CREDENTIALS.admin },
      passwordUser: { ...CREDENTIALS.passwordUser },
      mailbox: { ...CREDENTIALS.mailbox },
      mariadb: { ...CREDENTIALS.mariadb },
    },
    sharedDisk: s.sharedDisk
      ? {
          nodeDevice: s.sharedDisk.nodeDevice,
          sizeMiB: s.sharedDisk.sizeMiB,
          attachedTo: s.nodes.filter((n) => n !== 'witness'),
          purpose: s.tier === 'ct' ? 'shared block device (SAN LUN) for the cluster file system' : 'SBD fencing disk (softdog watchdog in each VM)',
        }
      : undefined,
    nodes,
  };
}

export function knownHostsText(s: LabState): string {
  const lines: string[] = [];
  for (const n of s.nodes) {
    for (const pub of Object.values(s.hostKeys[n] ?? {})) {
      const [type, blob] = pub.split(' ');
      lines.push(`[127.0.0.1]:${sshPort(s.tier, n)} ${type} ${blob}`);
    }
  }
  return lines.join('\n') + '\n';
}

export function writeStatus(st: LabStatus): string {
  const f = statusFile(st.tier);
  writeFileSync(f, JSON.stringify(st, null, 2) + '\n');
  return f;
}
