/**
 * Maps what ssh2 and Node throw into AppError values whose codes are i18n keys in the `ssh` namespace
 * (shared/i18n/locales/<lng>/ssh.json). Anything we cannot classify keeps its original message as detail.
 */
import { AppError } from '../../shared/errors';

export const SshErrorCode = {
  unreachable: 'ssh:errors.unreachable',
  dnsFailure: 'ssh:errors.dnsFailure',
  timeout: 'ssh:errors.timeout',
  connectionLost: 'ssh:errors.connectionLost',
  notConnected: 'ssh:errors.notConnected',
  protocolError: 'ssh:errors.protocolError',
  jumpFailed: 'ssh:errors.jumpFailed',
  channelFailed: 'ssh:errors.channelFailed',
  authFailed: 'ssh:errors.authFailed',
  passwordRequired: 'ssh:errors.passwordRequired',
  badKey: 'ssh:errors.badKey',
  keyFileMissing: 'ssh:errors.keyFileMissing',
  badPassphrase: 'ssh:errors.badPassphrase',
  passphraseRequired: 'ssh:errors.passphraseRequired',
  agentUnavailable: 'ssh:errors.agentUnavailable',
  hostKeyUnknown: 'ssh:errors.hostKeyUnknown',
  hostKeyChanged: 'ssh:errors.hostKeyChanged',
  hostKeyRevoked: 'ssh:errors.hostKeyRevoked',
  hostKeyNotOffered: 'ssh:errors.hostKeyNotOffered',
  sudoWrongPassword: 'ssh:errors.sudoWrongPassword',
  sudoDenied: 'ssh:errors.sudoDenied',
  sudoPasswordRequired: 'ssh:errors.sudoPasswordRequired',
  commandNotFound: 'ssh:errors.commandNotFound',
  permissionDenied: 'ssh:errors.permissionDenied',
  commandFailed: 'ssh:errors.commandFailed',
  cancelled: 'ssh:errors.cancelled',
  commandTimeout: 'ssh:errors.commandTimeout',
  nulInArgument: 'ssh:errors.nulInArgument',
  emptyCommand: 'ssh:errors.emptyCommand',
} as const;
export type SshErrorCode = (typeof SshErrorCode)[keyof typeof SshErrorCode];

export interface HopContext {
  host: string;
  port: number;
  user: string;
  keyPath?: string;
}

/** Error from the TCP/SSH layer while connecting or while connected. */
export function mapConnectError(err: unknown, hop: HopContext): AppError {
  if (err instanceof AppError) return err;
  const e = err as (Error & { code?: string; level?: string }) | undefined;
  const message = e?.message ?? String(err);
  const code = e?.code ?? '';
  const where = { host: hop.host, port: hop.port };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || e?.level === 'client-dns' || /getaddrinfo/.test(message))
    return new AppError(SshErrorCode.dnsFailure, { host: hop.host }, message);
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL' || code === 'EHOSTDOWN')
    return new AppError(SshErrorCode.unreachable, where, message);
  if (code === 'ECONNRESET' || code === 'EPIPE' || /Keepalive timeout|Not connected|No response from server/.test(message))
    return new AppError(SshErrorCode.connectionLost, where, message);
  if (code === 'ETIMEDOUT' || e?.level === 'client-timeout' || /Timed out while waiting for handshake/.test(message))
    return new AppError(SshErrorCode.timeout, where, message);
  if (e?.level === 'client-authentication' || /All configured authentication methods failed/.test(message))
    return new AppError(SshErrorCode.authFailed, { user: hop.user, host: hop.host }, message);
  const keyError = mapKeyParseError(message, hop.keyPath ?? '');
  if (keyError) return keyError;
  if (e?.level === 'agent') return new AppError(SshErrorCode.agentUnavailable, {}, message);
  if (e?.level === 'handshake' || e?.level === 'protocol') return new AppError(SshErrorCode.protocolError, where, message);
  return new AppError(SshErrorCode.protocolError, where, message);
}

/** Errors from parsing a private key file (ssh2's parseKey messages). */
export function mapKeyParseError(message: string, keyPath: string): AppError | undefined {
  if (/no passphrase given/i.test(message)) return new AppError(SshErrorCode.passphraseRequired, { path: keyPath }, message);
  if (/bad passphrase|bad decrypt|integrity check failed/i.test(message)) return new AppError(SshErrorCode.badPassphrase, { path: keyPath }, message);
  if (/Cannot parse privateKey|Unsupported key format|Malformed|does not contain a \(valid\) private key|Unsupported (cipher|kdf)/i.test(message))
    return new AppError(SshErrorCode.badKey, { path: keyPath }, message);
  return undefined;
}

/** Local file errors while reading a key file. */
export function mapKeyFileError(err: unknown, keyPath: string): AppError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message = (err as Error | undefined)?.message ?? String(err);
  if (code === 'ENOENT' || code === 'EISDIR') return new AppError(SshErrorCode.keyFileMissing, { path: keyPath }, message);
  return new AppError(SshErrorCode.badKey, { path: keyPath }, message);
}

/**
 * Turns a finished command's exit status into an error for callers that asked for `check`. 127 and 126 are the
 * POSIX shell codes for "not found" and "found but not executable"; stderr helps to tell apart the rare cases
 * where a program itself returns them.
 */
export function mapExitStatus(r: { exitCode: number | null; signal: string | null; stderr: string }, command: string, host: string): AppError | undefined {
  const detail = r.stderr.slice(-2000);
  const shown = command.length > 200 ? `${command.slice(0, 200)}…` : command;
  if (r.exitCode === 0) return undefined;
  if (r.exitCode === 127)
    return new AppError(SshErrorCode.commandNotFound, { command: shown, host }, detail);
  if (r.exitCode === 126 || /Permission denied|Operation not permitted/.test(detail))
    return new AppError(SshErrorCode.permissionDenied, { command: shown, host }, detail);
  return new AppError(SshErrorCode.commandFailed, { command: shown, host, exitCode: r.exitCode ?? -1, signal: r.signal ?? '' }, detail);
}
