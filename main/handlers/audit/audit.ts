import type { Handler } from '../types';

export const auditList: Handler<'audit.list'> = async ({ projectId, offset, limit }, { services }) =>
  services.auditLog(projectId).read({ offset, limit });

export const auditExport: Handler<'audit.export'> = async ({ projectId, path, format }, { services }) => ({
  path,
  entries: await services.auditLog(projectId).export(path, format),
});
