// ct tier only: what makes a container behave like a server under Pacemaker. The shared LUN is a real block
// device node that ocf:heartbeat:Filesystem can mount and unmount on one node after the other, and systemd in
// each container has its own unified cgroup, so `systemctl stop` ends every process of a service.
// Each part has a negative control: the old layout (a bind mount of the device) and KillMode=process must fail
// the same checks.
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { shCommand, shQuote } from '../../../shared/shell/quote';
import type { NodeName } from '../lib/config.js';
import { ctx, has, node, root, timed } from './context.js';

const AGENT = '/usr/lib/ocf/resource.d/heartbeat/Filesystem';
const MOUNTPOINT = '/mnt/lab-lun';

/** One call of the real Filesystem agent as Pacemaker's executor makes it (environment only, no CIB). */
function agent(op: 'start' | 'stop' | 'monitor', device: string): string {
  const env = ['OCF_ROOT=/usr/lib/ocf', 'OCF_RESOURCE_INSTANCE=p_fs', `OCF_RESKEY_device=${device}`, `OCF_RESKEY_directory=${MOUNTPOINT}`, 'OCF_RESKEY_fstype=ext4'];
  return `${shCommand(['env', ...env, AGENT, op])} >/dev/null 2>&1; echo ${op}=$?`;
}

/** "block special file" and whether anything is mounted ON the path itself (what a bind mount was). */
const deviceState = (path: string): string =>
  `stat -c %F ${shQuote(path)}; awk -v p=${shQuote(path)} '$5 == p' /proc/self/mountinfo | wc -l`;

const rcOf = (out: string, op: string): number => Number(new RegExp(`^${op}=(\\d+)$`, 'm').exec(out)?.[1] ?? NaN);

export function ctNodeTests(): void {
  const pair: NodeName[] = ['legacy', 'secondary'];
  const both = pair.every(has);

  it.runIf(both)(
    'ct: the shared LUN is a block device node that ocf:heartbeat:Filesystem mounts and unmounts on one node, then the other, three times',
    async () => {
      const dev = ctx.st.sharedDisk?.nodeDevice;
      expect(dev).toMatch(/^\/dev\/loop\d+$/);
      const install = 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends resource-agents psmisc >/tmp/apt-ra.log 2>&1 || { apt-get update -q >>/tmp/apt-ra.log 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends resource-agents psmisc >>/tmp/apt-ra.log 2>&1; }; echo rc=$?';
      const inst = await timed('resourceAgentsInstallSeconds', () => Promise.all(pair.map((n) => root(n, install, undefined, 600_000))));
      for (const r of inst) expect(r.stdout).toContain('rc=0');
      for (const n of pair) expect((await root(n, deviceState(dev!))).stdout.trim().split('\n')).toEqual(['block special file', '0']);
      expect((await root('legacy', `mkfs.ext4 -F -q ${shQuote(dev!)}; echo rc=$?`)).stdout).toContain('rc=0');

      const trail: string[] = [];
      await timed('lunMoveRoundsSeconds', async () => {
        for (let round = 1; round <= 3; round++) {
          for (const n of pair) {
            const mark = `${round}-${n}`;
            trail.push(mark);
            const r = await root(
              n,
              [`mkdir -p ${MOUNTPOINT}`, agent('start', dev!), agent('monitor', dev!), `echo ${shQuote(mark)} >> ${MOUNTPOINT}/trail`, `paste -sd ' ' ${MOUNTPOINT}/trail`, agent('stop', dev!), agent('monitor', dev!), deviceState(dev!)].join('; '),
            );
            const lines = r.stdout.trim().split('\n');
            expect({ node: n, round, start: rcOf(r.stdout, 'start'), stop: rcOf(r.stdout, 'stop') }).toEqual({ node: n, round, start: 0, stop: 0 });
            // monitor: 0 while mounted, then 7 (OCF_NOT_RUNNING) after stop
            expect(r.stdout.match(/^monitor=(\d+)$/gm)).toEqual(['monitor=0', 'monitor=7']);
            expect(lines).toContain(trail.join(' ')); // both nodes wrote to the one file system, in turn
            expect(lines.slice(-2)).toEqual(['block special file', '0']);
          }
        }
      });

      // Negative control: the old layout, the device bound over a placeholder file. The agent's stop unmounts
      // that bind as well, the same checks see an empty regular file, and the next start fails.
      const bind = '/run/lab-lun-bind';
      const neg = await root(
        'secondary',
        [`touch ${bind}`, `mount --bind ${shQuote(dev!)} ${bind}`, agent('start', bind), agent('stop', bind), deviceState(bind), agent('start', bind), `umount ${bind} 2>/dev/null; umount ${MOUNTPOINT} 2>/dev/null; rm -f ${bind}`].join('; '),
      );
      expect(neg.stdout.match(/^start=(\d+)$/gm)).toEqual(['start=0', 'start=5']);
      expect(neg.stdout).toMatch(/^regular empty file$/m);
    },
    900_000,
  );

  it.runIf(both)(
    'ct: systemctl stop ends a service whose child left for its own session; each container has its own unified cgroup',
    async () => {
      for (const n of pair) {
        // The container's init sits in the lab's cgroup for exactly this node (host view) ...
        const hostCg = readFileSync(`/proc/${node(n).pid}/cgroup`, 'utf8');
        expect(hostCg).toMatch(new RegExp(`^0::/mhs-lab/${ctx.st.namespace}/${n}(/|$)`, 'm'));
        // ... and sees cgroup2 as its whole hierarchy, as systemd 252 on a real Debian 12 server does.
        expect((await root(n, 'stat -fc %T /sys/fs/cgroup')).stdout.trim()).toBe('cgroup2fs');
      }
      const a = randomInt(100_000, 999_999);
      const b = a + 1;
      const unit = `lab-cgtest-${a}`;
      const start = (killMode: string) =>
        shCommand(['systemd-run', `--unit=${unit}`, '--service-type=simple', '-p', `KillMode=${killMode}`, 'sh', '-c', `setsid sleep ${b} & exec sleep ${a}`]) +
        ` >/dev/null 2>&1; sleep 1; ps -eo sid=,args= | awk '$2 == "sleep" && ($3 == ${a} || $3 == ${b}) { print $1, $3 }' | sort -k2`;
      const survivors = `ps -eo args= | awk '$1 == "sleep" && ($2 == ${a} || $2 == ${b}) { print $2 }'`;

      // The same unit name on both nodes: stopping it on one must not touch the other (the containers once
      // shared one system.slice).
      const started = await Promise.all(pair.map((n) => root(n, start('control-group'))));
      for (const r of started) {
        const [main, child] = r.stdout.trim().split('\n').map((l) => l.split(' '));
        expect([main?.[1], child?.[1]]).toEqual([String(a), String(b)]);
        expect(main?.[0]).not.toBe(child?.[0]); // the child really is in another session
      }
      const stop = await timed('cgroupStopSeconds', () => root('legacy', `systemctl stop ${unit}; echo rc=$?; sleep 0.5; ${survivors}; journalctl -q -u ${unit} --no-pager | grep -c 'Failed to kill' || true`));
      expect(stop.stdout.trim().split('\n')).toEqual(['rc=0', '0']);
      expect((await root('secondary', survivors)).stdout.trim().split('\n').sort()).toEqual([String(a), String(b)]);
      const stop2 = await root('secondary', `systemctl stop ${unit}; sleep 0.5; ${survivors}`);
      expect(stop2.stdout.trim()).toBe('');

      // Negative control: KillMode=process leaves the session child behind, and the same check sees it.
      await root('legacy', `systemctl reset-failed ${unit} 2>/dev/null; ${start('process')}`);
      const leak = await root('legacy', `systemctl stop ${unit}; sleep 0.5; ${survivors}; pkill -x -f ${shQuote(`sleep ${b}`)}; systemctl reset-failed ${unit} 2>/dev/null; true`);
      expect(leak.stdout.trim()).toBe(String(b));
    },
    180_000,
  );
}
