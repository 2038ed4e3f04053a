/**
 * Captures the raw output of CLUSTER_STATUS_COMMAND (crm_mon XML, corosync-quorumtool -s, drbdadm status,
 * /proc/drbd, units) from every node of a commissioned lab cluster, for the parsers' unit tests on real output
 * (test/support/cluster/<tier>/<node>.txt; shared/cluster/labOutput.test.ts reads them).
 *   MHS_LAB_INSTANCE=2 LAB_TIER=ct npx tsx test/lab/commission/executorCaptureStatus.ts [label]
 * `label` (default "running") names the situation, e.g. "standby" after `crm node standby`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLUSTER_STATUS_COMMAND } from '../../../shared/cluster';
import { shQuote } from '../../../shared/shell/quote';
import type { Tier } from '../lib/config.js';
import { keyLogin, sshRun } from '../lib/ssh.js';
import { readLabStatus } from '../lib/statusSchema.js';

const tier = (process.env.LAB_TIER ?? 'ct') as Tier;
const label = process.argv[2] ?? 'running';
const st = readLabStatus(tier);
const out = path.join(import.meta.dirname, '../../support/cluster', tier);
mkdirSync(out, { recursive: true });
for (const n of st.nodes) {
  // Root login may be off after hardening: the admin user with sudo, as the app does.
  const r = await sshRun(n, keyLogin(st, st.credentials.admin.user), `sudo -S -p '' sh -c ${shQuote(CLUSTER_STATUS_COMMAND)}`, `${st.credentials.admin.password}\n`, 120_000);
  if (r.code !== 0) throw new Error(`${n.name}: exit ${r.code}: ${r.stderr.slice(-500)}`);
  writeFileSync(path.join(out, `${label}.${n.name}.txt`), r.stdout);
  process.stderr.write(`${n.name}: ${r.stdout.length} bytes\n`);
}
process.exit(0);
