import { defineConfig } from '@playwright/test';

// The app in Chromium against the running lab (LAB_TIER=ct|vm): the lab must be up (ci.sh brings it up).
export default defineConfig({
  testDir: './e2e',
  testMatch: /.*\.spec\.ts$/,
  outputDir: '../../test-results/lab-e2e-artifacts',
  timeout: 600_000,
  workers: 1,
  reporter: [['list']],
  use: {
    viewport: { width: 1366, height: 768 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
    },
  },
});
