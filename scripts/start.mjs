// `npm start` (after `npm run build`): runs the built app in Electron. Where the Electron binary was
// never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1 machines, CI containers) it says so and starts the
// test bridge instead: the same renderer and handlers over a local WebSocket, opened in Chromium if one
// is installed (MHS_NO_BROWSER=1 only prints the URL).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron executable, or why there is none. The electron package throws if path.txt is missing. */
function electronBinary() {
  try {
    const bin = require('electron');
    if (typeof bin === 'string' && existsSync(bin)) return { bin };
    return { reason: `the electron package points to ${bin}, which does not exist` };
  } catch (e) {
    return { reason: e instanceof Error ? e.message : String(e) };
  }
}

function run(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  const forward = (sig) => () => child.kill(sig);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  return child;
}

function findBrowser() {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

function startBridge(reason) {
  process.stderr.write(
    `\nElectron binary not installed (${reason}).\n` +
      `This happens with ELECTRON_SKIP_BINARY_DOWNLOAD=1. To get the desktop app: unset it and run\n` +
      `  node node_modules/electron/install.js\n` +
      `Starting the test bridge instead (same UI and handlers, served on 127.0.0.1).\n\n`,
  );
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  const bridge = spawn(tsx, ['main/bridge/serve.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  process.on('SIGINT', () => bridge.kill('SIGINT'));
  process.on('SIGTERM', () => bridge.kill('SIGTERM'));
  let browser;
  let buffered = '';
  bridge.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    buffered += String(chunk);
    const m = /MHS_BRIDGE_URL=(\S+)/.exec(buffered);
    if (!m || browser !== undefined) return;
    const url = m[1];
    const exe = process.env.MHS_NO_BROWSER ? undefined : findBrowser();
    const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
    if (exe && hasDisplay) {
      process.stdout.write(`Opening ${url} in ${exe}\n`);
      const profile = mkdtempSync(path.join(os.tmpdir(), 'mhs-browser-'));
      browser = spawn(exe, [`--user-data-dir=${profile}`, `--app=${url}`], { stdio: 'ignore' });
      browser.on('error', (e) => process.stderr.write(`could not start ${exe}: ${e.message}\n`));
    } else {
      browser = null;
      process.stdout.write(`Open this URL in a browser: ${url}\n`);
    }
  });
  bridge.on('exit', (code) => {
    if (browser) browser.kill();
    process.exit(code ?? 0);
  });
}

if (!existsSync(path.join(root, 'dist/renderer/index.html'))) {
  process.stderr.write('dist/renderer/index.html is missing; run npm run build\n');
  process.exit(1);
}

const electron = electronBinary();
if (electron.bin) {
  // Electron is started on the project folder so package.json (name, productName, main) applies.
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (!pkg.main || !existsSync(path.join(root, pkg.main))) {
    process.stderr.write(`package.json "main" (${pkg.main}) does not exist: it should be dist/main/electron/main.mjs, built by npm run build\n`);
    process.exit(1);
  }
  const args = process.argv.slice(2);
  if (process.platform === 'linux' && process.getuid?.() === 0 && !args.includes('--no-sandbox')) {
    process.stderr.write('Running as root: Chromium refuses to start without its sandbox. Use `npm start -- --no-sandbox` (containers only).\n');
  }
  const child = run(electron.bin, [root, ...args]);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  startBridge(electron.reason);
}
