// build | up | status | down for both tiers, per instance (MHS_LAB_INSTANCE).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTrackingHierarchies, removeNamespaceCgroups } from './cgroup.js';
import { ALL_NODES, BANNER_TIMEOUT_MS, BOOT_TIMEOUT_MS, CACHE_DIR, INSTANCE, NODE_ADDR, SERVICES, VIP, buildNetnsName, netnsName, nodeServicePort, portBase, runDir, runRoot, sockDir, sshPort, vipPort, type NodeName, type Tier } from './config.js';
import { attachSharedDisk, startCtNode, stopCtResources } from './ct.js';
import { ensureClientKey, makeHostKeys } from './identity.js';
import { ensureImage, imageDir, imageKey, isBuilt, type BuiltImage } from './images.js';
import { createNetns, deleteNetns, netnsExists, startRelay, startRepoServer } from './net.js';
import { busyPorts, busyPortsMessage, labPorts, missingTools, missingToolsMessage, raiseInotifyInstances, reservePortBlock, toolsFor } from './preflight.js';
import { provisionLegacy } from './provision.js';
import { loadState, procAlive, procRecord, recordEvent, saveState, stateFile, statusFile, type LabState } from './state.js';
import { buildStatus, knownHostsText, writeStatus, type LabStatus } from './status.js';
import { log, readBanner, stopGroup, waitFor, withLock } from './util.js';
import { buildVmImages, startVmNodes, stopVmResources, vmDisksForStatus, vmImagesBuilt } from './vm.js';

export interface BuildResult {
  tier: Tier;
  images: BuiltImage[];
  seconds: number;
}

/** Would `build` for this tier have to build anything (then it needs the build tools)? */
export function needsBuild(tier: Tier): boolean {
  const base = imageKey('base');
  const legacy = imageKey('legacy');
  if (!isBuilt(imageDir('base', base)) || !isBuilt(imageDir('legacy', legacy))) return true;
  return tier === 'vm' && !vmImagesBuilt(base, legacy);
}

/** Fail before anything starts when host tools are missing (naming the Debian packages). */
export function checkHostTools(tier: Tier, build = needsBuild(tier)): void {
  const missing = missingTools(toolsFor(tier, build));
  if (missing.length) throw new Error(missingToolsMessage(missing));
}

export async function buildImages(tier: Tier): Promise<BuildResult> {
  const t0 = Date.now();
  checkHostTools(tier);
  mkdirSync(CACHE_DIR, { recursive: true });
  // One builder at a time machine-wide (every instance and clone shares the cache): others wait.
  return withLock(join(CACHE_DIR, 'build.lock'), 'the lab image build lock', 60 * 60_000, async () => {
    const base = await ensureImage('base');
    // The provisioning boot of legacy is a container too (see raiseInotifyInstances).
    if (!isBuilt(imageDir('legacy', imageKey('legacy')))) {
      raiseInotifyInstances();
      await ensureTrackingHierarchies();
    }
    const legacy = await ensureImage('legacy', provisionLegacy).finally(() => removeNamespaceCgroups(buildNetnsName()));
    const images = [base, legacy];
    if (tier === 'vm') images.push(...(await buildVmImages(base, legacy)));
    return { tier, images, seconds: (Date.now() - t0) / 1000 };
  });
}

export async function up(tier: Tier, nodes: NodeName[]): Promise<LabStatus> {
  mkdirSync(runRoot(), { recursive: true });
  // One `up` per tier and instance at a time; a second caller waits and then finds the lab up (and fails clearly).
  return withLock(join(runRoot(), `${tier}.up.lock`), `the ${tier} lab's lock`, 60 * 60_000, () => upLocked(tier, nodes));
}

async function upLocked(tier: Tier, nodes: NodeName[]): Promise<LabStatus> {
  const build = needsBuild(tier);
  checkHostTools(tier, build);
  const prev = loadState(tier);
  if (prev && prev.procs.some(procAlive)) throw new Error(`the ${tier} lab (instance ${INSTANCE}) is already up (npm run lab -- down --tier ${tier})`);
  if (prev || (await netnsExists(netnsName(tier)))) await down(tier);
  // Both tiers' blocks at once: a socket that took a port before it was reserved has long gone when the other tier starts.
  reservePortBlock(portBase('ct'), portBase('vm') + 999);
  if (tier === 'ct') raiseInotifyInstances();
  const busy = await busyPorts(labPorts(tier, nodes, build));
  if (busy.length) throw new Error(busyPortsMessage(tier, INSTANCE, busy));
  const built = await buildImages(tier);
  const t0 = Date.now();
  const dir = runDir(tier);
  mkdirSync(dir, { recursive: true });
  const state: LabState = {
    tier,
    instance: INSTANCE,
    netns: netnsName(tier),
    sockDir: sockDir(tier),
    nodes,
    startedAt: new Date().toISOString(),
    procs: [],
    mounts: [],
    loops: [],
    files: [],
    hostKeys: {},
    images: Object.fromEntries(built.images.map((i) => [i.kind, i.dir])),
    ready: false,
    launches: {},
    power: {},
    links: {},
    interfaces: {},
    events: [],
  };
  saveState(state);
  rmSync(join(dir, 'logs'), { recursive: true, force: true });
  mkdirSync(join(dir, 'logs'), { recursive: true });
  try {
    const clientKey = await ensureClientKey(join(dir, 'keys'));
    const clientPub = readFileSync(`${clientKey}.pub`, 'utf8');
    await createNetns(state.netns);
    const base = built.images.find((i) => i.kind === 'base') as BuiltImage;
    const legacy = built.images.find((i) => i.kind === 'legacy') as BuiltImage;
    const logs = join(dir, 'logs');
    state.procs.push(procRecord({ label: 'repo', kind: 'repo', pid: startRepoServer(state.netns, join(base.dir, 'repo'), join(logs, 'repo.log')) }));
    saveState(state);
    await Promise.all(
      nodes.map(async (n) => {
        state.hostKeys[n] = await makeHostKeys(join(dir, 'hostkeys', n), n);
      }),
    );
    saveState(state);
    writeFileSync(join(dir, 'known_hosts'), knownHostsText(state));
    if (tier === 'ct') {
      const dev = await attachSharedDisk(state);
      // Every node has the LUN (also the witness, so a three-node cluster can use it).
      state.sharedDisk = { ...(state.sharedDisk as NonNullable<LabState['sharedDisk']>), attachedTo: ALL_NODES.filter((n) => nodes.includes(n)) };
      for (const n of nodes) {
        await startCtNode(state, n, n === 'legacy' ? legacy.root : base.root, clientPub, join(dir, 'hostkeys', n), dev);
      }
    } else {
      await startVmNodes(state, nodes, clientPub, built.images);
    }
    await startRelays(state, logs);
    log(`waiting for SSH on ${nodes.join(', ')}`);
    await Promise.all(
      nodes.map((n) =>
        waitFor(`SSH on ${n}`, BOOT_TIMEOUT_MS[tier], async () => (await readBanner('127.0.0.1', sshPort(tier, n), BANNER_TIMEOUT_MS[tier])).startsWith('SSH-'), 300),
      ),
    );
    if (nodes.includes('legacy')) {
      const smtp = nodeServicePort(tier, 'legacy', SERVICES.findIndex(([s]) => s === 'smtp'));
      await waitFor('SMTP on legacy', BOOT_TIMEOUT_MS[tier], async () => (await readBanner('127.0.0.1', smtp, BANNER_TIMEOUT_MS[tier])).startsWith('220'), 300);
    }
    state.ready = true;
    state.upSeconds = Math.round((Date.now() - t0) / 100) / 10;
    recordEvent(state, { action: 'up', detail: nodes.join(','), seconds: state.upSeconds });
    const st = buildStatus(state, vmDisksForStatus(state));
    writeStatus(st);
    log(`${tier} lab (instance ${INSTANCE}) up in ${state.upSeconds} s (status: ${statusFile(tier)})`);
    return st;
  } catch (e) {
    log(`up failed: ${String(e)}; tearing down`);
    await down(tier).catch((e2: unknown) => log(`down after failed up: ${String(e2)}`));
    throw e;
  }
}

async function startRelays(state: LabState, logs: string): Promise<void> {
  const t = state.tier;
  const specs = state.nodes.map((n) => ({ hostPort: sshPort(t, n), targetAddr: NODE_ADDR[n], targetPort: 22, label: `${n}-ssh` }));
  SERVICES.forEach(([name, port], i) => {
    specs.push({ hostPort: vipPort(t, i), targetAddr: VIP, targetPort: port, label: `vip-${name}` });
    for (const n of state.nodes.filter((x) => x !== 'witness')) {
      specs.push({ hostPort: nodeServicePort(t, n, i), targetAddr: NODE_ADDR[n], targetPort: port, label: `${n}-${name}` });
    }
  });
  for (const r of specs) {
    const pids = await startRelay(state.netns, state.sockDir, logs, r);
    for (const pid of pids) state.procs.push(procRecord({ label: `relay-${r.label}`, kind: 'relay', pid }));
  }
  saveState(state);
}

export async function down(tier: Tier): Promise<void> {
  const s = loadState(tier);
  const t0 = Date.now();
  if (s) {
    if (tier === 'ct') await stopCtResources(s);
    else await stopVmResources(s);
    await Promise.all(s.procs.filter((p) => (p.kind === 'relay' || p.kind === 'repo') && procAlive(p)).map((p) => stopGroup(p.pid, 3000)));
    for (const f of s.files) rmSync(f, { force: true });
  }
  await deleteNetns(netnsName(tier));
  rmSync(sockDir(tier), { recursive: true, force: true });
  const dir = runDir(tier);
  // Logs stay (in the gitignored .run) for post-mortems; the next `up` clears them.
  for (const sub of ['nodes', 'hostkeys', 'known_hosts']) rmSync(join(dir, sub), { recursive: true, force: true });
  rmSync(statusFile(tier), { force: true });
  rmSync(stateFile(tier), { force: true });
  log(`${tier} lab (instance ${INSTANCE}) down in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** The lab as it is now (re-read from the running processes), written to status.json; undefined when down. */
export function status(tier: Tier): LabStatus | undefined {
  const s = loadState(tier);
  if (!s) return undefined;
  const st = buildStatus(s, vmDisksForStatus(s));
  if (existsSync(runDir(tier))) writeStatus(st);
  return st;
}
