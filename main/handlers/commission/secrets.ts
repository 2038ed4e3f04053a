import { secretIds } from '../../../shared/commission/types';
import { generateSecretValue, getCommissionSecret, setCommissionSecret } from '../../commission/commissionSecrets';
import type { Handler } from '../types';

export const commissionSecretsStatus: Handler<'commission.secretsStatus'> = async ({ projectId }, { services }) => {
  const entries = await Promise.all(secretIds.map(async (id) => [id, (await getCommissionSecret(services, projectId, id)) !== undefined] as const));
  return Object.fromEntries(entries) as Record<(typeof secretIds)[number], boolean>;
};

export const commissionSetSecret: Handler<'commission.setSecret'> = async ({ projectId, id, value, remember }, { services }) => {
  await setCommissionSecret(services, projectId, id, value, remember);
  return {};
};

export const commissionGenerateSecret: Handler<'commission.generateSecret'> = async ({ projectId, id }, { services }) => {
  await setCommissionSecret(services, projectId, id, generateSecretValue(), true);
  return {};
};
