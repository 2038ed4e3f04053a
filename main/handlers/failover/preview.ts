import { previewFailover } from '../../failover/runFailover';
import type { Handler } from '../types';

export const failoverPreview: Handler<'failover.preview'> = async ({ projectId, project, acceptHostKeys, cases, interactive }, { services }) => {
  return previewFailover(services, { ...project, id: projectId }, services.auditLog(projectId), acceptHostKeys, cases, interactive);
};
