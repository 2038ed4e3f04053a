import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDispatcher } from '../main/handlers/dispatch';
import { createNodeServices } from '../main/nodeServices';
import { fingerprintSha256 } from '../main/ssh/knownHosts';
import { statusFile } from '../test/lab/lib/state.js';
import { readLabStatus } from '../test/lab/lib/statusSchema.js';

/**
 * A full Ist-Analyse of the lab's legacy node through the app's dispatcher (as the UI runs it), timed.
 * Needs the lab up: `npm run lab -- up --tier ct --nodes legacy`. Returns null when it is not.
 */
export async function benchLegacyAnalysis(tier: 'ct' | 'vm', runs = 3): Promise<{ ms: number[]; collectors: number } | null> {
  // The lab of this instance (MHS_LAB_INSTANCE), validated as every lab client reads it.
  if (!existsSync(statusFile(tier))) return null;
  const st = readLabStatus(tier);
  const legacy = st.nodes.find((n) => n.name === 'legacy');
  if (st.state !== 'running' || !legacy || !st.credentials) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-bench-analysis-'));
  const dispatch = createDispatcher({ services: createNodeServices({ userDataDir: dir, transport: 'bridge' }), emit: () => {} });
  const acceptHostKeys = Object.values(legacy.ssh.hostKeys)
    .slice(0, 4)
    .map((line) => ({ host: legacy.ssh.host, port: legacy.ssh.port, fingerprint: fingerprintSha256(Buffer.from(line.split(' ')[1] ?? '', 'base64')) }));
  const target = { host: legacy.ssh.host, port: legacy.ssh.port, user: 'root', auth: { method: 'key', keyPath: st.credentials.clientKey } };
  const ms: number[] = [];
  let collectors = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const r = await dispatch('analysis.run', { runId: randomUUID(), projectId: randomUUID(), role: 'primary', target, acceptHostKeys });
      if (!r.ok) throw new Error(`analysis failed: ${JSON.stringify(r.error)}`);
      ms.push(performance.now() - t);
      collectors = Object.keys((r.value as { facts: { collectors?: object } }).facts.collectors ?? {}).length;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { ms, collectors };
}
