/**
 * What the read-only preflight found on each node before a plan is made (interfaces, DRBD module, volume
 * group, users, packages, devices). The plan generator reads only this and the project, so a plan can be
 * rebuilt exactly on resume. Stored under project.commission.inventory. Every field is optional or
 * defaulted: inventories saved by earlier versions still open.
 */
import { z } from 'zod';
import { NodeRoleSchema } from './settingsSchema';

export const InterfaceSchema = z.object({
  name: z.string().max(32),
  addresses: z.array(z.string().max(64)).max(32),
  up: z.boolean().optional(),
  mac: z.string().max(40).optional(),
});
export type Interface = z.infer<typeof InterfaceSchema>;

export const InventoryVgSchema = z.object({
  name: z.string().max(128),
  sizeBytes: z.number().nonnegative(),
  freeBytes: z.number().nonnegative(),
  extentBytes: z.number().nonnegative().optional(),
});

export const InventoryLvSchema = z.object({ vg: z.string().max(128), name: z.string().max(128), sizeBytes: z.number().nonnegative() });

/** A block device as lsblk sees it, with the stable /dev/disk/by-id names that point at it. */
export const InventoryBlockSchema = z.object({
  path: z.string().max(512),
  sizeBytes: z.number().nonnegative(),
  type: z.string().max(32).optional(),
  fstype: z.string().max(32).optional(),
  label: z.string().max(64).optional(),
  mountpoint: z.string().max(512).optional(),
  byId: z.array(z.string().max(512)).max(16).default([]),
});

/** passwd/group entries the plan must reproduce on the other nodes (same uid/gid on the shared volume). */
export const InventoryUserSchema = z.object({ name: z.string().max(64), uid: z.number().int().nonnegative(), gid: z.number().int().nonnegative(), home: z.string().max(512).optional(), shell: z.string().max(512).optional() });
export const InventoryGroupSchema = z.object({ name: z.string().max(64), gid: z.number().int().nonnegative(), members: z.array(z.string().max(64)).max(256).default([]) });

/** A config file as it is on the node: the config sync and the drift check are made from this list. */
export const InventoryFileSchema = z.object({
  path: z.string().max(1024),
  /** 'file' or the target of a symlink. */
  kind: z.enum(['file', 'link']),
  linkTarget: z.string().max(1024).optional(),
  mode: z.string().max(8).optional(),
  owner: z.string().max(130).optional(),
  sizeBytes: z.number().nonnegative().optional(),
  sha256: z.string().max(64).optional(),
});
export type InventoryFile = z.infer<typeof InventoryFileSchema>;

export const InventoryMountSchema = z.object({ target: z.string().max(1024), source: z.string().max(1024), fstype: z.string().max(64).optional() });

export const NodeInventorySchema = z.object({
  collectedAt: z.string().datetime(),
  hostname: z.string().max(253),
  interfaces: z.array(InterfaceSchema).max(64).default([]),
  /** '8.4.11', '9.2.x' from /proc/drbd or modinfo; absent when no module. */
  drbdModuleVersion: z.string().max(40).optional(),
  /** The module is loaded now (/proc/drbd exists). */
  drbdModuleLoaded: z.boolean().optional(),
  osCodename: z.string().max(40).optional(),
  osId: z.string().max(40).optional(),
  osVersionId: z.string().max(40).optional(),
  vgs: z.array(InventoryVgSchema).max(64).default([]),
  lvs: z.array(InventoryLvSchema).max(512).default([]),
  blockDevices: z.array(InventoryBlockSchema).max(512).default([]),
  mounts: z.array(InventoryMountSchema).max(512).default([]),
  /** /dev/watchdog exists, or the softdog module can be loaded. */
  watchdog: z.object({ device: z.boolean(), softdogAvailable: z.boolean() }).optional(),
  /** Installed packages of interest (mail, HA, tools): name -> version. */
  packages: z.record(z.string().max(128), z.string().max(128)).default({}),
  users: z.array(InventoryUserSchema).max(1024).default([]),
  groups: z.array(InventoryGroupSchema).max(1024).default([]),
  /** Mail and cluster configuration files (primary: what the secondary takes over). */
  configFiles: z.array(InventoryFileSchema).max(2000).default([]),
  /** Values read from the running configuration where the node can say (postconf, doveconf, my_print_defaults). */
  mailConfig: z
    .object({
      queueDirectory: z.string().max(1024).optional(),
      mailLocation: z.string().max(1024).optional(),
      mailHome: z.string().max(1024).optional(),
      mailUid: z.string().max(64).optional(),
      mailGid: z.string().max(64).optional(),
      datadir: z.string().max(1024).optional(),
      /** One mailbox Dovecot knows (for the delivery test after the cut-over). */
      firstMailbox: z.string().max(320).optional(),
      /** Indexed Postfix lookup tables (hash:, lmdb:, cdb:, btree:) the node must rebuild with postmap. */
      postmapTables: z.array(z.string().max(1100)).max(200).default([]),
      aliasDatabases: z.array(z.string().max(1100)).max(20).default([]),
    })
    .prefault({}),
  /** systemctl is-enabled / is-active of the units the plan touches. */
  units: z.record(z.string().max(128), z.object({ enabled: z.string().max(40), active: z.string().max(40) })).default({}),
  /** What the preflight could not read (for the operator; the plan still works from the rest). */
  problems: z.array(z.string().max(300)).max(100).default([]),
});
export type NodeInventory = z.infer<typeof NodeInventorySchema>;

export const InventorySchema = z.object({
  nodes: z.partialRecord(NodeRoleSchema, NodeInventorySchema),
});
export type Inventory = z.infer<typeof InventorySchema>;
