// Per-node identity files (hostname, /etc/hosts, network, fresh SSH host keys, authorized keys). The ct
// tier writes them into the node's overlay; the vm tier hands them to the guest as a tar over fw_cfg.
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ALL_NODES, BRIDGE, DOMAIN, NETS, NETWORKS, NODE_ADDR, VIP, guestIfName, nodeAddress, type NodeName, type NetName } from './config.js';
import { run } from './util.js';

export const HOST_KEY_TYPES = ['ed25519', 'ecdsa', 'rsa'] as const;

/** Everything writeIdentity puts into a root (the provisioning boot strips these again from the image). */
export const IDENTITY_PATHS: readonly string[] = [
  'etc/lab',
  'etc/systemd/network/10-lab.network',
  ...NETS.map((net, i) => `etc/systemd/network/1${i}-lab-${net}.network`),
  'root/.ssh/authorized_keys',
  'home/labadmin/.ssh/authorized_keys',
  ...HOST_KEY_TYPES.flatMap((t) => [`etc/ssh/ssh_host_${t}_key`, `etc/ssh/ssh_host_${t}_key.pub`]),
];

/** The lab's client key pair (root and labadmin log in with it). */
export async function ensureClientKey(keyDir: string): Promise<string> {
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  const key = join(keyDir, 'id_ed25519');
  if (!existsSync(key)) await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'mail-ha-studio-lab', '-f', key]);
  return key;
}

/** Generate this node's own host keys into keyDir (kept in .run so status.json can publish them). */
export async function makeHostKeys(keyDir: string, node: NodeName): Promise<Record<string, string>> {
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  const pubs: Record<string, string> = {};
  await Promise.all(
    HOST_KEY_TYPES.map(async (t) => {
      const f = join(keyDir, `ssh_host_${t}_key`);
      rmSync(f, { force: true });
      rmSync(`${f}.pub`, { force: true });
      await run('ssh-keygen', ['-q', '-t', t, ...(t === 'rsa' ? ['-b', '3072'] : []), '-N', '', '-C', `root@${node}`, '-f', f]);
      pubs[t] = readFileSync(`${f}.pub`, 'utf8').trim();
    }),
  );
  return pubs;
}

function hostsFile(): string {
  const lines = ['127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback', ''];
  lines.push(`${BRIDGE.address}\tgateway.${DOMAIN} gateway smarthost.${DOMAIN} repo.${DOMAIN}`);
  lines.push(`${VIP}\tmail.example-gmbh.test vip.${DOMAIN} vip`);
  for (const n of ALL_NODES) lines.push(`${NODE_ADDR[n]}\t${n}.${DOMAIN} ${n}`);
  for (const n of ALL_NODES) lines.push(`${nodeAddress('cluster', n)}\t${n}-cluster.${DOMAIN} ${n}-cluster`);
  return lines.join('\n') + '\n';
}

/**
 * One .network file per lab network, matched by the interface name of either tier. Like ifupdown on a
 * Debian server, an address stays on a NIC whose cable is pulled (and is there when the node boots with
 * the link down), so `link down` cuts traffic without reconfiguring the node.
 */
export function networkFile(net: NetName, node: NodeName): string {
  return [
    '[Match]',
    `Name=${guestIfName('ct', net)} ${guestIfName('vm', net)}`,
    '',
    '[Network]',
    `Address=${nodeAddress(net, node)}/${NETWORKS[net].prefix}`,
    'LinkLocalAddressing=no',
    'IPv6AcceptRA=no',
    'ConfigureWithoutCarrier=yes',
    'IgnoreCarrierLoss=yes',
    '',
  ].join('\n');
}

function uidOf(root: string, user: string): [number, number] {
  const line = readFileSync(join(root, 'etc', 'passwd'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${user}:`));
  if (!line) throw new Error(`user ${user} missing in ${root}`);
  const f = line.split(':');
  return [Number(f[2]), Number(f[3])];
}

function put(root: string, rel: string, content: string | Buffer, mode = 0o644, owner?: [number, number]): void {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
  chmodSync(p, mode);
  if (owner) chownSync(p, owner[0], owner[1]);
}

/**
 * Write the identity of `node` below `root`. `imageRoot` is read for user ids (it may be the same tree).
 * With forTar, the files are laid out in a staging directory that becomes the fw_cfg tar.
 */
export function writeIdentity(root: string, imageRoot: string, node: NodeName, hostKeyDir: string, clientPub: string): void {
  put(root, 'etc/hostname', `${node}\n`);
  put(root, 'etc/hosts', hostsFile());
  rmSync(join(root, 'etc/systemd/network/10-lab.network'), { force: true });
  NETS.forEach((net, i) => put(root, `etc/systemd/network/1${i}-lab-${net}.network`, networkFile(net, node)));
  for (const t of HOST_KEY_TYPES) {
    put(root, `etc/ssh/ssh_host_${t}_key`, readFileSync(join(hostKeyDir, `ssh_host_${t}_key`)), 0o600, [0, 0]);
    put(root, `etc/ssh/ssh_host_${t}_key.pub`, readFileSync(join(hostKeyDir, `ssh_host_${t}_key.pub`)), 0o644, [0, 0]);
  }
  put(root, 'root/.ssh/authorized_keys', clientPub, 0o600, [0, 0]);
  const admin = uidOf(imageRoot, 'labadmin');
  mkdirSync(join(root, 'home/labadmin/.ssh'), { recursive: true });
  chownSync(join(root, 'home/labadmin/.ssh'), admin[0], admin[1]);
  chmodSync(join(root, 'home/labadmin/.ssh'), 0o700);
  put(root, 'home/labadmin/.ssh/authorized_keys', clientPub, 0o600, admin);
  put(root, 'etc/lab/node', `name=${node}\naddress=${NODE_ADDR[node]}\ncluster_address=${nodeAddress('cluster', node)}\n`);
}
