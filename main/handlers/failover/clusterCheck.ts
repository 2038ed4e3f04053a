import { checkCluster } from '../../failover/checkCluster';
import type { Handler } from '../types';

export const failoverClusterCheck: Handler<'failover.clusterCheck'> = async ({ projectId, project, acceptHostKeys }, { services }) => {
  const c = await checkCluster(services, { ...project, id: projectId }, services.auditLog(projectId), acceptHostKeys);
  return { status: c.status, text: c.text, perfdata: c.perfdata, prometheus: c.prometheus };
};
