/**
 * Connection loss handling against a real sshd: keepalive notices a silent server, reconnect waits with
 * backoff until the server is back, and gives up with a typed error when it stays away.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SshSession, type SessionEvent } from '../../../main/ssh/session';
import { rejectsWithCode, trustingStore } from './helpers';
import { ensureTestUsers, startSshd, type SshdInstance, type TestUsers } from './sshdFixture';

let users: TestUsers;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  users = await ensureTestUsers();
}, 60_000);

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function openOn(sshd: SshdInstance, extra: Partial<Parameters<typeof SshSession.open>[0]> = {}, events: SessionEvent[] = []) {
  const s = await SshSession.open({
    target: { host: sshd.host, port: sshd.port, user: users.pw.name, auth: { method: 'password' } },
    secrets: { password: users.pw.password },
    knownHosts: await trustingStore(sshd),
    onEvent: (e) => events.push(e),
    ...extra,
  });
  cleanups.push(() => s.close());
  return s;
}

describe('keepalive and reconnect', () => {
  it('keepalive detects a frozen server connection; the running command fails, the next one reconnects', async () => {
    const sshd = await startSshd();
    cleanups.push(() => sshd.stop());
    const events: SessionEvent[] = [];
    const s = await openOn(sshd, { keepaliveIntervalMs: 500, keepaliveCountMax: 3, reconnect: { attempts: 3, baseDelayMs: 50 } }, events);
    let frozenPid = 0;
    // Freeze this connection's sshd process: the TCP connection stays open but nothing answers any more.
    const p = s.exec('echo $PPID; sleep 0.5; kill -STOP $PPID; sleep 30', {
      onStdout: (t) => {
        frozenPid = Number(t.trim());
      },
    });
    cleanups.push(() => {
      if (frozenPid > 1) process.kill(frozenPid, 'SIGKILL');
    });
    const t0 = Date.now();
    await rejectsWithCode(p, 'ssh:errors.connectionLost');
    expect(frozenPid).toBeGreaterThan(1);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(events[0]?.type).toBe('lost');
    expect((await s.exec('echo wieder da')).stdout).toBe('wieder da\n');
    expect(events.map((e) => e.type)).toContain('reconnected');
  });

  it('reconnect waits with growing delays until the server is back', async () => {
    const sshd = await startSshd();
    const events: SessionEvent[] = [];
    const s = await openOn(sshd, { reconnect: { attempts: 8, baseDelayMs: 100, maxDelayMs: 800 } }, events);
    const port = sshd.port;
    await sshd.stop({ keepDir: true });
    // Bring the server back on the same port and host key a bit later, while the session retries.
    let again: SshdInstance | undefined;
    const restart = new Promise<void>((resolve, reject) =>
      setTimeout(() => {
        startSshd({ port, dir: sshd.dir })
          .then((x) => {
            again = x;
            resolve();
          })
          .catch(reject);
      }, 700),
    );
    cleanups.push(async () => {
      await restart.catch(() => undefined);
      await again?.stop();
    });
    const r = await s.exec('echo zurück', { idempotent: true });
    expect(r.stdout).toBe('zurück\n');
    const delays = events.filter((e): e is Extract<SessionEvent, { type: 'reconnecting' }> => e.type === 'reconnecting').map((e) => e.delayMs);
    expect(delays.length).toBeGreaterThanOrEqual(2);
    expect(delays.slice(0, 3)).toEqual([100, 200, 400].slice(0, Math.min(3, delays.length)));
  });

  it('gives up after the configured attempts with a typed error', async () => {
    const sshd = await startSshd();
    const s = await openOn(sshd, { reconnect: { attempts: 2, baseDelayMs: 50 } });
    await sshd.stop();
    // Wait until the client noticed (a command sent into a dying connection would be "connectionLost" instead).
    for (let i = 0; i < 100 && s.connected; i++) await new Promise((r) => setTimeout(r, 20));
    expect(s.connected).toBe(false);
    await rejectsWithCode(s.exec('true'), 'ssh:errors.unreachable');
    await s.close();
    await rejectsWithCode(s.exec('true'), 'ssh:errors.notConnected');
  });
});
