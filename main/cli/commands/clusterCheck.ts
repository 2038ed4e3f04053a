/**
 * `cluster check --project F [--prometheus | --prometheus-file PATH]`: the cluster's state as a Nagios/Icinga
 * plugin (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; one status line with performance data after "|"), or
 * as Prometheus text exposition (stdout, or written atomically for node_exporter's textfile collector).
 * Everything that goes wrong before the check itself (no project, no SSH access) is UNKNOWN, as plugins must.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { nodeRoles } from '../../../shared/commission/types';
import { toErrorValue } from '../../../shared/errors';
import type { Project } from '../../../shared/project/schema';
import { writeFileAtomic } from '../../project/atomicWrite';
import { parseArgs } from '../args';
import { CliExit, cliT, type CliIO } from '../command';
import { callHandler } from '../runtime';
import { acceptedKeys, roleSecretsFromEnv } from './hosts';

export const CLUSTER_CHECK_USAGE = 'cluster check --project FILE [--prometheus | --prometheus-file PATH] [--accept-fingerprint SHA256:..[,..]]';
const UNKNOWN = 3;

export async function runClusterCheck(argv: string[], io: CliIO): Promise<number> {
  const { options: o } = parseArgs(argv, ['project', 'accept-fingerprint', 'prometheus-file']);
  if (typeof o.project !== 'string') {
    io.out(`MAILCLUSTER UNKNOWN - usage: ${CLUSTER_CHECK_USAGE}`);
    return UNKNOWN;
  }
  try {
    const file = path.resolve(o.project);
    const { project } = await callHandler<{ project: Project }>(io, 'project.open', { path: file });
    const roles = nodeRoles.filter((r) => project.hosts[r]);
    for (const role of roles) await roleSecretsFromEnv(io, project.id, role);
    const fps = typeof o['accept-fingerprint'] === 'string' ? o['accept-fingerprint'].split(',').filter(Boolean) : [];
    const c = await callHandler<{ status: number; text: string; perfdata: string; prometheus: string }>(io, 'failover.clusterCheck', {
      runId: randomUUID(), projectId: project.id, project, acceptHostKeys: acceptedKeys(fps, roles.map((r) => project.hosts[r]!)),
    });
    if (typeof o['prometheus-file'] === 'string') {
      await writeFileAtomic(path.resolve(o['prometheus-file']), c.prometheus);
      io.out(`${c.text} | ${c.perfdata}`);
    } else if (o.prometheus === true) io.out(c.prometheus.trimEnd());
    else io.out(`${c.text} | ${c.perfdata}`);
    return c.status;
  } catch (e) {
    // The error is printed already (stderr); a plugin still owes its one line and UNKNOWN.
    if (!(e instanceof CliExit)) {
      const t = await cliT(io);
      const v = toErrorValue(e);
      io.err(t(v.code, { ...(v.params ?? {}), defaultValue: v.code }));
    }
    io.out('MAILCLUSTER UNKNOWN - the check could not run (see stderr)');
    return UNKNOWN;
  }
}
