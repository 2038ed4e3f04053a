// status.json, schema 2: the running lab as tests (and people) see it. The lab validates what it writes;
// every test helper reads it through readLabStatus, which validates too, so a drifted field fails loudly.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { INSTANCE, type Tier } from './config.js';
import { statusFile } from './state.js';

export const STATUS_SCHEMA_VERSION = 2;

const tier = z.enum(['ct', 'vm']);
const nodeName = z.enum(['legacy', 'secondary', 'witness']);
const netName = z.enum(['client', 'cluster']);
const port = z.number().int().min(1).max(65535);
const ipv4 = z.string().regex(/^(\d{1,3})(\.\d{1,3}){3}$/);
const cidr = z.string().regex(/^(\d{1,3})(\.\d{1,3}){3}\/\d{1,2}$/);
const absPath = z.string().startsWith('/');

const relayedPort = z.object({ guest: port, host: z.literal('127.0.0.1'), port });
const portMap = z.record(z.string(), relayedPort);

export const networkSchema = z.object({
  subnet: cidr,
  prefix: z.number().int().min(8).max(30),
  bridge: z.string().min(1),
  /** the bridge's own address inside the lab namespace */
  address: ipv4,
  purpose: z.string(),
});

export const interfaceSchema = z.object({
  /** name inside the node (ct: host0/host1, vm: eth0/eth1) */
  name: z.string().min(1),
  mac: z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/),
  address: ipv4,
  prefix: z.number().int(),
  network: netName,
  bridge: z.string().min(1),
  /** the node's port on the bridge, inside the lab namespace */
  hostInterface: z.string().min(1),
  /** as the lab set it (`npm run lab -- link down|up`) */
  link: z.enum(['up', 'down']),
});

export const nodeStatusSchema = z.object({
  name: nodeName,
  role: nodeName,
  hostname: z.string(),
  fqdn: z.string(),
  /** client-network address (SSH, mail, the VIP's subnet) */
  address: ipv4,
  os: z.string(),
  running: z.boolean(),
  /** what the lab last did to the node: running (up/start), stopped (poweroff), crashed (crash) */
  power: z.enum(['running', 'stopped', 'crashed']),
  pid: z.number().int().optional(),
  ssh: z.object({ host: z.literal('127.0.0.1'), port, hostKeys: z.record(z.string(), z.string()) }),
  services: portMap,
  disks: z.record(z.string(), z.string()),
  interfaces: z.array(interfaceSchema),
  /** legacy only: where its Dovecot keeps the mailboxes (from mail_location) */
  mailStore: z.object({ mailLocation: z.string(), root: absPath, device: z.string().optional() }).optional(),
});

export const labStatusSchema = z.object({
  schema: z.literal(STATUS_SCHEMA_VERSION),
  tier,
  instance: z.number().int().min(0).max(7),
  state: z.enum(['running', 'degraded', 'starting']),
  startedAt: z.string(),
  upSeconds: z.number().optional(),
  namespace: z.string(),
  portBase: port,
  /** the client network (kept from schema 1; also networks.client) */
  subnet: cidr,
  bridge: z.object({ name: z.string(), address: ipv4 }),
  networks: z.object({ client: networkSchema, cluster: networkSchema }),
  vip: z.object({ address: ipv4, fqdn: z.string(), network: z.literal('client'), services: portMap }),
  packageRepository: z.object({
    url: z.url(),
    aptSource: z.string(),
    packages: z.array(z.string()).min(1),
    groups: z.record(z.string(), z.array(z.string())),
  }),
  credentials: z.object({
    clientKey: absPath,
    clientPublicKey: absPath,
    knownHosts: absPath,
    root: z.object({ user: z.literal('root'), auth: z.literal('key') }),
    admin: z.object({ user: z.string(), password: z.string(), sudo: z.string(), auth: z.string() }),
    passwordUser: z.object({ user: z.string(), password: z.string(), auth: z.string() }),
    mailbox: z.object({ user: z.string(), password: z.string(), note: z.string() }),
    mariadb: z.object({ user: z.string(), password: z.string(), database: z.string(), note: z.string() }),
  }),
  sharedDisk: z.object({ nodeDevice: absPath, sizeMiB: z.number().int().positive(), attachedTo: z.array(nodeName), purpose: z.string() }).optional(),
  nodes: z.array(nodeStatusSchema),
});

export type LabStatus = z.infer<typeof labStatusSchema>;
export type NodeStatus = z.infer<typeof nodeStatusSchema>;
export type InterfaceStatus = z.infer<typeof interfaceSchema>;

function explain(e: z.ZodError, what: string): Error {
  const lines = e.issues.slice(0, 8).map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
  return new Error(`${what} does not match the lab's status schema ${STATUS_SCHEMA_VERSION}:\n${lines.join('\n')}`);
}

/** Validate a status object (what the lab is about to write, or what a test read). */
export function parseLabStatus(v: unknown, what = 'status.json'): LabStatus {
  const r = labStatusSchema.safeParse(v);
  if (!r.success) throw explain(r.error, what);
  return r.data;
}

/** A status.json at this path, validated. */
export function readLabStatusFile(f: string): LabStatus {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(f, 'utf8'));
  } catch (e) {
    throw new Error(`${f} is not JSON: ${String(e)}`);
  }
  return parseLabStatus(raw, f);
}

/**
 * The running lab of this instance (MHS_LAB_INSTANCE) and tier, validated. Throws a clear error when the
 * lab is not up or its status.json is from another lab version.
 */
export function readLabStatus(t: Tier, instance = INSTANCE): LabStatus {
  const f = statusFile(t, instance);
  if (!existsSync(f)) throw new Error(`the ${t} lab (instance ${instance}) is not up: no ${f} (npm run lab -- up --tier ${t})`);
  return readLabStatusFile(f);
}

/** A node of the status, or a clear error naming the nodes that are there. */
export function labNode(st: LabStatus, name: z.infer<typeof nodeName>): NodeStatus {
  const n = st.nodes.find((x) => x.name === name);
  if (!n) throw new Error(`node ${name} is not in the ${st.tier} lab (nodes: ${st.nodes.map((x) => x.name).join(', ') || 'none'})`);
  return n;
}

/** One interface of a node by network. */
export function nodeInterface(n: NodeStatus, net: z.infer<typeof netName>): InterfaceStatus {
  const i = n.interfaces.find((x) => x.network === net);
  if (!i) throw new Error(`${n.name} has no interface on the ${net} network`);
  return i;
}
