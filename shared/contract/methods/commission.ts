/**
 * The Installation step's contract: inventory, plan, dry run, run/resume, rollback, the operator's answers
 * (confirmations, pause, cancel), commissioning secrets, config sync + drift check, legacy cleanup.
 * Long actions carry a caller-chosen runId; their events (commissionEvents) carry it too.
 * See main/commission/README.md for the design and the order of events.
 */
import { z } from 'zod';
import { InventorySchema } from '../../commission/inventorySchema';
import { CommissionRecordSchema } from '../../commission/recordSchema';
import { secretIds } from '../../commission/types';
import { ProjectSchema } from '../../project/schema';
import { method } from '../define';
import { targetSchema } from '../../ssh/target';
import { AcceptHostKeySchema } from './analysis';
import { L10nSchema, NodeRoleSchema, PlanNoticeSchema, PlanSchema } from './commissionPlanSchema';

const PathSchema = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'NUL in path');
const ProjectId = z.string().uuid();
const RunId = z.string().uuid();
const ErrorValueSchema = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(), detail: z.string().optional() });
export const CommissionSecretIdSchema = z.enum(secretIds);

/** What every action on the nodes needs: the project as the caller holds it, and host keys the user accepted. */
const RunInput = {
  runId: RunId,
  projectId: ProjectId,
  project: ProjectSchema,
  /** The project's file, if it has one: the record is also written there (read-modify-write of only the record). */
  path: PathSchema.optional(),
  /** The CLI pairs every fingerprint given with every node (only the matching pair is used): up to 4 roles x jumps x keys. */
  acceptHostKeys: z.array(AcceptHostKeySchema).max(64).default([]),
};

// ---- dry run ----
const FileChangeSchema = z.object({
  change: z.enum(['create', 'modify', 'unchanged', 'metadata']),
  /** Unified diff against the node's current file (text files that are not secret). */
  diff: z.string().optional(),
  /** Secret or binary content: only its size and sha256 (the current file's too, when there is one). */
  summary: z.object({ bytes: z.number(), sha256: z.string().optional(), currentBytes: z.number().optional(), currentSha256: z.string().optional(), reason: z.enum(['secret', 'binary', 'secretNotSet', 'sourceNotYet']) }).optional(),
  current: z.object({ mode: z.string(), owner: z.string(), bytes: z.number() }).optional(),
});

export const DryRunActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run'), command: z.string(), stdin: z.string().optional(), timeoutMs: z.number().optional() }),
  z.object({ kind: z.literal('write'), path: z.string(), mode: z.string(), owner: z.string(), secret: z.boolean(), file: FileChangeSchema.optional(), error: ErrorValueSchema.optional() }),
  z.object({
    kind: z.literal('transfer'),
    from: NodeRoleSchema,
    fromPath: z.string(),
    path: z.string(),
    mode: z.string(),
    owner: z.string(),
    secret: z.boolean(),
    file: FileChangeSchema.optional(),
    error: ErrorValueSchema.optional(),
  }),
  z.object({ kind: z.literal('restore'), paths: z.array(z.string()) }),
]);
export type DryRunAction = z.infer<typeof DryRunActionSchema>;

export const DryRunStepSchema = z.object({
  id: z.string(),
  phase: z.string(),
  node: NodeRoleSchema,
  title: L10nSchema,
  explanation: L10nSchema,
  destructive: z.boolean(),
  pointOfNoReturn: z.boolean(),
  expectedDurationS: z.number(),
  /** The check and, when the dry run ran it, whether it says "already done". */
  check: z.object({ command: z.string(), done: z.boolean().optional(), error: ErrorValueSchema.optional() }).optional(),
  /** What the record says about this step already. */
  recorded: z.string().optional(),
  backupPaths: z.array(z.string()),
  actions: z.array(DryRunActionSchema),
  verify: z.array(z.object({ command: z.string(), freshSession: z.boolean().optional(), waitMs: z.number().optional() })),
  hasRollback: z.boolean(),
  secrets: z.array(z.string()),
});
export type DryRunStep = z.infer<typeof DryRunStepSchema>;

export const DryRunSchema = z.object({
  mode: z.enum(['run', 'rollback']),
  planHash: z.string(),
  notices: z.array(PlanNoticeSchema),
  summary: PlanSchema.shape.summary,
  nodes: z.array(NodeRoleSchema),
  steps: z.array(DryRunStepSchema),
  /** What differs from the plan the existing record was made for (asked again before a run). */
  planChange: z.object({ added: z.array(z.string()), removed: z.array(z.string()), changed: z.array(z.string()) }).optional(),
  /** Rollback only: refused because the point of no return was crossed at this time. */
  pointOfNoReturnAt: z.string().optional(),
});
export type DryRun = z.infer<typeof DryRunSchema>;

export const RunResultSchema = z.object({
  outcome: z.enum(['completed', 'cancelled', 'failed', 'refused', 'stopped']),
  record: CommissionRecordSchema,
  error: ErrorValueSchema.optional(),
});

export const ConfirmRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('destructive'), stepId: z.string(), node: NodeRoleSchema, title: L10nSchema, explanation: L10nSchema }),
  z.object({ kind: z.literal('pointOfNoReturn'), stepId: z.string(), node: NodeRoleSchema, title: L10nSchema, explanation: L10nSchema }),
  z.object({ kind: z.literal('planChanged'), change: z.object({ added: z.array(z.string()), removed: z.array(z.string()), changed: z.array(z.string()) }) }),
  z.object({ kind: z.literal('rollback'), steps: z.array(z.object({ stepId: z.string(), node: NodeRoleSchema, title: L10nSchema })) }),
]);

/** The one condition for removing legacy's old data (the UI offers it exactly then). */
export function cleanupAllowed(project: { commission: { record?: { state: string } }; failover: { acceptanceRunId?: string; runs: readonly { id: string; status: string }[] } }): boolean {
  const id = project.failover.acceptanceRunId;
  return project.commission.record?.state === 'completed' && !!id && project.failover.runs.some((r) => r.id === id && r.status === 'done');
}

const DriftItemSchema = z.object({ id: z.string(), node: NodeRoleSchema, title: L10nSchema.optional(), ok: z.boolean(), output: z.string() });

export const commissionMethods = {
  /**
   * Connects once to a node (storing its host key when the user accepted it) and proves the login and sudo,
   * before the target is stored in project.hosts (`hosts add`). Secrets as stored with secrets.set for the role.
   */
  'commission.verifyHost': method(
    z.object({ projectId: ProjectId, role: NodeRoleSchema, target: targetSchema, acceptHostKeys: RunInput.acceptHostKeys }).strict(),
    z.object({ hostname: z.string(), sudo: z.boolean() }),
  ),
  /** Runs the read-only inventory probe on every node in project.hosts; the caller stores the result in project.commission.inventory. */
  'commission.inventory': method(
    z.object({ runId: RunId, projectId: ProjectId, project: ProjectSchema, acceptHostKeys: RunInput.acceptHostKeys }).strict(),
    z.object({ inventory: InventorySchema, failed: z.array(z.object({ role: NodeRoleSchema, error: ErrorValueSchema })) }),
  ),
  /** The plan for the project and its stored inventory, or what is missing before one can be made. */
  'commission.plan': method(
    z.object({ project: ProjectSchema }).strict(),
    z.object({ plan: PlanSchema.nullable(), errors: z.array(z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })) }),
  ),
  /** Every command and file change per node, read-only; `mode: 'rollback'` shows what a rollback would do. */
  'commission.dryRun': method(z.object({ ...RunInput, mode: z.enum(['run', 'rollback']).default('run'), withChecks: z.boolean().default(true) }).strict(), DryRunSchema),
  /**
   * Runs the plan. Without `resume`, an unfinished record is an error (install:errors.unfinishedRun); with it,
   * every step is checked again and what is done is skipped. Asks through `commission.confirm` events.
   */
  'commission.run': method(z.object({ ...RunInput, resume: z.boolean().default(false) }).strict(), RunResultSchema),
  'commission.rollback': method(z.object({ ...RunInput }).strict(), RunResultSchema),
  /** The operator's answer to a `commission.confirm` event. */
  'commission.answer': method(z.object({ runId: RunId, confirmId: z.string().uuid(), yes: z.boolean() }).strict(), z.object({ answered: z.boolean() })),
  /** Pause takes effect before the next step; `paused: false` continues. */
  'commission.pause': method(z.object({ runId: RunId, paused: z.boolean() }).strict(), z.object({ found: z.boolean() })),
  /** Stops the running command now (TERM, then KILL) and the run after it. */
  'commission.cancel': method(z.object({ runId: RunId }).strict(), z.object({ cancelled: z.boolean() })),
  /**
   * The newest record main knows for the project (mirror, file), e.g. after the app was restarted, and the
   * runId of an action running for it now (to re-attach to its events, pause or cancel it).
   */
  'commission.record': method(
    z.object({ projectId: ProjectId, path: PathSchema.optional() }).strict(),
    z.object({
      record: CommissionRecordSchema.nullable(),
      running: z.boolean(),
      runId: z.string().optional(),
      /** The question the run waits for (as in its commission.confirm event): a reloaded window asks it again. */
      pendingConfirm: z.object({ confirmId: z.string(), request: ConfirmRequestSchema }).optional(),
    }),
  ),
  'commission.secretsStatus': method(z.object({ projectId: ProjectId }).strict(), z.record(CommissionSecretIdSchema, z.boolean())),
  /** Stores a commissioning secret (hacluster password ...); `remember: false` keeps it for this session only. */
  'commission.setSecret': method(
    z.object({ projectId: ProjectId, id: CommissionSecretIdSchema, value: z.string().min(8).max(512).refine((v) => !/[\r\n\0]/.test(v), 'no line breaks'), remember: z.boolean().default(true) }).strict(),
    z.object({}),
  ),
  /** Generates a strong random secret and stores it (remembered); the value never leaves main. */
  'commission.generateSecret': method(z.object({ projectId: ProjectId, id: CommissionSecretIdSchema }).strict(), z.object({})),
  /** The re-runnable config sync (configs "nach dem Vorbild des Primärsystems"): dry run or run. */
  'commission.configSync': method(
    z.object({ ...RunInput, dryRun: z.boolean().default(true) }).strict(),
    z.object({ dryRun: DryRunSchema.optional(), result: RunResultSchema.omit({ record: true }).optional() }),
  ),
  /** Read-only: which configs differ between the nodes. */
  'commission.drift': method(z.object({ runId: RunId, projectId: ProjectId, project: ProjectSchema, acceptHostKeys: RunInput.acceptHostKeys }).strict(), z.object({ items: z.array(DriftItemSchema) })),
  /**
   * Removes the old data on legacy. Only when cleanupAllowed(project): the commissioning record is completed and
   * project.failover.acceptanceRunId names a failover run with status 'done'. Dry run or run.
   */
  'commission.cleanup': method(
    z.object({ ...RunInput, dryRun: z.boolean().default(true) }).strict(),
    z.object({ dryRun: DryRunSchema.optional(), result: RunResultSchema.omit({ record: true }).optional() }),
  ),
};

const StepStateSchema = z.enum(['checking', 'backingUp', 'applying', 'verifying', 'running', 'done', 'skipped', 'failed', 'cancelled', 'refused', 'rollingBack', 'restoring', 'rolledBack']);

/** Events of the commissioning runs, all with the runId the caller chose (record: by project). */
export const commissionEvents = {
  'commission.step': z.object({ runId: z.string(), stepId: z.string(), node: NodeRoleSchema, state: StepStateSchema, durationMs: z.number().optional(), error: ErrorValueSchema.optional() }),
  'commission.output': z.object({ runId: z.string(), stepId: z.string(), node: NodeRoleSchema, stream: z.enum(['stdout', 'stderr', 'info']), text: z.string() }),
  'commission.progress': z.object({
    runId: z.string(),
    stepIndex: z.number(),
    stepCount: z.number(),
    stepId: z.string().optional(),
    stepFraction: z.number().optional(),
    fraction: z.number(),
    elapsedMs: z.number(),
    etaMs: z.number(),
  }),
  /** Answer with commission.answer { runId, confirmId, yes }. Cancelling the run answers no. */
  'commission.confirm': z.object({ runId: z.string(), confirmId: z.string(), request: ConfirmRequestSchema }),
  'commission.paused': z.object({ runId: z.string(), paused: z.boolean() }),
  /** The record after every change: the renderer merges it into its store if its revision is higher. */
  'commission.record': z.object({ projectId: z.string(), record: CommissionRecordSchema }),
  'commission.connection': z.object({ runId: z.string(), node: NodeRoleSchema, state: z.enum(['lost', 'reconnecting', 'reconnected']), attempt: z.number().optional() }),
};
