/**
 * Commissions the running lab (LAB_TIER, MHS_LAB_INSTANCE) through the app's CLI, as a user does, unless its
 * cluster already runs the mail services: for the full failover catalogue on a lab that CI has not commissioned.
 *   MHS_LAB_INSTANCE=3 LAB_TIER=ct npx tsx test/lab/failover/commissionLab.ts
 */
import path from 'node:path';
import { cli, prepareLabProject } from '../commission/executorLab';
import { runDir } from '../lib/config.js';
import { failoverHarness } from './harness';
import { lab, tier } from './labContext';

const st = lab();
const h = await failoverHarness(st);
const on = await h
  .preview()
  .then((p) => p.servicesOn)
  .catch(() => [] as string[]);
if (on.length === 1) {
  process.stderr.write(`the ${tier} lab cluster already runs the mail services on ${on[0]}\n`);
  process.exit(0);
}
const p = await prepareLabProject(st, tier, path.join(runDir(tier), 'failover-commission'));
const t0 = Date.now();
const r = await cli(['commission', '--project', p.file, '--yes', '--quiet'], p.env, (l) => process.stderr.write(`${l}\n`));
process.stderr.write(`commission exited ${r.code} after ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
process.exit(r.code ?? 1);
