// npm run test:lab [-- --tier ct|vm ...] [--nodes a,b,c]: runs the lab smoke test (vitest, config beside this
// file) once per tier. Each run brings its tier up unless it is already up, and takes it down at the end.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { LAB_DIR, TIERS, type Tier } from './lib/config.js';

const args = process.argv.slice(2);
const tiers: Tier[] = [];
let nodes: string | undefined;
for (let i = 0; i < args.length; i++) {
  const a = args[i] as string;
  if (a === '--tier') tiers.push(...((args[++i] ?? '').split(',') as Tier[]));
  else if (a.startsWith('--tier=')) tiers.push(...(a.slice(7).split(',') as Tier[]));
  else if (a === '--nodes') nodes = args[++i];
  else if (a.startsWith('--nodes=')) nodes = a.slice(8);
  else {
    process.stderr.write(`unknown argument ${a}\nusage: npm run test:lab -- [--tier ct|vm] [--nodes legacy,secondary,witness]\n`);
    process.exit(2);
  }
}
const selected = tiers.length ? tiers : [...TIERS];
for (const t of selected) {
  if (!TIERS.includes(t)) {
    process.stderr.write(`unknown tier ${t}\n`);
    process.exit(2);
  }
}

function runTier(tier: Tier): Promise<number> {
  const vitest = join(LAB_DIR, '..', '..', 'node_modules', 'vitest', 'vitest.mjs');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vitest, 'run', '--config', join(LAB_DIR, 'vitest.config.ts')], {
      stdio: 'inherit',
      env: { ...process.env, LAB_TIER: tier, ...(nodes ? { LAB_NODES: nodes } : {}) },
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

let failed = 0;
for (const t of selected) {
  process.stdout.write(`\n=== lab smoke test, ${t} tier ===\n`);
  const t0 = Date.now();
  const code = await runTier(t);
  process.stdout.write(`=== ${t} tier: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s ===\n`);
  if (code !== 0) failed++;
}
process.exit(failed ? 1 : 0);
