/**
 * zod schemas for the plan types of shared/commission/types.ts, for the contract: a plan and its dry run
 * cross the boundary to the renderer and are validated there like everything else. A field the step model
 * gains must be added here too (a test parses a generated plan and compares: nothing may be stripped).
 */
import { z } from 'zod';
import { nodeRoles, phaseIds } from '../../commission/types';

export const L10nSchema = z.object({ de: z.string(), en: z.string() });
export const NodeRoleSchema = z.enum(nodeRoles);

export const ProbeSchema = z.object({
  command: z.string(),
  title: L10nSchema.optional(),
  timeoutMs: z.number().optional(),
  waitMs: z.number().optional(),
  freshSession: z.boolean().optional(),
});

const RunActionSchema = z.object({
  kind: z.literal('run'),
  command: z.string(),
  stdin: z.string().optional(),
  timeoutMs: z.number().optional(),
  okExitCodes: z.array(z.number()).optional(),
  progress: z.enum(['drbdSync', 'rsync']).optional(),
  idempotent: z.boolean().optional(),
});
const WriteActionSchema = z.object({
  kind: z.literal('write'),
  path: z.string(),
  content: z.string(),
  mode: z.string(),
  owner: z.string().optional(),
  secret: z.boolean().optional(),
});
const TransferActionSchema = z.object({
  kind: z.literal('transfer'),
  from: NodeRoleSchema,
  fromPath: z.string(),
  toPath: z.string(),
  mode: z.string(),
  owner: z.string().optional(),
  secret: z.boolean().optional(),
});
export const ActionSchema = z.discriminatedUnion('kind', [RunActionSchema, WriteActionSchema, TransferActionSchema]);

export const StepSchema = z.object({
  id: z.string(),
  phase: z.enum(phaseIds),
  node: NodeRoleSchema,
  title: L10nSchema,
  explanation: L10nSchema,
  check: ProbeSchema.optional(),
  apply: z.array(ActionSchema),
  verify: z.array(ProbeSchema),
  rollback: z.array(ActionSchema).optional(),
  destructive: z.boolean(),
  pointOfNoReturn: z.boolean().optional(),
  expectedDurationS: z.number(),
  timer: z.object({ start: z.string().optional(), stop: z.string().optional() }).optional(),
  secrets: z.array(z.string()).optional(),
  backupPaths: z.array(z.string()).optional(),
});

export const PlanNoticeSchema = z.object({ level: z.enum(['info', 'warning', 'danger']), text: L10nSchema });

export const PlanSchema = z.object({
  hash: z.string(),
  steps: z.array(StepSchema),
  notices: z.array(PlanNoticeSchema),
  summary: z.object({
    replication: z.enum(['drbd', 'shared']),
    quorum: z.enum(['twoNode', 'qdevice', 'thirdNode']),
    fencing: z.array(z.string()),
    nodes: z.array(NodeRoleSchema),
    vip: z.string(),
    vipName: z.string(),
    clusterName: z.string(),
    drbdVersion: z.enum(['8.4', '9']).optional(),
  }),
});
