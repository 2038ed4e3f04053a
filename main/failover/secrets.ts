/**
 * The test mailbox's and the SQL user's passwords, per project, in the app's secret store (encrypted in the
 * app, memory in the bridge and the CLI). Never in the project file, the audit log or an event.
 */
import type { Services } from '../services';

export type FailoverSecretKind = 'mailbox' | 'sql';

export const failoverSecretKey = (projectId: string, kind: FailoverSecretKind) => `failover/${projectId}/${kind}`;

export async function getFailoverSecret(services: Services, projectId: string, kind: FailoverSecretKind): Promise<string | undefined> {
  const key = failoverSecretKey(projectId, kind);
  return (await services.sessionSecrets.get(key)) ?? (await services.secrets.get(key));
}

export async function setFailoverSecret(services: Services, projectId: string, kind: FailoverSecretKind, value: string, remember: boolean): Promise<void> {
  const key = failoverSecretKey(projectId, kind);
  if (value === '') {
    await services.sessionSecrets.delete(key);
    await services.secrets.delete(key);
  } else if (remember) {
    await services.secrets.set(key, value);
    await services.sessionSecrets.delete(key);
  } else {
    await services.sessionSecrets.set(key, value);
    await services.secrets.delete(key);
  }
}
