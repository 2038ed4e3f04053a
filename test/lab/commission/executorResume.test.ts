/**
 * Interrupt-and-resume on the lab, the CI sample (the every-k run is executorEveryK.ts): the app is SIGKILLed
 * as it starts applying a step early in the package installs, one in the data copy and one after the point of
 * no return, and the secondary node is crashed (and started again) in the middle of a step on it; each time the
 * commissioning is resumed with the CLI, and the final state must equal an uninterrupted run's.
 * The reference is the dump an earlier hook saved (MHS_COMMISSION_REFERENCE, JSON of stateDump) or, without
 * one, an uninterrupted commissioning on a fresh lab first.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DryRun } from '../../../shared/contract/methods/commission';
import type { Tier } from '../lib/config.js';
import { readLabStatus } from '../lib/statusSchema.js';
import { cli, prepareLabProject } from './executorLab';
import { commissionWithKills, diffDumps, freshLab, referenceDump, stateDump } from './executorInterrupt';
import type { NodeDump } from './stateDump';

const tier = (process.env.LAB_TIER ?? 'ct') as Tier;
const log = (m: string) => process.stderr.write(`[resume ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

describe(`interrupt and resume on the ${tier} lab`, () => {
  it('killed three times and a node crashed: the resumed commissioning ends in the uninterrupted state', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-resume-'));
    const refFile = process.env.MHS_COMMISSION_REFERENCE;
    let reference: Record<string, NodeDump>;
    if (refFile && existsSync(refFile)) reference = JSON.parse(readFileSync(refFile, 'utf8')) as Record<string, NodeDump>;
    else {
      const ref = await referenceDump(tier, path.join(dir, 'reference'));
      log(`reference: ${ref.steps} steps, ${(ref.ms / 1000).toFixed(0)} s`);
      reference = ref.dump;
      writeFileSync(path.join(dir, 'reference.json'), JSON.stringify(reference));
    }
    const st = await freshLab(tier);
    // MHS_COMMISSIONED_PROJECT_DIR (set by the CI hook): the project is kept there, so later hooks (60-docs) use
    // the cluster it commissioned instead of commissioning again.
    const p = await prepareLabProject(st, tier, process.env.MHS_COMMISSIONED_PROJECT_DIR ?? path.join(dir, 'interrupted'));
    const dry = await cli(['commission', '--project', p.file, '--dry-run', '--json'], p.env);
    expect(dry.code).toBe(0);
    const steps = (JSON.parse(dry.stdout) as DryRun).steps;
    const first = (phase: string) => steps.findIndex((s) => s.phase === phase) + 1;
    const ponr = steps.findIndex((s) => s.pointOfNoReturn) + 1;
    const targets = [first('packages') + 1, first('dataCopy'), ponr + 1].filter((k) => k > 0);
    log(`kills at ${targets.join(', ')} of ${steps.length}; point of no return at ${ponr}`);
    const secondaryStep = steps.findIndex((s, i) => i + 1 > first('dataCopy') && s.node === 'secondary') + 1;
    const run = await commissionWithKills(p, targets, () => 300, log, secondaryStep > 0 ? { fromIndex: secondaryStep, node: 'secondary', role: 'secondary', tier } : undefined);
    log(`${run.kills.length} kills, ${run.crashes.length} crash(es) (${run.crashes.map((c) => c.outcome).join(', ')}), ${run.runs} runs, ${(run.ms / 1000).toFixed(0)} s`);
    // Each kill lands in the first step at or after its target that starts applying: steps of one parallel
    // group (the package installs on three nodes) announce themselves in any order, so [6] may be cut as [7].
    expect(run.kills.length).toBe(targets.length);
    run.kills.forEach((k, n) => {
      expect(k.index).toBeGreaterThanOrEqual(targets[n]!);
      if (n + 1 < targets.length) expect(k.index).toBeLessThan(targets[n + 1]!);
    });
    expect(diffDumps(reference, await stateDump(readLabStatus(tier)))).toEqual([]);
  });
});
