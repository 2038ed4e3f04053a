/**
 * The cluster as the status view, the failover tests and the handbook see it: nodes, quorum, resources and
 * where they run, DRBD role and sync state, fencing, failed actions. Made by the pure parsers in this folder
 * from crm_mon --output-as=xml, corosync-quorumtool -s and drbdadm status / /proc/drbd.
 */
import { z } from 'zod';

export const PcmkNodeSchema = z.object({
  name: z.string(),
  id: z.string().optional(),
  online: z.boolean(),
  standby: z.boolean(),
  maintenance: z.boolean(),
  /** Lost and not yet fenced. */
  unclean: z.boolean(),
  pending: z.boolean(),
  shutdown: z.boolean(),
  isDc: z.boolean(),
  resourcesRunning: z.number().optional(),
  type: z.string().optional(),
});
export type PcmkNode = z.infer<typeof PcmkNodeSchema>;

export const PcmkResourceSchema = z.object({
  id: z.string(),
  /** class:provider:type, e.g. ocf:heartbeat:IPaddr2, stonith:fence_sbd. */
  agent: z.string(),
  /** Started, Stopped, Promoted, Unpromoted (Master/Slave in old versions are mapped), Starting ... */
  role: z.string(),
  active: z.boolean(),
  failed: z.boolean(),
  managed: z.boolean(),
  blocked: z.boolean(),
  /** Nodes it runs on now. */
  nodes: z.array(z.string()),
  group: z.string().optional(),
  clone: z.string().optional(),
  /** Inside a promotable clone. */
  promotable: z.boolean().optional(),
});
export type PcmkResource = z.infer<typeof PcmkResourceSchema>;

export const FailedActionSchema = z.object({
  resource: z.string(),
  op: z.string(),
  node: z.string(),
  exitCode: z.number().optional(),
  exitStatus: z.string().optional(),
  exitReason: z.string().optional(),
  intervalMs: z.number().optional(),
  lastRcChange: z.string().optional(),
});
export type FailedAction = z.infer<typeof FailedActionSchema>;

export const FenceEventSchema = z.object({ target: z.string(), action: z.string(), status: z.string(), origin: z.string().optional(), completed: z.string().optional(), delegate: z.string().optional() });

export const PacemakerStatusSchema = z.object({
  dc: z.string().optional(),
  /** The DC's view: the partition has quorum. */
  withQuorum: z.boolean().optional(),
  stonithEnabled: z.boolean().optional(),
  maintenanceMode: z.boolean().optional(),
  noQuorumPolicy: z.string().optional(),
  nodes: z.array(PcmkNodeSchema),
  resources: z.array(PcmkResourceSchema),
  /** Resources of class stonith. */
  stonithDevices: z.array(z.string()),
  failedActions: z.array(FailedActionSchema),
  fenceHistory: z.array(FenceEventSchema),
  problems: z.array(z.string()),
});
export type PacemakerStatus = z.infer<typeof PacemakerStatusSchema>;

export const QuorumMemberSchema = z.object({
  nodeId: z.number(),
  votes: z.number(),
  name: z.string(),
  local: z.boolean(),
  qdevice: z.boolean(),
  /** The qdevice's configured votes when it gives fewer now ("Qdevice (votes 1)" with 0 votes: qnetd lost). */
  configuredVotes: z.number().optional(),
  /** A = alive, V/NV = the qdevice votes / does not vote for this node, MW/NMW = master wins. */
  qdeviceFlags: z.string().optional(),
});

export const QuorumStatusSchema = z.object({
  quorate: z.boolean().optional(),
  nodes: z.number().optional(),
  nodeId: z.number().optional(),
  ringId: z.string().optional(),
  expectedVotes: z.number().optional(),
  totalVotes: z.number().optional(),
  quorum: z.number().optional(),
  /** 2Node, Quorate, WaitForAll, Qdevice, LastManStanding ... */
  flags: z.array(z.string()),
  members: z.array(QuorumMemberSchema),
  problems: z.array(z.string()),
});
export type QuorumStatus = z.infer<typeof QuorumStatusSchema>;

export const DrbdPeerSchema = z.object({
  name: z.string().optional(),
  /** Connected, StandAlone, Connecting, WFConnection, SyncSource ... (8.4 cs / 9 connection). */
  connection: z.string().optional(),
  role: z.string().optional(),
  disk: z.string().optional(),
  /** 9: Established, SyncSource ...; 8.4 sync states also land here. */
  replication: z.string().optional(),
  /** 0..100 while a resync runs. */
  syncPercent: z.number().optional(),
  /** Seconds left of a resync, as DRBD estimates. */
  syncEtaS: z.number().optional(),
});

export const DrbdResourceSchema = z.object({
  name: z.string(),
  minor: z.number().optional(),
  role: z.string().optional(),
  disk: z.string().optional(),
  peers: z.array(DrbdPeerSchema),
});
export type DrbdResource = z.infer<typeof DrbdResourceSchema>;

export const DrbdStatusSchema = z.object({
  /** '8.4.11' from /proc/drbd when known. */
  version: z.string().optional(),
  resources: z.array(DrbdResourceSchema),
  problems: z.array(z.string()),
});
export type DrbdStatus = z.infer<typeof DrbdStatusSchema>;

const RoleSchema = z.enum(['primary', 'secondary', 'witness', 'node3']);

export const NodeStatusSchema = z.object({
  role: RoleSchema,
  reachable: z.boolean(),
  error: z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(), detail: z.string().optional() }).optional(),
  hostname: z.string().optional(),
  pacemaker: PacemakerStatusSchema.optional(),
  quorum: QuorumStatusSchema.optional(),
  drbd: DrbdStatusSchema.optional(),
  /** systemd state of the services a cluster node must not start itself (enabled/disabled). */
  units: z.record(z.string(), z.object({ enabled: z.string(), active: z.string() })).default({}),
});
export type NodeStatus = z.infer<typeof NodeStatusSchema>;

export const ClusterStatusSchema = z.object({
  collectedAt: z.string(),
  nodes: z.array(NodeStatusSchema),
  /** The Pacemaker view of the first node that answered (all members share it). */
  pacemaker: PacemakerStatusSchema.optional(),
  /** A short verdict for the status view. */
  summary: z.object({
    quorate: z.boolean().optional(),
    onlineNodes: z.array(z.string()),
    offlineNodes: z.array(z.string()),
    /** Where the main resources run: resource id -> node names. */
    activeOn: z.record(z.string(), z.array(z.string())),
    failedActions: z.number(),
    stonithEnabled: z.boolean().optional(),
    /** Every DRBD resource has both sides UpToDate and connected. */
    drbdHealthy: z.boolean().optional(),
  }),
});
export type ClusterStatus = z.infer<typeof ClusterStatusSchema>;
