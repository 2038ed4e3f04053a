/**
 * What the operator decides for commissioning beyond the planning steps: cluster name, VIP, which interface
 * and address each link uses on each node, storage devices, operation timeouts. Stored under
 * project.commission.settings. (Replication, quorum and fencing come from project.planning.)
 */
import { z } from 'zod';
import { nodeRoles } from './types';

export const NodeRoleSchema = z.enum(nodeRoles);

const ipv4 = z.string().regex(/^(\d{1,3})(\.\d{1,3}){3}$/);
const ipv4Cidr = z.string().regex(/^(\d{1,3})(\.\d{1,3}){3}\/\d{1,2}$/);
const fqdn = z.string().max(253).regex(/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/);
const absPath = z.string().max(1024).regex(/^\/[A-Za-z0-9_./+@:-]*$/).refine((p) => !p.split('/').includes('..'));
const devicePath = z.string().max(512).regex(/^\/dev\/[A-Za-z0-9_./:+-]+$/);

/** One network the cluster talks over: per node the interface and address chosen from the inventory. */
export const ClusterLinkSchema = z.object({
  /** What the link carries: corosync ring(s), DRBD replication, or both. */
  purpose: z.array(z.enum(['corosync', 'drbd'])).min(1).max(2),
  nodes: z.partialRecord(NodeRoleSchema, z.object({ interface: z.string().max(32).optional(), address: ipv4 })),
});
export type ClusterLink = z.infer<typeof ClusterLinkSchema>;

export const OpTimeoutsSchema = z.object({
  startS: z.number().int().min(5).max(3600).default(120),
  stopS: z.number().int().min(5).max(3600).default(120),
  monitorIntervalS: z.number().int().min(1).max(3600).default(10),
  monitorTimeoutS: z.number().int().min(5).max(3600).default(60),
});

export const ClusterSettingsSchema = z.object({
  clusterName: z.string().regex(/^[a-z][a-z0-9-]{0,14}$/).default('mailcluster'),
  /** Service address with prefix, e.g. 10.77.0.10/24. */
  vip: ipv4Cidr.optional(),
  /** DNS/PTR name of the VIP; becomes Postfix's myhostname on every node. */
  vipName: fqdn.optional(),
  /** Links in order: link 0 first. Empty = not chosen yet (the UI proposes from the inventory). */
  links: z.array(ClusterLinkSchema).max(4).default([]),
  /** Shared storage (SAN LUN) as every node sees it. */
  sharedDevice: devicePath.optional(),
  drbd: z
    .object({
      /** New LV on the primary, cut from the VG's free extents. */
      vg: z.string().max(128).optional(),
      lvName: z.string().regex(/^[A-Za-z0-9_+.-]{1,64}$/).default('drbd_mail'),
      sizeBytes: z.number().int().positive().optional(),
      /** Backing device on the secondary (a disk or an LV there). */
      secondaryDevice: devicePath.optional(),
      port: z.number().int().min(1024).max(65535).default(7789),
    })
    .prefault({}),
  /** SBD disk as every node sees it. */
  sbdDevice: devicePath.optional(),
  mountPoint: z.string().regex(/^\/[A-Za-z0-9_./-]*$/).default('/srv/mail'),
  fsType: z.enum(['ext4', 'xfs']).default('ext4'),
  opTimeouts: OpTimeoutsSchema.prefault({}),
  /**
   * Where the legacy server keeps its mail data, when the Ist-Analyse could not say (or said wrong). Normally
   * read from the facts: Dovecot mail_location, MariaDB datadir, Postfix queue_directory.
   */
  dataDirs: z.object({ vmail: absPath.optional(), mariadb: absPath.optional(), spool: absPath.optional() }).prefault({}),
  /**
   * The admin account that logs in by key and uses sudo once root login is switched off. Default: the SSH
   * user of each node when that is not root; without one, root login stays as it is.
   */
  adminUser: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/).optional(),
  hardening: z
    .object({
      disableRootLogin: z.boolean().default(true),
      fail2ban: z.boolean().default(true),
      firewall: z.boolean().default(true),
    })
    .prefault({}),
  /** BMC of each node for IPMI fencing (fence_ipmilan); the password is the secret ipmiPassword<Role>. */
  ipmi: z
    .partialRecord(NodeRoleSchema, z.object({ address: z.string().max(253).regex(/^[A-Za-z0-9][A-Za-z0-9.:-]*$/), user: z.string().min(1).max(64).regex(/^[^\s'"]+$/), lanplus: z.boolean().default(true) }))
    .default({}),
  /** Mailbox that receives the delivery test after the cut-over (default: the first one Dovecot lists). */
  testMailbox: z.string().max(320).regex(/^[^\s@]+@[^\s@]+$/).optional(),
});
export type ClusterSettings = z.infer<typeof ClusterSettingsSchema>;
