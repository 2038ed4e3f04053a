// `npm run lab -- up` itself (the CLI as a user runs it, as root) on an instance nobody has up: without host
// tools, and with a port taken, it explains and starts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LAB_DIR, MAX_INSTANCE, netnsName, sshPort, sockDir } from '../lib/config.js';
import { stateFile } from '../lib/state.js';

/**
 * The highest instance whose ct lab is down (instance 7 is the second lab engineer's and often up): a lab
 * that is up would answer "already up" before the port check, and `up` tears a stale one down.
 */
const INSTANCE = [...Array(MAX_INSTANCE).keys()]
  .map((i) => MAX_INSTANCE - i)
  .find((n) => !existsSync(stateFile('ct', n)) && !existsSync(`/run/netns/${netnsName('ct', n)}`));
const cli = (env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(LAB_DIR, 'cli.ts'), 'up', '--tier', 'ct'], {
    cwd: join(LAB_DIR, '..', '..'),
    env: { ...process.env, MHS_LAB_INSTANCE: String(INSTANCE), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

let srv: Server | undefined;
afterEach(() => new Promise<void>((r) => (srv ? srv.close(() => r()) : r())));

describe.runIf(process.getuid?.() === 0 && INSTANCE !== undefined)(`npm run lab -- up preflight (instance ${INSTANCE ?? 'none free'})`, () => {
  it('on a machine without the host tools says which Debian packages to install, and starts nothing', () => {
    const r = cli({ PATH: mkdtempSync(join(tmpdir(), 'lab-nopath-')) });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the lab needs host tools that are missing:/);
    expect(r.stderr).toMatch(/socat \(loopback relays\): package socat/);
    expect(r.stderr).toMatch(/apt-get install -y .*socat/);
    expect(r.stderr).not.toMatch(/ENOENT/);
    expect(existsSync(`/run/netns/${netnsName('ct', INSTANCE)}`)).toBe(false);
  });

  it('with one of its ports taken names the port and the process, and starts nothing', async () => {
    const port = sshPort('ct', 'secondary', INSTANCE!);
    srv = createServer();
    await new Promise<void>((r) => srv!.listen(port, '127.0.0.1', () => r()));
    const r = cli({});
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`127.0.0.1:${port} (SSH of secondary) is in use by PID ${process.pid}`);
    expect(existsSync(`/run/netns/${netnsName('ct', INSTANCE)}`)).toBe(false);
    expect(existsSync(sockDir('ct', INSTANCE))).toBe(false);
  });
});
