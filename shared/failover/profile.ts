/**
 * What the cluster under test really is, read from the nodes at the start of a run (not from the plan): the
 * catalogue decides from this which cases can run and what each must show.
 */
import { z } from 'zod';

export const ClusterProfileSchema = z.object({
  /** systemd-detect-virt on the nodes: containers share the host's kernel (no sysrq, no watchdog). */
  platform: z.enum(['container', 'vm', 'physical', 'unknown']).default('unknown'),
  replication: z.enum(['drbd', 'shared', 'none']).default('none'),
  /** stonith-enabled=true and at least one fence device configured. */
  stonith: z.boolean().default(false),
  quorum: z.enum(['twoNode', 'qdevice', 'thirdNode']).default('twoNode'),
  waitForAll: z.boolean().default(false),
  nodes: z.number().int().min(1).max(32).default(2),
  corosyncLinks: z.number().int().min(0).max(8).default(1),
  /** corosync's effective token and consensus timeouts (runtime.config.totem.*), for the detection floor. */
  tokenMs: z.number().int().min(0).optional(),
  consensusMs: z.number().int().min(0).optional(),
  /** A DRBD fence-peer handler is configured (crm-fence-peer). */
  drbdFencing: z.boolean().default(false),
  /** Node actions the app cannot do over SSH: a configured out-of-band hook (lab primitive, ipmitool, virsh ...). */
  hook: z.object({ crash: z.boolean(), powerOff: z.boolean(), powerOn: z.boolean(), link: z.boolean() }).partial().prefault({}),
  /** Someone can be asked to switch a node on again (the app; not a CLI run in CI). */
  interactive: z.boolean().default(false),
});
export type ClusterProfile = z.infer<typeof ClusterProfileSchema>;

/** corosync detects a lost node after token + consensus (votequorum then acts at once). */
export function detectionFloorMs(p: ClusterProfile): number | undefined {
  if (p.tokenMs === undefined) return undefined;
  return p.tokenMs + (p.consensusMs ?? Math.round(1.2 * p.tokenMs));
}

/** Can a stopped or crashed node be switched on again by the app or by a person it asks? */
export function canPowerOn(p: ClusterProfile): boolean {
  return p.hook.powerOn === true || p.interactive;
}
