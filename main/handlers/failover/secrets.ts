import { getFailoverSecret, setFailoverSecret } from '../../failover/secrets';
import type { Handler } from '../types';

export const failoverSetSecret: Handler<'failover.setSecret'> = async ({ projectId, kind, value, remember }, { services }) => {
  await setFailoverSecret(services, projectId, kind, value, remember);
  return {};
};

export const failoverSecretsStatus: Handler<'failover.secretsStatus'> = async ({ projectId }, { services }) => ({
  mailbox: (await getFailoverSecret(services, projectId, 'mailbox')) !== undefined,
  sql: (await getFailoverSecret(services, projectId, 'sql')) !== undefined,
});
