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

/** The console speaks the user's language like the app does (German for a de_* locale). */
const german = /^de/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || Intl.DateTimeFormat().resolvedOptions().locale || '');
const say = german
  ? {
      intro: 'Mail HA Studio läuft hier im Browser: Die Electron-Desktop-Anwendung ist auf diesem Rechner nicht installiert\n' +
        '(installiert mit ELECTRON_SKIP_BINARY_DOWNLOAD=1 oder ohne Zugang zu GitHub). Dieselbe Oberfläche mit denselben\n' +
        'Funktionen wird jetzt auf 127.0.0.1 bereitgestellt.\n',
      desktop: 'Für die Desktop-Anwendung: node node_modules/electron/install.js, danach wieder npm start.\n',
      opening: (url, exe) => `Öffne ${url} in ${exe}\n`,
      open: (url) => `\nDiese Adresse im Browser öffnen:\n  ${url}\n\nBeenden mit Strg+C.\n`,
      noStart: (exe, msg) => `${exe} ließ sich nicht starten: ${msg}\n`,
    }
  : {
      intro: 'Mail HA Studio runs in your browser here: the Electron desktop app is not installed on this machine\n' +
        '(installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or without access to GitHub). The same app with the same\n' +
        'functions is now served on 127.0.0.1.\n',
      desktop: 'For the desktop app: node node_modules/electron/install.js, then npm start again.\n',
      opening: (url, exe) => `Opening ${url} in ${exe}\n`,
      open: (url) => `\nOpen this address in a browser:\n  ${url}\n\nStop with Ctrl+C.\n`,
      noStart: (exe, msg) => `could not start ${exe}: ${msg}\n`,
    };

function startBridge(reason) {
  // Why Electron is missing matters only when debugging; its own message ("failed to install correctly,
  // please delete node_modules/electron") contradicts a deliberate skip, so it is not the first thing shown.
  process.stdout.write(`\n${say.intro}${say.desktop}`);
  if (process.env.MHS_DEBUG) process.stderr.write(`(electron: ${reason})\n`);
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  const bridge = spawn(tsx, ['main/bridge/serve.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  process.on('SIGINT', () => bridge.kill('SIGINT'));
  process.on('SIGTERM', () => bridge.kill('SIGTERM'));
  let browser;
  let buffered = '';
  bridge.stdout.on('data', (chunk) => {
    // The bridge's machine-readable URL line is for this script; the person gets the sentence below.
    const shown = String(chunk).split('\n').filter((l) => !l.startsWith('MHS_BRIDGE_URL=')).join('\n');
    if (shown.trim()) process.stdout.write(shown);
    buffered += String(chunk);
    const m = /MHS_BRIDGE_URL=(\S+)/.exec(buffered);
    if (!m || browser !== undefined) return;
    const url = m[1];
    const exe = process.env.MHS_NO_BROWSER ? undefined : findBrowser();
    const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
    if (exe && hasDisplay) {
      process.stdout.write(say.opening(url, exe) + say.open(url));
      const profile = mkdtempSync(path.join(os.tmpdir(), 'mhs-browser-'));
      browser = spawn(exe, [`--user-data-dir=${profile}`, `--app=${url}`], { stdio: 'ignore' });
      browser.on('error', (e) => process.stderr.write(say.noStart(exe, e.message)));
    } else {
      browser = null;
      process.stdout.write(say.open(url));
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
