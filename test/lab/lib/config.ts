// Fixed facts of the lab: paths, addresses, ports, credentials. status.json repeats what a test needs.
// One lab instance (MHS_LAB_INSTANCE=0..7) per engineer: own namespace, ports, run and socket dirs.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Tier = 'ct' | 'vm';
export type NodeName = 'legacy' | 'secondary' | 'witness';
export const ALL_NODES: readonly NodeName[] = ['legacy', 'secondary', 'witness'];
export const TIERS: readonly Tier[] = ['ct', 'vm'];

export const LAB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const IMAGES_DIR = join(LAB_DIR, 'images');

export const MAX_INSTANCE = 7;
export function parseInstance(v: string | undefined): number {
  if (v === undefined || v.trim() === '') return 0;
  if (!/^\d+$/.test(v.trim()) || Number(v) > MAX_INSTANCE) throw new Error(`MHS_LAB_INSTANCE must be a number from 0 to ${MAX_INSTANCE}, not "${v}"`);
  return Number(v);
}
/** This process's lab instance; 0 keeps the names and ports the lab had before instances existed. */
export const INSTANCE = parseInstance(process.env.MHS_LAB_INSTANCE);

/**
 * The read-only image cache, shared by every instance and every clone on this machine (so CI is warm),
 * keyed by the images' inputs. Outside the clone by default.
 */
export const DEFAULT_CACHE_DIR = '/var/cache/mail-ha-studio/lab';
export function cacheDirFrom(v: string | undefined): string {
  if (v === undefined || v === '') return DEFAULT_CACHE_DIR;
  if (!isAbsolute(v)) throw new Error(`MHS_LAB_CACHE must be an absolute path, not "${v}"`);
  return resolve(v);
}
export const CACHE_DIR = cacheDirFrom(process.env.MHS_LAB_CACHE);

const suffix = (n: number): string => (n === 0 ? '' : String(n));
export const runRoot = (n = INSTANCE): string => (n === 0 ? join(LAB_DIR, '.run') : join(LAB_DIR, '.run', `instance-${n}`));
export const runDir = (tier: Tier, n = INSTANCE): string => join(runRoot(n), tier);
/** Unix sockets of the loopback relays and qemu monitors (short path: sun_path is limited to 108 bytes). */
export const sockDir = (tier: Tier, n = INSTANCE): string => (n === 0 ? `/run/mhs-lab/${tier}` : `/run/mhs-lab/${n}/${tier}`);
export const netnsName = (tier: Tier, n = INSTANCE): string => `mhs-lab-${tier}${suffix(n)}`;
/** Only while the legacy image is provisioned (under the cache's build lock). */
export const buildNetnsName = (n = INSTANCE): string => `mhs-lab-build${suffix(n)}`;
export const buildSockDir = (n = INSTANCE): string => (n === 0 ? '/run/mhs-lab/build' : `/run/mhs-lab/${n}/build`);

// Every lab address lives only inside the lab's own network namespace (the same in every instance).
export type NetName = 'client' | 'cluster';
export const NETS: readonly NetName[] = ['client', 'cluster'];
export interface NetDef {
  subnet: string;
  prefix: number;
  bridge: string;
  bridgeAddress: string;
  purpose: string;
}
export const NETWORKS: Record<NetName, NetDef> = {
  client: { subnet: '10.77.0.0/24', prefix: 24, bridge: 'br0', bridgeAddress: '10.77.0.1', purpose: 'client network: mail clients, the VIP, SSH, the package repository' },
  cluster: { subnet: '10.78.0.0/24', prefix: 24, bridge: 'br1', bridgeAddress: '10.78.0.1', purpose: 'dedicated cluster/replication link between the nodes (corosync, DRBD); no services' },
};
export const SUBNET = NETWORKS.client.subnet;
export const PREFIX_LEN = NETWORKS.client.prefix;
export const BRIDGE = { name: NETWORKS.client.bridge, address: NETWORKS.client.bridgeAddress };
export const VIP = '10.77.0.10';
const HOST_PART: Record<NodeName, number> = { legacy: 11, secondary: 12, witness: 13 };
export const nodeAddress = (net: NetName, node: NodeName): string => `${NETWORKS[net].subnet.split('.').slice(0, 3).join('.')}.${HOST_PART[node]}`;
export const NODE_ADDR: Record<NodeName, string> = { legacy: nodeAddress('client', 'legacy'), secondary: nodeAddress('client', 'secondary'), witness: nodeAddress('client', 'witness') };
/** Fixed MACs (vm tier; the ct tier's veths get nspawn's own, read back at `up`): 52:54:00:<77|78>:00:<host>. */
export const nodeMac = (net: NetName, node: NodeName): string =>
  `52:54:00:${net === 'client' ? '77' : '78'}:00:${HOST_PART[node].toString(16).padStart(2, '0')}`;
/** Interface names inside the node (ct: nspawn's host0 + our host1; vm: eth0/eth1 with net.ifnames=0). */
export const guestIfName = (tier: Tier, net: NetName): string => (tier === 'ct' ? (net === 'client' ? 'host0' : 'host1') : net === 'client' ? 'eth0' : 'eth1');
/** The node's port on the bridge, inside the lab namespace (at most 15 characters). */
export const hostIfName = (tier: Tier, net: NetName, node: NodeName): string =>
  tier === 'ct' ? (net === 'client' ? `vb-${node}` : `vc-${node}`) : net === 'client' ? `tap-${node}` : `tapc-${node}`;
/**
 * How long a node may take to boot to SSH (and legacy to SMTP). TCG guests get a fraction of a core on a busy
 * host: at load 18 the vm legacy needed more than 10 minutes.
 */
export const BOOT_TIMEOUT_MS: Record<Tier, number> = { ct: 60_000, vm: 1_200_000 };
/**
 * How long one probe waits for an SSH/SMTP banner. sshd re-executes itself for every connection, which under
 * TCG at load ~29 took longer than 2 s: a 2 s probe then never saw a banner although sshd was up.
 */
export const BANNER_TIMEOUT_MS: Record<Tier, number> = { ct: 3000, vm: 20_000 };
export const DOMAIN = 'lab.test';
export const REPO_PORT = 8080;

/**
 * Where the legacy server keeps its mailboxes. Set in exactly one place, the Dovecot configuration of the
 * legacy image (mail_location); the image scripts and the lab read it from there, like the product must.
 */
export const DOVECOT_LOCAL_CONF = join(IMAGES_DIR, 'files', 'dovecot-local.conf');
export function mailLocationOf(conf: string): { mailLocation: string; mailRoot: string } {
  const m = conf.match(/^\s*mail_location\s*=\s*(\S+)\s*$/m);
  const root = m?.[1]?.replace(/^\w+:/, '').split('%')[0]?.replace(/\/+$/, '');
  if (!m?.[1] || !root || !root.startsWith('/')) throw new Error('mail_location with an absolute path before the first %-variable is missing in dovecot-local.conf');
  return { mailLocation: m[1], mailRoot: root };
}
export const { mailLocation: MAIL_LOCATION, mailRoot: MAIL_ROOT } = mailLocationOf(readFileSync(DOVECOT_LOCAL_CONF, 'utf8'));

/** Service ports relayed to loopback for the VIP and for legacy/secondary (index = offset in the port block). */
export const SERVICES = [
  ['smtp', 25],
  ['smtps', 465],
  ['submission', 587],
  ['pop3', 110],
  ['imap', 143],
  ['pop3s', 995],
  ['imaps', 993],
  ['mysql', 3306],
] as const;
export type ServiceName = (typeof SERVICES)[number][0];

/**
 * Loopback port blocks: instance 0 keeps 42000 (ct) / 43000 (vm); instances 1..7 use 19000..32000, below
 * Linux's ephemeral range (32768+) so an outgoing connection can never take one of them.
 */
export function portBase(tier: Tier, n = INSTANCE): number {
  const ct = n === 0 ? 42000 : 17000 + 2000 * n;
  return tier === 'ct' ? ct : ct + 1000;
}
export const sshPort = (tier: Tier, node: NodeName, n = INSTANCE): number => portBase(tier, n) + 221 + ALL_NODES.indexOf(node);
export const vipPort = (tier: Tier, i: number, n = INSTANCE): number => portBase(tier, n) + 300 + i;
export const nodeServicePort = (tier: Tier, node: NodeName, i: number, n = INSTANCE): number =>
  portBase(tier, n) + (node === 'legacy' ? 400 : node === 'secondary' ? 500 : 600) + i;
/** The provisioning boot's SMTP relays (image build only). */
export const buildPorts = (n = INSTANCE): { smtp: number; submission: number } => ({ smtp: portBase('ct', n) + 725, submission: portBase('ct', n) + 787 });

export const CREDENTIALS = {
  root: { user: 'root', auth: 'key' },
  admin: { user: 'labadmin', password: 'LabAdmin-2024!', sudo: 'password', auth: 'key or password' },
  passwordUser: { user: 'labuser', password: 'LabUser-2024!', auth: 'password' },
  mailbox: { user: 'probe@example-gmbh.test', password: 'Mailbox-2024!', note: 'every mailbox of the legacy node has this password' },
  mariadb: { user: 'mailuser', password: 'MailDB-2024!', database: 'mailserver', note: 'root uses unix_socket auth on the node' },
} as const;
