/**
 * What the chapter builders read. main/documents gathers it (project file, the planning composition, the
 * live cluster when reachable, the commissioning record with audit excerpts); the builders only read.
 */
import type { ErrorValue } from '../errors';
import type { ProjectPlan } from '../planning/planProject';
import type { Project } from '../project/schema';

/** The cluster as built, read from the nodes (handbook, report annex). Every part may be missing. */
export interface AsBuiltCluster {
  readAt: string;
  clusterName?: string;
  nodes: { name: string; address?: string; online?: boolean; standby?: boolean }[];
  quorum?: { quorate: boolean; expectedVotes?: number; totalVotes?: number; qdevice?: boolean };
  resources: { id: string; agent: string; node?: string; role?: string; group?: string; failed?: boolean }[];
  constraints: string[];
  stonith: { id: string; agent: string }[];
  drbd?: { resource: string; role?: string; diskState?: string; peerDiskState?: string; connection?: string; version?: string }[];
  versions: { name: string; version: string }[];
  vip?: string;
  corosyncConf?: string;
  drbdConf?: string;
  cibText?: string;
  openPorts?: { port: number; proto: string; process?: string }[];
  fail2banJails?: string[];
}

/** One commissioning step as it ran, with the commands the audit log holds for its time window. */
export interface RealisationStep {
  id: string;
  /** In the document's language, from the plan the step belonged to; the id when the plan is gone. */
  title: string;
  phase?: string;
  node: string;
  host?: string;
  outcome: string;
  startedAt: string;
  durationMs?: number;
  commands: string[];
}

export interface RealisationData {
  startedAt: string;
  completedAt?: string;
  steps: RealisationStep[];
  /** Named stopwatches, e.g. the legacy server's mail outage during the cut-over. */
  timers: { id: string; ms: number }[];
  pointOfNoReturnAt?: string;
  auditEntries: number;
}

export interface DocumentSources {
  project: Project;
  /** The one composition of the planning engines (shared/planning). */
  plan: ProjectPlan;
  /** When the document was made (cover, document control). */
  generatedAt: string;
  appVersion: string;
  /** The live cluster, or why it could not be read; absent when no cluster hosts are known. */
  live?: { ok: true; cluster: AsBuiltCluster } | { ok: false; error: ErrorValue };
  realisation?: RealisationData;
  /** Configuration files as the commissioning plan writes them (path -> content), for the annex. */
  plannedConfigs?: { path: string; node: string; content: string }[];
}
