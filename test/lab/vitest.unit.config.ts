import { defineConfig } from 'vitest/config';

// The lab's own pure logic (status schema, instances, ports, preflight): no root, no nodes, seconds.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['unit/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
