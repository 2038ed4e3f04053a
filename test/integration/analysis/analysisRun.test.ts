/**
 * The Ist-Analyse end to end through the app's dispatcher (validation, secrets, known hosts, audit log,
 * runner, collectors, parsers) against a real sshd on 127.0.0.1. The server analysed is this machine, so
 * the expected facts come from this machine's own /proc and os-release.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createDispatcher, type Dispatch } from '../../../main/handlers/dispatch';
import { createNodeServices } from '../../../main/nodeServices';
import type { Services } from '../../../main/services';
import { ensureTestUsers, generateKey, startSshd, type SshdInstance, type TestUsers } from '../ssh/sshdFixture';
import { tempDir } from '../ssh/helpers';

let sshd: SshdInstance;
let users: TestUsers;
let keyPath: string;
let dispatch: Dispatch;
let services: Services;
const events: [string, unknown][] = [];
const projectId = randomUUID();

beforeAll(async () => {
  users = await ensureTestUsers();
  sshd = await startSshd();
  const dir = await tempDir('mhs-analysis-');
  const key = await generateKey(path.join(dir, 'id_ed25519'));
  keyPath = key.path;
  await sshd.authorize(users.pw.name, key.publicKey);
  services = createNodeServices({ userDataDir: path.join(dir, 'userdata'), transport: 'bridge' });
  dispatch = createDispatcher({ services, emit: (e, p) => events.push([e, p]) });
}, 60_000);
afterAll(async () => sshd?.stop());

/** Key login as a user with passwordless sudo, as on a typical admin account. */
const keyTarget = () => ({ host: sshd.host, port: sshd.port, user: users.pw.name, auth: { method: 'key', keyPath } });

async function run(target: unknown, accept = true) {
  const acceptHostKeys = accept ? [{ host: sshd.host, port: sshd.port, fingerprint: sshd.hostKeyFingerprint }] : [];
  return dispatch('analysis.run', { runId: randomUUID(), projectId, role: 'primary', target, acceptHostKeys });
}

describe('analysis.run against a real sshd', () => {
  it('asks to confirm an unknown host key, naming its fingerprint', async () => {
    const r = await run(keyTarget(), false);
    expect(r).toMatchObject({ ok: false, error: { code: 'ssh:errors.hostKeyUnknown', params: { fingerprint: sshd.hostKeyFingerprint } } });
  });

  it('collects this machine as it really is, and audits every command', async () => {
    const r = await run(keyTarget());
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const facts = (r.value as { facts: Record<string, any> }).facts; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(facts.source).toBe('ssh');
    expect(facts.hardware.cpuThreads).toBe(os.cpus().length);
    const memKb = Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))![1]);
    expect(facts.hardware.memTotalBytes).toBe(memKb * 1024);
    const release = readFileSync('/etc/os-release', 'utf8');
    expect(facts.os.versionId).toBe(/VERSION_ID="?([^"\n]+)/.exec(release)![1]);
    expect(facts.storage.filesystems.some((f: { mountpoint?: string }) => f.mountpoint === '/')).toBe(true);
    // Every collector reported, none failed outright on a machine without a mail server.
    expect(Object.keys(facts.collectors).sort()).toEqual(
      ['cluster', 'data', 'dovecot', 'hardware', 'maillog', 'mariadb', 'os', 'postfix', 'services', 'storage'].sort(),
    );
    const states = events.filter(([e]) => e === 'analysis.collector').map(([, p]) => (p as { status: string }).status);
    expect(states).toContain('running');
    const audit = await dispatch('audit.list', { projectId, limit: 500 });
    if (!audit.ok) throw new Error('audit.list failed');
    const entries = (audit.value as { entries: { command: string; user: string; host: string }[] }).entries;
    expect(entries.length).toBeGreaterThanOrEqual(10);
    expect(entries.every((e) => e.user === users.pw.name && e.host === '127.0.0.1')).toBe(true);
    expect(entries.some((e) => e.command.includes('lsblk'))).toBe(true);
  }, 120_000);

  it('runs privileged collectors through sudo with the stored password and never logs it', async () => {
    await dispatch('secrets.set', { projectId, role: 'primary', kind: 'password', value: users.admin.password });
    const target = { host: sshd.host, port: sshd.port, user: users.admin.name, auth: { method: 'password' } };
    const r = await run(target);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const facts = (r.value as { facts: { notes?: { key: string }[] } }).facts;
    expect(facts.notes?.some((n) => n.key === 'analysis:notes.withoutSudo')).toBe(false);
    const log = readFileSync(path.join(services.auditLog(projectId).filePath), 'utf8');
    expect(log).toContain(users.admin.name);
    expect(log).not.toContain(users.admin.password);
  }, 120_000);

  it('a user without sudo rights still gets a partial analysis with a clear note', async () => {
    await dispatch('secrets.set', { projectId, role: 'secondary', kind: 'password', value: users.nosudo.password });
    const target = { host: sshd.host, port: sshd.port, user: users.nosudo.name, auth: { method: 'password' } };
    const acceptHostKeys = [{ host: sshd.host, port: sshd.port, fingerprint: sshd.hostKeyFingerprint }];
    const r = await dispatch('analysis.run', { runId: randomUUID(), projectId, role: 'secondary', target, acceptHostKeys });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const facts = (r.value as { facts: { notes?: { key: string }[]; hardware?: { cpuThreads?: number }; collectors: Record<string, { status: string }> } }).facts;
    expect(facts.notes?.some((n) => n.key === 'analysis:notes.withoutSudo')).toBe(true);
    expect(facts.hardware?.cpuThreads).toBe(os.cpus().length);
    expect(facts.collectors.storage?.status).toBe('partial');
  }, 120_000);

  it('a wrong sudo password ends the run with a clear error', async () => {
    await dispatch('secrets.set', { projectId, role: 'witness', kind: 'password', value: users.admin.password });
    await dispatch('secrets.set', { projectId, role: 'witness', kind: 'sudo', value: 'definitely-wrong' });
    const target = { host: sshd.host, port: sshd.port, user: users.admin.name, auth: { method: 'password' } };
    const acceptHostKeys = [{ host: sshd.host, port: sshd.port, fingerprint: sshd.hostKeyFingerprint }];
    const r = await dispatch('analysis.run', { runId: randomUUID(), projectId, role: 'witness', target, acceptHostKeys });
    expect(r).toMatchObject({ ok: false, error: { code: 'ssh:errors.sudoWrongPassword' } });
  }, 120_000);

  it('can be cancelled while it runs', async () => {
    const runId = randomUUID();
    const acceptHostKeys = [{ host: sshd.host, port: sshd.port, fingerprint: sshd.hostKeyFingerprint }];
    const pending = dispatch('analysis.run', { runId, projectId, role: 'primary', target: keyTarget(), acceptHostKeys });
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 30_000;
      const t = setInterval(() => {
        if (Date.now() > deadline) {
          clearInterval(t);
          reject(new Error('run never started a collector'));
        }
        if (services.runs.has(runId) && events.some(([e, p]) => e === 'analysis.collector' && (p as { runId: string; status: string }).runId === runId && (p as { status: string }).status === 'running')) {
          clearInterval(t);
          resolve();
        }
      }, 20);
    });
    expect(await dispatch('analysis.cancel', { runId })).toMatchObject({ ok: true, value: { cancelled: true } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'ssh:errors.cancelled' } });
  }, 120_000);
});
