/**
 * Collectors follow what the server says instead of assuming Debian's usual paths: the data collector
 * measures the mailbox root from Dovecot's mail_location, the queue from Postfix's queue_directory and the
 * database from MariaDB's datadir, as the dovecot, postfix and mariadb collectors found them. Real sshd; the
 * server's doveconf, postconf and mariadb are small scripts that report a layout nowhere near /var/vmail.
 * Negative control: the same server without them is measured at the defaults.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Facts } from '../../../shared/analysis/facts';
import { shQuote } from '../../../shared/shell/quote';
import { createDispatcher, type Dispatch } from '../../../main/handlers/dispatch';
import { createNodeServices } from '../../../main/nodeServices';
import { tempDir } from '../ssh/helpers';
import { ensureTestUsers, startSshd, type SshdInstance, type TestUsers } from '../ssh/sshdFixture';

let users: TestUsers;
let dir: string;
let following: SshdInstance;
let plain: SshdInstance;
let dispatch: Dispatch;

const du = (p: string) => Number(execFileSync('du', ['-sb', p], { encoding: 'utf8' }).split('\t')[0]);

function file(p: string, content = 'x') {
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, content);
}

beforeAll(async () => {
  users = await ensureTestUsers();
  dir = await tempDir('mhs-follow-');
  chmodSync(dir, 0o755);
  const store = path.join(dir, 'srv mail'); // a space, to prove the path is quoted
  file(path.join(store, 'example.org/anna/cur/1700000000.M1.host:2,S'), 'a'.repeat(1000));
  file(path.join(store, 'example.org/anna/.Sent/cur/1700000001.M2.host:2,S'), 'b'.repeat(500));
  file(path.join(store, 'example.org/bob/new/1700000002.M3.host'), 'c'.repeat(200));
  file(path.join(store, 'kanzlei.de/info/cur/1700000003.M4.host:2,'), 'd'.repeat(50));
  file(path.join(dir, 'queue/active/A1'));
  file(path.join(dir, 'queue/deferred/D1'));
  file(path.join(dir, 'queue/deferred/D2'));
  file(path.join(dir, 'db/ibdata1'), 'e'.repeat(4000));
  const bin = path.join(dir, 'bin');
  const tools: Record<string, string> = {
    doveconf: `case "$1" in -n) printf '# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf\\nprotocols = imap lmtp\\nmail_location = maildir:%s/%%d/%%n\\n' ${shQuote(store)};; -h) [ "$2" = mail_location ] && printf 'maildir:%s/%%d/%%n\\n' ${shQuote(store)};; esac; exit 0`,
    dovecot: `echo '2.3.19.1 (9b53102964)'`,
    postconf: `case "$1" in -n) printf 'myhostname = mx.example.org\\nqueue_directory = %s\\n' ${shQuote(path.join(dir, 'queue'))};; -h) case "$2" in queue_directory) echo ${shQuote(path.join(dir, 'queue'))};; mail_version) echo 3.7.11;; esac;; esac`,
    mariadb: `case "$4" in *"'version'"*) printf 'version\\t10.11.6-MariaDB-0+deb12u1\\ndatadir\\t%s\\ninnodb_buffer_pool_size\\t134217728\\n' ${shQuote(path.join(dir, 'db') + '/')};; esac`,
  };
  mkdirSync(bin);
  for (const [name, body] of Object.entries(tools)) {
    writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  }
  following = await startSshd({ extraConfig: [`SetEnv PATH=${bin}:/usr/sbin:/usr/bin:/sbin:/bin`] });
  plain = await startSshd();
  dispatch = createDispatcher({ services: createNodeServices({ userDataDir: path.join(dir, 'userdata'), transport: 'bridge' }), emit: () => {} });
}, 60_000);
afterAll(async () => {
  await following?.stop();
  await plain?.stop();
});

async function analyse(sshd: SshdInstance): Promise<{ facts: Facts; commands: string[] }> {
  const projectId = randomUUID();
  await dispatch('secrets.set', { projectId, role: 'primary', kind: 'password', value: users.nosudo.password });
  const target = { host: sshd.host, port: sshd.port, user: users.nosudo.name, auth: { method: 'password' } };
  const r = await dispatch('analysis.run', { runId: randomUUID(), projectId, role: 'primary', target, acceptHostKeys: [{ host: sshd.host, port: sshd.port, fingerprint: sshd.hostKeyFingerprint }] });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const audit = await dispatch('audit.list', { projectId, limit: 500 });
  if (!audit.ok) throw new Error('audit.list failed');
  return { facts: (r.value as { facts: Facts }).facts, commands: (audit.value as { entries: { command: string }[] }).entries.map((e) => e.command) };
}

describe('collectors that follow the server', () => {
  it('measure the mailboxes, the queue and the database where Dovecot, Postfix and MariaDB say they are', async () => {
    const { facts, commands } = await analyse(following);
    const store = path.join(dir, 'srv mail');
    expect(facts.dovecot?.mailLocation).toBe(`maildir:${store}/%d/%n`);
    expect(facts.postfix?.queueDirectory).toBe(path.join(dir, 'queue'));
    expect(facts.postfix?.queue).toMatchObject({ active: 1, deferred: 2, total: 3 });
    expect(facts.data).toEqual({
      vmailBytes: du(store),
      spoolBytes: du(path.join(dir, 'queue')),
      datadirBytes: du(path.join(dir, 'db')),
      domains: [
        { domain: 'example.org', mailboxes: 2, messages: 3, bytes: 1700 },
        { domain: 'kanzlei.de', mailboxes: 1, messages: 1, bytes: 50 },
      ],
      totalMailboxes: 3,
      totalMessages: 4,
    });
    expect(facts.collectors?.data?.status).toBe('partial'); // ran without sudo, so it says so
    const dataCommand = commands.find((c) => c.includes('@@mhs:begin maildirs'));
    expect(dataCommand).toContain(`R=${shQuote(store)}`);
    expect(dataCommand).not.toContain('doveconf'); // used the facts, did not ask again
  }, 120_000);

  it('negative control: without those programs the defaults are measured (and found empty)', async () => {
    expect(existsSync('/var/vmail')).toBe(false);
    const { facts } = await analyse(plain);
    expect(facts.data?.domains ?? []).toEqual([]);
    expect(facts.notes?.some((n) => n.key === 'analysis:notes.data.noMaildirs' && n.params?.path === '/var/vmail')).toBe(true);
  }, 120_000);
});
