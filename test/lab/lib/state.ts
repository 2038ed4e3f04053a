// What a running lab consists of, recorded as it is created (and as nodes crash, stop, start and links
// go down or up) so that `down` stops exactly that.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INSTANCE, runDir, type NetName, type NodeName, type Tier } from './config.js';
import { isAlive, procStartTime } from './util.js';

export interface ProcRecord {
  label: string;
  kind: 'nspawn' | 'qemu' | 'relay' | 'repo';
  pid: number;
  /** container init (nspawn) as seen from the host */
  init?: number;
  node?: NodeName;
  /** kernel start time of pid, so a PID reused after the process ended is never signalled */
  startTime?: number;
}

/** How a node's nspawn or qemu was started, so `start` boots it again exactly so (same disks, identity, MACs). */
export interface NodeLaunch {
  cmd: string;
  args: string[];
  log: string;
  /** vm: the qemu monitor (QMP) socket */
  qmp?: string;
}

/** What the lab did to a node last: `running` after up/start, otherwise the primitive that stopped it. */
export type NodePower = 'running' | 'stopped' | 'crashed';
export type LinkState = 'up' | 'down';

export interface InterfaceRecord {
  net: NetName;
  /** name inside the node */
  name: string;
  mac: string;
  /** the node's port on the bridge inside the lab namespace */
  hostInterface: string;
}

export interface LabEvent {
  at: string;
  action: 'up' | 'crash' | 'poweroff' | 'start' | 'link-down' | 'link-up';
  node?: NodeName;
  net?: NetName;
  detail?: string;
  seconds?: number;
}

export interface LabState {
  tier: Tier;
  instance?: number;
  netns: string;
  sockDir: string;
  nodes: NodeName[];
  startedAt: string;
  procs: ProcRecord[];
  mounts: string[];
  loops: string[];
  files: string[];
  hostKeys: Partial<Record<NodeName, Record<string, string>>>;
  images: Record<string, string>;
  sharedDisk?: { image: string; hostDevice?: string; nodeDevice: string; sizeMiB: number; attachedTo?: NodeName[] };
  upSeconds?: number;
  ready: boolean;
  launches?: Partial<Record<NodeName, NodeLaunch>>;
  power?: Partial<Record<NodeName, NodePower>>;
  links?: Partial<Record<NodeName, Partial<Record<NetName, LinkState>>>>;
  interfaces?: Partial<Record<NodeName, InterfaceRecord[]>>;
  events?: LabEvent[];
}

export const stateFile = (tier: Tier, n = INSTANCE): string => join(runDir(tier, n), 'state.json');
export const statusFile = (tier: Tier, n = INSTANCE): string => join(runDir(tier, n), 'status.json');

export function loadState(tier: Tier): LabState | undefined {
  const f = stateFile(tier);
  if (!existsSync(f)) return undefined;
  return JSON.parse(readFileSync(f, 'utf8')) as LabState;
}

export function saveState(s: LabState): void {
  mkdirSync(runDir(s.tier), { recursive: true });
  const f = stateFile(s.tier);
  writeFileSync(`${f}.tmp`, JSON.stringify(s, null, 2) + '\n');
  renameSync(`${f}.tmp`, f);
}

export function recordEvent(s: LabState, e: Omit<LabEvent, 'at'>): void {
  (s.events ??= []).push({ at: new Date().toISOString(), ...e });
  saveState(s);
}

/** The node's current nspawn/qemu process record (the newest one: `start` adds a new record). */
export function nodeProc(s: LabState, node: NodeName): ProcRecord | undefined {
  return s.procs.filter((p) => p.node === node && (p.kind === 'nspawn' || p.kind === 'qemu')).pop();
}

export function linkState(s: LabState, node: NodeName, net: NetName): LinkState {
  return s.links?.[node]?.[net] ?? 'up';
}

/** A recorded process with its start time taken now (call right after spawning it). */
export function procRecord(r: Omit<ProcRecord, 'startTime'>): ProcRecord {
  return { ...r, startTime: procStartTime(r.pid) };
}

/** Is the recorded process still that process (not gone, not a new process with the same PID)? */
export function procAlive(p: ProcRecord): boolean {
  if (!isAlive(p.pid)) return false;
  return p.startTime === undefined || procStartTime(p.pid) === p.startTime;
}
