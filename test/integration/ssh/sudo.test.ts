/**
 * sudo over a real sshd: passwordless, with password on stdin, wrong password, no sudo rights, cancel under sudo,
 * and the audit log never containing the password (also: the password is never visible in the process list).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../main/audit/auditLog';
import { SshSession } from '../../../main/ssh/session';
import type { KnownHostsStore } from '../../../main/ssh/knownHostsStore';
import { shQuote } from '../../../shared/shell/quote';
import { rejectsWithCode, tempDir, trustingStore } from './helpers';
import { ensureTestUsers, startSshd, type SshdInstance, type TestUser, type TestUsers } from './sshdFixture';

const run = promisify(execFile);

let users: TestUsers;
let sshd: SshdInstance;
let knownHosts: KnownHostsStore;
let audit: AuditLog;
const sessions: SshSession[] = [];

beforeAll(async () => {
  users = await ensureTestUsers();
  sshd = await startSshd();
  knownHosts = await trustingStore(sshd);
  audit = new AuditLog(join(await tempDir(), 'audit.jsonl'));
}, 60_000);

afterAll(async () => {
  for (const s of sessions) await s.close();
  await sshd?.stop();
});

async function open(user: TestUser, sudoPassword?: string): Promise<SshSession> {
  const s = await SshSession.open({
    target: { host: sshd.host, port: sshd.port, user: user.name, auth: { method: 'password' } },
    secrets: { password: user.password },
    ...(sudoPassword !== undefined ? { sudoPassword } : {}),
    knownHosts,
    audit,
    killGraceMs: 500,
  });
  sessions.push(s);
  return s;
}

describe('sudo', () => {
  it('passwordless sudo (NOPASSWD) runs as root', async () => {
    const s = await open(users.pw);
    const r = await s.exec('id -u; echo "to stderr ä" >&2', { sudo: true });
    expect(r).toMatchObject({ exitCode: 0, stdout: '0\n', stderr: 'to stderr ä\n' });
  });

  it('sudo with password: password goes to stdin, command output is clean, stdin still works', async () => {
    const s = await open(users.admin, users.admin.password);
    const r = await s.exec('id -un; echo warn >&2; exit 2', { sudo: true });
    expect(r).toMatchObject({ exitCode: 2, stdout: 'root\n', stderr: 'warn\n' });
    // The command's stdin is the caller's data, not the password
    const c = await s.exec('cat', { sudo: true, stdin: 'Eingabe ä\n' });
    expect(c.stdout).toBe('Eingabe ä\n');
    // Quoting survives the extra sudo/sh layers
    const q = await s.exec(`printf '%s' "it's \\"quoted\\" \\$HOME"`, { sudo: true });
    expect(q.stdout).toBe(`it's "quoted" $HOME`);
    // Exit signal of a sudo command
    const k = await s.exec('kill -TERM $$', { sudo: true });
    expect(k.signal).toBe('SIGTERM');
  });

  it('the sudo password never appears in the process list', async () => {
    const s = await open(users.admin, users.admin.password);
    const p = s.exec('sleep 1.5', { sudo: true });
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen.push((await run('ps', ['-eo', 'args'])).stdout);
    }
    await p;
    expect(seen.join('\n')).toContain('sleep 1.5');
    expect(seen.join('\n')).not.toContain(users.admin.password);
  });

  it('with a sudo password there is no `sudo -n` probe (Debian mails root for each failed one); NOPASSWD users work too', async () => {
    const probes = async (user: string) => (await audit.read({ limit: 10_000 })).entries.filter((e) => e.user === user && e.command === 'sudo -n true').length;
    const before = await probes(users.admin.name);
    const s = await open(users.admin, users.admin.password);
    expect((await s.exec('id -u', { sudo: true })).stdout).toBe('0\n');
    expect(await probes(users.admin.name)).toBe(before);
    const nopasswd = await open(users.pw, 'not asked for');
    expect((await nopasswd.exec('id -u', { sudo: true, stdin: 'data\n' })).stdout).toBe('0\n');
    expect((await nopasswd.exec('cat', { sudo: true, stdin: 'data\n' })).stdout).toBe('data\n');
  });

  it('wrong sudo password -> sudoWrongPassword, quickly (no three tries)', async () => {
    const s = await open(users.admin, 'falsches Passwort');
    const t0 = Date.now();
    const e = await rejectsWithCode(s.exec('id -u', { sudo: true }), 'ssh:errors.sudoWrongPassword');
    expect(e.params).toEqual({ user: users.admin.name, host: sshd.host });
    expect(Date.now() - t0).toBeLessThan(8000);
  });

  it('no sudo password given where one is needed -> sudoPasswordRequired', async () => {
    const s = await open(users.admin);
    await rejectsWithCode(s.exec('id -u', { sudo: true }), 'ssh:errors.sudoPasswordRequired');
  });

  it('user without sudo rights -> sudoDenied (with the right password)', async () => {
    const s = await open(users.nosudo, users.nosudo.password);
    const e = await rejectsWithCode(s.exec('id -u', { sudo: true }), 'ssh:errors.sudoDenied');
    expect(e.params).toEqual({ user: users.nosudo.name, host: sshd.host });
    expect(e.detail ?? '').not.toContain(users.nosudo.password);
  });

  it('cancel and timeout also stop commands running as root', async () => {
    const s = await open(users.admin, users.admin.password);
    const marker = `sleep 5${Math.floor(Math.random() * 1000)}.25`;
    await rejectsWithCode(s.exec(`${marker}; echo never`, { sudo: true, timeoutMs: 800 }), 'ssh:errors.commandTimeout');
    await new Promise((r) => setTimeout(r, 500));
    const { stdout } = await run('ps', ['-eo', 'user,args']);
    expect(stdout.split('\n').filter((l) => l.includes(marker))).toEqual([]);
  });

  it('audit log: every command recorded, sudo flagged, no password anywhere in the file', async () => {
    const s = await open(users.admin, users.admin.password);
    // Even if a command or its output contains the password, the log must not.
    const leak = await s.exec(`printf '%s\\n' ${shQuote(users.admin.password)} >&2; true # ${users.admin.password}`, { sudo: true });
    expect(leak.stderr).toBe(`${users.admin.password}\n`); // the caller gets the real output ...
    const raw = await readFile(audit.filePath, 'utf8');
    for (const u of [users.admin, users.pw, users.nosudo]) expect(raw).not.toContain(u.password);
    const { entries } = await audit.read({ limit: 10_000 });
    // Probes only for the sessions opened without a sudo password (the NOPASSWD user and the missing password).
    expect(entries.filter((e) => e.command === 'sudo -n true').length).toBeGreaterThanOrEqual(2);
    expect(entries.some((e) => e.sudo && e.command === 'id -un; echo warn >&2; exit 2' && e.exitCode === 2 && e.stdout === 'root\n')).toBe(true);
    expect(entries.some((e) => e.errorCode === 'ssh:errors.sudoWrongPassword')).toBe(true);
    expect(entries.some((e) => e.errorCode === 'ssh:errors.sudoDenied' && e.user === users.nosudo.name)).toBe(true);
    // ... the log gets it redacted, in the command and in the output
    expect(entries.some((e) => e.command.endsWith('true # [REDACTED]') && e.stderr === '[REDACTED]\n')).toBe(true);
    expect(entries.every((e) => e.host === sshd.host && e.port === sshd.port)).toBe(true);
    // Exports keep the redaction
    const dir = await tempDir();
    await audit.export(join(dir, 'a.csv'), 'csv');
    await audit.export(join(dir, 'a.jsonl'), 'jsonl');
    for (const f of ['a.csv', 'a.jsonl']) expect(await readFile(join(dir, f), 'utf8')).not.toContain(users.admin.password);
  });
});
