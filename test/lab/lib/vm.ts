// vm tier: qemu (TCG; no usable KVM here) booting Debian's own kernel from the cached root images, so DRBD
// 8.4 (in-tree module) and softdog work. Legacy keeps its mail data on LVM over an mdadm RAID10 of four
// virtual disks; legacy and secondary get a blank DRBD disk each and share one SBD disk for fencing.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR, IMAGES_DIR, MAIL_ROOT, NETS, guestIfName, hostIfName, nodeMac, runDir, type NodeName } from './config.js';
import { writeIdentity } from './identity.js';
import { filesUnder, keyOfFiles, pruneOld, type BuiltImage } from './images.js';
import { attachPort, inNetns } from './net.js';
import { mountOverlay, umountIfMounted } from './nspawn.js';
import { linkState, nodeProc, procAlive, procRecord, saveState, type LabState } from './state.js';
import { qmp } from './qmp.js';
import { isAlive, log, run, runToLog, sleep, spawnDetached, stopGroup, waitFor } from './util.js';

export const VM_MEM_MIB: Record<NodeName, number> = { legacy: 1280, secondary: 1024, witness: 512 };
export const VM_DRBD_DISK_MIB = 512;
export const VM_SBD_DISK_MIB = 16;
export const VM_MD_DISK_MIB = 1024;
const VM_LAYOUT_VERSION = 'vm-layout-1';

const vmKey = (base: Pick<BuiltImage, 'key'>, legacy: Pick<BuiltImage, 'key'>): string =>
  keyOfFiles([VM_LAYOUT_VERSION, base.key, legacy.key], filesUnder(join(IMAGES_DIR, 'vm')));

/** Are the vm tier's disk images for these root images in the cache? */
export const vmImagesBuilt = (baseKey: string, legacyKey: string): boolean =>
  existsSync(join(CACHE_DIR, 'images', `vm-${vmKey({ key: baseKey }, { key: legacyKey })}`, 'done'));

function kernelOf(root: string): { vmlinuz: string; initrd: string } {
  const boot = join(root, 'boot');
  const v = readdirSync(boot).filter((f) => f.startsWith('vmlinuz-')).sort().pop();
  if (!v) throw new Error(`no kernel in ${boot}`);
  const ver = v.slice('vmlinuz-'.length);
  return { vmlinuz: join(boot, v), initrd: join(boot, `initrd.img-${ver}`) };
}

async function mkfsFromDir(dir: string, out: string, sizeG: number, label: string): Promise<void> {
  rmSync(out, { force: true });
  await run('truncate', ['-s', `${sizeG}G`, out]);
  await run('mkfs.ext4', ['-q', '-F', '-L', label, '-E', 'root_owner=0:0', '-d', dir, out]);
}

interface QemuSpec {
  name: string;
  memMiB: number;
  kernel: string;
  initrd: string;
  append: string;
  disks: { file: string; format: 'raw' | 'qcow2'; serial: string; shared?: boolean }[];
  /** one virtio NIC per tap, in order (eth0, eth1 in the guest) */
  nics?: { tap: string; mac: string }[];
  fwcfg?: string;
  console: string;
  qmp?: string;
  noReboot?: boolean;
}

/** The guest NIC's qemu device id (QMP set_link addresses it). */
const nicId = (i: number): string => `nic${i}`;

function qemuArgs(q: QemuSpec): string[] {
  const a = [
    '-name', q.name,
    '-machine', 'pc',
    '-accel', 'tcg,tb-size=256',
    '-smp', '1',
    '-m', String(q.memMiB),
    '-display', 'none',
    '-monitor', 'none',
    '-serial', `file:${q.console}`,
    '-kernel', q.kernel,
    '-initrd', q.initrd,
    '-append', q.append,
    '-device', 'virtio-rng-pci',
  ];
  q.disks.forEach((d, i) => {
    const opts = [`file=${d.file}`, 'if=none', `id=d${i}`, `format=${d.format}`, 'cache=unsafe', 'discard=unmap'];
    if (d.shared) opts.push('file.locking=off');
    a.push('-drive', opts.join(','), '-device', `virtio-blk-pci,drive=d${i},serial=${d.serial}${d.shared ? ',share-rw=on' : ''}`);
  });
  if (q.nics?.length) {
    q.nics.forEach((n, i) => a.push('-netdev', `tap,id=n${i},ifname=${n.tap},script=no,downscript=no`, '-device', `virtio-net-pci,id=${nicId(i)},netdev=n${i},mac=${n.mac}`));
  } else a.push('-nic', 'none');
  if (q.fwcfg) a.push('-fw_cfg', `name=opt/lab/identity.tar,file=${q.fwcfg}`);
  if (q.qmp) a.push('-qmp', `unix:${q.qmp},server=on,wait=off`);
  if (q.noReboot) a.push('-no-reboot');
  return a;
}

const APPEND = 'root=/dev/vda rw console=ttyS0 net.ifnames=0 quiet systemd.show_status=1';

export async function buildVmImages(base: BuiltImage, legacy: BuiltImage): Promise<BuiltImage[]> {
  const key = vmKey(base, legacy);
  const dir = join(CACHE_DIR, 'images', `vm-${key}`);
  const t0 = Date.now();
  if (existsSync(join(dir, 'done'))) return [{ kind: 'vm', key, dir, root: dir, cached: true, seconds: 0 }];
  pruneOld('vm', dir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, img] of [['base', base], ['legacy', legacy]] as const) {
    const k = kernelOf(img.root);
    copyFileSync(k.vmlinuz, join(dir, `${name}.vmlinuz`));
    copyFileSync(k.initrd, join(dir, `${name}.initrd`));
  }
  log('vm tier: base disk image');
  await mkfsFromDir(base.root, join(dir, 'base.raw'), 3, 'root');

  // Legacy: the same root plus the one-time storage setup, then one TCG boot that builds RAID10 + LVM.
  log('vm tier: legacy disk image');
  const ovDir = join(dir, 'overlay');
  const ov = await mountOverlay(legacy.root, ovDir);
  try {
    mkdirSync(join(ov.root, 'etc/systemd/system/sysinit.target.wants'), { recursive: true });
    copyFileSync(join(IMAGES_DIR, 'vm', 'lab-storage-setup'), join(ov.root, 'usr/local/sbin/lab-storage-setup'));
    await run('chmod', ['0755', join(ov.root, 'usr/local/sbin/lab-storage-setup')]);
    copyFileSync(join(IMAGES_DIR, 'vm', 'lab-storage-setup.service'), join(ov.root, 'etc/systemd/system/lab-storage-setup.service'));
    await run('ln', ['-sf', '/etc/systemd/system/lab-storage-setup.service', join(ov.root, 'etc/systemd/system/sysinit.target.wants/lab-storage-setup.service')]);
    await mkfsFromDir(ov.root, join(dir, 'legacy.raw'), 4, 'root');
  } finally {
    await umountIfMounted(ov.root);
    rmSync(ovDir, { recursive: true, force: true });
  }
  const md = [0, 1, 2, 3].map((i) => join(dir, `legacy-md${i}.raw`));
  for (const f of md) await run('truncate', ['-s', `${VM_MD_DISK_MIB}M`, f]);
  const consoleLog = join(dir, 'storage-setup-console.log');
  log(`vm tier: booting legacy once under TCG to build RAID10 + LVM (console: ${consoleLog})`);
  await runToLog(
    'qemu-system-x86_64',
    qemuArgs({
      name: 'lab-build-legacy',
      memMiB: 1024,
      kernel: join(dir, 'legacy.vmlinuz'),
      initrd: join(dir, 'legacy.initrd'),
      append: `${APPEND} lab.storage=setup systemd.mask=mariadb.service systemd.mask=postfix.service systemd.mask=dovecot.service`,
      disks: [{ file: join(dir, 'legacy.raw'), format: 'raw', serial: 'lab-root' }, ...md.map((f, i) => ({ file: f, format: 'raw' as const, serial: `lab-md${i}` }))],
      console: consoleLog,
      noReboot: true,
    }),
    join(dir, 'build.log'),
  );
  const out = readFileSync(consoleLog, 'utf8');
  if (!out.includes('LAB-STORAGE-OK')) throw new Error(`legacy storage setup failed; see ${consoleLog}`);
  const seconds = Math.round((Date.now() - t0) / 1000);
  writeFileSync(join(dir, 'done'), JSON.stringify({ key, seconds, builtAt: new Date().toISOString() }) + '\n');
  log(`vm tier images built in ${seconds} s`);
  return [{ kind: 'vm', key, dir, root: dir, cached: false, seconds }];
}

function vmImageDir(images: BuiltImage[]): string {
  const vm = images.find((i) => i.kind === 'vm');
  if (!vm) throw new Error('vm images missing');
  return vm.dir;
}

export async function startVmNodes(state: LabState, nodes: NodeName[], clientPub: string, images: BuiltImage[]): Promise<void> {
  const vmDir = vmImageDir(images);
  const rd = runDir('vm');
  const sbd = join(rd, 'sbd.raw');
  rmSync(sbd, { force: true });
  await run('truncate', ['-s', `${VM_SBD_DISK_MIB}M`, sbd]);
  state.files.push(sbd);
  state.sharedDisk = { image: sbd, nodeDevice: '/dev/disk/by-id/virtio-lab-sbd', sizeMiB: VM_SBD_DISK_MIB, attachedTo: nodes.filter((n) => n !== 'witness') };
  saveState(state);
  for (const n of nodes) {
    const nodeDir = join(rd, 'nodes', n);
    rmSync(nodeDir, { recursive: true, force: true });
    mkdirSync(nodeDir, { recursive: true });
    const img = n === 'legacy' ? 'legacy' : 'base';
    const imgRoot = images.find((i) => i.kind === img)?.root as string;
    const rootQ = join(nodeDir, 'root.qcow2');
    await run('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', join(vmDir, `${img}.raw`), '-F', 'raw', rootQ]);
    const disks: QemuSpec['disks'] = [{ file: rootQ, format: 'qcow2', serial: 'lab-root' }];
    if (n === 'legacy') {
      for (let i = 0; i < 4; i++) {
        const q = join(nodeDir, `md${i}.qcow2`);
        await run('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', join(vmDir, `legacy-md${i}.raw`), '-F', 'raw', q]);
        disks.push({ file: q, format: 'qcow2', serial: `lab-md${i}` });
      }
    }
    if (n !== 'witness') {
      const d = join(nodeDir, 'drbd.qcow2');
      await run('qemu-img', ['create', '-q', '-f', 'qcow2', d, `${VM_DRBD_DISK_MIB}M`]);
      disks.push({ file: d, format: 'qcow2', serial: 'lab-drbd' }, { file: sbd, format: 'raw', serial: 'lab-sbd', shared: true });
    }
    // Identity for the guest: a tar handed over by fw_cfg, unpacked by lab-identity before networking.
    const staging = join(nodeDir, 'identity');
    mkdirSync(staging, { recursive: true });
    writeIdentity(staging, imgRoot, n, join(rd, 'hostkeys', n), clientPub);
    const tar = join(nodeDir, 'identity.tar');
    await run('tar', ['-C', staging, '--numeric-owner', '-cf', tar, '.']);
    for (const net of NETS) {
      const tap = hostIfName('vm', net, n);
      await run('ip', ['-n', state.netns, 'tuntap', 'add', tap, 'mode', 'tap']);
      await attachPort(state.netns, tap, net, linkState(state, n, net));
    }
    mkdirSync(state.sockDir, { recursive: true });
    const qmpSock = join(state.sockDir, `${n}.qmp`);
    const [c, a] = inNetns(
      state.netns,
      'qemu-system-x86_64',
      qemuArgs({
        name: `lab-${n}`,
        memMiB: VM_MEM_MIB[n],
        kernel: join(vmDir, `${img}.vmlinuz`),
        initrd: join(vmDir, `${img}.initrd`),
        append: `${APPEND} lab.node=${n}`,
        disks,
        nics: NETS.map((net) => ({ tap: hostIfName('vm', net, n), mac: nodeMac(net, n) })),
        fwcfg: tar,
        console: join(rd, 'logs', `${n}-console.log`),
        qmp: qmpSock,
      }),
    );
    (state.launches ??= {})[n] = { cmd: c, args: a, log: join(rd, 'logs', `${n}-qemu.log`), qmp: qmpSock };
    (state.interfaces ??= {})[n] = NETS.map((net) => ({ net, name: guestIfName('vm', net), mac: nodeMac(net, n), hostInterface: hostIfName('vm', net, n) }));
    await bootVmNode(state, n, false);
  }
  await sleep(1000);
  for (const n of nodes) {
    const p = nodeProc(state, n);
    if (!p || !procAlive(p)) throw new Error(`qemu for ${n} exited: ${readFileSync(join(rd, 'logs', `${n}-qemu.log`), 'utf8').slice(-1000)}`);
  }
}

/**
 * Start a node's qemu from its recorded launch (first boot, and `start` after a crash or power-off): the
 * same qcow2 overlays (its disks), identity tar and MACs. A NIC whose link the lab cut stays cut.
 */
export async function bootVmNode(state: LabState, node: NodeName, check = true): Promise<void> {
  const l = state.launches?.[node];
  if (!l?.qmp) throw new Error(`no recorded launch for ${node}`);
  rmSync(l.qmp, { force: true });
  const pid = spawnDetached(l.cmd, l.args, l.log);
  state.procs.push(procRecord({ label: `node-${node}`, kind: 'qemu', pid, node }));
  (state.power ??= {})[node] = 'running';
  saveState(state);
  await waitFor(`the qemu monitor of ${node}`, 20_000, () => {
    if (!isAlive(pid)) throw new Error(`qemu for ${node} exited: ${readFileSync(l.log, 'utf8').slice(-1000)}`);
    return existsSync(l.qmp as string);
  }, 50);
  for (const [i, net] of NETS.entries()) if (linkState(state, node, net) === 'down') await setVmLink(state, node, i, false);
  if (check && !isAlive(pid)) throw new Error(`qemu for ${node} exited`);
}

/** Carrier of the guest's NIC (as a pulled cable: the guest sees the link go down). */
export async function setVmLink(state: LabState, node: NodeName, nicIndex: number, up: boolean): Promise<void> {
  const q = state.launches?.[node]?.qmp;
  if (!q) throw new Error(`no qemu monitor for ${node}`);
  await qmp(q, 'set_link', { name: nicId(nicIndex), up });
}

/** Hard crash: SIGKILL qemu, the power cord pulled. */
export async function crashVmNode(state: LabState, node: NodeName): Promise<void> {
  const p = nodeProc(state, node);
  if (!p || !procAlive(p)) throw new Error(`${node} is not running`);
  await stopGroup(p.pid, 0, 'SIGKILL');
}

/** ACPI power button: the guest shuts down cleanly and qemu exits (TCG: this takes a while). */
export async function poweroffVmNode(state: LabState, node: NodeName, timeoutMs = 300_000): Promise<void> {
  const p = nodeProc(state, node);
  const q = state.launches?.[node]?.qmp;
  if (!p || !procAlive(p) || !q) throw new Error(`${node} is not running`);
  await qmp(q, 'system_powerdown');
  await waitFor(`${node} to power off`, timeoutMs, () => !isAlive(p.pid), 250);
}

export async function stopVmResources(s: LabState): Promise<void> {
  // The nodes' disks are throw-away overlays, so a hard stop is fine (and what `down` promises: nothing left).
  await Promise.all(s.procs.filter((p) => p.kind === 'qemu' && procAlive(p)).map((p) => stopGroup(p.pid, 5000)));
}

export function vmDisksForStatus(s: LabState): Partial<Record<NodeName, Record<string, string>>> {
  if (s.tier !== 'vm') return {};
  const out: Partial<Record<NodeName, Record<string, string>>> = {};
  for (const n of s.nodes) {
    const d: Record<string, string> = { root: '/dev/vda' };
    if (n === 'legacy') {
      d.raid10 = `mdadm RAID10 "mail" over /dev/disk/by-id/virtio-lab-md0..3 (assembled by the initramfs, see /proc/mdstat); VG vg_mail on it: LVs vmail -> ${MAIL_ROOT} (Dovecot mail_location), mysql -> /var/lib/mysql, free extents left`;
    }
    if (n !== 'witness') {
      d.drbd = `/dev/disk/by-id/virtio-lab-drbd (${VM_DRBD_DISK_MIB} MiB, blank)`;
      d.sbd = `/dev/disk/by-id/virtio-lab-sbd (${VM_SBD_DISK_MIB} MiB, shared by legacy and secondary)`;
      d.watchdog = '/dev/watchdog (softdog, loaded at boot)';
    }
    out[n] = d;
  }
  return out;
}
