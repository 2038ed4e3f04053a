// What a lab could leave behind on the host; `down` must leave none of it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { netnsName, runDir, sockDir, type Tier } from './config.js';
import { run } from './util.js';

export async function leftovers(tier: Tier, pids: number[] = []): Promise<string[]> {
  const found: string[] = [];
  const rd = runDir(tier);
  if (existsSync(`/run/netns/${netnsName(tier)}`)) found.push(`network namespace ${netnsName(tier)}`);
  if (existsSync(sockDir(tier))) found.push(`relay socket dir ${sockDir(tier)}`);
  for (const line of readFileSync('/proc/self/mounts', 'utf8').split('\n')) {
    const mp = line.split(' ')[1];
    if (mp && mp.startsWith(rd)) found.push(`mount ${mp}`);
  }
  const loops = await run('losetup', ['-l', '-n', '-O', 'NAME,BACK-FILE'], { allowFail: true });
  for (const l of loops.stdout.split('\n')) if (l.includes(rd)) found.push(`loop device ${l.trim()}`);
  for (const pid of pids) if (existsSync(`/proc/${pid}`)) found.push(`process ${pid}`);
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
