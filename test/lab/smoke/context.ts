// Shared state of one smoke run (LAB_TIER=ct|vm, LAB_NODES=...): the lab's status and SSH helpers.
import { ALL_NODES, type NodeName, type Tier } from '../lib/config.js';
import { keyLogin, sshRun, type ExecResult } from '../lib/ssh.js';
import { labNode, readLabStatus, type LabStatus, type NodeStatus } from '../lib/statusSchema.js';

export const tier = (process.env.LAB_TIER ?? 'ct') as Tier;
export const wanted = (process.env.LAB_NODES ?? ALL_NODES.join(',')).split(',') as NodeName[];
/** LAB_FULL=1 adds the slow cases (vm: power-off and sysrq crash, each a further TCG boot). */
export const full = process.env.LAB_FULL === '1';
export const has = (n: NodeName): boolean => wanted.includes(n);

export const ctx = { st: undefined as unknown as LabStatus, timings: {} as Record<string, number> };

export const node = (n: NodeName): NodeStatus => labNode(ctx.st, n);
export const root = (n: NodeName, cmd: string, input?: string, timeoutMs?: number): Promise<ExecResult> => sshRun(node(n), keyLogin(ctx.st, 'root'), cmd, input, timeoutMs);
/** Re-read status.json through the validating reader, as every test helper must. */
export function refresh(): LabStatus {
  ctx.st = readLabStatus(tier);
  return ctx.st;
}
export const timed = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    ctx.timings[label] = Math.round((Date.now() - t0) / 100) / 10;
  }
};
