/** Small pieces every part of the Installation step's slice needs: the API, error values, host-key prompts. */
import type { ErrorValue } from '../../../shared/errors';
import { toErrorValue } from '../../../shared/errors';
import { ApiCallError } from '../../api/client';
import type { AppState } from '../../store';
import type { HostKeyPrompt } from '../analysis/slice';

export function apiOf(get: () => AppState) {
  const a = get().api;
  if (!a) throw new Error('API not connected');
  return a;
}

export function errorOf(e: unknown): ErrorValue {
  return e instanceof ApiCallError ? e.error : toErrorValue(e);
}

export const isHostKeyError = (err: ErrorValue | undefined): boolean => err?.code === 'ssh:errors.hostKeyUnknown' || err?.code === 'ssh:errors.hostKeyChanged';
export const isCancelled = (err: ErrorValue | undefined): boolean => err?.code === 'ssh:errors.cancelled' || err?.code === 'install:errors.cancelled';

/** The prompt the host-key dialog shows for an SSH error that names an unknown or changed key. */
export function hostKeyPromptOf(err: ErrorValue): HostKeyPrompt {
  const p = err.params ?? {};
  return {
    kind: err.code === 'ssh:errors.hostKeyUnknown' ? 'unknown' : 'changed',
    host: String(p.host ?? ''),
    port: Number(p.port ?? 22),
    keyType: String(p.keyType ?? ''),
    fingerprint: String(p.fingerprint ?? p.newFingerprint ?? ''),
    ...(p.oldFingerprint !== undefined ? { oldFingerprint: String(p.oldFingerprint) } : {}),
  };
}
