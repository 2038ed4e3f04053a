// Node and link failure primitives for the failover tests, for both tiers: crash, poweroff, start, link
// down/up. Each one is recorded in state.json (so `down` still cleans everything up) and in status.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BANNER_TIMEOUT_MS, BOOT_TIMEOUT_MS, NETS, hostIfName, runDir, runRoot, sshPort, type NetName, type NodeName, type Tier } from './config.js';
import { bootCtNode, crashCtNode, poweroffCtNode } from './ct.js';
import { setPortState } from './net.js';
import { loadState, nodeProc, procAlive, recordEvent, saveState, type LabEvent, type LabState } from './state.js';
import { buildStatus, writeStatus } from './status.js';
import { keyLogin, sshRun } from './ssh.js';
import { readBanner, stopGroup, waitFor, withLock } from './util.js';
import { bootVmNode, crashVmNode, poweroffVmNode, setVmLink, vmDisksForStatus } from './vm.js';

export type CrashMethod = 'kill' | 'sysrq';

export interface PrimitiveResult {
  tier: Tier;
  node: NodeName;
  action: LabEvent['action'];
  net?: NetName;
  seconds: number;
  detail: string;
}

/** Primitives on one lab run one at a time (they read-modify-write state.json), and never during `up`. */
function withLab<T>(tier: Tier, fn: (s: LabState) => Promise<T>): Promise<T> {
  return withLock(join(runRoot(), `${tier}.up.lock`), `the ${tier} lab's lock`, 30 * 60_000, async () => {
    const s = loadState(tier);
    if (!s?.ready) throw new Error(`the ${tier} lab is not up (npm run lab -- up --tier ${tier})`);
    return fn(s);
  });
}

function requireNode(s: LabState, node: NodeName): void {
  if (!s.nodes.includes(node)) throw new Error(`node ${node} is not in the ${s.tier} lab (nodes: ${s.nodes.join(', ')})`);
}

function isRunning(s: LabState, node: NodeName): boolean {
  const p = nodeProc(s, node);
  return !!p && procAlive(p) && (s.power?.[node] ?? 'running') === 'running';
}

function finish(s: LabState, r: Omit<PrimitiveResult, 'tier' | 'seconds'>, t0: number): PrimitiveResult {
  const seconds = Math.round((Date.now() - t0) / 100) / 10;
  recordEvent(s, { action: r.action, node: r.node, net: r.net, detail: r.detail, seconds });
  writeStatus(buildStatus(s, vmDisksForStatus(s)));
  return { tier: s.tier, seconds, ...r };
}

/**
 * Hard crash. ct: SIGKILL of the container's init (the container dies at once). vm: `kill` SIGKILLs qemu
 * (power cut); `sysrq` makes the guest kernel panic through /proc/sysrq-trigger over SSH, leaving a hung
 * machine (qemu keeps running) as a real kernel crash does; `start` power-cycles it.
 */
export function crashNode(tier: Tier, node: NodeName, method: CrashMethod = 'kill'): Promise<PrimitiveResult> {
  return withLab(tier, async (s) => {
    requireNode(s, node);
    if (!isRunning(s, node)) throw new Error(`${node} is not running (${s.power?.[node] ?? 'exited'}); start it first`);
    const t0 = Date.now();
    if (tier === 'ct') {
      if (method === 'sysrq') throw new Error('the ct tier cannot crash a kernel: containers share the host kernel (use --method kill)');
      await crashCtNode(s, node);
    } else if (method === 'kill') {
      await crashVmNode(s, node);
    } else {
      await sysrqCrash(s, node);
    }
    (s.power ??= {})[node] = 'crashed';
    saveState(s);
    return finish(s, { node, action: 'crash', detail: tier === 'ct' ? 'SIGKILL to the container init' : method === 'kill' ? 'SIGKILL to qemu' : 'sysrq-trigger c (kernel panic, machine hangs)' }, t0);
  });
}

async function sysrqCrash(s: LabState, node: NodeName): Promise<void> {
  const st = buildStatus(s, vmDisksForStatus(s));
  const n = st.nodes.find((x) => x.name === node);
  if (!n) throw new Error(`node ${node} missing in status`);
  const consoleLog = join(runDir(s.tier), 'logs', `${node}-console.log`);
  const before = readFileSync(consoleLog, 'utf8').length;
  // The command never returns: the kernel dies under it. Do not wait for an answer.
  sshRun(n, keyLogin(st, 'root'), 'sync; echo c > /proc/sysrq-trigger', undefined, 15_000).catch(() => undefined);
  await waitFor(`the kernel panic of ${node} on its console`, 60_000, () => /sysrq: Trigger a crash|Kernel panic/.test(readFileSync(consoleLog, 'utf8').slice(before)), 200);
}

/** Clean power-off (ct: poweroff request to the container's systemd; vm: ACPI power button). */
export function poweroffNode(tier: Tier, node: NodeName): Promise<PrimitiveResult> {
  return withLab(tier, async (s) => {
    requireNode(s, node);
    if (!isRunning(s, node)) throw new Error(`${node} is not running (${s.power?.[node] ?? 'exited'})`);
    const t0 = Date.now();
    if (tier === 'ct') await poweroffCtNode(s, node);
    else await poweroffVmNode(s, node);
    (s.power ??= {})[node] = 'stopped';
    saveState(s);
    return finish(s, { node, action: 'poweroff', detail: tier === 'ct' ? 'orderly shutdown of the container' : 'ACPI power button, guest shut down' }, t0);
  });
}

/**
 * Boot a stopped or crashed node again with the same disks, identity, host keys and addresses, and wait
 * until its SSH answers. A node that died by itself (e.g. fenced off) is started the same way.
 */
/** How long `start` waits for a node that is still shutting down by itself before it counts as running. */
const SHUTDOWN_GRACE_MS: Record<Tier, number> = { ct: 60_000, vm: 180_000 };

export function startNode(tier: Tier, node: NodeName, opts: { waitSsh?: boolean } = {}): Promise<PrimitiveResult> {
  return withLab(tier, async (s) => {
    requireNode(s, node);
    const p = nodeProc(s, node);
    if (p && procAlive(p)) {
      if ((s.power?.[node] ?? 'running') === 'running') {
        // A shutdown from inside the node (`systemctl poweroff` over SSH, as the failover tests' rolling
        // maintenance does) leaves the cluster within a second but the container or VM exits only after
        // systemd has stopped everything: wait for that before calling the node "already running".
        const gone = await waitFor(`${node} to finish its shutdown`, SHUTDOWN_GRACE_MS[tier], () => !procAlive(p), 250).then(() => true, () => false);
        if (!gone) throw new Error(`${node} is already running`);
      } else await stopGroup(p.pid, 0, 'SIGKILL'); // a hung (sysrq-crashed) VM: power-cycle it
    }
    const t0 = Date.now();
    if (tier === 'ct') await bootCtNode(s, node);
    else await bootVmNode(s, node);
    if (opts.waitSsh !== false) {
      await waitFor(`SSH on ${node}`, BOOT_TIMEOUT_MS[tier], async () => (await readBanner('127.0.0.1', sshPort(tier, node), BANNER_TIMEOUT_MS[tier])).startsWith('SSH-'), 300);
    }
    return finish(s, { node, action: 'start', detail: opts.waitSsh === false ? 'booting' : 'booted, SSH answers' }, t0);
  });
}

/**
 * Cut or restore one NIC of a node (the node's port on that network's bridge; in the vm tier the guest also
 * loses carrier). Recorded, so a node started again later keeps the cut.
 */
export function setLink(tier: Tier, node: NodeName, net: NetName, state: 'up' | 'down'): Promise<PrimitiveResult> {
  return withLab(tier, async (s) => {
    requireNode(s, node);
    const t0 = Date.now();
    ((s.links ??= {})[node] ??= {})[net] = state;
    saveState(s);
    const p = nodeProc(s, node);
    const alive = !!p && procAlive(p);
    if (tier === 'vm') {
      await setPortState(s.netns, hostIfName('vm', net, node), state);
      if (alive) await setVmLink(s, node, NETS.indexOf(net), state === 'up');
    } else if (alive && s.power?.[node] !== 'crashed') {
      await setPortState(s.netns, hostIfName('ct', net, node), state);
    }
    return finish(s, { node, net, action: state === 'down' ? 'link-down' : 'link-up', detail: `${hostIfName(tier, net, node)} ${state}${alive ? '' : ' (node not running: applied when it starts)'}` }, t0);
  });
}
