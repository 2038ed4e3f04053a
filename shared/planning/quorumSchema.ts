import { z } from 'zod';

export const quorumIds = ['twoNode', 'qdevice', 'thirdNode'] as const;
export type QuorumId = (typeof quorumIds)[number];
export const stonithIds = ['ipmi', 'pdu', 'virsh', 'sbdDisk', 'sbdDiskless'] as const;
export const fencingIds = ['none', ...stonithIds, 'drbdResourceFencing', 'fenceDelay'] as const;
export type FencingId = (typeof fencingIds)[number];

/** Who accepted running without fencing, when and why; required before 'none' is a valid choice. */
export const RiskAcceptanceSchema = z.object({
  who: z.string().max(200),
  when: z.string().max(40),
  reason: z.string().max(2000),
});
export type RiskAcceptance = z.infer<typeof RiskAcceptanceSchema>;

export const SbdSchema = z.object({
  watchdogTimeoutS: z.number().positive().max(600).default(5),
  msgwaitS: z.number().positive().max(1200).default(10),
  stonithTimeoutS: z.number().positive().max(3600).default(60),
});
export type SbdSettings = z.infer<typeof SbdSchema>;

/** Timing estimates for the failover budget; every value in milliseconds and editable. */
export const FailoverTimingSchema = z.object({
  /**
   * 1000 ms for nodes on a LAN with knet (the commissioning plan's corosync step gives the reasoning):
   * detection + consensus 2.2 s instead of 6.6 s with corosync 3's 3000 ms, which is meant for virtualised and
   * noisy networks. Measured on the lab: a hard crash was noticed after 1.9 s instead of 6 s.
   */
  tokenMs: z.number().int().min(100).max(120_000).default(1000),
  /** Default: 1.2 x the effective token, as corosync does. */
  consensusMs: z.number().int().min(100).max(240_000).optional(),
  tokenCoefficientMs: z.number().int().min(0).max(10_000).default(650),
  /** Default: 5000 with two_node and fence delays, else 0. */
  fenceDelayMs: z.number().int().min(0).max(120_000).optional(),
  /** Default: depends on the fencing method (SBD: msgwait). */
  fenceActionMs: z.number().int().min(0).max(600_000).optional(),
  promoteMs: z.number().int().min(0).max(600_000).default(2000),
  mountMs: z.number().int().min(0).max(600_000).default(3000),
  vipMs: z.number().int().min(0).max(600_000).default(1000),
  innodbRecoveryMs: z.number().int().min(0).max(3_600_000).default(10_000),
  mariadbStartMs: z.number().int().min(0).max(600_000).default(3000),
  postfixStartMs: z.number().int().min(0).max(600_000).default(2000),
  dovecotStartMs: z.number().int().min(0).max(600_000).default(2000),
  stopServicesMs: z.number().int().min(0).max(600_000).default(8000),
});
export type FailoverTiming = z.infer<typeof FailoverTimingSchema>;

export const QuorumFencingChoiceSchema = z.object({
  nodeCount: z.number().int().min(2).max(16).default(2),
  twoNode: z.boolean().default(false),
  qdevice: z.boolean().default(true),
  qdeviceAlgorithm: z.enum(['ffsplit', 'lms']).default('ffsplit'),
  fencing: z.array(z.enum(fencingIds)).max(fencingIds.length).default(['ipmi', 'drbdResourceFencing']),
  riskAcceptance: RiskAcceptanceSchema.optional(),
  corosyncLinks: z.number().int().min(1).max(8).default(2),
  sbd: SbdSchema.prefault({}),
  timing: FailoverTimingSchema.prefault({}),
});
export type QuorumFencingChoice = z.infer<typeof QuorumFencingChoiceSchema>;
