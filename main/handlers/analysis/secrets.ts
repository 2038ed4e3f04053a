import type { HostRole } from '../../../shared/contract/methods/analysis';
import type { ConnectSecrets } from '../../ssh/target';
import type { Services } from '../../services';
import type { Handler } from '../types';

const KINDS = ['password', 'passphrase', 'sudo', 'jumpPassword', 'jumpPassphrase'] as const;
type Kind = (typeof KINDS)[number];

export function secretKey(projectId: string, role: HostRole, kind: Kind): string {
  return `ssh/${projectId}/${role}/${kind}`;
}

/** A secret from this session's memory first, else from the remembered (encrypted) store. */
async function getSecret(services: Services, projectId: string, role: HostRole, kind: Kind): Promise<string | undefined> {
  const key = secretKey(projectId, role, kind);
  return (await services.sessionSecrets.get(key)) ?? (await services.secrets.get(key));
}

export async function connectSecretsFor(services: Services, projectId: string, role: HostRole): Promise<{ secrets: ConnectSecrets; sudoPassword?: string }> {
  const [password, passphrase, sudo, jumpPassword, jumpPassphrase] = await Promise.all(KINDS.map((k) => getSecret(services, projectId, role, k)));
  const jump: ConnectSecrets = { ...(jumpPassword ? { password: jumpPassword } : {}), ...(jumpPassphrase ? { passphrase: jumpPassphrase } : {}) };
  const secrets: ConnectSecrets = {
    ...(password ? { password } : {}),
    ...(passphrase ? { passphrase } : {}),
    ...(Object.keys(jump).length ? { jump } : {}),
  };
  // Without an own sudo password, sudo gets the login password (the usual case for an admin account).
  const sudoPassword = sudo ?? password;
  return sudoPassword ? { secrets, sudoPassword } : { secrets };
}

export const secretsSet: Handler<'secrets.set'> = async ({ projectId, role, kind, value, remember }, { services }) => {
  const key = secretKey(projectId, role, kind);
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
  return {};
};

export const secretsStatus: Handler<'secrets.status'> = async ({ projectId, role }, { services }) => {
  const entries = await Promise.all(KINDS.map(async (k) => [k, (await getSecret(services, projectId, role, k)) !== undefined] as const));
  return Object.fromEntries(entries) as Record<Kind, boolean>;
};
