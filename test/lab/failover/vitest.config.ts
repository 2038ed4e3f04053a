import { defineConfig } from 'vitest/config';

// Failover tests on the lab (LAB_TIER=ct|vm, MHS_LAB_INSTANCE=n): probes and mail flow against the legacy
// server, the whole catalogue against the commissioned cluster. Sequential: the cases share one cluster.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: [process.env.LAB_FAILOVER_TESTS ?? '**/*.test.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
    fileParallelism: false,
    pool: 'forks',
    sequence: { concurrent: false },
  },
});
