import { z } from 'zod';
import { caseIds } from '../../failover/cases';
import { FaultStepSchema } from '../../failover/faultPlan';
import { ClusterProfileSchema } from '../../failover/profile';
import { protocols } from '../../failover/protocols';
import { FailoverRunSchema, ResolvedTargetsSchema } from '../../failover/schema';
import { ProjectSchema } from '../../project/schema';
import { method } from '../define';
import { AcceptHostKeySchema } from './analysis';

const ProjectId = z.string().uuid();
const RunId = z.string().uuid();
const PathSchema = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'NUL in path');
const CaseIdSchema = z.enum(caseIds);
const ProtocolSchema = z.enum(protocols);
export const FailoverSecretKindSchema = z.enum(['mailbox', 'sql']);

const Connect = {
  runId: RunId,
  projectId: ProjectId,
  project: ProjectSchema,
  acceptHostKeys: z.array(AcceptHostKeySchema).max(8).default([]),
};

const ReasonSchema = z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });

export const CasePreviewSchema = z.object({
  caseId: CaseIdSchema,
  runnable: z.boolean(),
  reason: ReasonSchema.optional(),
  fullOutage: z.boolean(),
  /** What the case will run, for the active node as it is now (roles swap as the services move). */
  steps: z.array(FaultStepSchema),
  undo: z.array(FaultStepSchema),
  cleanup: z.array(FaultStepSchema),
});

export const PreviewSchema = z.object({
  profile: ClusterProfileSchema,
  nodes: z.array(z.object({ name: z.string(), role: z.string(), addresses: z.array(z.string()) })),
  servicesOn: z.array(z.string()),
  group: z.string().optional(),
  detectionFloorMs: z.number().optional(),
  targets: ResolvedTargetsSchema,
  endpoint: z.object({ host: z.string(), ports: z.partialRecord(ProtocolSchema, z.number()) }),
  protocols: z.array(ProtocolSchema),
  cases: z.array(CasePreviewSchema),
  /** What is missing before a run can start (i18n keys). */
  problems: z.array(ReasonSchema),
});
export type FailoverPreview = z.infer<typeof PreviewSchema>;

export const failoverMethods = {
  /**
   * Reads the cluster (read-only over SSH): what it is, where the services run, which cases can run and the
   * exact commands each would run. The UI shows this and asks before `failover.run`.
   */
  'failover.preview': method(z.object({ ...Connect, cases: z.array(CaseIdSchema).max(caseIds.length).optional(), interactive: z.boolean().default(true) }).strict(), PreviewSchema),
  /**
   * Runs the chosen cases one after the other. Live state arrives as `failover.live`, `failover.step`,
   * `failover.case`, `run.output` and `run.progress` events; every finished case is saved (mirror + project
   * file) and pushed as `failover.run`. `confirmed` must be true: the caller has shown the preview and asked.
   */
  'failover.run': method(
    z
      .object({
        ...Connect,
        path: PathSchema.optional(),
        kind: z.enum(['acceptance', 'drill']),
        cases: z.array(CaseIdSchema).min(1).max(caseIds.length),
        confirmed: z.literal(true),
        label: z.string().max(200).optional(),
        /** Someone can answer `failover.prompt` (switch a node on); a CLI run in CI cannot. */
        interactive: z.boolean().default(true),
      })
      .strict(),
    z.object({ run: FailoverRunSchema }),
  ),
  'failover.cancel': method(z.object({ runId: RunId }).strict(), z.object({ cancelled: z.boolean() })),
  /** The operator's answer to a `failover.prompt` (e.g. "node switched on again"). */
  'failover.answer': method(z.object({ runId: RunId, promptId: z.string().uuid(), done: z.boolean() }).strict(), z.object({ answered: z.boolean() })),
  /** Passwords of the test mailbox and the SQL user: to main once, never into the project. */
  'failover.setSecret': method(
    z.object({ projectId: ProjectId, kind: FailoverSecretKindSchema, value: z.string().max(512).refine((v) => !/[\r\n\0]/.test(v), 'no line breaks'), remember: z.boolean().default(false) }).strict(),
    z.object({}),
  ),
  'failover.secretsStatus': method(z.object({ projectId: ProjectId }).strict(), z.record(FailoverSecretKindSchema, z.boolean())),
  /** Runs main still has in its mirror for the project (e.g. after the app crashed during a run), with what they left to undo. */
  'failover.interrupted': method(z.object({ projectId: ProjectId }).strict(), z.object({ runs: z.array(FailoverRunSchema) })),
  /** Runs the undo steps an interrupted run left behind (unstandby, remove firewall rules, start stopped stacks). */
  'failover.undoInterrupted': method(z.object({ ...Connect, path: PathSchema.optional(), interruptedRunId: RunId }).strict(), z.object({ run: FailoverRunSchema })),
  /** The cluster's state as a monitoring check (Nagios/Icinga plugin output and Prometheus text). */
  'failover.clusterCheck': method(
    z.object({ ...Connect }).strict(),
    z.object({ status: z.number().int().min(0).max(3), text: z.string(), perfdata: z.string(), prometheus: z.string() }),
  ),
};

const ProbeStateSchema = z.object({ ok: z.boolean(), t: z.number(), latencyMs: z.number().optional(), error: z.string().optional() });

export const failoverEvents = {
  'failover.live': z.object({
    runId: z.string(),
    caseId: CaseIdSchema.optional(),
    phase: z.enum(['connecting', 'baseline', 'fault', 'recovery', 'cleanup', 'collect', 'idle']),
    probes: z.partialRecord(ProtocolSchema, ProbeStateSchema),
    mails: z.object({ sent: z.number(), accepted: z.number(), pending: z.number() }),
    servicesOn: z.array(z.string()),
    nodes: z.array(z.object({ name: z.string(), reachable: z.boolean(), online: z.boolean().optional(), vip: z.boolean().optional() })),
    faultAt: z.number().optional(),
  }),
  'failover.step': z.object({ runId: z.string(), caseId: CaseIdSchema, stepId: z.string(), state: z.enum(['running', 'done', 'failed']), note: z.string().optional() }),
  'failover.case': z.object({ runId: z.string(), caseId: CaseIdSchema, state: z.enum(['running', 'done']), verdict: z.enum(['pass', 'fail', 'notApplicable', 'aborted']).optional() }),
  'failover.run': z.object({ projectId: z.string(), run: FailoverRunSchema }),
  'failover.prompt': z.object({ runId: z.string(), promptId: z.string(), kind: z.literal('powerOn'), node: z.string() }),
};
