// The lab's network namespace, its bridge, the loopback relays and the local package repository server.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BRIDGE, LAB_DIR, NETS, NETWORKS, REPO_PORT, type NetName } from './config.js';
import { run, spawnDetached, waitFor } from './util.js';

export const netnsPath = (ns: string): string => `/run/netns/${ns}`;

export async function netnsExists(ns: string): Promise<boolean> {
  return existsSync(netnsPath(ns));
}

/**
 * Create the namespace with loopback up and one bridge per lab network (client, cluster), each carrying
 * its subnet and no route anywhere else.
 */
export async function createNetns(ns: string, nets: readonly NetName[] = NETS): Promise<void> {
  if (await netnsExists(ns)) throw new Error(`network namespace ${ns} already exists: run \`npm run lab -- down\` first`);
  await run('ip', ['netns', 'add', ns]);
  await run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
  for (const net of nets) {
    const { bridge, bridgeAddress, prefix } = NETWORKS[net];
    await run('ip', ['-n', ns, 'link', 'add', bridge, 'type', 'bridge']);
    await run('ip', ['-n', ns, 'addr', 'add', `${bridgeAddress}/${prefix}`, 'dev', bridge]);
    await run('ip', ['-n', ns, 'link', 'set', bridge, 'up']);
  }
}

/** Put a node's port (veth host end or tap) on its network's bridge, up or down. */
export async function attachPort(ns: string, ifName: string, net: NetName, state: 'up' | 'down'): Promise<void> {
  await run('ip', ['-n', ns, 'link', 'set', ifName, 'master', NETWORKS[net].bridge]);
  await run('ip', ['-n', ns, 'link', 'set', ifName, state]);
}

export async function setPortState(ns: string, ifName: string, state: 'up' | 'down'): Promise<void> {
  await run('ip', ['-n', ns, 'link', 'set', ifName, state]);
}

export async function portExists(ns: string, ifName: string): Promise<boolean> {
  return (await run('ip', ['-n', ns, 'link', 'show', ifName], { allowFail: true })).code === 0;
}

export async function deleteNetns(ns: string): Promise<void> {
  if (await netnsExists(ns)) await run('ip', ['netns', 'del', ns]);
}

/** Run a command inside the namespace (nsenter keeps /sys as it is, which systemd-nspawn needs). */
export function inNetns(ns: string, cmd: string, args: readonly string[]): [string, string[]] {
  return ['nsenter', [`--net=${netnsPath(ns)}`, '--', cmd, ...args]];
}

export interface RelaySpec {
  /** listener on the host, always 127.0.0.1 */
  hostPort: number;
  /** target inside the lab namespace */
  targetAddr: string;
  targetPort: number;
  label: string;
}

/**
 * A loopback relay across the namespace boundary: inside the namespace socat listens on a unix socket and
 * connects to the lab address; outside socat listens on 127.0.0.1:hostPort and connects to that socket.
 * Returns the two PIDs (each the leader of its own process group).
 */
export async function startRelay(ns: string, sockDir: string, logDir: string, r: RelaySpec): Promise<number[]> {
  mkdirSync(sockDir, { recursive: true });
  const sock = join(sockDir, `${r.label}.sock`);
  rmSync(sock, { force: true });
  const [c1, a1] = inNetns(ns, 'socat', [`UNIX-LISTEN:${sock},fork,unlink-early,mode=600`, `TCP:${r.targetAddr}:${r.targetPort},connect-timeout=5`]);
  const inner = spawnDetached(c1, a1, join(logDir, `relay-${r.label}.log`));
  await waitFor(`relay socket ${sock}`, 5000, () => existsSync(sock), 20);
  const outer = spawnDetached(
    'socat',
    [`TCP-LISTEN:${r.hostPort},bind=127.0.0.1,reuseaddr,fork`, `UNIX-CONNECT:${sock}`],
    join(logDir, `relay-${r.label}.log`),
  );
  return [inner, outer];
}

/** Serve the local package repository on the bridge address inside the namespace. */
export function startRepoServer(ns: string, repoDir: string, logFile: string): number {
  const tsxCli = join(LAB_DIR, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const [c, a] = inNetns(ns, process.execPath, [tsxCli, join(LAB_DIR, 'lib', 'repo-server.ts'), repoDir, BRIDGE.address, String(REPO_PORT)]);
  return spawnDetached(c, a, logFile);
}
