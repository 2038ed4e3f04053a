import { defineConfig } from '@playwright/test';

// Real-Electron smoke test of the built app (npm run build first). Skipped, with the reason, where the
// Electron binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1).
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  outputDir: '../../test-results/electron-artifacts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: '../../test-results/electron.json' }]],
});
