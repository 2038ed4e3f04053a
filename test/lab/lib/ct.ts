// ct tier: systemd-nspawn containers at native speed inside the lab namespace. No DRBD here; the cluster's
// storage is one image file on a host loop device that every node has as a block device node, as a SAN
// LUN would be.
// Each container has two NICs: host0 on the client bridge (nspawn's --network-bridge) and host1 on the
// cluster bridge (a --network-veth-extra pair whose host end the lab attaches).
import { mkdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTrackingHierarchies, removeNamespaceCgroups } from './cgroup.js';
import { NETS, guestIfName, hostIfName, runDir, type NodeName } from './config.js';
import { writeIdentity } from './identity.js';
import { attachPort, portExists, setPortState } from './net.js';
import { containerInit, maskContainerUnits, mountOverlay, nspawnLaunch, stopNspawn, umountIfMounted } from './nspawn.js';
import { linkState, nodeProc, procAlive, procRecord, saveState, type InterfaceRecord, type LabState } from './state.js';
import { isAlive, run, sleep, spawnDetached, waitFor } from './util.js';

export const CT_SHARED_DISK_MIB = 512;

export async function attachSharedDisk(state: LabState): Promise<string> {
  const img = join(runDir('ct'), 'shared-lun.img');
  rmSync(img, { force: true });
  await run('truncate', ['-s', `${CT_SHARED_DISK_MIB}M`, img]);
  state.files.push(img);
  const dev = (await run('losetup', ['-f', '--show', img])).stdout.trim();
  if (!/^\/dev\/loop\d+$/.test(dev)) throw new Error(`unexpected loop device ${dev}`);
  state.loops.push(dev);
  state.sharedDisk = { image: img, hostDevice: dev, nodeDevice: dev, sizeMiB: CT_SHARED_DISK_MIB, attachedTo: [] };
  saveState(state);
  return dev;
}

/** Major and minor number of a device node (glibc's encoding of st_rdev). */
export function deviceNumbers(path: string): { major: number; minor: number } {
  const rdev = statSync(path).rdev;
  return { major: Math.floor(rdev / 256) & 0xfff, minor: (rdev & 0xff) | (Math.floor(rdev / 4096) & 0xfff00) };
}

export const SHARED_LUN_UNIT = 'lab-shared-lun.service';

/**
 * A unit that creates the shared LUN's device node in the container's own /dev at every boot. A bind mount
 * of the host's node (nspawn --bind) is a mount point at /dev/loopN, and ocf:heartbeat:Filesystem's stop
 * unmounts whatever is mounted on or from its device: after the first failover the node was left with an
 * empty placeholder file. A real node is what a SAN LUN is on a server. The containers' devices cgroup is
 * not restricted (nspawn --register=no sets no device policy) and nspawn keeps CAP_MKNOD.
 */
export function sharedLunUnit(dev: string, n: { major: number; minor: number }): string {
  return [
    '[Unit]',
    "Description=The lab's shared LUN as a block device node",
    'DefaultDependencies=no',
    'Before=local-fs-pre.target sysinit.target',
    '',
    '[Service]',
    'Type=oneshot',
    'RemainAfterExit=yes',
    `ExecStartPre=-/bin/rm -f ${dev}`,
    `ExecStart=/bin/mknod -m 0660 ${dev} b ${n.major} ${n.minor}`,
    `ExecStartPost=/bin/chgrp disk ${dev}`,
    '',
    '[Install]',
    'WantedBy=sysinit.target',
    '',
  ].join('\n');
}

function installSharedLunUnit(root: string, dev: string): void {
  const dir = join(root, 'etc', 'systemd', 'system');
  writeFileSync(join(dir, SHARED_LUN_UNIT), sharedLunUnit(dev, deviceNumbers(dev)));
  const wants = join(dir, 'sysinit.target.wants');
  mkdirSync(wants, { recursive: true });
  rmSync(join(wants, SHARED_LUN_UNIT), { force: true });
  symlinkSync(`../${SHARED_LUN_UNIT}`, join(wants, SHARED_LUN_UNIT));
}

export async function startCtNode(state: LabState, node: NodeName, imageRoot: string, clientPub: string, hostKeyDir: string, sharedLun?: string): Promise<void> {
  const nodeDir = join(runDir('ct'), 'nodes', node);
  rmSync(nodeDir, { recursive: true, force: true });
  mkdirSync(nodeDir, { recursive: true });
  const ov = await mountOverlay(imageRoot, nodeDir);
  state.mounts.push(ov.root);
  saveState(state);
  writeIdentity(ov.root, imageRoot, node, hostKeyDir, clientPub);
  maskContainerUnits(ov.root);
  if (sharedLun) installSharedLunUnit(ov.root, sharedLun);
  await ensureTrackingHierarchies();
  (state.launches ??= {})[node] = nspawnLaunch({
    ns: state.netns,
    name: node,
    root: ov.root,
    logFile: join(runDir('ct'), 'logs', `${node}-console.log`),
    extraVeths: [{ host: hostIfName('ct', 'cluster', node), guest: guestIfName('ct', 'cluster') }],
  });
  await bootCtNode(state, node);
}

/**
 * Boot a node from its recorded launch (first boot and `start` after a crash or power-off): the overlay is
 * its disk, so whatever it wrote survives. Attaches its cluster NIC and re-applies cut links.
 */
export async function bootCtNode(state: LabState, node: NodeName): Promise<void> {
  const l = state.launches?.[node];
  if (!l) throw new Error(`no recorded launch for ${node}`);
  const pid = spawnDetached(l.cmd, l.args, l.log);
  const rec = procRecord({ label: `node-${node}`, kind: 'nspawn', pid, node });
  state.procs.push(rec);
  (state.power ??= {})[node] = 'running';
  saveState(state);
  const init = await containerInit(pid);
  Object.assign(rec, { init });
  saveState(state);
  const cluster = hostIfName('ct', 'cluster', node);
  await waitFor(`${cluster} in ${state.netns}`, 20_000, () => portExists(state.netns, cluster), 100);
  await attachPort(state.netns, cluster, 'cluster', linkState(state, node, 'cluster'));
  if (linkState(state, node, 'client') === 'down') await setPortState(state.netns, hostIfName('ct', 'client', node), 'down');
  (state.interfaces ??= {})[node] = await readCtInterfaces(state, node, init);
  saveState(state);
}

interface IpLink {
  ifname: string;
  address?: string;
}

/** The container's own view of its NICs (nspawn picks the MACs). */
async function readCtInterfaces(state: LabState, node: NodeName, init: number): Promise<InterfaceRecord[]> {
  const out = (await run('nsenter', ['-t', String(init), '-n', 'ip', '-j', 'link', 'show'])).stdout;
  const links = JSON.parse(out) as IpLink[];
  return NETS.map((net) => {
    const name = guestIfName('ct', net);
    const l = links.find((x) => x.ifname === name);
    if (!l?.address) throw new Error(`${node} has no interface ${name}`);
    return { net, name, mac: l.address, hostInterface: hostIfName('ct', net, node) };
  });
}

/** SIGKILL the container's init: the whole container dies at once, as a node losing power would. */
export async function crashCtNode(state: LabState, node: NodeName): Promise<void> {
  const p = nodeProc(state, node);
  if (!p?.init || !procAlive(p)) throw new Error(`${node} is not running`);
  process.kill(p.init, 'SIGKILL');
  await waitFor(`nspawn of ${node} to exit`, 20_000, () => !isAlive(p.pid), 50);
}

/** Orderly power-off (nspawn turns SIGTERM into a poweroff request to the container's systemd). */
export async function poweroffCtNode(state: LabState, node: NodeName, timeoutMs = 90_000): Promise<void> {
  const p = nodeProc(state, node);
  if (!p || !procAlive(p)) throw new Error(`${node} is not running`);
  process.kill(p.pid, 'SIGTERM');
  await waitFor(`${node} to power off`, timeoutMs, () => !isAlive(p.pid), 100);
}

/**
 * Stop containers (5 s to power off, then SIGKILL: the overlays are thrown away, and a node with a cluster
 * stack installed can take much longer to stop), then unmount overlays and detach loop devices.
 */
export async function stopCtResources(state: LabState): Promise<void> {
  await Promise.all(state.procs.filter((p) => p.kind === 'nspawn' && procAlive(p)).map((p) => stopNspawn(p.pid, p.init, 5000)));
  for (const m of [...state.mounts].reverse()) await umountIfMounted(m);
  // A killed container's processes may take a moment to leave its cgroups (the leftover check reports any).
  for (let i = 0; i < 40 && removeNamespaceCgroups(state.netns).length; i++) await sleep(250);
  for (const l of state.loops) {
    const r = await run('losetup', ['-l', '-n', '-O', 'BACK-FILE', l], { allowFail: true });
    const back = r.stdout.trim();
    if (r.code === 0 && back && state.files.some((f) => back.startsWith(f))) await run('losetup', ['-d', l]);
  }
}
