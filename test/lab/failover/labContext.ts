// What the failover lab tests share: the lab's status (validated), root SSH to a node, and a local TCP tunnel
// through a node's SSH (for services the node only offers on its loopback, like legacy's MariaDB).
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { shQuote } from '../../../shared/shell/quote';
import type { Tier } from '../lib/config.js';
import { keyLogin, sshRun, type ExecResult } from '../lib/ssh.js';
import { labNode, readLabStatus, type LabStatus } from '../lib/statusSchema.js';

export const tier = (process.env.LAB_TIER ?? 'ct') as Tier;
export type LabNodeName = 'legacy' | 'secondary' | 'witness';

export function lab(): LabStatus {
  return readLabStatus(tier);
}

/**
 * A command as root on a node: the lab's admin by key with sudo (root's own login is switched off once the
 * cluster is commissioned, and every refused root login counts for fail2ban). No stdin for the command itself.
 */
export function rootOn(st: LabStatus, node: LabNodeName, cmd: string, timeoutMs?: number): Promise<ExecResult> {
  return sshRun(labNode(st, node), keyLogin(st, st.credentials.admin.user), `sudo -S -p '' sh -c ${shQuote(cmd)}`, `${st.credentials.admin.password}\n`, timeoutMs);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** ssh -L 127.0.0.1:<free>:<remoteHost>:<remotePort> through the node; returns the local port and a stop(). */
export async function tunnel(st: LabStatus, node: LabNodeName, remoteHost: string, remotePort: number): Promise<{ port: number; stop(): void }> {
  const n = labNode(st, node);
  const port = await freePort();
  const child: ChildProcess = spawn('ssh', ['-N', '-o', 'ExitOnForwardFailure=yes', '-o', 'BatchMode=yes', '-i', st.credentials.clientKey, '-o', `UserKnownHostsFile=${st.credentials.knownHosts}`, '-p', String(n.ssh.port), '-L', `127.0.0.1:${port}:${remoteHost}:${remotePort}`, `root@${n.ssh.host}`], { stdio: 'ignore' });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => {
        c.destroy();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error(`ssh tunnel to ${node} ${remoteHost}:${remotePort} did not come up`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, stop: () => child.kill() };
}
