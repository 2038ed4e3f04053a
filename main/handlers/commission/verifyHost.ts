import { AppError } from '../../../shared/errors';
import { SshSession } from '../../ssh';
import { connectSecretsFor } from '../analysis/secrets';
import type { Handler } from '../types';

/** One login to prove the target works (and, if accepted, to store its host key), then sudo. */
export const commissionVerifyHost: Handler<'commission.verifyHost'> = async ({ projectId, role, target, acceptHostKeys }, { services }) => {
  const { secrets, sudoPassword } = await connectSecretsFor(services, projectId, role);
  const s = await SshSession.open({ target, secrets, ...(sudoPassword !== undefined ? { sudoPassword } : {}), knownHosts: services.knownHosts, acceptHostKeys, audit: services.auditLog(projectId) });
  try {
    const name = await s.exec('uname -n', { idempotent: true, timeoutMs: 30_000 });
    if (name.exitCode !== 0) throw new AppError('ssh:errors.commandFailed', { command: 'uname -n', host: target.host, exitCode: name.exitCode ?? '?' });
    const sudo = await s.exec('true', { sudo: true, idempotent: true, timeoutMs: 30_000, check: true });
    return { hostname: name.stdout.trim(), sudo: sudo.exitCode === 0 };
  } finally {
    await s.close();
  }
};
