/** The CLI's analyse / collector-script / import-collector commands against a real sshd and a real script run. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureTestUsers, generateKey, startSshd, type SshdInstance } from '../../test/integration/ssh/sshdFixture';
import { tempDir } from '../../test/integration/ssh/helpers';
import { parseHostSpec } from './commands/analyse';
import type { CliIO } from './command';
import { runCli } from './index';

let sshd: SshdInstance;
let dir: string;
let keyPath: string;
let user: string;

beforeAll(async () => {
  const users = await ensureTestUsers();
  user = users.pw.name;
  sshd = await startSshd();
  dir = await tempDir('mhs-cli-analyse-');
  process.env.MHS_USER_DATA = path.join(dir, 'userdata');
  const key = await generateKey(path.join(dir, 'id_ed25519'));
  keyPath = key.path;
  await sshd.authorize(user, key.publicKey);
}, 60_000);
afterAll(async () => sshd?.stop());

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, value: { lang: 'en', out: (l: string) => out.push(l), err: (l: string) => err.push(l) } as CliIO };
}

describe('cli analyse', () => {
  it('parses host specs', () => {
    expect(parseHostSpec('ops@bastion:2222', {})).toEqual({ host: 'bastion', port: 2222, user: 'ops' });
    expect(parseHostSpec('[::1]:22', { user: 'x' })).toEqual({ host: '::1', port: 22, user: 'x' });
  });

  it('stops at an unknown host key and prints the fingerprint; with it, analyses and stores into the project', async () => {
    const args = ['--host', sshd.host, '--port', String(sshd.port), '--user', user, '--key', keyPath];
    const first = io();
    expect(await runCli(['analyse', ...args], first.value)).toBe(3);
    expect(first.err.join('\n')).toContain(sshd.hostKeyFingerprint);

    const project = path.join(dir, 'p.mhs.json');
    expect(await runCli(['project', 'new', project], io().value)).toBe(0);
    const second = io();
    expect(await runCli(['analyse', ...args, '--accept-fingerprint', sshd.hostKeyFingerprint, '--project', project], second.value)).toBe(0);
    expect(second.out.join('\n')).toContain(`${os.cpus().length}T`);
    const stored = JSON.parse(readFileSync(project, 'utf8'));
    expect(stored.facts.hardware.cpuThreads).toBe(os.cpus().length);
    expect(stored.hosts.primary).toMatchObject({ host: sshd.host, port: sshd.port, user });
    expect(JSON.stringify(stored)).not.toMatch(/password"\s*:/);
  }, 120_000);

  it('exports the collector script, whose output imports to the same kind of facts', async () => {
    const script = path.join(dir, 'collect.sh');
    expect(await runCli(['collector-script', script], io().value)).toBe(0);
    const bundle = path.join(dir, 'bundle.txt');
    execFileSync('sh', [script, bundle], { stdio: 'ignore', timeout: 120_000 });
    const r = io();
    expect(await runCli(['import-collector', bundle, '--json'], r.value)).toBe(0);
    const facts = JSON.parse(r.out.join('\n'));
    expect(facts.source).toBe('offline');
    expect(facts.hardware.cpuThreads).toBe(os.cpus().length);
  }, 180_000);

  it('says clearly when the output file is not a collector bundle', async () => {
    const bogus = path.join(dir, 'bogus.txt');
    writeFileSync(bogus, 'hello\nworld\n');
    const r = io();
    expect(await runCli(['import-collector', bogus], r.value)).toBe(1);
    expect(r.err[0]).toMatch(/^Error: /);
    expect(r.err[0]).not.toContain('analysis:errors');
  });
});
