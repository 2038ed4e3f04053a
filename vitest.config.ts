import { defineConfig } from 'vitest/config';

// Unit tests live beside the code (*.test.ts); integration tests that need a real sshd or other local
// servers live under test/integration. The lab tests (test/lab) and e2e (test/e2e) have their own runners.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'renderer/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'test/lab/**', 'test/e2e/**'],
    testTimeout: 20000,
    pool: 'forks',
  },
});
