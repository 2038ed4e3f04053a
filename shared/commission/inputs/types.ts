/**
 * Everything the step files need, resolved once from the project (facts, hosts, planning decisions,
 * commission settings) and the preflight inventory. Step files read only this: they never look into the
 * project themselves, so every decision ("which address for link 1?", "where is the mail?") has one place.
 */
import type { Account } from '../ops';
import type { NodeRole, PlanNotice } from '../types';
import type { ClusterSettings } from '../settingsSchema';

/** An account of another node that gives up an id the primary's data needs (or takes the primary's). */
export interface AccountMove {
  kind: 'user' | 'group';
  name: string;
  from: number;
  to: number;
}

export interface ResolvedAccounts {
  groups: { name: string; gid: number }[];
  users: Account[];
  moves: Partial<Record<NodeRole, AccountMove[]>>;
}

export interface PlanError {
  key: string;
  params?: Record<string, string | number>;
}

export interface ClusterNode {
  role: NodeRole;
  /** `uname -n`: corosync node name, DRBD `on` name, Pacemaker node name. */
  hostname: string;
  nodeid: number;
  /** Address per corosync link, in link order. */
  ringAddrs: string[];
  /** May run the mail resources (sees the storage). */
  canHost: boolean;
}

export interface ResolvedLink {
  index: number;
  purposes: ('corosync' | 'drbd')[];
  addrs: Partial<Record<NodeRole, string>>;
  /** e.g. 10.78.0.0/24, when known. */
  subnet?: string;
}

export interface DataDirs {
  vmail: string;
  mariadb: string;
  spool: string;
}

export interface DrbdInput {
  version: '8.4' | '9';
  resource: string;
  device: string;
  minor: number;
  port: number;
  /** The LV cut on the primary. */
  lv: { vg: string; name: string; sizeBytes: number };
  disks: Partial<Record<NodeRole, string>>;
  /** LV to create on the secondary (when it has a volume group), else its disk is used as it is. */
  secondaryLv?: { vg: string; name: string; sizeBytes: number };
  addrs: Partial<Record<NodeRole, string>>;
  resourceFencing: boolean;
}

export interface SbdInput {
  /** Disk SBD: the shared device; absent = diskless (watchdog only). */
  device?: string;
  watchdogTimeoutS: number;
  msgwaitS: number;
  stonithTimeoutS: number;
  /** Nodes without a watchdog device that get softdog. */
  softdog: NodeRole[];
}

export interface PlanInput {
  clusterName: string;
  replication: 'drbd' | 'shared';
  quorum: 'twoNode' | 'qdevice' | 'thirdNode';
  qdeviceAlgorithm: 'ffsplit' | 'lms';
  fencing: string[];
  /** Only with fencing 'none' and a recorded risk acceptance. */
  riskAcceptance?: { who: string; when: string; reason: string };
  nodes: ClusterNode[];
  witness?: { hostname: string; address: string };
  /** Every node the plan touches: the cluster nodes and the witness. */
  allRoles: NodeRole[];
  links: ResolvedLink[];
  vip: { address: string; prefix: number; cidr: string; nic?: string };
  vipName: string;
  tokenMs: number;
  consensusMs?: number;
  /** ms; with fenceDelay in two-node clusters. */
  fenceDelayMs?: number;
  drbd?: DrbdInput;
  shared?: { device: string };
  sbd?: SbdInput;
  /** BMCs for IPMI fencing. */
  ipmi?: Partial<Record<NodeRole, { address: string; user: string; lanplus: boolean }>>;
  volume: { device: string; mountPoint: string; fsType: 'ext4' | 'xfs'; label: string };
  data: DataDirs;
  /** Where each data directory lives on the volume. */
  onVolume: DataDirs;
  /** System accounts that own data on the volume, with the primary's ids. */
  accounts: ResolvedAccounts;
  packages: { mail: string[]; ha: Partial<Record<NodeRole, string[]>>; hardening: string[] };
  /** Units of the mail stack the cluster runs (start order). */
  mailUnits: string[];
  postfix: { inetProtocols: string; postmapTables: string[]; aliasDatabases: string[] };
  opTimeouts: ClusterSettings['opTimeouts'];
  hardening: {
    fail2ban: boolean;
    firewall: boolean;
    /** Nodes where PermitRootLogin no is written (their SSH login is an admin user with sudo). */
    rootLoginOff: NodeRole[];
    sshPorts: number[];
    mailPorts: number[];
  };
  testMailbox?: string;
  /** The secondary (or node3) had mail configuration before: taking over the primary's changes something. */
  replacesConfigOn: NodeRole[];
  /** Config files the other hosting nodes take over from the primary. */
  configFiles: { path: string; kind: 'file' | 'link'; linkTarget?: string; mode: string; owner: string; secret: boolean }[];
  notices: PlanNotice[];
}
