/**
 * Logins, host keys and connection errors against a real OpenSSH sshd on 127.0.0.1 (see sshdFixture.ts).
 */
import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSsh } from '../../../main/ssh/connect';
import { KnownHostsStore } from '../../../main/ssh/knownHostsStore';
import { SshSession } from '../../../main/ssh/session';
import type { Target } from '../../../main/ssh/target';
import { rejectsWithCode, tempDir, trustingStore } from './helpers';
import { ensureTestUsers, freePort, generateKey, startSshd, type SshdInstance, type TestUsers } from './sshdFixture';

const run = promisify(execFile);

let users: TestUsers;
let sshd: SshdInstance;
let keys: { plain: string; locked: string };
const PASSPHRASE = 'Schlüssel-Passphrase 1';

beforeAll(async () => {
  users = await ensureTestUsers();
  sshd = await startSshd();
  const dir = await tempDir();
  const plain = await generateKey(join(dir, 'id_plain'));
  const locked = await generateKey(join(dir, 'id_locked'), PASSPHRASE);
  await sshd.authorize(users.admin.name, plain.publicKey);
  await sshd.authorize(users.admin.name, locked.publicKey);
  keys = { plain: plain.path, locked: locked.path };
}, 60_000);

afterAll(async () => {
  await sshd?.stop();
});

function target(over: Partial<Target> & Pick<Target, 'auth'>): Target {
  return { host: sshd.host, port: sshd.port, user: users.admin.name, ...over };
}

async function whoami(session: SshSession): Promise<string> {
  const r = await session.exec('id -un');
  return r.stdout.trim();
}

describe('logins', () => {
  it('key file without passphrase', async () => {
    const s = await SshSession.open({ target: target({ auth: { method: 'key', keyPath: keys.plain } }), knownHosts: await trustingStore(sshd) });
    expect(await whoami(s)).toBe(users.admin.name);
    await s.close();
  });

  it('key file with passphrase; missing and wrong passphrase give typed errors', async () => {
    const knownHosts = await trustingStore(sshd);
    const t = target({ auth: { method: 'key', keyPath: keys.locked } });
    const s = await SshSession.open({ target: t, secrets: { passphrase: PASSPHRASE }, knownHosts });
    expect(await whoami(s)).toBe(users.admin.name);
    await s.close();
    const missing = await rejectsWithCode(SshSession.open({ target: t, knownHosts }), 'ssh:errors.passphraseRequired');
    expect(missing.params.path).toBe(keys.locked);
    await rejectsWithCode(SshSession.open({ target: t, secrets: { passphrase: 'falsch' }, knownHosts }), 'ssh:errors.badPassphrase');
  });

  it('missing or invalid key file', async () => {
    const knownHosts = await trustingStore(sshd);
    await rejectsWithCode(SshSession.open({ target: target({ auth: { method: 'key', keyPath: '/nonexistent/id' } }), knownHosts }), 'ssh:errors.keyFileMissing');
    await rejectsWithCode(SshSession.open({ target: target({ auth: { method: 'key', keyPath: `${keys.plain}.pub` } }), knownHosts }), 'ssh:errors.badKey');
  });

  it('a key the server does not accept -> authFailed', async () => {
    const other = await generateKey(join(await tempDir(), 'id_other'));
    await rejectsWithCode(SshSession.open({ target: target({ auth: { method: 'key', keyPath: other.path } }), knownHosts: await trustingStore(sshd) }), 'ssh:errors.authFailed');
  });

  it('ssh-agent (a real ssh-agent with the passphrase-protected key loaded)', async () => {
    const dir = await tempDir();
    const sock = join(dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 100; i++) {
        if (await readFile(sock).then(() => true, (e: NodeJS.ErrnoException) => e.code !== 'ENOENT')) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      // ssh-add reads the passphrase via SSH_ASKPASS when there is no terminal.
      const askpass = join(dir, 'askpass.sh');
      await run('sh', ['-c', `printf '#!/bin/sh\\nprintf "%%s\\\\n" "$MHS_PASSPHRASE"\\n' > ${askpass} && chmod 700 ${askpass}`]);
      await run('ssh-add', [keys.locked], { env: { ...process.env, SSH_AUTH_SOCK: sock, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: 'none', MHS_PASSPHRASE: PASSPHRASE } });
      const s = await SshSession.open({ target: target({ auth: { method: 'agent' } }), agentSocket: sock, knownHosts: await trustingStore(sshd) });
      expect(await whoami(s)).toBe(users.admin.name);
      await s.close();
      await rejectsWithCode(SshSession.open({ target: target({ auth: { method: 'agent' } }), agentSocket: join(dir, 'nope.sock'), knownHosts: await trustingStore(sshd) }), 'ssh:errors.agentUnavailable');
    } finally {
      agent.kill();
    }
  });

  it('password', async () => {
    const s = await SshSession.open({ target: target({ user: users.pw.name, auth: { method: 'password' } }), secrets: { password: users.pw.password }, knownHosts: await trustingStore(sshd) });
    expect(await whoami(s)).toBe(users.pw.name);
    await s.close();
  });

  it('keyboard-interactive (PAM asks "Password:")', async () => {
    const prompts: string[] = [];
    const s = await SshSession.open({
      target: target({ user: users.pw.name, auth: { method: 'keyboard-interactive' } }),
      knownHosts: await trustingStore(sshd),
      keyboardInteractive: async (req) => {
        prompts.push(...req.prompts.map((p) => p.prompt));
        return req.prompts.map(() => users.pw.password);
      },
    });
    expect(await whoami(s)).toBe(users.pw.name);
    expect(prompts.join()).toMatch(/Password/i);
    await s.close();
    // Default answer: the password from the secrets
    const s2 = await SshSession.open({ target: target({ user: users.pw.name, auth: { method: 'keyboard-interactive' } }), secrets: { password: users.pw.password }, knownHosts: await trustingStore(sshd) });
    expect(await whoami(s2)).toBe(users.pw.name);
    await s2.close();
  });

  it('wrong password and missing password', async () => {
    const knownHosts = await trustingStore(sshd);
    const t = target({ user: users.pw.name, auth: { method: 'password' } });
    const e = await rejectsWithCode(SshSession.open({ target: t, secrets: { password: 'falsch' }, knownHosts }), 'ssh:errors.authFailed');
    expect(e.params).toEqual({ user: users.pw.name, host: sshd.host });
    await rejectsWithCode(SshSession.open({ target: t, knownHosts }), 'ssh:errors.passwordRequired');
  });
});

describe('host keys', () => {
  it('unknown key -> error with the real fingerprint; accepting it stores [host]:port and connects', async () => {
    const store = new KnownHostsStore(join(await tempDir(), 'known_hosts'));
    const t = target({ auth: { method: 'key', keyPath: keys.plain } });
    const e = await rejectsWithCode(SshSession.open({ target: t, knownHosts: store }), 'ssh:errors.hostKeyUnknown');
    expect(e.params).toEqual({ host: sshd.host, port: sshd.port, keyType: 'ssh-ed25519', fingerprint: sshd.hostKeyFingerprint });
    expect(await store.list()).toEqual([]);
    // Accepting a different fingerprint does not help
    await rejectsWithCode(SshSession.open({ target: t, knownHosts: store, acceptHostKeys: [{ host: sshd.host, port: sshd.port, fingerprint: 'SHA256:AAAA' }] }), 'ssh:errors.hostKeyUnknown');
    const s = await SshSession.open({ target: t, knownHosts: store, acceptHostKeys: [{ host: sshd.host, port: sshd.port, fingerprint: String(e.params.fingerprint) }] });
    expect(await whoami(s)).toBe(users.admin.name);
    await s.close();
    const text = await readFile(store.filePath, 'utf8');
    expect(text).toMatch(new RegExp(`^\\[127\\.0\\.0\\.1\\]:${sshd.port} ssh-ed25519 AAAA`));
    // ssh-keygen finds it in our file too (same format as OpenSSH)
    const { stdout } = await run('ssh-keygen', ['-F', `[127.0.0.1]:${sshd.port}`, '-f', store.filePath]);
    expect(stdout).toContain('ssh-ed25519');
  });

  it('changed key is refused (also when "accepted"), until it is explicitly replaced', async () => {
    const own = await startSshd();
    try {
      await own.authorize(users.admin.name, (await readFile(`${keys.plain}.pub`, 'utf8')).trim());
      const store = await trustingStore(own);
      const t: Target = { host: own.host, port: own.port, user: users.admin.name, auth: { method: 'key', keyPath: keys.plain } };
      const oldFp = own.hostKeyFingerprint;
      await own.stop({ keepDir: true });
      const again = await startSshd({ port: own.port, dir: own.dir, newHostKey: true });
      expect(again.hostKeyFingerprint).not.toBe(oldFp);
      try {
        const e = await rejectsWithCode(SshSession.open({ target: t, knownHosts: store }), 'ssh:errors.hostKeyChanged');
        expect(e.params).toMatchObject({ host: own.host, port: own.port, keyType: 'ssh-ed25519', oldFingerprint: oldFp, newFingerprint: again.hostKeyFingerprint });
        // acceptHostKeys is only for unknown keys: a changed key stays blocked.
        await rejectsWithCode(SshSession.open({ target: t, knownHosts: store, acceptHostKeys: [{ host: own.host, port: own.port, fingerprint: again.hostKeyFingerprint }] }), 'ssh:errors.hostKeyChanged');
        // The explicit replace step, with the fingerprint the user confirmed
        await store.replace(own.host, own.port, String(e.params.newFingerprint));
        const s = await SshSession.open({ target: t, knownHosts: store });
        expect(await whoami(s)).toBe(users.admin.name);
        await s.close();
        expect((await store.list()).map((x) => x.fingerprint)).toEqual([again.hostKeyFingerprint]);
      } finally {
        await again.stop();
      }
    } finally {
      await own.stop();
    }
  }, 30_000);

  it('imports the user known_hosts (hashed by ssh-keygen -H) and trusts the server from it', async () => {
    const dir = await tempDir();
    const userFile = join(dir, 'user_known_hosts');
    const pub = (await readFile(`${sshd.hostKeyPath}.pub`, 'utf8')).split(' ');
    await run('sh', ['-c', `printf '[127.0.0.1]:%s %s %s\\n' ${sshd.port} ${pub[0]} ${pub[1]} > ${userFile} && ssh-keygen -q -H -f ${userFile}`]);
    expect(await readFile(userFile, 'utf8')).toMatch(/^\|1\|/);
    const store = new KnownHostsStore(join(dir, 'app_known_hosts'));
    expect(await store.importOpenSsh(userFile)).toEqual({ imported: 1, skipped: 0 });
    const s = await SshSession.open({ target: target({ auth: { method: 'key', keyPath: keys.plain } }), knownHosts: store });
    expect(await whoami(s)).toBe(users.admin.name);
    await s.close();
  });
});

describe('servers with several host keys', () => {
  it('prefers the key type we already trust (only the RSA key is known: no question asked)', async () => {
    const multi = await startSshd({ hostKeyTypes: ['ed25519', 'rsa', 'ecdsa'] });
    try {
      await multi.authorize(users.admin.name, (await readFile(`${keys.plain}.pub`, 'utf8')).trim());
      const rsa = multi.hostKeys.find((k) => k.type === 'ssh-rsa');
      if (!rsa) throw new Error('no rsa host key');
      const store = new KnownHostsStore(join(await tempDir(), 'known_hosts'));
      const t: Target = { host: multi.host, port: multi.port, user: users.admin.name, auth: { method: 'key', keyPath: keys.plain } };
      // Unknown host: the server's preferred key (ed25519) is shown
      const e = await rejectsWithCode(SshSession.open({ target: t, knownHosts: store }), 'ssh:errors.hostKeyUnknown');
      expect(e.params.keyType).toBe('ssh-ed25519');
      await store.add(multi.host, multi.port, Buffer.from((await readFile(`${rsa.path}.pub`, 'utf8')).split(' ')[1] ?? '', 'base64'));
      const s = await SshSession.open({ target: t, knownHosts: store });
      expect(await whoami(s)).toBe(users.admin.name);
      await s.close();
      expect((await store.list()).map((x) => x.fingerprint)).toEqual([rsa.fingerprint]);
    } finally {
      await multi.stop();
    }
  });
});

describe('jump host', () => {
  it('connects through a second sshd (forwardOut), checking both host keys', async () => {
    const jump = await startSshd();
    try {
      await jump.authorize(users.pw.name, (await readFile(`${keys.plain}.pub`, 'utf8')).trim());
      const t: Target = {
        host: sshd.host,
        port: sshd.port,
        user: users.admin.name,
        auth: { method: 'key', keyPath: keys.plain },
        jump: { host: jump.host, port: jump.port, user: users.pw.name, auth: { method: 'password' } },
      };
      // Only the target is trusted: the jump host's key is asked for first.
      const store = await trustingStore(sshd);
      const e = await rejectsWithCode(SshSession.open({ target: t, secrets: { jump: { password: users.pw.password } }, knownHosts: store }), 'ssh:errors.hostKeyUnknown');
      expect(e.params).toMatchObject({ port: jump.port, fingerprint: jump.hostKeyFingerprint });
      const s = await SshSession.open({ target: t, secrets: { jump: { password: users.pw.password } }, knownHosts: store, acceptHostKeys: [{ host: jump.host, port: jump.port, fingerprint: jump.hostKeyFingerprint }] });
      expect(await whoami(s)).toBe(users.admin.name);
      expect(s.description).toBe(`${users.admin.name}@127.0.0.1:${sshd.port} via ${users.pw.name}@127.0.0.1:${jump.port}`);
      await s.close();
      // Proof that the traffic went through the jump host: its sshd logged the direct-tcpip forward to the target.
      const log = await jump.logText();
      expect(log).toMatch(new RegExp(`direct-tcpip.*127\\.0\\.0\\.1.*${sshd.port}|target 127\\.0\\.0\\.1 port ${sshd.port}`));
      // A jump host that cannot reach the target
      const closedPort = await freePort();
      await rejectsWithCode(
        SshSession.open({ target: { ...t, port: closedPort }, secrets: { jump: { password: users.pw.password } }, knownHosts: store }),
        'ssh:errors.jumpFailed',
      );
    } finally {
      await jump.stop();
    }
  });
});

describe('connection errors', () => {
  it('closed port -> unreachable', async () => {
    const port = await freePort();
    const e = await rejectsWithCode(connectSsh({ target: { host: '127.0.0.1', port, user: 'x', auth: { method: 'password' } }, secrets: { password: 'x' }, knownHosts: await trustingStore() }), 'ssh:errors.unreachable');
    expect(e.params).toEqual({ host: '127.0.0.1', port });
  });

  it('name under .invalid -> dnsFailure', async () => {
    const e = await rejectsWithCode(
      connectSsh({ target: { host: 'mail-ha-studio-test.invalid', port: 22, user: 'x', auth: { method: 'password' } }, secrets: { password: 'x' }, knownHosts: await trustingStore() }),
      'ssh:errors.dnsFailure',
    );
    expect(e.params.host).toBe('mail-ha-studio-test.invalid');
  });

  it('a server that accepts TCP but never speaks SSH -> timeout', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      await rejectsWithCode(
        connectSsh({ target: { host: '127.0.0.1', port, user: 'x', auth: { method: 'password' } }, secrets: { password: 'x' }, knownHosts: await trustingStore(), readyTimeoutMs: 1000 }),
        'ssh:errors.timeout',
      );
    } finally {
      silent.close();
    }
  });

  it('cancel while connecting', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 200);
      await rejectsWithCode(
        connectSsh({ target: { host: '127.0.0.1', port, user: 'x', auth: { method: 'password' } }, secrets: { password: 'x' }, knownHosts: await trustingStore(), signal: ac.signal }),
        'ssh:errors.cancelled',
      );
    } finally {
      silent.close();
    }
  });
});
