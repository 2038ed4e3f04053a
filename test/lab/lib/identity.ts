// Per-node identity files (hostname, /etc/hosts, network, fresh SSH host keys, authorized keys). The ct
// tier writes them into the node's overlay; the vm tier hands them to the guest as a tar over fw_cfg.
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ALL_NODES, BRIDGE, DOMAIN, NODE_ADDR, PREFIX_LEN, VIP, type NodeName } from './config.js';
import { run } from './util.js';

export const HOST_KEY_TYPES = ['ed25519', 'ecdsa', 'rsa'] as const;

/** The lab's client key pair (root and labadmin log in with it). */
export async function ensureClientKey(keyDir: string): Promise<string> {
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  const key = join(keyDir, 'id_ed25519');
  if (!existsSync(key)) await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'mail-ha-studio-lab', '-f', key]);
  return key;
}

/** Generate this node's own host keys into keyDir (kept in .run so status.json can publish them). */
export async function makeHostKeys(keyDir: string, node: NodeName): Promise<Record<string, string>> {
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  const pubs: Record<string, string> = {};
  await Promise.all(
    HOST_KEY_TYPES.map(async (t) => {
      const f = join(keyDir, `ssh_host_${t}_key`);
      rmSync(f, { force: true });
      rmSync(`${f}.pub`, { force: true });
      await run('ssh-keygen', ['-q', '-t', t, ...(t === 'rsa' ? ['-b', '3072'] : []), '-N', '', '-C', `root@${node}`, '-f', f]);
      pubs[t] = readFileSync(`${f}.pub`, 'utf8').trim();
    }),
  );
  return pubs;
}

function hostsFile(): string {
  const lines = ['127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback', ''];
  lines.push(`${BRIDGE.address}\tgateway.${DOMAIN} gateway smarthost.${DOMAIN} repo.${DOMAIN}`);
  lines.push(`${VIP}\tmail.example-gmbh.test vip.${DOMAIN} vip`);
  for (const n of ALL_NODES) lines.push(`${NODE_ADDR[n]}\t${n}.${DOMAIN} ${n}`);
  return lines.join('\n') + '\n';
}

function uidOf(root: string, user: string): [number, number] {
  const line = readFileSync(join(root, 'etc', 'passwd'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${user}:`));
  if (!line) throw new Error(`user ${user} missing in ${root}`);
  const f = line.split(':');
  return [Number(f[2]), Number(f[3])];
}

function put(root: string, rel: string, content: string | Buffer, mode = 0o644, owner?: [number, number]): void {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
  chmodSync(p, mode);
  if (owner) chownSync(p, owner[0], owner[1]);
}

/**
 * Write the identity of `node` below `root`. `imageRoot` is read for user ids (it may be the same tree).
 * With forTar, the files are laid out in a staging directory that becomes the fw_cfg tar.
 */
export function writeIdentity(root: string, imageRoot: string, node: NodeName, hostKeyDir: string, clientPub: string): void {
  put(root, 'etc/hostname', `${node}\n`);
  put(root, 'etc/hosts', hostsFile());
  put(
    root,
    'etc/systemd/network/10-lab.network',
    `[Match]\nName=host0 en* eth*\n\n[Network]\nAddress=${NODE_ADDR[node]}/${PREFIX_LEN}\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n`,
  );
  for (const t of HOST_KEY_TYPES) {
    put(root, `etc/ssh/ssh_host_${t}_key`, readFileSync(join(hostKeyDir, `ssh_host_${t}_key`)), 0o600, [0, 0]);
    put(root, `etc/ssh/ssh_host_${t}_key.pub`, readFileSync(join(hostKeyDir, `ssh_host_${t}_key.pub`)), 0o644, [0, 0]);
  }
  put(root, 'root/.ssh/authorized_keys', clientPub, 0o600, [0, 0]);
  const admin = uidOf(imageRoot, 'labadmin');
  mkdirSync(join(root, 'home/labadmin/.ssh'), { recursive: true });
  chownSync(join(root, 'home/labadmin/.ssh'), admin[0], admin[1]);
  chmodSync(join(root, 'home/labadmin/.ssh'), 0o700);
  put(root, 'home/labadmin/.ssh/authorized_keys', clientPub, 0o600, admin);
  put(root, 'etc/lab/node', `name=${node}\naddress=${NODE_ADDR[node]}\n`);
}
