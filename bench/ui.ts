import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBridge } from '../main/bridge/server';
import { createNodeServices } from '../main/nodeServices';

/**
 * Time from navigation start to the first interactive wizard screen (the welcome screen's "new project"
 * button enabled), in Chromium against the real handlers. Returns per-run milliseconds.
 */
export async function benchFirstScreen(runs = 7): Promise<number[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-bench-ui-'));
  const bridge = await startBridge({
    services: createNodeServices({ userDataDir: dir, transport: 'bridge', osLocale: 'de-DE' }),
    staticDir: path.resolve('dist/renderer'),
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
  });
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      // A fresh context each run: no warm HTTP cache, like a first start of the app.
      const context = await browser.newContext({ locale: 'de-DE' });
      const page = await context.newPage();
      await page.goto(bridge.appUrl, { waitUntil: 'commit' });
      await page.getByRole('button', { name: 'Neues Projekt' }).waitFor({ state: 'visible' });
      const ms = await page.evaluate(() => performance.now());
      times.push(ms);
      await context.close();
    }
  } finally {
    await browser.close();
    await bridge.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return times;
}
