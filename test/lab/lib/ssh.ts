// SSH to lab nodes with ssh2, verifying the node's own host key from status.json.
import { readFileSync } from 'node:fs';
import { Client } from 'ssh2';
import type { LabStatus, NodeStatus } from './status.js';

export interface SshLogin {
  username: string;
  privateKey?: string;
  password?: string;
}

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function keyLogin(st: LabStatus, username: string): SshLogin {
  return { username, privateKey: st.credentials.clientKey };
}

export function connectNode(node: NodeStatus, login: SshLogin, timeoutMs = 20_000): Promise<Client> {
  const known = new Set(Object.values(node.ssh.hostKeys).map((k) => k.split(' ')[1]));
  return new Promise((resolve, reject) => {
    const c = new Client();
    c.on('ready', () => resolve(c));
    c.on('error', reject);
    c.connect({
      host: node.ssh.host,
      port: node.ssh.port,
      username: login.username,
      privateKey: login.privateKey ? readFileSync(login.privateKey) : undefined,
      password: login.password,
      tryKeyboard: false,
      readyTimeout: timeoutMs,
      hostVerifier: (key: Buffer) => known.has(key.toString('base64')),
    });
  });
}

export function execOn(c: Client, cmd: string, input?: string, timeoutMs = 300_000): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`ssh command timed out: ${cmd}`)), timeoutMs);
    c.exec(cmd, (err, stream) => {
      if (err) {
        clearTimeout(t);
        reject(err);
        return;
      }
      let stdout = '';
      let stderr = '';
      stream.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      stream.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      stream.on('close', (code: number | null) => {
        clearTimeout(t);
        resolve({ code, stdout, stderr });
      });
      if (input !== undefined) stream.end(input);
      else stream.end();
    });
  });
}

/** One command on one node with one login; closes the connection afterwards. */
export async function sshRun(node: NodeStatus, login: SshLogin, cmd: string, input?: string, timeoutMs?: number): Promise<ExecResult> {
  const c = await connectNode(node, login);
  try {
    return await execOn(c, cmd, input, timeoutMs);
  } finally {
    c.end();
  }
}
