// Fixed facts of the lab: paths, addresses, ports, credentials. status.json repeats what a test needs.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Tier = 'ct' | 'vm';
export type NodeName = 'legacy' | 'secondary' | 'witness';
export const ALL_NODES: readonly NodeName[] = ['legacy', 'secondary', 'witness'];
export const TIERS: readonly Tier[] = ['ct', 'vm'];

export const LAB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const IMAGES_DIR = join(LAB_DIR, 'images');
export const CACHE_DIR = join(LAB_DIR, '.cache');
export const runDir = (tier: Tier): string => join(LAB_DIR, '.run', tier);
/** Unix sockets of the loopback relays (short path: sun_path is limited to 108 bytes). */
export const sockDir = (tier: Tier): string => `/run/mhs-lab/${tier}`;
export const netnsName = (tier: Tier): string => `mhs-lab-${tier}`;

// Every lab address lives only inside the lab's own network namespace.
export const SUBNET = '10.77.0.0/24';
export const PREFIX_LEN = 24;
export const BRIDGE = { name: 'br0', address: '10.77.0.1' };
export const VIP = '10.77.0.10';
export const NODE_ADDR: Record<NodeName, string> = { legacy: '10.77.0.11', secondary: '10.77.0.12', witness: '10.77.0.13' };
export const DOMAIN = 'lab.test';
export const REPO_PORT = 8080;

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

const PORT_BASE: Record<Tier, number> = { ct: 42000, vm: 43000 };
export const sshPort = (tier: Tier, node: NodeName): number => PORT_BASE[tier] + 221 + ALL_NODES.indexOf(node);
export const vipPort = (tier: Tier, i: number): number => PORT_BASE[tier] + 300 + i;
export const nodeServicePort = (tier: Tier, node: NodeName, i: number): number =>
  PORT_BASE[tier] + (node === 'legacy' ? 400 : node === 'secondary' ? 500 : 600) + i;

export const CREDENTIALS = {
  root: { user: 'root', auth: 'key' },
  admin: { user: 'labadmin', password: 'LabAdmin-2024!', sudo: 'password', auth: 'key or password' },
  passwordUser: { user: 'labuser', password: 'LabUser-2024!', auth: 'password' },
  mailbox: { user: 'probe@example-gmbh.test', password: 'Mailbox-2024!', note: 'every mailbox of the legacy node has this password' },
  mariadb: { user: 'mailuser', password: 'MailDB-2024!', database: 'mailserver', note: 'root uses unix_socket auth on the node' },
} as const;
