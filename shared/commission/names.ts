/**
 * Names the plan gives things in the cluster, for the handbook, the status view and the failover tests when
 * the cluster itself cannot be asked; and which roles a project's cluster has. One place, so nobody copies
 * the plan's choices.
 */
import type { Project } from '../project/schema';
import { planRoles } from './inputs/roles';

export { planRoles, type PlanRoles } from './inputs/roles';

export interface ResourceNames {
  group: string;
  drbd?: string;
  drbdClone?: string;
  /** The DRBD resource in /etc/drbd.d. */
  drbdResource?: string;
  drbdDevice?: string;
  fs: string;
  binds: string[];
  vip: string;
  mariadb: string;
  postfix: string;
  dovecot: string;
  stonith: string[];
  /** Constraint the cut-over uses to start the group on the primary (cleared at its last step). */
  initialPreference: string;
}

/** The bind mounts that put the volume's directories in place (the volume is mounted once). */
export const BIND_IDS = { vmail: 'p_bind_vmail', mariadb: 'p_bind_mysql', spool: 'p_bind_spool' } as const;
export const VIP_ID = 'p_vip';
/** A mail service's resource id (systemd unit as Debian names it). */
export const serviceId = (unit: string) => `p_${unit.replace(/[^a-z0-9]/g, '')}`;

/**
 * The mail services a service starts after (and stops before), of those the cluster runs: Dovecot after
 * MariaDB (its passdb is SQL), Postfix after all the others (the reasons: steps/resources.ts).
 */
export function serviceDeps(units: readonly string[], unit: string): string[] {
  if (unit === 'postfix') return units.filter((u) => u !== 'postfix');
  if (unit === 'dovecot') return units.filter((u) => u === 'mariadb');
  return [];
}

export function resourceNames(project: Project): ResourceNames {
  const r = planRoles(project);
  const sbd = project.planning.quorumFencing.fencing.includes('sbdDisk');
  return {
    group: 'g_mail',
    ...(r.replication === 'drbd' ? { drbd: 'p_drbd', drbdClone: 'cl_drbd', drbdResource: 'mail', drbdDevice: '/dev/drbd0' } : {}),
    fs: 'p_fs',
    binds: Object.values(BIND_IDS),
    vip: VIP_ID,
    mariadb: serviceId('mariadb'),
    postfix: serviceId('postfix'),
    dovecot: serviceId('dovecot'),
    stonith: sbd ? ['st_sbd'] : [],
    initialPreference: 'cli-prefer-g_mail',
  };
}
