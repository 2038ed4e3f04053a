/**
 * The Ist-Analyse against a real sshd whose tools print garbage: terminal escape sequences, invalid UTF-8,
 * control characters, integers far beyond any schema limit, absurd socket counts, a mailbox larger than its
 * disk and a multi-megabyte config value. The fake tools come first in the session's PATH (sshd SetEnv), the
 * login user has no sudo, so every collector runs them. Through the app's own handlers and the CLI.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Facts } from '../../../shared/analysis/facts';
import type { Project } from '../../../shared/project/schema';
import { createDispatcher, type Dispatch } from '../../../main/handlers/dispatch';
import { createNodeServices } from '../../../main/nodeServices';
import type { Services } from '../../../main/services';
import { runCli } from '../../../main/cli/index';
import type { CliIO } from '../../../main/cli/command';
import { tempDir } from '../ssh/helpers';
import { ensureTestUsers, startSshd, type SshdInstance, type TestUsers } from '../ssh/sshdFixture';

let sshd: SshdInstance;
let users: TestUsers;
let dir: string;
let services: Services;
let dispatch: Dispatch;
const events: [string, unknown][] = [];

/** printf-style bodies of the fake tools (octal escapes: \033 ESC, \377 invalid UTF-8, \007 BEL). */
const TOOLS: Record<string, string> = {
  lscpu: String.raw`printf 'Model name:            \033]0;owned\007Evil\377 CPU \033[31mred\033[0m\nCPU(s):                99999999999999999999\nSocket(s):             1\nCore(s) per socket:    2\n'`,
  hostname: String.raw`printf 'mail\033[2J.example.org\n'`,
  // A file system of 10 MB, and a mailbox directory of 5 TB on it.
  df: String.raw`printf 'Filesystem Type 1-blocks Used Available Capacity Mounted on\n/dev/vda1 ext4 10000000 5000000 5000000 50%% /\n'`,
  du: String.raw`printf '5000000000000\t/var/vmail\n4096\t/var/spool/postfix\n8192\t/var/lib/mysql\n'`,
  // 20 000 listening sockets on one server.
  ss: String.raw`i=1; while [ $i -le 20000 ]; do printf 'LISTEN 0 128 127.0.0.%d:%d 0.0.0.0:*\n' $((i % 250 + 1)) $((i % 60000 + 1)); i=$((i+1)); done`,
  // postconf -n with a 3 MB value and escape sequences; -h mail_version a version; -M nothing.
  postconf: String.raw`case "$1" in -n) printf 'myhostname = mx\033[1m.example.org\n'; printf 'smtpd_banner = '; head -c 3000000 /dev/zero | tr '\0' 'A'; printf '\nrelayhost = \377\376[smart.example.org]\n';; -h) printf '3.7.11\n';; esac`,
  'systemd-detect-virt': String.raw`printf 'kvm\n'`,
};

beforeAll(async () => {
  users = await ensureTestUsers();
  dir = await tempDir('mhs-hostile-');
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  chmodSync(dir, 0o755);
  for (const [name, body] of Object.entries(TOOLS)) {
    writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  }
  sshd = await startSshd({ extraConfig: [`SetEnv PATH=${bin}:/usr/sbin:/usr/bin:/sbin:/bin`] });
  services = createNodeServices({ userDataDir: path.join(dir, 'userdata'), transport: 'bridge' });
  dispatch = createDispatcher({ services, emit: (e, p) => events.push([e, p]) });
}, 60_000);
afterAll(async () => sshd?.stop());

const target = () => ({ host: sshd.host, port: sshd.port, user: users.nosudo.name, auth: { method: 'password' } });
const accept = () => [{ host: sshd.host, port: sshd.port, fingerprint: sshd.hostKeyFingerprint }];
// eslint-disable-next-line no-control-regex
const STEERING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error).slice(0, 800)}`);
  return r.value as T;
}

describe('analysis of a server whose tools print garbage', () => {
  const projectId = randomUUID();
  let facts: Facts;

  beforeAll(async () => {
    await call('secrets.set', { projectId, role: 'primary', kind: 'password', value: users.nosudo.password });
    facts = (await call<{ facts: Facts }>('analysis.run', { runId: randomUUID(), projectId, role: 'primary', target: target(), acceptHostKeys: accept() })).facts;
  }, 120_000);

  it('ends with facts, not an internal error, and keeps every other collector', () => {
    expect(Object.keys(facts.collectors ?? {}).sort()).toEqual(['cluster', 'data', 'dovecot', 'hardware', 'maillog', 'mariadb', 'os', 'postfix', 'services', 'storage']);
    expect(facts.os?.versionId).toBeTruthy();
    expect(facts.hardware?.cpuSockets).toBe(1);
  });

  it('an out-of-range number marks its collector partial with a note naming the value', () => {
    expect(facts.hardware?.cpuThreads).toBeUndefined();
    expect(facts.collectors?.hardware?.status).toBe('partial');
    const n = facts.notes?.find((x) => x.key === 'analysis:notes.valueRejected' && x.params?.field === 'hardware.cpuThreads');
    expect(n, JSON.stringify(facts.notes)).toBeTruthy();
    expect(String(n?.params?.value)).toBe('100000000000000000000');
  });

  it('implausible figures are flagged and not stored: a mailbox larger than its disk, 20 000 sockets, a 3 MB config value', () => {
    const keyed = (field: string) => facts.notes?.find((x) => x.key.startsWith('analysis:notes.implausible') && x.params?.field === field);
    expect(facts.data?.vmailBytes).toBeUndefined();
    expect(keyed('data.vmailBytes'), JSON.stringify(facts.notes)).toBeTruthy();
    expect(facts.services?.listeners).toBeUndefined();
    expect(keyed('services.listeners')?.params?.count).toBe(20000);
    expect(facts.postfix?.mainCf?.smtpd_banner).toBeUndefined();
    expect(keyed('postfix.mainCf.smtpd_banner')?.params?.chars).toBe(3_000_000);
    expect(facts.collectors?.data?.status).toBe('partial');
    expect(facts.collectors?.services?.status).toBe('partial');
    expect(JSON.stringify(facts).length).toBeLessThan(200_000);
  });

  it('text from the server is cleaned before it enters facts, live output and the audit log', async () => {
    expect(JSON.stringify(facts)).not.toMatch(STEERING);
    expect(facts.hardware?.cpuModel).toBe('Evil\uFFFD CPU red');
    expect(facts.postfix?.myhostname).toBe('mx.example.org');
    const live = events.filter(([e]) => e === 'run.output').map(([, p]) => (p as { text: string }).text).join('');
    expect(live).toContain('Evil');
    expect(live).not.toMatch(STEERING);
    const audit = await call<{ entries: { stdout: string; stderr: string; command: string }[] }>('audit.list', { projectId, limit: 500 });
    expect(audit.entries.length).toBeGreaterThan(5);
    expect(JSON.stringify(audit.entries.map((e) => [e.stdout, e.stderr]))).not.toMatch(STEERING);
  });

  it('the project with these facts saves and opens again with the same facts', async () => {
    const { project } = await call<{ project: Project }>('project.new', {});
    const file = path.join(dir, 'hostile.mhs.json');
    await call('project.save', { path: file, project: { ...project, facts } });
    const opened = await call<{ project: Project }>('project.open', { path: file });
    expect(opened.project.facts).toEqual(facts);
  });
});

describe('the CLI against that server', () => {
  function io(lang: 'de' | 'en') {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, value: { lang, out: (l: string) => out.push(l), err: (l: string) => err.push(l) } as CliIO };
  }

  it('prints no escape sequences and no raw translation keys, in German', async () => {
    process.env.MHS_USER_DATA = path.join(dir, 'cli-userdata');
    process.env.MHS_SSH_PASSWORD = users.nosudo.password;
    try {
      const r = io('de');
      const code = await runCli(['analyse', '--host', sshd.host, '--port', String(sshd.port), '--user', users.nosudo.name, '--password', '--accept-fingerprint', sshd.hostKeyFingerprint], r.value);
      const all = [...r.out, ...r.err].join('\n');
      expect(code, all).toBe(0);
      expect(all).not.toMatch(STEERING);
      expect(all).not.toMatch(/\b(analysis|ssh|errors|common):[a-zA-Z]+\./);
      expect(all).toContain('Evil');
      expect(all).toMatch(/unplausibel|verworfen/i);
    } finally {
      delete process.env.MHS_SSH_PASSWORD;
    }
  }, 120_000);
});

describe('saved facts stay readable', () => {
  it('the project file holds no raw escape bytes', () => {
    const text = readFileSync(path.join(dir, 'hostile.mhs.json'), 'utf8');
    expect(text).not.toMatch(STEERING);
  });
});
