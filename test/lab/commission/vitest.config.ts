import { defineConfig } from 'vitest/config';

// Commissioning on the real lab (LAB_TIER=ct|vm, MHS_LAB_INSTANCE): one file at a time, long timeouts.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.test.ts'],
    testTimeout: 3_600_000,
    hookTimeout: 3_600_000,
    fileParallelism: false,
    pool: 'forks',
    sequence: { concurrent: false },
  },
});
