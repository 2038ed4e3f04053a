import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const built = existsSync(path.join(root, 'dist/renderer/index.html'));
const electronBinary = existsSync(path.join(root, 'node_modules/electron/path.txt'));

/** Runs `node scripts/start.mjs` until it prints the address, then stops it; returns what it printed. */
function start(lang: string): Promise<{ out: string; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env: { ...process.env, MHS_NO_BROWSER: '1', LANG: lang, LC_ALL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`no address within 30 s:\n${out}`));
    }, 30_000);
    const take = (c: Buffer) => {
      out += String(c);
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
      if (m && /Ctrl\+C|Strg\+C/.test(out)) {
        clearTimeout(timer);
        child.once('exit', () => resolve({ out, url: m[1]! }));
        void fetch(m[1]!).then((r) => (r.ok ? undefined : reject(new Error(`GET ${m[1]} -> ${r.status}`)))).finally(() => child.kill('SIGTERM'));
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
  });
}

// `npm start` builds first; here the built renderer must exist (npm test builds it for the e2e step).
describe.skipIf(!built || electronBinary)('npm start without the Electron binary', () => {
  it('says plainly that it serves the app for a browser, and prints the address it serves', async () => {
    const { out } = await start('de_DE.UTF-8');
    expect(out).toContain('Mail HA Studio läuft hier im Browser');
    expect(out).toMatch(/Diese Adresse im Browser öffnen:\n {2}http:\/\/127\.0\.0\.1:\d+\//);
    // No contradictory install advice, no machine-readable line for the person to read.
    expect(out).not.toMatch(/failed to install correctly|please delete node_modules/);
    expect(out).not.toContain('MHS_BRIDGE_URL=');
  }, 40_000);

  it('in English on an English system', async () => {
    const { out } = await start('en_GB.UTF-8');
    expect(out).toContain('Mail HA Studio runs in your browser here');
    expect(out).toMatch(/Open this address in a browser:\n {2}http:\/\/127\.0\.0\.1:\d+\//);
  }, 40_000);
});
