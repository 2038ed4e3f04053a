/**
 * Commissioning secrets (hacluster password, DB passwords ...) by project, in the app's secret store
 * (encrypted with safeStorage in the app, memory in the CLI and the bridge). Same two tiers as the SSH
 * secrets: remembered, or for this session only.
 */
import { randomBytes } from 'node:crypto';
import { secretIds, type SecretId } from '../../shared/commission/types';
import type { Services } from '../services';
import type { SecretValues } from './secretValues';

export function commissionSecretKey(projectId: string, id: SecretId): string {
  return `commission/${projectId}/${id}`;
}

export async function getCommissionSecret(services: Services, projectId: string, id: SecretId): Promise<string | undefined> {
  const key = commissionSecretKey(projectId, id);
  return (await services.sessionSecrets.get(key)) ?? (await services.secrets.get(key));
}

export async function setCommissionSecret(services: Services, projectId: string, id: SecretId, value: string, remember: boolean): Promise<void> {
  const key = commissionSecretKey(projectId, id);
  if (remember) {
    await services.secrets.set(key, value);
    await services.sessionSecrets.delete(key);
  } else {
    await services.sessionSecrets.set(key, value);
    await services.secrets.delete(key);
  }
}

/** 24 random characters from an alphabet without look-alikes or shell/config metacharacters. */
export function generateSecretValue(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(64);
  let out = '';
  for (const b of bytes) {
    if (b >= 256 - (256 % alphabet.length)) continue; // no modulo bias
    out += alphabet[b % alphabet.length];
    if (out.length === 24) break;
  }
  return out.length === 24 ? out : generateSecretValue();
}

/** The environment variable the CLI reads a secret from: haclusterPassword -> MHS_HACLUSTER_PASSWORD. */
export function secretEnvName(id: SecretId): string {
  return `MHS_${id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

export async function commissionSecrets(services: Services, projectId: string): Promise<SecretValues> {
  const out: SecretValues = {};
  for (const id of secretIds) {
    const v = await getCommissionSecret(services, projectId, id);
    if (v !== undefined) out[id] = v;
  }
  return out;
}
