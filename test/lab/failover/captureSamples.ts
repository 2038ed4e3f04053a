// Captures one cluster sample (shared/failover/clusterSample.ts's command) and the profile command's output from
// every node of the commissioned lab cluster, as fixtures for the unit tests:
//   MHS_LAB_INSTANCE=3 LAB_TIER=ct npx tsx test/lab/failover/captureSamples.ts NAME
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { profileCommand } from '../../../shared/failover/clusterFacts';
import { sampleCommand } from '../../../shared/failover/clusterSample';
import { lab, rootOn, tier } from './labContext';

const name = process.argv[2] ?? 'settled';
const st = lab();
const out = path.resolve(import.meta.dirname, '../../support/failover/samples', tier);
mkdirSync(out, { recursive: true });
for (const node of ['legacy', 'secondary'] as const) {
  const s = await rootOn(st, node, sampleCommand(st.vip.address));
  writeFileSync(path.join(out, `${name}.${node}.sample.txt`), s.stdout);
  const p = await rootOn(st, node, profileCommand);
  writeFileSync(path.join(out, `profile.${node}.txt`), p.stdout);
}
process.stderr.write(`written to ${out}\n`);
process.exit(0);
