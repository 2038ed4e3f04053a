// A control group of its own for every ct container.
//
// systemd-nspawn with --keep-unit --register=no allocates nothing: it splits the cgroup it was started in
// into payload/ (the container) and supervisor/ (itself). Started from a shell in the host's root cgroup,
// every container of every instance got the same /payload, so the containers' systemd all managed one
// shared system.slice/dovecot.service. In cgroup v1 a process of another PID namespace reads as PID 0 in
// cgroup.procs, and systemd then gives up ("Failed to kill control group ... Input/output error"):
// `systemctl stop` left processes running. nspawn expects to run in a cgroup used for this container
// only (what systemd-nspawn@.service gives it), so the lab makes one per node and starts nspawn in it.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './util.js';

/** The directory below each hierarchy's root that holds the lab's cgroups (one subtree per namespace). */
export const LAB_CGROUP = 'mhs-lab';

interface Mount {
  path: string;
  fstype: string;
  options: string;
}

function cgroupMounts(mountinfo = readFileSync('/proc/self/mountinfo', 'utf8')): Mount[] {
  const out: Mount[] = [];
  for (const line of mountinfo.split('\n')) {
    const [pre, post] = line.split(' - ');
    if (!pre || !post) continue;
    const [fstype, , options] = post.split(' ');
    const path = pre.split(' ')[4];
    if (path && fstype && (fstype === 'cgroup' || fstype === 'cgroup2' || fstype === 'tmpfs')) out.push({ path, fstype, options: options ?? '' });
  }
  return out;
}

export type CgroupLayout = 'unified' | 'hybrid' | 'legacy' | 'none';

/** The hierarchies a container's cgroup must be made in: the process-tracking ones (systemd's and cgroup2). */
export function trackingHierarchies(mountinfo?: string): { layout: CgroupLayout; dirs: string[] } {
  const m = cgroupMounts(mountinfo);
  const at = (p: string) => m.filter((x) => x.path === p).pop();
  const root = at('/sys/fs/cgroup');
  if (root?.fstype === 'cgroup2') return { layout: 'unified', dirs: ['/sys/fs/cgroup'] };
  const named = at('/sys/fs/cgroup/systemd');
  const unified = at('/sys/fs/cgroup/unified');
  const dirs = [named?.fstype === 'cgroup' && /(^|,)name=systemd(,|$)/.test(named.options) ? named.path : undefined, unified?.fstype === 'cgroup2' ? unified.path : undefined].filter(
    (d): d is string => d !== undefined,
  );
  const layout: CgroupLayout = dirs.length === 2 ? 'hybrid' : dirs.length === 1 && dirs[0] === named?.path ? 'legacy' : 'none';
  return { layout, dirs };
}

/**
 * Make sure the host has the hierarchies nspawn and the containers' systemd need: on a v1 host without them
 * (tmpfs at /sys/fs/cgroup), mount systemd's named hierarchy and cgroup2 where systemd looks for them
 * (/sys/fs/cgroup/systemd, /sys/fs/cgroup/unified). They stay mounted after `down`: an empty hierarchy is
 * harmless, and other instances' containers may already run in it.
 */
export async function ensureTrackingHierarchies(): Promise<string[]> {
  const now = trackingHierarchies();
  if (now.layout === 'unified' || now.layout === 'hybrid') return now.dirs;
  const m = cgroupMounts();
  if (m.filter((x) => x.path === '/sys/fs/cgroup').pop()?.fstype !== 'tmpfs') throw new Error('/sys/fs/cgroup is neither cgroup2 nor a tmpfs of v1 hierarchies: the ct tier cannot give its containers their own cgroups here');
  if (!now.dirs.includes('/sys/fs/cgroup/systemd')) {
    mkdirSync('/sys/fs/cgroup/systemd', { recursive: true });
    await run('mount', ['-t', 'cgroup', '-o', 'none,name=systemd', 'cgroup', '/sys/fs/cgroup/systemd']);
  }
  mkdirSync('/sys/fs/cgroup/unified', { recursive: true });
  await run('mount', ['-t', 'cgroup2', 'cgroup2', '/sys/fs/cgroup/unified']);
  const after = trackingHierarchies();
  if (after.layout !== 'hybrid') throw new Error(`could not set up the cgroup hierarchies for the ct tier (found ${after.layout}: ${after.dirs.join(', ')})`);
  return after.dirs;
}

/** This container's cgroup in each tracking hierarchy: <root>/mhs-lab/<namespace>/<node>. */
export function nodeCgroups(dirs: readonly string[], ns: string, node: string): string[] {
  return dirs.map((d) => join(d, LAB_CGROUP, ns, node));
}

/**
 * Run cmd inside the given cgroups: a fixed sh script creates each and moves itself there, then execs cmd
 * (same PID, so the lab records and signals it as before). Paths are passed as arguments, never quoted.
 */
export function inCgroups(cgroups: readonly string[], cmd: string, args: readonly string[]): [string, string[]] {
  if (!cgroups.length) return [cmd, [...args]];
  const script = 'while [ "$1" != -- ]; do mkdir -p "$1" && echo $$ > "$1/cgroup.procs" || exit 125; shift; done; shift; exec "$@"';
  return ['sh', ['-c', script, 'lab-cgroup', ...cgroups, '--', cmd, ...args]];
}

function removeTree(dir: string): string[] {
  const left: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return left;
  }
  for (const e of entries) {
    const p = join(dir, e);
    try {
      if (statSync(p).isDirectory()) left.push(...removeTree(p));
    } catch {
      /* went away */
    }
  }
  try {
    rmdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') left.push(dir);
  }
  return left;
}

/**
 * Remove the cgroups of a namespace's containers (after they stopped). Returns what could not be removed
 * (a cgroup still holding processes).
 */
export function removeNamespaceCgroups(ns: string): string[] {
  const { dirs } = trackingHierarchies();
  return dirs.flatMap((d) => removeTree(join(d, LAB_CGROUP, ns)));
}

/** What is left of a namespace's cgroups (for the leftover check). */
export function namespaceCgroups(ns: string): string[] {
  const { dirs } = trackingHierarchies();
  return dirs.map((d) => join(d, LAB_CGROUP, ns)).filter((p) => existsSync(p));
}

/** The PIDs (host view) in a cgroup and below it. */
export function pidsBelow(dir: string): number[] {
  const out: number[] = [];
  try {
    for (const l of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n')) if (/^\d+$/.test(l)) out.push(Number(l));
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) out.push(...pidsBelow(p));
    }
  } catch {
    /* removed meanwhile */
  }
  return out;
}
