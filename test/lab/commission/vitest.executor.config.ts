import { defineConfig } from 'vitest/config';

// The executor's lab tests (LAB_TIER=ct|vm, MHS_LAB_INSTANCE): real nodes, one file at a time, long timeouts.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['executor*.test.ts'],
    testTimeout: 3_600_000,
    hookTimeout: 900_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
