/**
 * Exit codes every CLI command shares, so a script can react to why a command stopped. Connection problems
 * have one code each whatever command met them (analyse, hosts, commission ...); `exitCodeFor` maps an
 * error code to its exit code. Documented in `--help` (common:cli.help.exit.*) and main/cli/README.md.
 */
import { SshErrorCode } from '../ssh/errors';

export const ExitCode = {
  ok: 0,
  /** Anything else that failed (the message says what). */
  failed: 1,
  /** Wrong arguments (usage printed). */
  usage: 2,
  /** The server's host key is not known yet: check the fingerprint, then --accept-fingerprint. */
  hostKeyUnknown: 10,
  /** The server's host key changed (or is revoked): possibly an attack, nothing was sent. */
  hostKeyChanged: 11,
  /** Login refused, or the password / passphrase / key needed for it is missing or unusable. */
  authFailed: 12,
  /** Server not reachable: refused port, unknown name, timeout, network or jump host down, connection lost. */
  unreachable: 13,
  /** Logged in, but sudo refused (wrong sudo password, no sudo rights). */
  sudoFailed: 14,
  /** Cancelled (Ctrl-C), as shells report SIGINT. */
  cancelled: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const BY_ERROR: Record<string, ExitCode> = {
  [SshErrorCode.hostKeyUnknown]: ExitCode.hostKeyUnknown,
  [SshErrorCode.hostKeyChanged]: ExitCode.hostKeyChanged,
  [SshErrorCode.hostKeyRevoked]: ExitCode.hostKeyChanged,
  [SshErrorCode.authFailed]: ExitCode.authFailed,
  [SshErrorCode.passwordRequired]: ExitCode.authFailed,
  [SshErrorCode.passphraseRequired]: ExitCode.authFailed,
  [SshErrorCode.badPassphrase]: ExitCode.authFailed,
  [SshErrorCode.badKey]: ExitCode.authFailed,
  [SshErrorCode.keyFileMissing]: ExitCode.authFailed,
  [SshErrorCode.agentUnavailable]: ExitCode.authFailed,
  [SshErrorCode.unreachable]: ExitCode.unreachable,
  [SshErrorCode.dnsFailure]: ExitCode.unreachable,
  [SshErrorCode.timeout]: ExitCode.unreachable,
  [SshErrorCode.jumpFailed]: ExitCode.unreachable,
  [SshErrorCode.connectionLost]: ExitCode.unreachable,
  [SshErrorCode.notConnected]: ExitCode.unreachable,
  [SshErrorCode.sudoWrongPassword]: ExitCode.sudoFailed,
  [SshErrorCode.sudoDenied]: ExitCode.sudoFailed,
  [SshErrorCode.sudoPasswordRequired]: ExitCode.sudoFailed,
  [SshErrorCode.cancelled]: ExitCode.cancelled,
};

export function exitCodeFor(errorCode: string): ExitCode {
  return BY_ERROR[errorCode] ?? ExitCode.failed;
}

/** The codes `--help` explains, in this order, with their i18n keys (common:cli.help.exit.<name>). */
export const DOCUMENTED_EXIT_CODES = Object.entries(ExitCode) as Array<[keyof typeof ExitCode, ExitCode]>;
