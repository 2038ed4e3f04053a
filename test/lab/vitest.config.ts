import { defineConfig } from 'vitest/config';

// Lab smoke tests: real nodes, sequential, generous timeouts (the vm tier runs under TCG emulation).
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['smoke/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 900_000,
    fileParallelism: false,
    pool: 'forks',
    sequence: { concurrent: false },
  },
});
