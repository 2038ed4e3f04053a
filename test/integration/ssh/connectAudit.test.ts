/**
 * Every login attempt lands in the audit log with its outcome: refused port, unknown host key, wrong key,
 * wrong password, changed host key, and a successful login. Real sshd on 127.0.0.1.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../main/audit/auditLog';
import { KnownHostsStore } from '../../../main/ssh/knownHostsStore';
import { SshSession } from '../../../main/ssh/session';
import type { Target } from '../../../main/ssh/target';
import { hostKeyBlob, rejectsWithCode, tempDir, trustingStore } from './helpers';
import { ensureTestUsers, freePort, generateKey, startSshd, type SshdInstance, type TestUsers } from './sshdFixture';

let users: TestUsers;
let sshd: SshdInstance;
let dir: string;
let goodKey: string;
let otherKey: string;

beforeAll(async () => {
  users = await ensureTestUsers();
  sshd = await startSshd();
  dir = await tempDir();
  const good = await generateKey(join(dir, 'id_good'));
  const other = await generateKey(join(dir, 'id_other'));
  await sshd.authorize(users.admin.name, good.publicKey);
  goodKey = good.path;
  otherKey = other.path;
}, 60_000);
afterAll(async () => sshd?.stop());

const keyTarget = (keyPath: string, port = sshd.port): Target => ({ host: sshd.host, port, user: users.admin.name, auth: { method: 'key', keyPath } });

describe('connection attempts in the audit log', () => {
  it('records each failed attempt with its reason, and the successful one', async () => {
    const audit = new AuditLog(join(dir, 'audit.jsonl'));
    const trusted = await trustingStore(sshd);
    const closedPort = await freePort();

    await rejectsWithCode(SshSession.open({ target: keyTarget(goodKey, closedPort), knownHosts: trusted, audit }), 'ssh:errors.unreachable');
    const unknown = await rejectsWithCode(SshSession.open({ target: keyTarget(goodKey), knownHosts: new KnownHostsStore(join(dir, 'empty_known_hosts')), audit }), 'ssh:errors.hostKeyUnknown');
    await rejectsWithCode(SshSession.open({ target: keyTarget(otherKey), knownHosts: trusted, audit }), 'ssh:errors.authFailed');
    await rejectsWithCode(
      SshSession.open({ target: { host: sshd.host, port: sshd.port, user: users.admin.name, auth: { method: 'password' } }, secrets: { password: 'wrong-Passw0rd' }, knownHosts: trusted, audit }),
      'ssh:errors.authFailed',
    );
    // The same address now presents a different host key.
    const impostor = await startSshd({ newHostKey: true });
    const changedStore = new KnownHostsStore(join(dir, 'changed_known_hosts'));
    await changedStore.add(impostor.host, impostor.port, await hostKeyBlob(sshd));
    await rejectsWithCode(SshSession.open({ target: { ...keyTarget(goodKey), port: impostor.port }, knownHosts: changedStore, audit }), 'ssh:errors.hostKeyChanged');
    await impostor.stop();
    const ok = await SshSession.open({ target: keyTarget(goodKey), knownHosts: trusted, audit });
    await ok.exec('true');
    await ok.close();

    const { entries } = await audit.read({ limit: 100 });
    const connects = entries.filter((e) => e.kind === 'connect');
    expect(connects.map((e) => e.errorCode ?? 'ok')).toEqual(['ssh:errors.unreachable', 'ssh:errors.hostKeyUnknown', 'ssh:errors.authFailed', 'ssh:errors.authFailed', 'ssh:errors.hostKeyChanged', 'ok']);
    expect(connects[0]).toMatchObject({ host: sshd.host, port: closedPort, user: users.admin.name, command: '' });
    expect(connects[1]?.errorParams?.fingerprint).toBe(unknown.params.fingerprint);
    expect(connects[4]?.errorParams?.newFingerprint).toMatch(/^SHA256:/);
    expect(connects.every((e) => e.durationMs >= 0 && Date.parse(e.startedAt) > 0)).toBe(true);
    expect(entries[entries.length - 1]).toMatchObject({ kind: 'command', command: 'true', exitCode: 0 });
    expect(JSON.stringify(entries)).not.toContain('wrong-Passw0rd');
  }, 60_000);
});
