/**
 * Renders icon.svg (drawn by hand, the only source) into the files electron-builder packages:
 * NxN.png for Linux (AppImage/deb hicolor sizes) and icon.ico for Windows (PNG-compressed entries up to
 * 256 px, as Windows Vista and later read them). Run after changing the SVG:  npx tsx assets/icons/render.ts
 * Uses Debian's Chromium through Playwright (the project's browser), so no image tool has to be installed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { buildIco, ICO_SIZES, LINUX_SIZES } from './ico';

const here = import.meta.dirname;

async function main(): Promise<void> {
  const svg = readFileSync(path.join(here, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const pngs = new Map<number, Buffer>();
    for (const size of LINUX_SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('width="512" height="512"', `width="${size}" height="${size}"`)}</body></html>`);
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      await page.close();
      pngs.set(size, png);
      writeFileSync(path.join(here, `${size}x${size}.png`), png);
    }
    writeFileSync(path.join(here, 'icon.ico'), buildIco(ICO_SIZES.map((s) => ({ size: s, png: pngs.get(s) as Buffer }))));
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(here, 'render.ts')) await main();
