// systemd-nspawn nodes on an overlay of a cached root image, attached to the lab bridge.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { nodeCgroups, inCgroups, trackingHierarchies } from './cgroup.js';
import { BRIDGE, type NodeName } from './config.js';
import type { NodeLaunch } from './state.js';
import { inNetns } from './net.js';
import { isAlive, log, run, sleep, spawnDetached, waitFor } from './util.js';

/** Units that have nothing to do in a container (no md arrays, no LVM, no kernel time). */
export const MASK_IN_CONTAINER = [
  'mdmonitor.service',
  'mdadm-waitidle.service',
  'mdcheck_start.timer',
  'mdcheck_continue.timer',
  'mdmonitor-oneshot.timer',
  'lvm2-monitor.service',
  'lvm2-lvmpolld.socket',
  'dm-event.socket',
  'systemd-timesyncd.service',
];

export interface OverlayPaths {
  upper: string;
  work: string;
  root: string;
}

export async function mountOverlay(lower: string, nodeDir: string): Promise<OverlayPaths> {
  const p = { upper: join(nodeDir, 'upper'), work: join(nodeDir, 'work'), root: join(nodeDir, 'root') };
  for (const d of Object.values(p)) mkdirSync(d, { recursive: true });
  await run('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=${lower},upperdir=${p.upper},workdir=${p.work}`, p.root]);
  return p;
}

export function maskContainerUnits(root: string): void {
  const dir = join(root, 'etc', 'systemd', 'system');
  mkdirSync(dir, { recursive: true });
  for (const u of MASK_IN_CONTAINER) {
    const p = join(dir, u);
    rmSync(p, { force: true });
    symlinkSync('/dev/null', p);
  }
}

export interface NspawnSpec {
  ns: string;
  name: NodeName;
  root: string;
  logFile: string;
  /** further veth pairs (host end in the lab namespace, attached to a bridge by the caller) */
  extraVeths?: { host: string; guest: string }[];
}

/** The command line that boots this container: recorded, so `start` boots it again exactly so. */
export function nspawnLaunch(s: NspawnSpec): NodeLaunch {
  const args = [
    '-q',
    '-D',
    s.root,
    '-M',
    s.name,
    `--hostname=${s.name}`,
    '--boot',
    '--register=no',
    '--keep-unit',
    '--console=read-only',
    `--network-bridge=${BRIDGE.name}`,
    ...(s.extraVeths ?? []).map((v) => `--network-veth-extra=${v.host}:${v.guest}`),
    '--capability=CAP_NET_ADMIN,CAP_NET_RAW,CAP_IPC_LOCK,CAP_SYS_RESOURCE',
  ];
  // The container gets the unified hierarchy (cgroup2 at its /sys/fs/cgroup), as Debian 12's systemd runs on a
  // real server; left alone, nspawn would give it this hybrid host's v1 layout. Its cgroup is its own (cgroup.ts).
  const [ncmd, nargs] = inNetns(s.ns, 'env', ['SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1', 'systemd-nspawn', ...args]);
  const [cmd, a] = inCgroups(nodeCgroups(trackingHierarchies().dirs, s.ns, s.name), ncmd, nargs);
  return { cmd, args: a, log: s.logFile };
}

export function startNspawn(s: NspawnSpec): number {
  const l = nspawnLaunch(s);
  return spawnDetached(l.cmd, l.args, l.log);
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** The container's PID 1 as seen from the host (the init process below systemd-nspawn). */
export async function containerInit(nspawnPid: number): Promise<number> {
  return waitFor(`init of container (nspawn ${nspawnPid})`, 20_000, () => {
    if (!isAlive(nspawnPid)) throw new Error(`systemd-nspawn ${nspawnPid} exited`);
    const queue = childrenOf(nspawnPid);
    while (queue.length) {
      const p = queue.shift() as number;
      try {
        const comm = readFileSync(`/proc/${p}/comm`, 'utf8').trim();
        const nspid = readFileSync(`/proc/${p}/status`, 'utf8').match(/^NSpid:\s+(.*)$/m)?.[1]?.trim().split(/\s+/);
        if (comm === 'systemd' && nspid && nspid[nspid.length - 1] === '1') return p;
      } catch {
        /* raced with exit */
      }
      queue.push(...childrenOf(p));
    }
    return undefined;
  });
}

/** Run a command inside a running container (all its namespaces) and return stdout. */
export async function execIn(initPid: number, args: readonly string[], opts: { input?: string; allowFail?: boolean; timeoutMs?: number } = {}): Promise<string> {
  const r = await run(
    'nsenter',
    ['-t', String(initPid), '-m', '-u', '-i', '-n', '-p', '--', 'env', '-i', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOME=/root', 'LANG=C.UTF-8', ...args],
    opts,
  );
  return r.stdout;
}

/** Ask the container to power off (nspawn forwards SIGTERM as an orderly shutdown); kill it if that hangs. */
export async function stopNspawn(nspawnPid: number, initPid: number | undefined, graceMs: number): Promise<void> {
  if (!isAlive(nspawnPid)) return;
  try {
    process.kill(nspawnPid, 'SIGTERM');
  } catch {
    return;
  }
  const end = Date.now() + graceMs;
  while (Date.now() < end && isAlive(nspawnPid)) await sleep(100);
  if (isAlive(nspawnPid)) {
    if (initPid && isAlive(initPid)) process.kill(initPid, 'SIGKILL');
    await sleep(500);
    if (isAlive(nspawnPid)) process.kill(nspawnPid, 'SIGKILL');
    await waitFor(`nspawn ${nspawnPid} to exit`, 10_000, () => !isAlive(nspawnPid), 100);
  }
}

export async function umountIfMounted(path: string): Promise<void> {
  const mounts = readFileSync('/proc/self/mounts', 'utf8');
  const esc = path.replace(/ /g, '\\040');
  if (!mounts.split('\n').some((l) => l.split(' ')[1] === esc)) return;
  // A killed container's processes can take a while to exit under load (the PID namespace dies async).
  for (let i = 0; i < 60; i++) {
    const r = await run('umount', [path], { allowFail: true });
    if (r.code === 0) return;
    await sleep(250);
  }
  // Still busy after 15 s: detach it (the kernel frees it when the last user is gone) rather than fail down.
  const r = await run('umount', ['-l', path], { allowFail: true });
  if (r.code !== 0) throw new Error(`could not unmount ${path}: ${r.stderr.trim()}`);
  log(`${path} was still busy: detached it (umount -l)`);
}

export function listDirs(p: string): string[] {
  return existsSync(p) ? readdirSync(p) : [];
}
