/**
 * Drives the app's own CLI (main/cli) against the lab the way a newcomer would: a project, the Ist-Analyse
 * of legacy, the other nodes added, the lab's options chosen with `plan set`, then `commission`. Every node
 * is reached as the admin user with sudo (the login that stays after PermitRootLogin no).
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fingerprintSha256 } from '../../../main/ssh/knownHosts';
import type { LabStatus, NodeStatus } from '../lib/statusSchema.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliEnv {
  userData: string;
  st: LabStatus;
}

export function cliEnv(st: LabStatus, dir: string): CliEnv {
  const userData = path.join(dir, 'user-data');
  mkdirSync(userData, { recursive: true });
  return { userData, st };
}

function env(e: CliEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MHS_USER_DATA: e.userData,
    MHS_LANG: 'en',
    MHS_SUDO_PASSWORD: e.st.credentials.admin.password,
    MHS_SSH_PASSPHRASE: '',
  };
}

/**
 * Runs `npm run cli -- ARGS`; `onLine` sees every stderr line as it comes (the CLI's progress) and may
 * return 'kill' to SIGKILL the process there (an interruption at a chosen step).
 */
export function cli(e: CliEnv, args: string[], onLine?: (line: string) => 'kill' | void, timeoutMs = 60 * 60_000): Promise<CliRun & { killed: boolean }> {
  return run(e, path.join(ROOT, 'main/cli/index.ts'), args, onLine, timeoutMs);
}

function run(e: CliEnv, script: string, args: string[], onLine?: (line: string) => 'kill' | void, timeoutMs = 60 * 60_000): Promise<CliRun & { killed: boolean }> {
  return new Promise((resolve, reject) => {
    // One process (tsx as a loader, not tsx's cli, which runs the script in a child): a SIGKILL must hit the CLI itself.
    const p = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: env(e), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      p.kill('SIGKILL');
    }, timeoutMs);
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => {
      const text = d.toString();
      stderr += text;
      if (process.env.MHS_LAB_VERBOSE) process.stderr.write(text);
      partial += text;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) if (onLine?.(l) === 'kill' && !killed) {
        killed = true;
        p.kill('SIGKILL');
      }
    });
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed });
    });
  });
}

export const fingerprint = (n: NodeStatus) => fingerprintSha256(Buffer.from((n.ssh.hostKeys.ed25519 ?? Object.values(n.ssh.hostKeys)[0] ?? '').split(' ')[1] ?? '', 'base64'));
const node = (st: LabStatus, name: string) => st.nodes.find((n) => n.name === name)!;

async function must(e: CliEnv, args: string[]): Promise<CliRun> {
  const r = await cli(e, args);
  if (r.code !== 0) throw new Error(`cli ${args.join(' ')} exited ${r.code}:\n${r.stderr.slice(-3000)}`);
  return r;
}

/** `plan set --project F KEY=VALUE...` */
export async function planSet(e: CliEnv, file: string, pairs: string[]): Promise<void> {
  await must(e, ['plan', 'set', '--project', file, ...pairs]);
}

/** The lab's project from scratch through the CLI; returns its file. `settings` are extra `plan set` pairs. */
export async function makeLabProject(e: CliEnv, file: string, settings: string[]): Promise<string> {
  const st = e.st;
  const admin = st.credentials.admin.user;
  const key = st.credentials.clientKey;
  await must(e, ['project', 'new', file]);
  const legacy = node(st, 'legacy');
  await must(e, ['analyse', '--host', legacy.ssh.host, '--port', String(legacy.ssh.port), '--user', admin, '--key', key, '--accept-fingerprint', fingerprint(legacy), '--project', file]);
  for (const [name, role] of [
    ['secondary', 'secondary'],
    ['witness', 'witness'],
  ] as const) {
    const n = st.nodes.find((x) => x.name === name);
    if (!n) continue;
    await must(e, ['hosts', 'add', '--project', file, '--role', role, '--host', n.ssh.host, '--port', String(n.ssh.port), '--user', admin, '--key', key, '--accept-fingerprint', fingerprint(n)]);
  }
  await planSet(e, file, [`vip=${st.vip.address}/24`, `vip.name=${st.vip.fqdn}`, ...settings]);
  return file;
}
