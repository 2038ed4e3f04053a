/**
 * Test fixture: a real OpenSSH sshd on 127.0.0.1 with a random free port, its own host key and sshd_config in a
 * temporary directory, plus dedicated local test users. Import from any integration test:
 *
 *   const users = await ensureTestUsers();          // needs root; creates mhs-* users once per machine
 *   const sshd = await startSshd();                 // { host, port, hostKeyFingerprint, dir, logText(), stop() }
 *   ...
 *   await sshd.stop();
 *
 * Only 127.0.0.0/8 is ever used. Tests run as root (locally and in CI); sshd needs root for password/PAM logins.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SSHD_BIN = '/usr/sbin/sshd';

export interface TestUser {
  name: string;
  password: string;
}
export interface TestUsers {
  /** Password login; passwordless sudo (NOPASSWD). */
  pw: TestUser;
  /** In the sudoers drop-in, sudo asks for its password. */
  admin: TestUser;
  /** No sudo rights at all. */
  nosudo: TestUser;
}

/** Returns a TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function fingerprintOf(pubKeyPath: string): Promise<string> {
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubKeyPath]);
  const fp = stdout.split(' ')[1];
  if (!fp) throw new Error(`cannot read fingerprint from ${stdout}`);
  return fp;
}

export async function generateKey(path: string, passphrase = '', type: 'ed25519' | 'rsa' | 'ecdsa' = 'ed25519'): Promise<{ path: string; publicKey: string }> {
  await rm(path, { force: true });
  await rm(`${path}.pub`, { force: true });
  await run('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-C', 'mhs-test', '-f', path]);
  return { path, publicKey: (await readFile(`${path}.pub`, 'utf8')).trim() };
}

const FIXTURE_STATE = '/var/lib/mhs-ssh-fixture';
const LOCK = '/tmp/mhs-ssh-fixture.lock';

/**
 * Creates the test users (once per machine, under a file lock because test files run in parallel) and returns
 * their passwords. Passwords are random per machine, kept root-only in /var/lib/mhs-ssh-fixture. The password
 * deliberately contains quotes, a dollar sign and an umlaut so quoting/stdin handling is exercised.
 */
export async function ensureTestUsers(): Promise<TestUsers> {
  if (process.getuid?.() !== 0) throw new Error('SSH integration tests must run as root (they start sshd and create test users)');
  const script = `
set -e
mkdir -p ${FIXTURE_STATE}; chmod 700 ${FIXTURE_STATE}
for u in mhs-pw mhs-admin mhs-nosudo; do
  id "$u" >/dev/null 2>&1 || useradd -m -s /bin/bash "$u"
  if [ ! -s ${FIXTURE_STATE}/"$u".pw ]; then
    pw="Pw'\\"\\$ä-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \\n')"
    printf '%s' "$pw" > ${FIXTURE_STATE}/"$u".pw
    chmod 600 ${FIXTURE_STATE}/"$u".pw
  fi
  printf '%s:%s\\n' "$u" "$(cat ${FIXTURE_STATE}/"$u".pw)" | chpasswd
done
cat > /etc/sudoers.d/mhs-test.tmp <<'SUDOERS'
# Mail HA Studio SSH integration tests
Defaults:mhs-admin timestamp_timeout=0
Defaults:mhs-pw timestamp_timeout=0
mhs-pw ALL=(ALL:ALL) NOPASSWD: ALL
mhs-admin ALL=(ALL:ALL) ALL
SUDOERS
chmod 440 /etc/sudoers.d/mhs-test.tmp
visudo -cq -f /etc/sudoers.d/mhs-test.tmp
mv /etc/sudoers.d/mhs-test.tmp /etc/sudoers.d/mhs-test
mkdir -p /run/sshd; chmod 755 /run/sshd
`;
  await run('flock', [LOCK, 'sh', '-c', script]);
  const pw = async (name: string): Promise<TestUser> => ({ name, password: await readFile(join(FIXTURE_STATE, `${name}.pw`), 'utf8') });
  return { pw: await pw('mhs-pw'), admin: await pw('mhs-admin'), nosudo: await pw('mhs-nosudo') };
}

export interface SshdOptions {
  /** Reuse a port (e.g. to restart with a new host key on the same address). */
  port?: number;
  /** Reuse a directory (keeps authorized keys and the log). */
  dir?: string;
  /** Extra sshd_config lines. */
  extraConfig?: string[];
  /** Regenerate the host keys even if the directory already has them. */
  newHostKey?: boolean;
  /** Host key types the server offers (default ['ed25519']); the first one is `hostKeyPath`. */
  hostKeyTypes?: ('ed25519' | 'rsa' | 'ecdsa')[];
  /** Internal: the one retry after a lost race for the chosen port. */
  retried?: boolean;
}

export interface SshdInstance {
  host: '127.0.0.1';
  port: number;
  dir: string;
  /** Path and SHA256 fingerprint of the first host key. */
  hostKeyPath: string;
  hostKeyFingerprint: string;
  /** All host keys (type as in the key blob, e.g. ssh-rsa). */
  hostKeys: { type: string; path: string; fingerprint: string }[];
  /** Authorizes a public key for a user (file per user in the fixture directory). */
  authorize(user: string, publicKey: string): Promise<void>;
  /** sshd's own log (LogLevel DEBUG1). */
  logText(): Promise<string>;
  /** Stops sshd including all its open connections and, unless keepDir, removes the temp directory. */
  stop(opts?: { keepDir?: boolean }): Promise<void>;
}

async function waitListening(port: number, proc: ChildProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`sshd exited with ${proc.exitCode}: ${await readFile(logPath, 'utf8').catch(() => '')}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('data', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
      s.setTimeout(1000, () => {
        s.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not start on port ${port}: ${await readFile(logPath, 'utf8').catch(() => '')}`);
}

export async function startSshd(opts: SshdOptions = {}): Promise<SshdInstance> {
  if (!existsSync(SSHD_BIN)) throw new Error(`${SSHD_BIN} missing: install openssh-server (see test/integration/ssh/apt-packages.txt)`);
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'mhs-sshd-')));
  await chmod(dir, 0o755); // sshd's privilege-separated child and the users must be able to read authorized keys
  const types = opts.hostKeyTypes ?? ['ed25519'];
  const hostKeys: SshdInstance['hostKeys'] = [];
  for (const type of types) {
    const path = join(dir, `ssh_host_${type}_key`);
    if (opts.newHostKey || !existsSync(path)) await generateKey(path, '', type);
    const pub = (await readFile(`${path}.pub`, 'utf8')).split(' ');
    hostKeys.push({ type: pub[0] ?? '', path, fingerprint: await fingerprintOf(`${path}.pub`) });
  }
  const first = hostKeys[0];
  if (!first) throw new Error('at least one host key type is needed');
  const authDir = join(dir, 'authorized_keys');
  await mkdir(authDir, { recursive: true, mode: 0o755 });
  const port = opts.port ?? (await freePort());
  const logPath = join(dir, 'sshd.log');
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    ...hostKeys.map((k) => `HostKey ${k.path}`),
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${authDir}/%u`,
    'StrictModes no',
    'UsePAM yes',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication yes',
    'PubkeyAuthentication yes',
    'PermitRootLogin prohibit-password',
    'AllowTcpForwarding yes',
    'AllowUsers mhs-pw mhs-admin mhs-nosudo',
    'MaxStartups 100:30:200',
    'MaxAuthTries 10',
    'LogLevel DEBUG1',
    'PrintMotd no',
    'AcceptEnv LANG LC_*',
    ...(opts.extraConfig ?? []),
  ].join('\n');
  const configPath = join(dir, 'sshd_config');
  await writeFile(configPath, config + '\n', { mode: 0o600 });
  await writeFile(logPath, '');
  const proc = spawn(SSHD_BIN, ['-D', '-f', configPath, '-E', logPath], { stdio: 'ignore' });
  try {
    await waitListening(port, proc, logPath);
  } catch (e) {
    // freePort() closes the port it found before sshd binds it: a test file running beside this one may take it
    // first. Only then, and only for a port this fixture chose, once more on another port.
    if (opts.port !== undefined || opts.retried || !/Address already in use/.test(String(e))) throw e;
    return startSshd({ ...opts, retried: true });
  }
  return {
    host: '127.0.0.1',
    port,
    dir,
    hostKeyPath: first.path,
    hostKeyFingerprint: first.fingerprint,
    hostKeys,
    async authorize(user, publicKey) {
      const file = join(authDir, user);
      const old = await readFile(file, 'utf8').catch(() => '');
      await writeFile(file, old + publicKey.trim() + '\n', { mode: 0o644 });
    },
    logText: () => readFile(logPath, 'utf8'),
    async stop(stopOpts) {
      // Stopping the listener does not end established connections (each has its own sshd process):
      // end them too, so a stopped server really is gone for its clients.
      // Freeze the whole tree first (a frozen process cannot fork a session child that would escape to init),
      // collect until nothing new appears, then kill everything.
      if (proc.pid && proc.exitCode === null) {
        signalQuietly(proc.pid, 'SIGSTOP');
        const all = new Set<number>();
        for (let round = 0; round < 20; round++) {
          const found = (await descendants(proc.pid)).filter((p) => !all.has(p));
          if (found.length === 0 && round > 0) break;
          for (const p of found) {
            all.add(p);
            signalQuietly(p, 'SIGSTOP');
          }
        }
        for (const p of all) signalQuietly(p, 'SIGKILL');
        signalQuietly(proc.pid, 'SIGCONT');
      }
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      if (!stopOpts?.keepDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** All processes below pid (children first listed after their parent). Only ever used on our own sshd. */
async function descendants(pid: number): Promise<number[]> {
  const out: number[] = [];
  const { stdout } = await run('ps', ['-o', 'pid=', '--ppid', String(pid)]).catch(() => ({ stdout: '' }));
  for (const child of stdout.split('\n').map((x) => Number(x.trim())).filter((x) => x > 1)) {
    out.push(child, ...(await descendants(child)));
  }
  return out;
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
}

/** A fresh random string (for file names in tests). */
export function nonce(): string {
  return randomBytes(6).toString('hex');
}
