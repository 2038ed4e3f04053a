import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { TFunction } from 'i18next';
import type { ClusterStatus } from '../../../shared/cluster';
import { nodeRoles } from '../../../shared/commission/types';
import type { Project } from '../../../shared/project/schema';
import { parseArgs } from '../args';
import { cliT, type CliCommand } from '../command';
import { ExitCode } from '../exitCodes';
import { callHandler } from '../runtime';
import { CLUSTER_CHECK_USAGE, runClusterCheck } from './clusterCheck';
import { acceptedKeys, roleSecretsFromEnv } from './hosts';

const yesNo = (t: TFunction, b: boolean | undefined) => (b === undefined ? '–' : t(b ? 'install:cli.status.yes' : 'install:cli.status.no'));

/** The status as text: the verdict first, then nodes, resources, DRBD, quorum, failed actions, units. */
export function statusLines(s: ClusterStatus, t: TFunction): string[] {
  const out: string[] = [];
  const p = s.pacemaker;
  out.push(t('install:cli.status.head', { quorate: yesNo(t, s.summary.quorate), stonith: yesNo(t, s.summary.stonithEnabled), failed: s.summary.failedActions }));
  for (const n of s.nodes) {
    if (!n.reachable) out.push(`  ${n.role.padEnd(9)} ${t('install:cli.status.unreachable')}: ${t(n.error?.code ?? 'errors:unknown', { ...(n.error?.params ?? {}), defaultValue: n.error?.code ?? '' })}`);
  }
  if (p) {
    out.push(t('install:cli.status.nodes'));
    for (const n of p.nodes) {
      const flags = [n.online ? t('install:cli.status.online') : t('install:cli.status.offline'), n.standby ? 'standby' : '', n.maintenance ? 'maintenance' : '', n.unclean ? 'UNCLEAN' : '', n.isDc ? 'DC' : ''].filter(Boolean);
      out.push(`  ${n.name.padEnd(24)} ${flags.join(', ')}`);
    }
    out.push(t('install:cli.status.resources'));
    const w = Math.max(8, ...p.resources.map((r) => r.id.length));
    for (const r of p.resources) out.push(`  ${r.id.padEnd(w)}  ${r.agent.padEnd(26)} ${r.role.padEnd(10)} ${r.nodes.join(', ') || '–'}${r.failed ? '  FAILED' : ''}${r.managed ? '' : '  unmanaged'}`);
    if (p.failedActions.length) {
      out.push(t('install:cli.status.failedActions'));
      for (const f of p.failedActions) out.push(`  ${f.resource} ${f.op} @ ${f.node}: ${f.exitStatus ?? f.exitCode ?? ''}${f.exitReason ? ` (${f.exitReason})` : ''}${f.lastRcChange ? ` ${f.lastRcChange}` : ''}`);
    }
    for (const pr of p.problems) out.push(`  ! ${pr}`);
  }
  for (const n of s.nodes.filter((x) => x.reachable)) {
    const q = n.quorum;
    const d = n.drbd;
    const parts = [`${n.role}${n.hostname ? ` (${n.hostname})` : ''}:`];
    if (q) parts.push(`${t('install:cli.status.quorum')} ${yesNo(t, q.quorate)}, ${q.totalVotes ?? '?'}/${q.expectedVotes ?? '?'} ${t('install:cli.status.votes')}${q.flags.length ? ` [${q.flags.join(' ')}]` : ''}`);
    for (const r of d?.resources ?? []) {
      const peer = r.peers.map((x) => `${x.name ?? 'peer'} ${x.role ?? '?'}/${x.disk ?? '?'} ${x.replication ?? x.connection ?? ''}${x.syncPercent !== undefined ? ` ${x.syncPercent}%` : ''}`).join('; ');
      parts.push(`DRBD ${r.name}: ${r.role ?? '?'}/${r.disk ?? '?'} <-> ${peer || '–'}`);
    }
    const units = Object.entries(n.units).filter(([, u]) => u.enabled !== 'not-found').map(([u, v]) => `${u}=${v.enabled}/${v.active}`);
    if (units.length) parts.push(`${t('install:cli.status.units')} ${units.join(' ')}`);
    out.push(`  ${parts.join('  ')}`);
  }
  return out;
}

/** `cluster status --project F [--json] [--accept-fingerprint SHA256:...]`: read-only, over SSH to every node. */
export const clusterCommand: CliCommand = {
  name: 'cluster',
  usage: `cluster status --project FILE [--json] | ${CLUSTER_CHECK_USAGE}`,
  descriptionKey: 'install:cli.help.cluster',
  async run(argv, io) {
    const { positional, options } = parseArgs(argv, ['project', 'accept-fingerprint']);
    if (positional[0] === 'check') return runClusterCheck(argv.slice(argv.indexOf('check') + 1), io);
    if (positional[0] !== 'status' || typeof options.project !== 'string') {
      io.err(`usage: ${this.usage}`);
      return ExitCode.usage;
    }
    const file = path.resolve(options.project);
    const { project } = await callHandler<{ project: Project }>(io, 'project.open', { path: file });
    for (const role of nodeRoles) if (project.hosts[role]) await roleSecretsFromEnv(io, project.id, role);
    const fp = typeof options['accept-fingerprint'] === 'string' ? [options['accept-fingerprint']] : [];
    const acceptHostKeys = acceptedKeys(fp, nodeRoles.flatMap((r) => (project.hosts[r] ? [project.hosts[r]!] : [])));
    const status = await callHandler<ClusterStatus>(io, 'cluster.status', { runId: randomUUID(), projectId: project.id, project, acceptHostKeys });
    if (options.json) io.out(JSON.stringify(status, null, 2));
    else for (const l of statusLines(status, await cliT(io))) io.out(l);
    return status.nodes.some((n) => n.reachable) ? ExitCode.ok : ExitCode.unreachable;
  },
};
