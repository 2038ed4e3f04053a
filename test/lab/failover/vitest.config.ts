import { defineConfig } from 'vitest/config';

// Failover tests on the lab (LAB_TIER=ct|vm, MHS_LAB_INSTANCE=n): probes and mail flow against the legacy
// server, the whole catalogue against the commissioned cluster. Sequential: the cases share one cluster.
// The catalogue runs in one beforeAll: 30 min on ct; on the vm tier (TCG) a case may take its 15 min timeout.
const timeout = process.env.LAB_TIER === 'vm' ? 4 * 3_600_000 : 1_800_000;
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: [process.env.LAB_FAILOVER_TESTS ?? '**/*.test.ts'],
    testTimeout: timeout,
    hookTimeout: timeout,
    fileParallelism: false,
    pool: 'forks',
    sequence: { concurrent: false },
  },
});
