import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBridge, type Bridge } from '../../main/bridge/server';
import { createNodeServices } from '../../main/nodeServices';

export const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

interface Fixtures {
  bridge: Bridge;
  workDir: string;
  osLocale: string;
  app: Page;
}

/**
 * Every test gets its own bridge (real handlers, its own settings/recovery folder) and a page opened on it.
 * `osLocale` pretends the OS language, as Electron's app.getLocale() would report it.
 */
export const test = base.extend<Fixtures>({
  osLocale: ['de-DE', { option: true }],
  workDir: async ({}, use) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  bridge: async ({ workDir, osLocale }, use) => {
    const services = createNodeServices({ userDataDir: path.join(workDir, 'userdata'), transport: 'bridge', osLocale });
    const bridge = await startBridge({ services, staticDir: path.resolve(import.meta.dirname, '../../dist/renderer') });
    await use(bridge);
    await bridge.close();
  },
  app: async ({ browser, bridge, osLocale }, use) => {
    const context = await browser.newContext({ locale: osLocale });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(bridge.appUrl);
    await page.waitForSelector('body[data-ready=true]');
    await use(page);
    await context.close();
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}
