// What a running lab consists of, recorded as it is created so that `down` stops exactly that.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDir, type NodeName, type Tier } from './config.js';

export interface ProcRecord {
  label: string;
  kind: 'nspawn' | 'qemu' | 'relay' | 'repo';
  pid: number;
  /** container init (nspawn) as seen from the host */
  init?: number;
  node?: NodeName;
}

export interface LabState {
  tier: Tier;
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
  sharedDisk?: { image: string; hostDevice?: string; nodeDevice: string; sizeMiB: number };
  upSeconds?: number;
  ready: boolean;
}

export const stateFile = (tier: Tier): string => join(runDir(tier), 'state.json');
export const statusFile = (tier: Tier): string => join(runDir(tier), 'status.json');

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
