import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNodeServices } from '../nodeServices';
import { startBridge } from './server';

/**
 * `npm run dev:bridge`: serves the built renderer (dist/renderer) with the real handlers on 127.0.0.1 and
 * prints the URL to open. Used by the e2e tests and for working on the UI without Electron.
 * Env: MHS_USER_DATA (settings/recovery folder), MHS_LOCALE (pretend OS locale), MHS_PORT.
 */
const userDataDir = process.env.MHS_USER_DATA ?? mkdtempSync(path.join(os.tmpdir(), 'mhs-bridge-'));
const services = createNodeServices({ userDataDir, transport: 'bridge', osLocale: process.env.MHS_LOCALE });
const staticDir = path.resolve(process.env.MHS_STATIC ?? 'dist/renderer');
const bridge = await startBridge({ services, staticDir, port: process.env.MHS_PORT ? Number(process.env.MHS_PORT) : 0 });
process.stdout.write(`MHS_BRIDGE_URL=${bridge.appUrl}\n`);
const stop = () => void bridge.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
