/**
 * The commissioning plan as data. A plan is an ordered list of Steps; a Step says what it does in words
 * (de/en), how to tell it is already done (check), what exactly it changes (apply: commands and whole-file
 * writes), how to prove it worked (verify) and, where possible, how to undo it (rollback). The executor in
 * main/commission runs any Step without knowing what it is for; all knowledge lives in the step files under
 * shared/commission/steps/ (see README.md there).
 *
 * Plans are pure functions of (project, inventory): the same inputs give the same plan and the same hash,
 * which is what makes a re-run after an interruption safe (the record names the plan hash it was made for).
 */

/** Where a step runs. 'primary' is the legacy server (project.hosts.primary), 'node3' the optional third node. */
export const nodeRoles = ['primary', 'secondary', 'witness', 'node3'] as const;
export type NodeRole = (typeof nodeRoles)[number];

export const phaseIds = ['prepare', 'packages', 'storage', 'replication', 'dataCopy', 'cluster', 'resources', 'cutover', 'hardening', 'verify'] as const;
export type PhaseId = (typeof phaseIds)[number];

/** Text in both UI languages, written where the knowledge is (the step file). */
export interface L10n {
  de: string;
  en: string;
}

/**
 * Secrets the executor fills in at run time from the app's secret store (or the CLI's environment). They are
 * referenced in `stdin` or `content` as `{{secret:ID}}` and never appear in a plan, a project file, the
 * audit log or the output shown to the user.
 */
export const secretIds = ['haclusterPassword', 'mariadbReplicaPassword', 'ipmiPasswordPrimary', 'ipmiPasswordSecondary', 'ipmiPasswordNode3'] as const;
export type SecretId = (typeof secretIds)[number];
export const secretRef = (id: SecretId): string => `{{secret:${id}}}`;

/** A read-only command whose exit status answers a question ("already done?", "did it work?"). */
export interface Probe {
  /** Exact sh command on the step's node, every argument quoted with shared/shell/quote.ts. */
  command: string;
  /** What a success means, shown beside the result. */
  title?: L10n;
  /** Default 30 s. */
  timeoutMs?: number;
  /**
   * Retry until it succeeds or the time is up (e.g. "the cluster has quorum" right after a start).
   * Default: no retry.
   */
  waitMs?: number;
  /**
   * Run this probe over a NEW SSH connection with the same target and secrets (e.g. to prove the admin
   * user's key login and sudo before PermitRootLogin no), not over the session the run uses.
   */
  freshSession?: boolean;
}

export interface RunAction {
  kind: 'run';
  command: string;
  /** Text written to the command's stdin; may hold `{{secret:ID}}` placeholders. */
  stdin?: string;
  /** Default 10 min. */
  timeoutMs?: number;
  /** Exit codes that count as success (default [0]). */
  okExitCodes?: number[];
  /** Parses live output into progress/ETA (e.g. DRBD resync, rsync --info=progress2). */
  progress?: 'drbdSync' | 'rsync';
  /** Safe to run twice: after a dropped connection the executor reconnects and repeats it instead of stopping the run. */
  idempotent?: boolean;
}

/** Writes a whole file (never a patch): the dry run shows the unified diff against the node's current file. */
export interface WriteFileAction {
  kind: 'write';
  path: string;
  content: string;
  /** Octal, e.g. '0644'. */
  mode: string;
  /** 'user:group', default 'root:root'. */
  owner?: string;
  /** The content holds a secret: the dry run shows only its size and hash, never the text. */
  secret?: boolean;
}

/**
 * Copies a file from another node to the step's node through the app (read there, written here, both over
 * the existing SSH sessions; binary-safe). Used for the corosync authkey, qnetd certificates, and the
 * configs the secondary takes over from the primary ("nach dem Vorbild des Primärsystems").
 */
export interface TransferAction {
  kind: 'transfer';
  from: NodeRole;
  fromPath: string;
  toPath: string;
  mode: string;
  owner?: string;
  secret?: boolean;
}

export type Action = RunAction | WriteFileAction | TransferAction;

/**
 * Named stopwatches across steps: a step may start or stop one. The executor stores the measured interval
 * in the commissioning record, e.g. 'legacyMailOutage' from stopping Postfix on the legacy server to the
 * first SMTP banner on the VIP.
 */
export interface TimerMark {
  start?: string;
  stop?: string;
}

export interface Step {
  /** Stable across runs of the same plan, unique in it: '<concern>.<what>@<node>', e.g. 'packages.ha@secondary'. */
  id: string;
  phase: PhaseId;
  node: NodeRole;
  title: L10n;
  /** Why this step exists and what it does, for the operator and the report. */
  explanation: L10n;
  /** Exit 0 = already done: the executor skips apply (and still runs verify). Absent: apply always runs (it must then be idempotent). */
  check?: Probe;
  apply: Action[];
  /** Every probe must succeed after apply (or after a skipped apply) for the step to count as done. */
  verify: Probe[];
  /** Undoes apply, run in reverse step order by `rollback`. Absent: nothing to undo or not undoable (then destructive). */
  rollback?: Action[];
  /** Changes or removes something that existed before (not just adds): asks before it runs. */
  destructive: boolean;
  /** After this step, `rollback` can no longer return the primary to its standalone state. Asked once, explicitly. */
  pointOfNoReturn?: boolean;
  /** For progress and ETA, on a plain machine (the executor learns from measured durations). */
  expectedDurationS: number;
  timer?: TimerMark;
  /** Secrets the step's stdin or content references. */
  secrets?: SecretId[];
  /** Files the apply writes that must be backed up on the node first (writes are backed up automatically). */
  backupPaths?: string[];
  /**
   * Consecutive steps with the same group run at the same time, each on its own node (a group with two steps on
   * one node is refused). Their confirmations are asked before the group starts; a failure lets the others
   * finish, then the run stops. Recorded per step as usual; rollback undoes a group one step at a time.
   */
  parallelGroup?: string;
}

/** A generator's notice for the operator (shown above the plan; red ones are risks). */
export interface PlanNotice {
  level: 'info' | 'warning' | 'danger';
  text: L10n;
}

export interface Plan {
  /** sha256 over the canonical JSON of the steps. */
  hash: string;
  steps: Step[];
  notices: PlanNotice[];
  /** Generator input that shaped the plan, for the report and the status view. */
  summary: {
    replication: 'drbd' | 'shared';
    quorum: 'twoNode' | 'qdevice' | 'thirdNode';
    fencing: string[];
    nodes: NodeRole[];
    vip: string;
    vipName: string;
    clusterName: string;
    drbdVersion?: '8.4' | '9';
  };
}
