import path from 'node:path';
import { nodeRoles, type NodeRole } from '../../../shared/commission/types';
import type { Project } from '../../../shared/project/schema';
import type { Target } from '../../../shared/ssh/target';
import { parseArgs } from '../args';
import { cliT, type CliCommand, type CliIO } from '../command';
import { ExitCode } from '../exitCodes';
import { callHandler } from '../runtime';
import { parseHostSpec } from './analyse';

const KINDS = [
  ['password', 'MHS_SSH_PASSWORD'],
  ['passphrase', 'MHS_SSH_PASSPHRASE'],
  ['sudo', 'MHS_SUDO_PASSWORD'],
  ['jumpPassword', 'MHS_JUMP_PASSWORD'],
] as const;

/**
 * The SSH secrets of one node role from the environment, as `analyse` reads them; MHS_SSH_PASSWORD_SECONDARY
 * (etc., role in capitals) wins over MHS_SSH_PASSWORD for that role. Kept for this process only.
 */
export async function roleSecretsFromEnv(io: CliIO, projectId: string, role: NodeRole): Promise<void> {
  for (const [kind, name] of KINDS) {
    const value = process.env[`${name}_${role.toUpperCase()}`] ?? process.env[name];
    if (value) await callHandler(io, 'secrets.set', { projectId, role, kind, value, remember: false });
  }
}

/** The accepted fingerprint applies to the host (and its jump host) named on this command line. */
export function acceptedKeys(fingerprints: string[], targets: { host: string; port: number }[]) {
  return fingerprints.flatMap((fingerprint) => targets.map((t) => ({ host: t.host, port: t.port, fingerprint })));
}

/**
 * `hosts add --project F --role secondary|witness|node3 --host H [--port P] --user U [--key K|--agent|--password]
 * [--jump user@host:port [--jump-key K]] [--accept-fingerprint SHA256:...]`: connects once (login + sudo), stores
 * the host key in the app's known_hosts and the target in project.hosts. Secrets from the environment.
 */
export const hostsCommand: CliCommand = {
  name: 'hosts',
  usage: 'hosts add --project FILE --role secondary|witness|node3 --host H [--port P] --user U [--key FILE|--agent|--password] [--jump user@host:port [--jump-key FILE]] [--accept-fingerprint SHA256:..]',
  descriptionKey: 'install:cli.help.hosts',
  async run(argv, io) {
    const { positional, options: o } = parseArgs(argv, ['project', 'role', 'host', 'port', 'user', 'key', 'jump', 'jump-key', 'accept-fingerprint']);
    const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    const role = s('role') as NodeRole | undefined;
    if (positional[0] !== 'add' || !s('project') || !s('host') || !s('user') || !role || !nodeRoles.includes(role)) {
      io.err(`usage: ${this.usage}`);
      return ExitCode.usage;
    }
    const port = s('port') ? Number(s('port')) : 22;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      io.err(`usage: ${this.usage}`);
      return ExitCode.usage;
    }
    const auth = s('key') ? { method: 'key' as const, keyPath: path.resolve(s('key')!) } : o.agent ? { method: 'agent' as const } : { method: 'password' as const };
    let jump: Target | undefined;
    if (s('jump')) {
      const j = parseHostSpec(s('jump')!, { user: s('user')!, port: 22 });
      jump = { host: j.host, port: j.port, user: j.user ?? s('user')!, auth: s('jump-key') ? { method: 'key', keyPath: path.resolve(s('jump-key')!) } : { method: 'password' } };
    }
    const target: Target = { host: s('host')!, port, user: s('user')!, auth, ...(jump ? { jump } : {}) };
    const file = path.resolve(s('project')!);
    const { project } = await callHandler<{ project: Project }>(io, 'project.open', { path: file });
    await roleSecretsFromEnv(io, project.id, role);
    const accept = s('accept-fingerprint');
    const acceptHostKeys = accept ? acceptedKeys([accept], [target, ...(jump ? [jump] : [])]) : [];
    const v = await callHandler<{ hostname: string; sudo: boolean }>(io, 'commission.verifyHost', { projectId: project.id, role, target, acceptHostKeys });
    await callHandler(io, 'project.save', { path: file, project: { ...project, hosts: { ...project.hosts, [role]: target } } });
    const t = await cliT(io);
    io.out(t('install:cli.hostAdded', { role, target: `${target.user}@${target.host}:${target.port}`, hostname: v.hostname, path: file }));
    return ExitCode.ok;
  },
};
