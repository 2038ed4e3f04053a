/**
 * Refreshes the commissioning unit tests' fixtures from the real lab (LAB_TIER=ct|vm, lab up, nothing
 * commissioned yet): the preflight inventory output of every node, the Ist-Analyse facts of legacy (through
 * the app's dispatcher) and the lab facts the test project needs (addresses, devices). The generator's unit
 * tests then plan against what the lab really is, without the lab.
 *   MHS_LAB_INSTANCE=1 LAB_TIER=ct npx tsx test/lab/commission/captureFixtures.ts
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inventoryProbe } from '../../../shared/commission/inventory';
import { createDispatcher } from '../../../main/handlers/dispatch';
import { createNodeServices } from '../../../main/nodeServices';
import { fingerprintSha256 } from '../../../main/ssh/knownHosts';
import type { Tier } from '../lib/config.js';
import { keyLogin, sshRun } from '../lib/ssh.js';
import { readLabStatus } from '../lib/statusSchema.js';

const tier = (process.env.LAB_TIER ?? 'ct') as Tier;
const st = readLabStatus(tier);
const out = path.join(import.meta.dirname, '../../support/commission/fixtures', tier);
mkdirSync(out, { recursive: true });

for (const n of st.nodes) {
  const r = await sshRun(n, keyLogin(st, 'root'), inventoryProbe.command, undefined, 120_000);
  if (r.code !== 0) throw new Error(`inventory on ${n.name} exited ${r.code}: ${r.stderr}`);
  writeFileSync(path.join(out, `${n.name}.inventory.txt`), r.stdout);
  process.stderr.write(`${n.name}: ${r.stdout.length} bytes of inventory\n`);
}

const legacy = st.nodes.find((n) => n.name === 'legacy')!;
const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-capture-'));
const dispatch = createDispatcher({ services: createNodeServices({ userDataDir: dir, transport: 'bridge' }), emit: () => {} });
const accept = Object.values(legacy.ssh.hostKeys).map((line) => ({ host: legacy.ssh.host, port: legacy.ssh.port, fingerprint: fingerprintSha256(Buffer.from(line.split(' ')[1] ?? '', 'base64')) }));
const r = await dispatch('analysis.run', {
  runId: randomUUID(),
  projectId: randomUUID(),
  role: 'primary',
  target: { host: legacy.ssh.host, port: legacy.ssh.port, user: 'root', auth: { method: 'key', keyPath: st.credentials.clientKey } },
  acceptHostKeys: accept.slice(0, 4),
});
if (!r.ok) throw new Error(JSON.stringify(r.error));
const facts = (r.value as { facts: Record<string, unknown> }).facts;
// The mail log statistics are large and irrelevant for the plan.
delete facts.mailVolume;
writeFileSync(path.join(out, 'facts.json'), JSON.stringify(facts, null, 1) + '\n');

const lab = {
  tier,
  vip: st.vip,
  networks: st.networks,
  sharedDisk: st.sharedDisk ?? null,
  nodes: st.nodes.map((n) => ({ name: n.name, hostname: n.hostname, address: n.address, disks: n.disks, interfaces: n.interfaces.map((i) => ({ name: i.name, address: i.address, prefix: i.prefix, network: i.network })) })),
};
writeFileSync(path.join(out, 'lab.json'), JSON.stringify(lab, null, 1) + '\n');
process.stderr.write(`fixtures written to ${out}\n`);
process.exit(0);
