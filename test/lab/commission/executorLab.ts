/**
 * The executor's lab tests drive the product the way a user of the CLI does: every command is a real
 * `main/cli/index.ts` process (so it can be SIGKILLed in the middle of a step, as an app crash), against the
 * lab's nodes, with the lab's choices for the ct tier (shared LUN, qdevice on the witness, no fencing with a
 * recorded risk acceptance) or the vm tier (DRBD on a new LV, two_node, SBD).
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fingerprintSha256 } from '../../../main/ssh/knownHosts';
import type { Tier } from '../lib/config.js';
import { labNode, type LabStatus } from '../lib/statusSchema.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface LabProject {
  file: string;
  env: NodeJS.ProcessEnv;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the CLI; onLine sees every stderr line as it comes (progress, steps, output); kill() ends it with SIGKILL. */
export function cli(args: string[], env: NodeJS.ProcessEnv, onLine?: (line: string, kill: () => void) => void): Promise<CliRun> {
  const t0 = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'main/cli/index.ts'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let partial = '';
  const kill = () => child.kill('SIGKILL');
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    const text = d.toString();
    stderr += text;
    partial += text;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) onLine?.(l, kill);
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 })));
}

async function must(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const r = await cli(args, env);
  if (r.code !== 0) throw new Error(`cli ${args.join(' ')} exited ${r.code}:\n${r.stderr.slice(-3000)}`);
  return r;
}

function fingerprint(st: LabStatus, name: 'legacy' | 'secondary' | 'witness'): string {
  const line = labNode(st, name).ssh.hostKeys.ed25519 ?? Object.values(labNode(st, name).ssh.hostKeys)[0]!;
  return fingerprintSha256(Buffer.from(line.split(' ')[1] ?? '', 'base64'));
}

/** The lab's planning choices, as `plan set` keys. */
export function labChoices(st: LabStatus, tier: Tier): string[] {
  const common = ['risk.by=Lab CI', `vip=${st.vip.address}/${st.networks.client.prefix}`, `vip.name=${st.vip.fqdn}`];
  if (tier === 'ct') return ['replication=shared', 'quorum=qdevice', 'fencing=none', 'risk.reason=Containers share the host kernel and cannot be fenced', `shared.device=${st.sharedDisk!.nodeDevice}`, ...common];
  return [...VM_CHOICES, ...common.filter((c) => !c.startsWith('risk.'))];
}

/**
 * The vm tier's choices: DRBD on a new LV of vg_mail and the blank disk on the secondary, two_node with SBD on
 * the shared disk. token=3000 and the op timeouts: the plan's own advice for VMs on a busy host (these are TCG
 * guests on a shared 2-core machine).
 */
export const VM_CHOICES = [
  'token=3000', 'replication=drbd', 'quorum=two_node', 'fencing=sbdDisk,drbdResourceFencing,fenceDelay', 'drbd.vg=vg_mail',
  'sbd.device=/dev/disk/by-id/virtio-lab-sbd', 'drbd.secondary-device=/dev/disk/by-id/virtio-lab-drbd', 'op.start=300', 'op.stop=300', 'op.monitor-timeout=120',
];

/**
 * A new project for the lab in `dir`: Ist-Analyse of legacy, secondary and witness added (one login each,
 * host keys accepted by the fingerprints the lab published), the lab's choices set. All as `labadmin` by key,
 * sudo with its password (the admin account that stays usable after root login is switched off).
 */
export async function prepareLabProject(st: LabStatus, tier: Tier, dir: string): Promise<LabProject> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'lab.mhs.json');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MHS_USER_DATA: path.join(dir, 'userdata'),
    MHS_LANG: 'en',
    MHS_SUDO_PASSWORD: st.credentials.admin.password,
    MHS_HACLUSTER_PASSWORD: 'Hacluster-Lab-Run-2026',
  };
  const user = st.credentials.admin.user;
  const key = st.credentials.clientKey;
  await must(['project', 'new', file, '--customer', 'Example GmbH', '--title', `Lab ${tier} commissioning`], env);
  const legacy = labNode(st, 'legacy');
  await must(['analyse', '--host', legacy.ssh.host, '--port', String(legacy.ssh.port), '--user', user, '--key', key, '--project', file, '--accept-fingerprint', fingerprint(st, 'legacy')], env);
  for (const [role, node] of [['secondary', 'secondary'], ['witness', 'witness']] as const) {
    if (tier === 'vm' && role === 'witness' && !st.nodes.some((n) => n.name === 'witness')) continue;
    const n = labNode(st, node);
    await must(['hosts', 'add', '--project', file, '--role', role, '--host', n.ssh.host, '--port', String(n.ssh.port), '--user', user, '--key', key, '--accept-fingerprint', fingerprint(st, node)], env);
  }
  await must(['plan', 'set', '--project', file, ...labChoices(st, tier)], env);
  return { file, env };
}

export interface StepLine {
  index: number;
  state: string;
  stepId: string;
}

/** `[12/65] applying packages.ha@primary` -> its parts (the CLI's step lines, English). */
export function stepLine(line: string): StepLine | undefined {
  const m = /^\[\s*(\d+)\/\d+\] (.+?) (\S+@\S+?)(?: \([\d.]+ s\))?$/.exec(line);
  return m ? { index: Number(m[1]), state: m[2]!, stepId: m[3]! } : undefined;
}
