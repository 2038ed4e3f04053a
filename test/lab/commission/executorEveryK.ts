/**
 * Interrupt-and-resume at EVERY step k (issue 8): an uninterrupted commissioning on a fresh lab gives the
 * reference state dump; then, on a fresh lab again, one commissioning is SIGKILLed as it starts applying each
 * step k = 1..N in turn (the kill lands 0, 0.3 or 1.5 s into the step, by k) and resumed each time, and its
 * final state dump must equal the reference. Prints the number of interruptions survived.
 *
 *   MHS_LAB_INSTANCE=2 LAB_TIER=ct npx tsx test/lab/commission/executorEveryK.ts [--from K] [--to K]
 * Takes about one commissioning plus N short resumes (ct: ~40 min on a busy 2-core machine). Leaves the lab
 * commissioned. Exit 0 = same state, 1 = differences (listed), 2 = a run failed.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Tier } from '../lib/config.js';
import { prepareLabProject } from './executorLab';
import { commissionWithKills, diffDumps, freshLab, referenceDump, stateDump } from './executorInterrupt';
import { readLabStatus } from '../lib/statusSchema.js';

const tier = (process.env.LAB_TIER ?? 'ct') as Tier;
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
};
const log = (m: string) => process.stderr.write(`[every-k ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

try {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-everyk-'));
  log(`reference: uninterrupted commissioning on a fresh ${tier} lab`);
  const ref = await referenceDump(tier, path.join(dir, 'reference'));
  log(`reference done: ${ref.steps} steps in ${(ref.ms / 1000).toFixed(0)} s`);
  const from = arg('--from') ?? 1;
  const to = arg('--to') ?? ref.steps;
  const targets = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const st = await freshLab(tier);
  const p = await prepareLabProject(st, tier, path.join(dir, 'interrupted'));
  const run = await commissionWithKills(p, targets, (k) => [0, 300, 1500][k % 3]!, log);
  const diff = diffDumps(ref.dump, await stateDump(readLabStatus(tier)));
  log(`${run.kills.length} interruptions (steps ${from}..${to}), ${run.runs} runs, ${(run.ms / 1000).toFixed(0)} s`);
  if (diff.length) {
    log(`state differs from the uninterrupted run:\n  ${diff.join('\n  ')}`);
    process.exit(1);
  }
  log('final state equals the uninterrupted run');
  process.exit(0);
} catch (e) {
  log(e instanceof Error ? e.message : String(e));
  process.exit(2);
}
