/**
 * Interrupt-and-resume on the lab, the machinery shared by the every-k script and the CI sample test:
 * commission with the real CLI, SIGKILL it (as an app crash) when it starts applying chosen steps, resume with
 * `--resume` in a new process until the run completes, then compare the normalised state dump with the one of
 * an uninterrupted run.
 *
 * Why one run with many kills stands for "kill at step k, resume" for every k: each resume starts from a record
 * in which the steps before k are done (verified) and step k was cut off somewhere in its apply, which is the
 * situation after a single kill at k; the steps before k passed their check and verify on resume, so they are
 * in the state an uninterrupted run leaves.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Tier } from '../lib/config.js';
import { readLabStatus, type LabStatus } from '../lib/statusSchema.js';
import { diffDumps, stateDump, type NodeDump } from './stateDump';
import { cli, prepareLabProject, stepLine, type LabProject } from './executorLab';

// The lab keeps its state (mounts, PIDs) under the checkout that started it: when these tests run from a copy
// of a commit (to test a fixed plan while others edit the tree), MHS_LAB_ROOT names the checkout that owns it.
const LAB_ROOT = process.env.MHS_LAB_ROOT ?? path.resolve(import.meta.dirname, '../../..');

/** `npm run lab -- <args>` for this instance (the environment's MHS_LAB_INSTANCE). */
export function lab(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', path.join(LAB_ROOT, 'test/lab/cli.ts'), ...args], { cwd: LAB_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lab ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`))));
  });
}

/** A lab of this tier as `up` makes it: nothing commissioned. One more try when `up` fails (a busy host can miss its SSH deadline). */
export async function freshLab(tier: Tier): Promise<LabStatus> {
  await lab(['down', '--tier', tier]);
  try {
    await lab(['up', '--tier', tier]);
  } catch {
    await lab(['down', '--tier', tier]);
    await lab(['up', '--tier', tier]);
  }
  return readLabStatus(tier);
}

export interface Kill {
  index: number;
  stepId: string;
  /** ms after the step's "applying" line. */
  delayMs: number;
}

export interface InterruptedRun {
  kills: Kill[];
  /** Node crashes done while a step ran on it, and how the run took it. */
  crashes: { index: number; stepId: string; node: string; outcome: string }[];
  runs: number;
  ms: number;
  /** What the last (completing) run printed, for the failure message. */
  lastStderr: string;
}

export interface NodeCrash {
  /** Crash the node when the first step at or after this index starts applying on it. */
  fromIndex: number;
  node: 'legacy' | 'secondary' | 'witness';
  role: string;
  tier: Tier;
}

/**
 * Runs `commission --yes`, killing the process when it starts applying the first step with an index in
 * `targets` it has not killed at yet (after delayMs(k)), and resumes until a run completes. With `crash`, the
 * lab crashes that node (the app keeps running) while a step runs on it and starts it again: the run must
 * either carry on after the reconnect or stop cleanly for a resume.
 */
export async function commissionWithKills(p: LabProject, targets: readonly number[], delayMs: (k: number) => number, onProgress?: (msg: string) => void, crash?: NodeCrash): Promise<InterruptedRun> {
  const pending = [...targets].sort((a, b) => a - b);
  const kills: Kill[] = [];
  const crashes: InterruptedRun['crashes'] = [];
  let crashPending = crash;
  const t0 = Date.now();
  let runs = 0;
  for (;;) {
    runs++;
    let armed: Kill | undefined;
    let crashed: InterruptedRun['crashes'][number] | undefined;
    let restart: Promise<void> | undefined;
    const r = await cli(['commission', '--project', p.file, '--yes', '--quiet', ...(runs > 1 ? ['--resume'] : [])], p.env, (line, kill) => {
      const s = stepLine(line);
      if (s && s.state === 'applying' && crashPending && s.index >= crashPending.fromIndex && s.stepId.endsWith(`@${crashPending.role}`)) {
        const c = crashPending;
        crashPending = undefined;
        crashed = { index: s.index, stepId: s.stepId, node: c.node, outcome: 'running' };
        crashes.push(crashed);
        onProgress?.(`crashing ${c.node} during [${s.index}] ${s.stepId}`);
        restart = (async () => {
          await new Promise((res) => setTimeout(res, 1000));
          await lab(['crash', '--tier', c.tier, '--node', c.node]);
          await new Promise((res) => setTimeout(res, 3000));
          await lab(['start', '--tier', c.tier, '--node', c.node]);
        })();
        return;
      }
      if (!s || s.state !== 'applying' || armed || pending.length === 0) return;
      const next = pending[0]!;
      if (s.index < next) return;
      pending.shift();
      while (pending.length && pending[0]! <= s.index) pending.shift();
      armed = { index: s.index, stepId: s.stepId, delayMs: delayMs(s.index) };
      kills.push(armed);
      setTimeout(kill, armed.delayMs);
    });
    await restart;
    if (crashed) {
      // After a crash the run either went on after the reconnect or stopped cleanly, naming the step.
      crashed.outcome = r.code === 0 ? 'carried on' : /connection to \S+ was lost during step/i.test(r.stderr) ? 'stopped cleanly' : `exit ${r.code}`;
      onProgress?.(`${crashed.node} crash: ${crashed.outcome}`);
      if (r.code !== 0 && crashed.outcome !== 'stopped cleanly' && !armed) throw new Error(`run ${runs} after the crash of ${crashed.node} ended with ${r.code}:\n${r.stderr.slice(-4000)}`);
      if (r.code !== 0 && !armed) continue;
    }
    if (armed) {
      onProgress?.(`killed at [${armed.index}] ${armed.stepId} after ${armed.delayMs} ms (run ${runs}, ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      if (r.signal !== 'SIGKILL' && r.code === 0) return { kills, crashes, runs, ms: Date.now() - t0, lastStderr: r.stderr };
      if (r.signal !== 'SIGKILL') throw new Error(`run ${runs} ended with ${r.code} before the kill:\n${r.stderr.slice(-4000)}`);
      continue;
    }
    if (r.code !== 0) throw new Error(`run ${runs} failed (exit ${r.code}):\n${r.stderr.slice(-4000)}`);
    return { kills, crashes, runs, ms: Date.now() - t0, lastStderr: r.stderr };
  }
}

/** An uninterrupted commissioning on a fresh lab and its state dump (the reference). */
export async function referenceDump(tier: Tier, dir: string): Promise<{ dump: Record<string, NodeDump>; ms: number; steps: number }> {
  const st = await freshLab(tier);
  const p = await prepareLabProject(st, tier, dir);
  const r = await cli(['commission', '--project', p.file, '--yes', '--quiet'], p.env);
  if (r.code !== 0) throw new Error(`uninterrupted commissioning failed (exit ${r.code}):\n${r.stderr.slice(-4000)}`);
  const steps = Math.max(0, ...r.stderr.split('\n').map((l) => stepLine(l)?.index ?? 0));
  return { dump: await stateDump(readLabStatus(tier)), ms: r.ms, steps };
}

export { diffDumps, stateDump };
