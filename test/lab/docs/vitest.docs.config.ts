import { defineConfig } from 'vitest/config';

// The documents' lab test (LAB_TIER=ct, MHS_LAB_INSTANCE): a commissioned cluster, one file, long timeouts.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['*.test.ts'],
    testTimeout: 3_600_000,
    hookTimeout: 3_600_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
