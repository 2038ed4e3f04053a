/**
 * A timeout or cancel leaves nothing of the command running on the server: not a child that ignores SIGTERM
 * (even when the channel closes before the KILL is due), not a daemon that detached with setsid, with and
 * without sudo. Real sshd on 127.0.0.1; "the server" is this machine, so ps shows what is left.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshSession } from '../../../main/ssh/session';
import { rejectsWithCode, trustingStore } from './helpers';
import { ensureTestUsers, startSshd, type SshdInstance, type TestUsers } from './sshdFixture';

const run = promisify(execFile);

let users: TestUsers;
let sshd: SshdInstance;
const sessions: Record<'plain' | 'sudo', SshSession> = {} as never;

beforeAll(async () => {
  users = await ensureTestUsers();
  sshd = await startSshd();
  const knownHosts = await trustingStore(sshd);
  sessions.plain = await SshSession.open({ target: { host: sshd.host, port: sshd.port, user: users.pw.name, auth: { method: 'password' } }, secrets: { password: users.pw.password }, knownHosts, killGraceMs: 800 });
  // The admin user's sudo asks for a password: the command runs as root under `sudo -S`.
  sessions.sudo = await SshSession.open({ target: { host: sshd.host, port: sshd.port, user: users.admin.name, auth: { method: 'password' } }, secrets: { password: users.admin.password }, sudoPassword: users.admin.password, knownHosts, killGraceMs: 800 });
}, 60_000);

afterAll(async () => {
  await sessions.plain?.close();
  await sessions.sudo?.close();
  await sshd?.stop();
  // Whatever a failing test left behind: never leave it on the machine.
  for (const m of markers) await run('pkill', ['-KILL', '-f', m]).catch(() => undefined);
});

/** PIDs of processes whose command line carries this marker. */
async function pidsWith(marker: string): Promise<number[]> {
  const { stdout } = await run('ps', ['-eo', 'pid=,args=']);
  return stdout
    .split('\n')
    .filter((l) => l.includes(marker) && !l.includes('ps -eo'))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

async function waitForPids(marker: string, n: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await pidsWith(marker)).length < n) {
    if (Date.now() > deadline) throw new Error(`never saw ${n} processes with ${marker}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A unique `sleep` that shows up in ps as "sleep 1000.<n>" (a marker only this test uses). */
const markers: string[] = [];
const sleeper = () => {
  const n = `${Math.floor(Math.random() * 1e6)}`;
  markers.push(`sleep 1000.${n}`);
  return { cmd: `sleep 1000.${n}`, marker: `sleep 1000.${n}` };
};

describe.each(['plain', 'sudo'] as const)('nothing is left running (%s)', (kind) => {
  it('after a timeout, a child that ignores SIGTERM and closes its output (the channel closes before the KILL)', async () => {
    const s = sleeper();
    // The outer shell dies on TERM, which closes the channel; its child ignores TERM and holds no channel fd.
    const cmd = `(trap '' TERM; exec ${s.cmd}) </dev/null >/dev/null 2>&1 & wait`;
    await rejectsWithCode(sessions[kind].exec(cmd, { sudo: kind === 'sudo', timeoutMs: 1500 }), 'ssh:errors.commandTimeout');
    expect(await pidsWith(s.marker)).toEqual([]);
  }, 30_000);

  it('after a timeout, a command that ignores SIGTERM and keeps its output open', async () => {
    const s = sleeper();
    await rejectsWithCode(sessions[kind].exec(`trap '' TERM; ${s.cmd}; echo never`, { sudo: kind === 'sudo', timeoutMs: 1000 }), 'ssh:errors.commandTimeout');
    expect(await pidsWith(s.marker)).toEqual([]);
  }, 30_000);

  it('after a cancel, a daemon that detached with setsid (its own session and process group)', async () => {
    const s = sleeper();
    const ac = new AbortController();
    const p = sessions[kind].exec(`setsid sh -c 'exec ${s.cmd}' </dev/null >/dev/null 2>&1 & ${sleeper().cmd}`, { sudo: kind === 'sudo', signal: ac.signal });
    await waitForPids(s.marker, 1);
    ac.abort();
    await rejectsWithCode(p, 'ssh:errors.cancelled');
    expect(await pidsWith(s.marker)).toEqual([]);
  }, 30_000);

  it('a daemon started by a command that ended normally is left alone (that is how services are started)', async () => {
    const s = sleeper();
    const ac = new AbortController();
    const p = sessions[kind].exec(`setsid sh -c "trap '' TERM; (trap '' TERM; exec ${s.cmd}) & wait" </dev/null >/dev/null 2>&1 & exit 0`, { sudo: kind === 'sudo', signal: ac.signal, timeoutMs: 5000 });
    // The command itself ends at once; the detached daemon outlives it by design: nothing to cancel.
    expect((await p).exitCode).toBe(0);
    await waitForPids(s.marker, 1);
    expect((await pidsWith(s.marker)).length).toBeGreaterThan(0);
    await run('pkill', ['-KILL', '-f', s.marker]).catch(() => undefined);
  }, 30_000);
});
