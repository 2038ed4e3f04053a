import { defineConfig } from 'vitest/config';

// The app's Ist-Analyse against the lab's legacy node (LAB_TIER=ct|vm); the lab must be up or is brought up.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['analysis/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 900_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
