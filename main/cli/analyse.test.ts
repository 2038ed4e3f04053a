/** The CLI's analyse / collector-script / import-collector commands against a real sshd and a real script run. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureTestUsers, freePort, generateKey, startSshd, type SshdInstance } from '../../test/integration/ssh/sshdFixture';
import { tempDir } from '../../test/integration/ssh/helpers';
import { parseHostSpec } from './commands/analyse';
import type { CliIO } from './command';
import { commands, runCli } from './index';

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
    const project = path.join(dir, 'p.mhs.json');
    expect(await runCli(['project', 'new', project], io().value)).toBe(0);
    const args = ['--host', sshd.host, '--port', String(sshd.port), '--user', user, '--key', keyPath, '--project', project];
    const first = io();
    expect(await runCli(['analyse', ...args], first.value)).toBe(10);
    expect(first.err.join('\n')).toContain(sshd.hostKeyFingerprint);

    const second = io();
    expect(await runCli(['analyse', ...args, '--accept-fingerprint', sshd.hostKeyFingerprint], second.value)).toBe(0);
    expect(second.out.join('\n')).toContain(`${os.cpus().length}T`);
    const stored = JSON.parse(readFileSync(project, 'utf8'));
    expect(stored.facts.hardware.cpuThreads).toBe(os.cpus().length);
    expect(stored.hosts.primary).toMatchObject({ host: sshd.host, port: sshd.port, user });
    expect(JSON.stringify(stored)).not.toMatch(/password"\s*:/);
    // The run is audited under the project's own id, where the app shows it.
    const log = readFileSync(path.join(dir, 'userdata', 'audit', `${stored.id}.jsonl`), 'utf8');
    expect(log).toContain('lsblk');
    expect(log).toContain('ssh:errors.hostKeyUnknown');
    expect(readdirSync(path.join(dir, 'userdata', 'audit'))).toEqual([`${stored.id}.jsonl`]);
  }, 120_000);

  it('has a distinct exit code for each way a connection fails, and audits the attempt under the project', async () => {
    const project = path.join(dir, 'fail.mhs.json');
    expect(await runCli(['project', 'new', project], io().value)).toBe(0);
    const id = JSON.parse(readFileSync(project, 'utf8')).id as string;
    const base = ['--host', sshd.host, '--user', user, '--project', project];
    const closed = await freePort();
    const unreachable = io();
    expect(await runCli(['analyse', ...base, '--port', String(closed), '--key', keyPath], unreachable.value)).toBe(13);
    expect(unreachable.err.join('\n')).toContain(`Cannot reach server ${sshd.host} on port ${closed}`);
    const otherKey = await generateKey(path.join(dir, 'id_other'));
    expect(await runCli(['analyse', ...base, '--port', String(sshd.port), '--key', otherKey.path], io().value)).toBe(12);
    // Same port, new host key.
    await sshd.stop({ keepDir: true });
    sshd = await startSshd({ port: sshd.port, dir: sshd.dir, newHostKey: true });
    const changed = io();
    expect(await runCli(['analyse', ...base, '--port', String(sshd.port), '--key', keyPath], changed.value)).toBe(11);
    expect(changed.err.join('\n')).toContain(sshd.hostKeyFingerprint);
    const entries = readFileSync(path.join(dir, 'userdata', 'audit', `${id}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind?: string; errorCode?: string });
    expect(entries.map((e) => `${e.kind}:${e.errorCode ?? 'ok'}`)).toEqual(['connect:ssh:errors.unreachable', 'connect:ssh:errors.authFailed', 'connect:ssh:errors.hostKeyChanged']);
  }, 120_000);

  it('--help lists the exit codes, in German and in English', async () => {
    const de = io();
    expect(await runCli(['--help', '--lang', 'de'], de.value)).toBe(0);
    const text = de.err.join('\n');
    expect(text).toContain('Exit-Codes:');
    for (const code of ['10  Server-Schlüssel unbekannt', '11  Server-Schlüssel geändert', '12  Anmeldung abgelehnt', '13  Server nicht erreichbar', '130  abgebrochen'])
      expect(text).toContain(code);
    const en = io();
    expect(await runCli(['help'], en.value)).toBe(0);
    expect(en.err.join('\n')).toContain(' 12  login refused');
    expect(await runCli(['no-such-command'], io().value)).toBe(2);
  });

  it('passes --help on to a command that answers it itself', async () => {
    const seen: string[][] = [];
    const own = { name: 'own-help-probe', usage: 'own-help-probe', ownHelp: true, run: async (argv: string[]) => (seen.push(argv), 0) };
    commands.push(own);
    try {
      const r = io();
      expect(await runCli(['own-help-probe', 'set', '--help'], r.value)).toBe(0);
      expect(seen).toEqual([['set', '--help']]);
      expect(r.err.join('\n')).not.toContain('Exit codes');
    } finally {
      commands.splice(commands.indexOf(own), 1);
    }
  });

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
