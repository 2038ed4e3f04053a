// The ct containers' own cgroups: which hierarchies a host has, and that the launcher really runs its
// command in the node's cgroup (on this host, as root) and the lab removes it again.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAB_CGROUP, inCgroups, namespaceCgroups, nodeCgroups, removeNamespaceCgroups, trackingHierarchies } from '../lib/cgroup.js';
import { sharedLunUnit } from '../lib/ct.js';
import { waitFor } from '../lib/util.js';

const line = (id: number, path: string, fstype: string, opts: string) => `${id} 23 0:${id} / ${path} rw,relatime - ${fstype} ${fstype === 'tmpfs' ? 'tmpfs' : 'cgroup'} ${opts}`;
const v1 = (id: number, c: string) => line(id, `/sys/fs/cgroup/${c}`, 'cgroup', `rw,${c}`);

describe('trackingHierarchies', () => {
  it('on a unified host uses the one cgroup2 tree', () => {
    expect(trackingHierarchies(line(30, '/sys/fs/cgroup', 'cgroup2', 'rw,nsdelegate'))).toEqual({ layout: 'unified', dirs: ['/sys/fs/cgroup'] });
  });

  it("on a hybrid host (this machine's kind) uses systemd's named v1 tree and cgroup2 at unified/", () => {
    const mi = [line(31, '/sys/fs/cgroup', 'tmpfs', 'rw,mode=755'), v1(32, 'cpu'), v1(35, 'memory'), line(40, '/sys/fs/cgroup/systemd', 'cgroup', 'rw,name=systemd'), line(41, '/sys/fs/cgroup/unified', 'cgroup2', 'rw')].join('\n');
    expect(trackingHierarchies(mi)).toEqual({ layout: 'hybrid', dirs: ['/sys/fs/cgroup/systemd', '/sys/fs/cgroup/unified'] });
  });

  it('tells a v1-only host (no cgroup2 mounted) and one without any tracking tree apart', () => {
    const base = [line(31, '/sys/fs/cgroup', 'tmpfs', 'rw,mode=755'), v1(32, 'cpu'), v1(36, 'devices')];
    expect(trackingHierarchies([...base, line(40, '/sys/fs/cgroup/systemd', 'cgroup', 'rw,name=systemd')].join('\n'))).toEqual({ layout: 'legacy', dirs: ['/sys/fs/cgroup/systemd'] });
    expect(trackingHierarchies(base.join('\n'))).toEqual({ layout: 'none', dirs: [] });
  });

  it('names a node cgroup per hierarchy, namespace and node', () => {
    expect(nodeCgroups(['/sys/fs/cgroup/systemd', '/sys/fs/cgroup/unified'], 'mhs-lab-ct7', 'legacy')).toEqual([
      `/sys/fs/cgroup/systemd/${LAB_CGROUP}/mhs-lab-ct7/legacy`,
      `/sys/fs/cgroup/unified/${LAB_CGROUP}/mhs-lab-ct7/legacy`,
    ]);
  });
});

describe('the shared LUN unit', () => {
  it('creates the block device node at the published path, group disk, before local file systems', () => {
    const u = sharedLunUnit('/dev/loop5', { major: 7, minor: 5 });
    expect(u).toContain('ExecStart=/bin/mknod -m 0660 /dev/loop5 b 7 5');
    expect(u).toContain('ExecStartPost=/bin/chgrp disk /dev/loop5');
    expect(u).toMatch(/^Before=local-fs-pre\.target sysinit\.target$/m);
    expect(u).toMatch(/^DefaultDependencies=no$/m);
  });
});

const host = trackingHierarchies();
describe.runIf(process.getuid?.() === 0 && host.dirs.length > 0)('inCgroups on this host', () => {
  it('runs the command (same PID) in the node cgroup of every tracking hierarchy; removal leaves nothing', async () => {
    const ns = `mhs-lab-unit-${process.pid}`;
    const cgs = nodeCgroups(host.dirs, ns, 'node');
    const [cmd, args] = inCgroups(cgs, 'sleep', ['30']);
    expect(cmd).toBe('sh');
    const child = spawn(cmd, args, { stdio: 'ignore' });
    try {
      const pid = child.pid!;
      await waitFor('the launcher to exec sleep', 5000, () => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'sleep', 20);
      const own = readFileSync(`/proc/${pid}/cgroup`, 'utf8');
      for (const c of cgs) {
        expect(readFileSync(`${c}/cgroup.procs`, 'utf8').split('\n')).toContain(String(pid));
        expect(own).toContain(`/${LAB_CGROUP}/${ns}/node`);
      }
      expect(removeNamespaceCgroups(ns).length).toBeGreaterThan(0); // still in use: kept, and reported
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    await waitFor('the cgroups to be removable', 5000, () => removeNamespaceCgroups(ns).length === 0, 50);
    expect(namespaceCgroups(ns)).toEqual([]);
    for (const c of cgs) expect(existsSync(c)).toBe(false);
  });

  it('refuses to start the command when a cgroup cannot be made', async () => {
    const [cmd, args] = inCgroups(['/proc/no-such-hierarchy/x'], 'true', []);
    const code = await new Promise<number | null>((r) => spawn(cmd, args, { stdio: 'ignore' }).once('exit', r));
    expect(code).toBe(125);
  });
});
