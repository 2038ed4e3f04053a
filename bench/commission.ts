/**
 * `npm run bench -- commission [--tier ct|vm]`: on a fresh lab (it takes the lab of MHS_LAB_INSTANCE down and
 * up again), the whole way from the analysed legacy server and a bare secondary to a verified cluster through the
 * CLI, as a user runs it: wall time of the commissioning, the legacy mail outage during the cut-over (the plan's
 * `legacyMailOutage` timer) and the time per phase. Only when asked for by name: it changes the lab.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DryRun } from '../shared/contract/methods/commission';
import type { Project } from '../shared/project/schema';
import type { Tier } from '../test/lab/lib/config.js';
import { freshLab } from '../test/lab/commission/executorInterrupt';
import { cli, prepareLabProject } from '../test/lab/commission/executorLab';

export interface CommissionBench {
  tier: Tier;
  setupMs: number;
  commissionMs: number;
  outageMs?: number;
  steps: number;
  phases: [string, number][];
}

export async function benchCommission(tier: Tier): Promise<CommissionBench> {
  const st = await freshLab(tier);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-bench-commission-'));
  const t0 = Date.now();
  const p = await prepareLabProject(st, tier, dir);
  const dry = await cli(['commission', '--project', p.file, '--dry-run', '--json'], p.env);
  if (dry.code !== 0) throw new Error(`dry run failed: ${dry.stderr.slice(-2000)}`);
  const setupMs = Date.now() - t0;
  const phaseOf = new Map((JSON.parse(dry.stdout) as DryRun).steps.map((s) => [s.id, s.phase]));
  const r = await cli(['commission', '--project', p.file, '--yes', '--quiet'], p.env);
  if (r.code !== 0) throw new Error(`commissioning failed (exit ${r.code}): ${r.stderr.slice(-3000)}`);
  const record = (JSON.parse(readFileSync(p.file, 'utf8')) as Project).commission.record!;
  const phases = new Map<string, number>();
  for (const [id, s] of Object.entries(record.steps)) phases.set(phaseOf.get(id) ?? '?', (phases.get(phaseOf.get(id) ?? '?') ?? 0) + (s.durationMs ?? 0));
  return {
    tier,
    setupMs,
    commissionMs: Date.parse(record.completedAt!) - Date.parse(record.startedAt),
    ...(record.timers.legacyMailOutage?.ms !== undefined ? { outageMs: record.timers.legacyMailOutage.ms } : {}),
    steps: Object.keys(record.steps).length,
    phases: [...phases].sort((a, b) => b[1] - a[1]),
  };
}

export function commissionBenchLine(b: CommissionBench): string {
  const goal = b.tier === 'ct' ? 'goal <= 3 min' : 'goal <= 15 min under TCG';
  const min = (ms: number) => `${(ms / 60000).toFixed(1)} min`;
  const outage = b.outageMs !== undefined ? `${(b.outageMs / 1000).toFixed(1)} s` : 'not measured';
  return (
    `commission (${b.tier}): legacy + bare secondary -> verified cluster ${min(b.commissionMs)} (${b.steps} steps; ${goal}); ` +
    `legacy mail outage during cut-over ${outage}${b.tier === 'ct' ? ' (goal <= 30 s)' : ''}; setup (analysis, hosts, plan, dry run) ${(b.setupMs / 1000).toFixed(0)} s; ` +
    `by phase: ${b.phases.map(([ph, ms]) => `${ph} ${(ms / 1000).toFixed(0)} s`).join(', ')}`
  );
}
