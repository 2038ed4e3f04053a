// What a lab could leave behind on the host; `down` must leave none of it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { namespaceCgroups } from './cgroup.js';
import { netnsName, runDir, sockDir, type Tier } from './config.js';
import { procAlive, type ProcRecord } from './state.js';
import { run } from './util.js';

/** What of this instance's lab is still on the host; `procs` are the processes the lab recorded (by start time). */
export async function leftovers(tier: Tier, procs: ProcRecord[] = []): Promise<string[]> {
  const found: string[] = [];
  const rd = runDir(tier);
  if (existsSync(`/run/netns/${netnsName(tier)}`)) found.push(`network namespace ${netnsName(tier)}`);
  if (existsSync(sockDir(tier))) found.push(`relay socket dir ${sockDir(tier)}`);
  for (const c of namespaceCgroups(netnsName(tier))) found.push(`cgroup ${c}`);
  for (const line of readFileSync('/proc/self/mounts', 'utf8').split('\n')) {
    const mp = line.split(' ')[1];
    if (mp && mp.startsWith(rd)) found.push(`mount ${mp}`);
  }
  const loops = await run('losetup', ['-l', '-n', '-O', 'NAME,BACK-FILE'], { allowFail: true });
  for (const l of loops.stdout.split('\n')) if (l.includes(rd)) found.push(`loop device ${l.trim()}`);
  // A recorded PID that now belongs to another process (PIDs are reused fast on a busy host) is no leftover.
  for (const p of procs) if (procAlive(p)) found.push(`process ${p.pid} (${p.label})`);
  // Any process still using the lab's files, sockets or namespace (by command line).
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(sockDir(tier)) || cmd.includes(`${rd}/`) || cmd.includes(`/run/netns/${netnsName(tier)}`)) found.push(`process ${p}: ${cmd.slice(0, 120)}`);
    } catch {
      /* exited */
    }
  }
  return found;
}
