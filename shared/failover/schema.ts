/**
 * Everything the Failover-Tests step stores in the project file under `failover`: the probe and mail-flow
 * settings (no secrets: the test mailbox's and the SQL user's passwords live in the app's secret store), the
 * targets, and the runs (the acceptance run and later drills, each with its case results). Every field is
 * optional or defaulted so files saved before this section existed still open.
 */
import { z } from 'zod';
import { caseIds } from './cases';
import { FaultStepSchema } from './faultPlan';
import { ClusterProfileSchema } from './profile';
import { PROBE_INTERVAL_MS, PROBE_TIMEOUT_MS, protocols } from './protocols';
import { FailoverTargetsSchema } from './targets';

const CaseIdSchema = z.enum(caseIds);
const ProtocolSchema = z.enum(protocols);
const hostName = z.string().min(1).max(253).regex(/^[A-Za-z0-9_.:[\]-]+$/).refine((h) => !h.startsWith('-'), 'host must not start with -');
const port = z.number().int().min(1).max(65535);
const params = z.record(z.string(), z.union([z.string(), z.number()]));
const ReasonSchema = z.object({ key: z.string().max(200), params: params.optional() });

export const FailoverSettingsSchema = z.object({
  /** Where the probes connect: the VIP in production, a relay in the lab. Default: the VIP from the Installation settings. */
  endpoint: z.object({ host: hostName.optional(), ports: z.partialRecord(ProtocolSchema, port).default({}) }).prefault({}),
  /** Which protocols are probed (the mail flow needs smtp, submission and imap). */
  protocols: z.array(ProtocolSchema).max(protocols.length).default([...protocols]),
  /** The test mailbox: login for submission AUTH, IMAP and POP3; its address receives the test mails. */
  mailbox: z.object({ user: z.string().max(320).optional(), address: z.string().max(320).optional() }).prefault({}),
  /** Envelope sender of the test mails (default: failover-test@ the mailbox's domain). */
  sender: z.string().max(320).optional(),
  sql: z.object({ user: z.string().max(80).optional(), database: z.string().max(64).optional() }).prefault({}),
  /** Test mails per second, alternating between port 25 and 587. */
  mailRatePerS: z.number().min(0.1).max(20).default(2),
  /** How often each probe starts an attempt: the outage's resolution (200 ms; slower for a slow or emulated server). */
  probeIntervalMs: z.number().int().min(PROBE_INTERVAL_MS / 2).max(5000).default(PROBE_INTERVAL_MS),
  /** How long one probe attempt (connect, TLS, login) may take before it counts as failed. */
  probeTimeoutMs: z.number().int().min(1000).max(60_000).default(PROBE_TIMEOUT_MS),
  /** Probing before the fault, to have a baseline. */
  baselineMs: z.number().int().min(1000).max(120_000).default(5000),
  /** Measuring after the cluster has recovered, so late outages are seen. */
  tailMs: z.number().int().min(1000).max(300_000).default(10_000),
  /** Upper bound for one case, fault to recovery. */
  caseTimeoutMs: z.number().int().min(30_000).max(3_600_000).default(600_000),
  /**
   * A local program for node actions SSH cannot do (power on, crash a container, cut a link from outside):
   * called as `<path> <crash|poweroff|start|linkDown|linkUp> <node> [client|cluster]`. In the lab a script
   * calling the lab's primitives; in production e.g. a wrapper around ipmitool or virsh.
   */
  hook: z.object({ path: z.string().min(1).max(4096), actions: z.array(z.enum(['crash', 'poweroff', 'start', 'linkDown', 'linkUp'])).max(5).default([]) }).optional(),
  targets: FailoverTargetsSchema.prefault({}),
  /** Cases the user ticked; empty = the default selection for the cluster. */
  selectedCases: z.array(CaseIdSchema).max(caseIds.length).default([]),
});
export type FailoverSettings = z.infer<typeof FailoverSettingsSchema>;

const OutageWindowSchema = z.object({
  fromMs: z.number(),
  toMs: z.number().nullable(),
  durationMs: z.number().min(0),
  fromIsBaseline: z.boolean(),
  firstFailureMs: z.number(),
  failures: z.number().int().min(0),
  errors: z.record(z.string(), z.number().int()),
});

export const ProtocolOutageSchema = z.object({
  protocol: ProtocolSchema,
  samples: z.number().int().min(0),
  baseline: z.boolean(),
  preFaultFailures: z.number().int().min(0),
  windows: z.array(OutageWindowSchema).max(1000),
  maxMs: z.number().min(0),
  totalMs: z.number().min(0),
  recovered: z.boolean(),
  latencyP50Ms: z.number().optional(),
  latencyP95Ms: z.number().optional(),
});

const StatusRunSchema = z.object({ fromMs: z.number(), toMs: z.number(), ok: z.boolean(), n: z.number().int().min(1) });

export const MailRecordSchema = z.object({
  n: z.number().int().min(0),
  via: z.enum(['smtp', 'submission']),
  firstAt: z.number(),
  acceptedAt: z.number().optional(),
  attempts: z.number().int().min(0),
  refusals: z.number().int().min(0),
  ambiguous: z.number().int().min(0),
  gaveUp: z.boolean(),
  bounced: z.boolean().default(false),
  copies: z.number().int().min(0),
  deliveredAt: z.number().optional(),
  delayMs: z.number().min(0).optional(),
});

const nums = z.array(z.number().int()).max(100_000);
export const MailTallySchema = z.object({
  sent: z.number().int(),
  accepted: z.number().int(),
  delivered: z.number().int(),
  lost: nums,
  /** Added later: files saved before it open with none. */
  notVerified: nums.default([]),
  duplicated: nums,
  duplicatedAfterLostReply: nums,
  delayed: z.array(z.object({ n: z.number().int(), delayMs: z.number() })).max(100_000),
  refusedRetried: nums,
  neverAccepted: nums,
  bounced: nums.default([]),
  unexpected: nums,
  deliveredAfterLostReply: nums,
  delayP50Ms: z.number().optional(),
  delayP95Ms: z.number().optional(),
  delayMaxMs: z.number().optional(),
});

export const ClusterEventSchema = z.object({
  t: z.number(),
  node: z.string().max(253),
  kind: z.enum(['fault', 'runner', 'membership', 'quorum', 'fence', 'resource', 'drbd', 'service']),
  text: z.string().max(500),
  line: z.string().max(2000).optional(),
  bad: z.boolean().optional(),
});

export const FindingSchema = z.object({
  kind: z.string().max(40),
  severity: z.enum(['critical', 'error', 'warning', 'info']),
  node: z.string().max(253),
  t: z.number(),
  lastT: z.number(),
  count: z.number().int().min(1),
  source: z.string().max(200),
  line: z.string().max(2000),
});

export const CheckSchema = z.object({ id: z.string().max(80), ok: z.boolean(), key: z.string().max(200), params: params.optional() });
export const VerdictSchema = z.object({
  value: z.enum(['pass', 'fail', 'notApplicable', 'aborted']),
  checks: z.array(CheckSchema).max(200),
  reason: ReasonSchema.optional(),
});

export const ObservedSchema = z.object({
  servicesBefore: z.string().max(253).optional(),
  servicesAfter: z.array(z.string().max(253)).max(32),
  dualActiveSeen: z.boolean(),
  fenced: z.array(z.string().max(253)).max(32),
  localRestart: z.boolean().optional(),
  drbdConstraintSeen: z.boolean().optional(),
  outdatedPromoted: z.boolean().optional(),
  quorumWaitHeld: z.boolean().optional(),
  recovered: z.boolean(),
});

/** One command or action the case ran, as shown before it ran and recorded after. */
export const StepRecordSchema = z.object({
  id: z.string().max(80),
  titleKey: z.string().max(200),
  node: z.string().max(253).optional(),
  command: z.string().max(8000).optional(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  exitCode: z.number().int().nullable().optional(),
  ok: z.boolean(),
  fault: z.boolean().optional(),
  note: z.string().max(2000).optional(),
});

export const ResolvedTargetsSchema = z.object({
  plannedRtoMs: z.number(),
  unplannedRtoMs: z.number(),
  plannedSource: z.enum(['project', 'planning']),
  unplannedSource: z.enum(['project', 'planning']),
  plannedEstimateMs: z.number(),
  unplannedEstimateMs: z.number(),
  maxLost: z.number().int(),
  maxDuplicated: z.number().int(),
  delayedAfterMs: z.number().int(),
  noOutageToleranceMs: z.number().int(),
});

export const CaseResultSchema = z.object({
  caseId: CaseIdSchema,
  startedAt: z.number(),
  endedAt: z.number().optional(),
  /** When the fault was injected (the step marked as the fault); absent when the case never got that far. */
  faultAt: z.number().optional(),
  recoveredAt: z.number().optional(),
  /** corosync token + consensus at the time: the floor under any unplanned outage. */
  detectionFloorMs: z.number().optional(),
  targets: ResolvedTargetsSchema,
  outages: z.array(ProtocolOutageSchema).max(protocols.length).default([]),
  lanes: z.partialRecord(ProtocolSchema, z.array(StatusRunSchema).max(20_000)).default({}),
  mails: z.object({ records: z.array(MailRecordSchema).max(20_000), tally: MailTallySchema }).optional(),
  events: z.array(ClusterEventSchema).max(2000).default([]),
  findings: z.array(FindingSchema).max(500).default([]),
  observed: ObservedSchema.optional(),
  steps: z.array(StepRecordSchema).max(200).default([]),
  verdict: VerdictSchema,
});
export type CaseResult = z.infer<typeof CaseResultSchema>;

export const FailoverRunSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(['acceptance', 'drill']),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  status: z.enum(['running', 'done', 'cancelled', 'failed']),
  /** What the cluster was when the run started. */
  profile: ClusterProfileSchema.optional(),
  /** Free label, e.g. "lab ct" or "after the kernel update". */
  label: z.string().max(200).optional(),
  cases: z.array(CaseResultSchema).max(100).default([]),
  error: ReasonSchema.optional(),
  /**
   * Set while a case has a fault in effect: what undoes it, and which SSH host role each node name is. An app
   * that crashed mid-case finds this in its mirror and offers to run the undo.
   */
  pending: z.object({ caseId: CaseIdSchema, undo: z.array(FaultStepSchema).max(50), nodeRoles: z.record(z.string(), z.enum(['primary', 'secondary', 'witness', 'node3'])) }).optional(),
  /** Bumped by main on every save: the newest copy wins when main's and the renderer's meet. */
  revision: z.number().int().min(0).default(0),
});
export type FailoverRun = z.infer<typeof FailoverRunSchema>;

/** Kept in the project: the acceptance run and this many of the newest drills. */
export const MAX_DRILLS = 20;

export const FailoverSchema = z.object({
  settings: FailoverSettingsSchema.prefault({}),
  runs: z.array(FailoverRunSchema).max(MAX_DRILLS + 5).default([]),
  /** The run the customer accepted; drills are compared with it. */
  acceptanceRunId: z.string().uuid().optional(),
});
export type FailoverSection = z.infer<typeof FailoverSchema>;

// The stored shapes and the shapes the engines produce must stay one and the same.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type _SchemaMatchesEngines = [
  Assert<Same<z.infer<typeof ProtocolOutageSchema>, import('./outage').ProtocolOutage>>,
  Assert<Same<z.infer<typeof MailRecordSchema>, import('./mailMatch').MailRecord>>,
  Assert<Same<z.infer<typeof MailTallySchema>, import('./mailMatch').MailTally>>,
  Assert<Same<z.infer<typeof ResolvedTargetsSchema>, import('./targets').ResolvedTargets>>,
  Assert<Same<z.infer<typeof ObservedSchema>, import('./verdict').Observed>>,
];
