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

export function resourceNames(project: Project): ResourceNames {
  const r = planRoles(project);
  const sbd = project.planning.quorumFencing.fencing.includes('sbdDisk');
  return {
    group: 'g_mail',
    ...(r.replication === 'drbd' ? { drbd: 'p_drbd', drbdClone: 'cl_drbd', drbdResource: 'mail', drbdDevice: '/dev/drbd0' } : {}),
    fs: 'p_fs',
    binds: ['p_bind_vmail', 'p_bind_mysql', 'p_bind_spool'],
    vip: 'p_vip',
    mariadb: 'p_mariadb',
    postfix: 'p_postfix',
    dovecot: 'p_dovecot',
    stonith: sbd ? ['st_sbd'] : [],
    initialPreference: 'cli-prefer-g_mail',
  };
}
