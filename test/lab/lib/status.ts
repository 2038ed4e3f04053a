// status.json: the running lab as tests and the app see it (schema in statusSchema.ts, validated on write).
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BRIDGE,
  CREDENTIALS,
  DOMAIN,
  INSTANCE,
  MAIL_LOCATION,
  MAIL_ROOT,
  NETS,
  NETWORKS,
  NODE_ADDR,
  REPO_PORT,
  SERVICES,
  SUBNET,
  VIP,
  nodeAddress,
  nodeServicePort,
  portBase,
  runDir,
  sshPort,
  vipPort,
  type NodeName,
} from './config.js';
import { repoPackageGroups, repoPackages } from './images.js';
import { linkState, nodeProc, procAlive, statusFile, type LabState } from './state.js';
import { parseLabStatus, type InterfaceStatus, type LabStatus, type NodeStatus } from './statusSchema.js';

export type { InterfaceStatus, LabStatus, NodeStatus } from './statusSchema.js';

type PortMap = NodeStatus['services'];

function ports(fn: (i: number) => number): PortMap {
  const m: PortMap = {};
  SERVICES.forEach(([name, guest], i) => {
    m[name] = { guest, host: '127.0.0.1', port: fn(i) };
  });
  return m;
}

function interfaces(s: LabState, n: NodeName): InterfaceStatus[] {
  return (s.interfaces?.[n] ?? []).map((i) => ({
    name: i.name,
    mac: i.mac,
    address: nodeAddress(i.net, n),
    prefix: NETWORKS[i.net].prefix,
    network: i.net,
    bridge: NETWORKS[i.net].bridge,
    hostInterface: i.hostInterface,
    link: linkState(s, n, i.net),
  }));
}

export function buildStatus(s: LabState, extraDisks: Partial<Record<NodeName, Record<string, string>>> = {}): LabStatus {
  const keyDir = join(runDir(s.tier), 'keys');
  const nodes: NodeStatus[] = s.nodes.map((n) => {
    const proc = nodeProc(s, n);
    const running = proc ? procAlive(proc) : false;
    const power = s.power?.[n] ?? 'running';
    return {
      name: n,
      role: n,
      hostname: n,
      fqdn: `${n}.${DOMAIN}`,
      address: NODE_ADDR[n],
      os: 'debian-12',
      // A node the lab crashed with sysrq still has its qemu process, but it is not running.
      running: running && power === 'running',
      power,
      pid: proc?.pid,
      ssh: { host: '127.0.0.1', port: sshPort(s.tier, n), hostKeys: s.hostKeys[n] ?? {} },
      services: n === 'witness' ? {} : ports((i) => nodeServicePort(s.tier, n, i)),
      disks: extraDisks[n] ?? {},
      interfaces: interfaces(s, n),
      ...(n === 'legacy' ? { mailStore: { mailLocation: MAIL_LOCATION, root: MAIL_ROOT, ...(s.tier === 'vm' ? { device: '/dev/mapper/vg_mail-vmail' } : {}) } } : {}),
    };
  });
  const allUp = nodes.every((n) => n.running);
  return parseLabStatus({
    schema: 2,
    tier: s.tier,
    instance: s.instance ?? INSTANCE,
    state: !s.ready ? 'starting' : allUp ? 'running' : 'degraded',
    startedAt: s.startedAt,
    upSeconds: s.upSeconds,
    namespace: s.netns,
    portBase: portBase(s.tier, s.instance ?? INSTANCE),
    subnet: SUBNET,
    bridge: { ...BRIDGE },
    networks: Object.fromEntries(
      NETS.map((net) => [net, { subnet: NETWORKS[net].subnet, prefix: NETWORKS[net].prefix, bridge: NETWORKS[net].bridge, address: NETWORKS[net].bridgeAddress, purpose: NETWORKS[net].purpose }]),
    ),
    vip: { address: VIP, fqdn: 'mail.example-gmbh.test', network: 'client', services: ports((i) => vipPort(s.tier, i)) },
    packageRepository: {
      url: `http://${BRIDGE.address}:${REPO_PORT}/`,
      aptSource: `deb [trusted=yes] http://${BRIDGE.address}:${REPO_PORT} ./`,
      packages: repoPackages(),
      groups: repoPackageGroups(),
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
          attachedTo: s.sharedDisk.attachedTo ?? s.nodes.filter((n) => n !== 'witness'),
          purpose: s.tier === 'ct' ? 'shared block device (SAN LUN) for the cluster file system' : 'SBD fencing disk (softdog watchdog in each VM)',
        }
      : undefined,
    nodes,
  }, 'the status the lab is about to write');
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

/** Validate and write atomically (readers never see half a file). */
export function writeStatus(st: LabStatus): string {
  const f = statusFile(st.tier);
  const valid = parseLabStatus(st, 'the status the lab is about to write');
  writeFileSync(`${f}.tmp`, JSON.stringify(valid, null, 2) + '\n');
  renameSync(`${f}.tmp`, f);
  return f;
}
