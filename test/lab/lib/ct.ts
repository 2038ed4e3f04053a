// ct tier: systemd-nspawn containers at native speed inside the lab namespace. No DRBD here; the cluster's
// storage is one image file on a host loop device bound into every node, as a SAN LUN would be.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runDir, type NodeName } from './config.js';
import { writeIdentity } from './identity.js';
import { containerInit, maskContainerUnits, mountOverlay, startNspawn, stopNspawn, umountIfMounted } from './nspawn.js';
import { saveState, type LabState } from './state.js';
import { run } from './util.js';

export const CT_SHARED_DISK_MIB = 512;
export const CT_SHARED_DISK_NODE_DEVICE_HINT = 'same /dev/loopN path as on the host (see status.json sharedDisk.nodeDevice)';

export async function attachSharedDisk(state: LabState): Promise<string> {
  const img = join(runDir('ct'), 'shared-lun.img');
  rmSync(img, { force: true });
  await run('truncate', ['-s', `${CT_SHARED_DISK_MIB}M`, img]);
  state.files.push(img);
  const dev = (await run('losetup', ['-f', '--show', img])).stdout.trim();
  if (!/^\/dev\/loop\d+$/.test(dev)) throw new Error(`unexpected loop device ${dev}`);
  state.loops.push(dev);
  state.sharedDisk = { image: img, hostDevice: dev, nodeDevice: dev, sizeMiB: CT_SHARED_DISK_MIB };
  saveState(state);
  return dev;
}

export async function startCtNode(state: LabState, node: NodeName, imageRoot: string, clientPub: string, hostKeyDir: string, devices: string[]): Promise<void> {
  const nodeDir = join(runDir('ct'), 'nodes', node);
  rmSync(nodeDir, { recursive: true, force: true });
  mkdirSync(nodeDir, { recursive: true });
  const ov = await mountOverlay(imageRoot, nodeDir);
  state.mounts.push(ov.root);
  saveState(state);
  writeIdentity(ov.root, imageRoot, node, hostKeyDir, clientPub);
  maskContainerUnits(ov.root);
  const pid = startNspawn({ ns: state.netns, name: node, root: ov.root, logFile: join(runDir('ct'), 'logs', `${node}-console.log`), devices });
  const rec = { label: `node-${node}`, kind: 'nspawn' as const, pid, node };
  state.procs.push(rec);
  saveState(state);
  const init = await containerInit(pid);
  Object.assign(rec, { init });
  saveState(state);
}

/** Stop containers, then unmount overlays and detach loop devices recorded in the state. */
export async function stopCtResources(state: LabState): Promise<void> {
  await Promise.all(state.procs.filter((p) => p.kind === 'nspawn').map((p) => stopNspawn(p.pid, p.init, 30_000)));
  for (const m of [...state.mounts].reverse()) await umountIfMounted(m);
  for (const l of state.loops) {
    const r = await run('losetup', ['-l', '-n', '-O', 'BACK-FILE', l], { allowFail: true });
    const back = r.stdout.trim();
    if (r.code === 0 && back && state.files.some((f) => back.startsWith(f))) await run('losetup', ['-d', l]);
  }
}
