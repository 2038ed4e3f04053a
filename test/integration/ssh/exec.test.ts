/**
 * Running commands over a real sshd: exit codes and signals, UTF-8 streaming, stdin, timeouts, cancellation,
 * check errors, reconnect rules for idempotent and non-idempotent commands, audit of every command.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../main/audit/auditLog';
import { SshSession, type SessionEvent } from '../../../main/ssh/session';
import { shCommand, shQuote } from '../../../shared/shell/quote';
import { rejectsWithCode, tempDir, trustingStore } from './helpers';
import { ensureTestUsers, nonce, startSshd, type SshdInstance, type TestUsers } from './sshdFixture';

const run = promisify(execFile);

let users: TestUsers;
let sshd: SshdInstance;
let session: SshSession;
let audit: AuditLog;
const events: SessionEvent[] = [];

beforeAll(async () => {
  users = await ensureTestUsers();
  sshd = await startSshd();
  audit = new AuditLog(join(await tempDir(), 'audit.jsonl'));
  session = await SshSession.open({
    target: { host: sshd.host, port: sshd.port, user: users.pw.name, auth: { method: 'password' } },
    secrets: { password: users.pw.password },
    knownHosts: await trustingStore(sshd),
    audit,
    killGraceMs: 500,
    reconnect: { attempts: 5, baseDelayMs: 100 },
    onEvent: (e) => events.push(e),
  });
}, 60_000);

afterAll(async () => {
  await session?.close();
  await sshd?.stop();
});

/** Is a process with this exact marker in its command line still running on the (local) server? */
async function running(marker: string): Promise<boolean> {
  const { stdout } = await run('ps', ['-eo', 'args']);
  return stdout.split('\n').some((l) => l.includes(marker) && !l.includes('ps -eo'));
}

describe('exec', () => {
  it('returns stdout, stderr and the exit code (non-zero is a value, not an error)', async () => {
    const r = await session.exec('echo out; echo err >&2; exit 3');
    expect(r).toMatchObject({ exitCode: 3, signal: null, stdout: 'out\n', stderr: 'err\n', truncated: false, attempt: 1 });
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports the signal that ended the command', async () => {
    const r = await session.exec('kill -TERM $$');
    expect(r.exitCode).toBeNull();
    expect(r.signal).toBe('SIGTERM');
  });

  it('streams UTF-8 with umlauts split across chunks intact', async () => {
    const chunks: string[] = [];
    // ä = C3 A4 sent in two writes with a pause, so the bytes arrive in different SSH packets
    const r = await session.exec(`printf 'Gr\\303'; sleep 0.3; printf '\\274\\303\\237e \\303'; sleep 0.3; printf '\\244\\n'`, { onStdout: (t) => chunks.push(t) });
    expect(r.stdout).toBe('Grüße ä\n');
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(chunks.join('')).toBe('Grüße ä\n');
    expect(chunks.join('')).not.toContain('\uFFFD');
  });

  it('large umlaut output arrives unbroken', async () => {
    let streamed = '';
    const r = await session.exec(`i=0; while [ $i -lt 20000 ]; do echo "Grüße äöü ÄÖÜ ß €"; i=$((i+1)); done`, { onStdout: (t) => (streamed += t) });
    const expected = 'Grüße äöü ÄÖÜ ß €\n'.repeat(20000);
    expect(r.stdout).toBe(expected);
    expect(streamed).toBe(expected);
  });

  it('cleans escape sequences, control characters and invalid UTF-8 from what the server prints, however it is chunked', async () => {
    const streamed: string[] = [];
    const raw: Buffer[] = [];
    // ESC [ 3 1 m split over two writes, an OSC title, a bell, invalid bytes, a C1 CSI, a bidi override.
    const cmd = `printf 'a\\033['; sleep 0.2; printf '31mred\\033[0m \\033]0;owned\\007b\\007\\377\\376c \\302\\23331m\\342\\200\\256d\\r\\n'; printf 'e\\033[2J' >&2`;
    const r = await session.exec(cmd, { onStdout: (t) => streamed.push(t), onStdoutBytes: (b) => raw.push(b) });
    expect(r.stdout).toBe('ared b\uFFFD\uFFFDc d\r\n');
    expect(streamed.join('')).toBe(r.stdout);
    expect(r.stderr).toBe('e');
    expect(Buffer.concat(raw).includes(Buffer.from('\x1b]0;owned'))).toBe(true);
    const { entries } = await audit.read({ limit: 1000 });
    const e = entries.find((x) => x.command === cmd);
    expect(e?.stdout).toBe(r.stdout);
    expect(e?.stderr).toBe('e');
  });

  it('passes stdin (and closes it, so cat ends)', async () => {
    expect((await session.exec('cat', { stdin: 'Zeile ä\nzwei\n' })).stdout).toBe('Zeile ä\nzwei\n');
    expect((await session.exec('cat')).stdout).toBe('');
  });

  it('arguments quoted with shCommand arrive unchanged on the server', async () => {
    const nasty = [`it's "quoted" $(id) \`id\` $HOME`, '', 'Zeile1\nZeile2', 'ümlaut *', '-n'];
    // base64 per argument: output is cleaned of control characters, the arguments must arrive byte for byte.
    const r = await session.exec(shCommand(['sh', '-c', `for a in "$@"; do printf '%s' "$a" | base64 -w0; echo; done`, '_', ...nasty]));
    expect(r.stdout.split('\n').slice(0, -1).map((b) => Buffer.from(b, 'base64').toString('utf8'))).toEqual(nasty);
    const a = await session.execArgv(['printf', '%s|', ...nasty]);
    expect(a.stdout).toBe(nasty.map((x) => `${x}|`).join(''));
  });

  it('per-command timeout kills the command on the server', async () => {
    const marker = `sleep 3${Math.floor(Math.random() * 1000)}.5`;
    const e = await rejectsWithCode(session.exec(`${marker}; echo never`, { timeoutMs: 500 }), 'ssh:errors.commandTimeout');
    expect(e.params).toMatchObject({ seconds: 0.5, host: sshd.host });
    await new Promise((r) => setTimeout(r, 300));
    expect(await running(marker)).toBe(false);
  });

  it('cancel via AbortSignal stops the command', async () => {
    const marker = `sleep 4${Math.floor(Math.random() * 1000)}.5`;
    const ac = new AbortController();
    const p = session.exec(marker, { signal: ac.signal });
    await new Promise((r) => setTimeout(r, 400));
    expect(await running(marker)).toBe(true);
    ac.abort();
    await rejectsWithCode(p, 'ssh:errors.cancelled');
    await new Promise((r) => setTimeout(r, 300));
    expect(await running(marker)).toBe(false);
    await rejectsWithCode(session.exec('true', { signal: ac.signal }), 'ssh:errors.cancelled');
  });

  it.each([
    ['synchronously (nothing sent yet)', (ac: AbortController) => ac.abort()],
    ['on the next turn (channel not open yet)', (ac: AbortController) => setImmediate(() => ac.abort())],
  ])('cancel right after calling exec, %s, leaves nothing running', async (_name, abort) => {
    const marker = `sleep 6${Math.floor(Math.random() * 1000)}.5`;
    const ac = new AbortController();
    const p = session.exec(marker, { signal: ac.signal });
    abort(ac);
    await rejectsWithCode(p, 'ssh:errors.cancelled');
    await new Promise((r) => setTimeout(r, 500));
    expect(await running(marker)).toBe(false);
  });

  it('check turns exit codes into typed errors', async () => {
    const nf = await rejectsWithCode(session.exec('mhs-no-such-program-xyz --help', { check: true }), 'ssh:errors.commandNotFound');
    expect(nf.params.command).toBe('mhs-no-such-program-xyz --help');
    await rejectsWithCode(session.exec('cat /etc/shadow', { check: true }), 'ssh:errors.permissionDenied');
    const f = await rejectsWithCode(session.exec('echo kaputt >&2; exit 4', { check: true }), 'ssh:errors.commandFailed');
    expect(f.params.exitCode).toBe(4);
    expect(f.detail).toContain('kaputt');
    expect((await session.exec('true', { check: true })).exitCode).toBe(0);
  });

  it('rejects NUL and empty commands before sending anything', async () => {
    await rejectsWithCode(session.exec('echo a\0b'), 'ssh:errors.nulInArgument');
    await rejectsWithCode(session.exec('  '), 'ssh:errors.emptyCommand');
  });
});

describe('reconnect', () => {
  // `kill -9 $PPID` kills this connection's sshd process on the server: the connection drops mid-command.
  it('a non-idempotent command is NOT re-run after the connection drops; the next command reconnects', async () => {
    const file = `/tmp/mhs-it-${nonce()}`;
    events.length = 0;
    await rejectsWithCode(session.exec(`echo run >> ${shQuote(file)}; kill -9 $PPID; sleep 5`), 'ssh:errors.connectionLost');
    const r = await session.exec(`cat ${shQuote(file)}; rm -f ${shQuote(file)}`);
    expect(r.stdout).toBe('run\n'); // ran exactly once
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['lost', 'reconnecting', 'reconnected']));
  });

  it('an idempotent command is re-run after a reconnect', async () => {
    const file = `/tmp/mhs-it-${nonce()}`;
    const q = shQuote(file);
    const r = await session.exec(`echo run >> ${q}; if [ "$(wc -l < ${q})" -lt 2 ]; then kill -9 $PPID; sleep 5; fi; echo fertig`, { idempotent: true });
    expect(r.stdout).toBe('fertig\n');
    expect(r.attempt).toBe(2);
    expect((await session.exec(`cat ${q}; rm -f ${q}`)).stdout).toBe('run\nrun\n');
  });
});

describe('audit', () => {
  it('recorded every command above with host, user, timing and outcome', async () => {
    await session.exec('echo audit-me; exit 7');
    const { entries } = await audit.read({ limit: 1000 });
    const last = entries[entries.length - 1];
    expect(last).toMatchObject({ host: sshd.host, port: sshd.port, user: users.pw.name, command: 'echo audit-me; exit 7', exitCode: 7, signal: null, stdout: 'audit-me\n', sudo: false });
    expect(Date.parse(last?.startedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(entries.some((e) => e.signal === 'SIGTERM')).toBe(true);
    expect(entries.some((e) => e.errorCode === 'ssh:errors.commandTimeout')).toBe(true);
    expect(entries.some((e) => e.errorCode === 'ssh:errors.cancelled')).toBe(true);
    expect(entries.some((e) => e.errorCode === 'ssh:errors.connectionLost')).toBe(true);
    expect(entries.some((e) => e.attempt === 2)).toBe(true);
    const big = entries.find((e) => e.command.startsWith('i=0; while'));
    expect(big?.outputTruncated).toBe(true);
    expect(Buffer.byteLength(big?.stdout ?? '')).toBeLessThan(17 * 1024 + 100);
    expect(JSON.stringify(entries)).not.toContain(users.pw.password);
  });
});
