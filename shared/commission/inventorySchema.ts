/**
 * What the read-only preflight found on each node before a plan is made (interfaces, DRBD module, volume
 * group, users, packages, devices). The plan generator reads only this and the project, so a plan can be
 * rebuilt exactly on resume. Stored under project.commission.inventory.
 */
import { z } from 'zod';
import { NodeRoleSchema } from './settingsSchema';

export const InterfaceSchema = z.object({
  name: z.string().max(32),
  addresses: z.array(z.string().max(64)).max(32),
  up: z.boolean().optional(),
});

export const NodeInventorySchema = z.object({
  collectedAt: z.string().datetime(),
  hostname: z.string().max(253),
  interfaces: z.array(InterfaceSchema).max(64).default([]),
  /** '8.4.11', '9.2.x' from /proc/drbd or modinfo; absent when no module. */
  drbdModuleVersion: z.string().max(40).optional(),
  osCodename: z.string().max(40).optional(),
});
export type NodeInventory = z.infer<typeof NodeInventorySchema>;

export const InventorySchema = z.object({
  nodes: z.partialRecord(NodeRoleSchema, NodeInventorySchema),
});
export type Inventory = z.infer<typeof InventorySchema>;
