// Process helpers for the lab. Every external command is run with an argument array (no shell).
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { connect } from 'node:net';

export interface RunOptions {
  input?: string | Buffer;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  allowFail?: boolean;
  timeoutMs?: number;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function log(msg: string): void {
  const t = new Date().toISOString().slice(11, 19);
  process.stderr.write(`[lab ${t}] ${msg}\n`);
}

/** Run a command to completion and collect its output. Throws on a non-zero exit unless allowFail. */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      { cwd: opts.cwd, env: opts.env, maxBuffer: 256 * 1024 * 1024, timeout: opts.timeoutMs ?? 0, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        if (code !== 0 && !opts.allowFail) {
          reject(new Error(`${cmd} ${args.join(' ')} exited ${String(err?.code ?? code)}: ${stderr.trim().slice(-2000)}`));
          return;
        }
        resolve({ code, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** Run a long command with its output appended to a log file; throws on a non-zero exit with the log's tail. */
export function runToLog(cmd: string, args: readonly string[], logFile: string, opts: { cwd?: string } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const fd = openSync(logFile, 'a');
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['ignore', fd, fd] });
    child.on('error', (e) => {
      closeSync(fd);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      closeSync(fd);
      if (code === 0) resolve();
      else {
        const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
        reject(new Error(`${cmd} failed (${String(code ?? signal)}); see ${logFile}:\n${tail}`));
      }
    });
  });
}

/**
 * Start a long-running process in its own session (so its PID is also its process group id) with output
 * to a log file, and return the PID. The lab records it and later stops exactly that group.
 */
export function spawnDetached(cmd: string, args: readonly string[], logFile: string): number {
  const fd = openSync(logFile, 'a');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
  return child.pid;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The kernel's start time of a process (clock ticks since boot): tells a PID apart from a reused one. */
export function procStartTime(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  } catch {
    return undefined;
  }
}

/** The first process (PID) with an open file descriptor whose target matches, scanning /proc. */
export function findProcessWithFd(match: (target: string) => boolean): number | undefined {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (match(readlinkSync(`/proc/${pid}/fd/${fd}`))) return Number(pid);
      } catch {
        /* closed meanwhile */
      }
    }
  }
  return undefined;
}

/** Signal a process group started by spawnDetached (falls back to the single PID). */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll until fn returns a truthy value or the deadline passes. */
export async function waitFor<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined | false> | T | undefined | false, intervalMs = 250): Promise<T> {
  const end = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? `: ${String(lastErr)}` : ''}`);
    await sleep(intervalMs);
  }
}

/** Stop a group politely, then forcibly; resolves when the leader is gone. */
export async function stopGroup(pid: number, graceMs: number, first: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!isAlive(pid)) return;
  signalGroup(pid, first);
  const end = Date.now() + graceMs;
  while (Date.now() < end) {
    if (!isAlive(pid)) return;
    await sleep(100);
  }
  signalGroup(pid, 'SIGKILL');
  await waitFor(`PID ${pid} to exit`, 10_000, () => !isAlive(pid), 100);
}

/** Resolves with the first line a TCP server sends (e.g. an SSH or SMTP banner). */
export function readBanner(host: string, port: number, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ host, port });
    let buf = '';
    const t = setTimeout(() => {
      s.destroy();
      reject(new Error(`no banner from ${host}:${port}`));
    }, timeoutMs);
    s.on('data', (d) => {
      buf += d.toString('latin1');
      const i = buf.indexOf('\n');
      if (i >= 0) {
        clearTimeout(t);
        s.destroy();
        resolve(buf.slice(0, i).trim());
      }
    });
    s.on('error', (e) => {
      clearTimeout(t);
      reject(e);
    });
    s.on('close', () => {
      clearTimeout(t);
      reject(new Error(`connection to ${host}:${port} closed without banner`));
    });
  });
}

export function sha256(parts: readonly (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(p);
    h.update('\0');
  }
  return h.digest('hex');
}

export function readList(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => l.length > 0);
}

/** Quote one word for POSIX sh (used only where a tool insists on a shell string, like mmdebstrap hooks). */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A lock shared by every process that builds lab images (the smoke tests, other engineers' lab tests, CI):
 * a directory created atomically, holding the owner's PID; a lock whose owner died is taken over.
 */
export async function withLock<T>(lockDir: string, what: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const { mkdirSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const pidFile = `${lockDir}/pid`;
  const end = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir, { recursive: false });
      writeFileSync(pidFile, String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner = NaN;
      try {
        owner = Number(readFileSync(pidFile, 'utf8'));
      } catch {
        /* being created or removed */
      }
      if (Number.isFinite(owner) && owner > 0 && !isAlive(owner)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!announced) {
        log(`waiting for ${what} (held by PID ${Number.isFinite(owner) ? owner : '?'})`);
        announced = true;
      }
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(1000);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
