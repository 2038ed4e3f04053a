import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { mapConnectError, mapExitStatus, mapKeyFileError, mapKeyParseError } from './errors';

const hop = { host: 'mx1', port: 2222, user: 'root', keyPath: '/k' };
const err = (message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), extra);

describe('mapConnectError', () => {
  it.each([
    [err('getaddrinfo ENOTFOUND mx1', { code: 'ENOTFOUND' }), 'ssh:errors.dnsFailure'],
    [err('getaddrinfo EAI_AGAIN mx1', { code: 'EAI_AGAIN' }), 'ssh:errors.dnsFailure'],
    [err('connect ECONNREFUSED', { code: 'ECONNREFUSED', level: 'client-socket' }), 'ssh:errors.unreachable'],
    [err('connect EHOSTUNREACH', { code: 'EHOSTUNREACH' }), 'ssh:errors.unreachable'],
    [err('connect ENETUNREACH', { code: 'ENETUNREACH' }), 'ssh:errors.unreachable'],
    [err('connect ETIMEDOUT', { code: 'ETIMEDOUT' }), 'ssh:errors.timeout'],
    [err('Timed out while waiting for handshake', { level: 'client-timeout' }), 'ssh:errors.timeout'],
    [err('Keepalive timeout', { level: 'client-timeout' }), 'ssh:errors.connectionLost'],
    [err('read ECONNRESET', { code: 'ECONNRESET' }), 'ssh:errors.connectionLost'],
    [err('All configured authentication methods failed', { level: 'client-authentication' }), 'ssh:errors.authFailed'],
    [err('Cannot parse privateKey: Encrypted private OpenSSH key detected, but no passphrase given'), 'ssh:errors.passphraseRequired'],
    [err('Cannot parse privateKey: OpenSSH key integrity check failed -- bad passphrase?'), 'ssh:errors.badPassphrase'],
    [err('Cannot parse privateKey: Unsupported key format'), 'ssh:errors.badKey'],
    [err('Handshake failed: no matching key exchange algorithm', { level: 'handshake' }), 'ssh:errors.protocolError'],
  ])('%s -> %s', (e, code) => {
    const mapped = mapConnectError(e, hop);
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped.code).toBe(code);
    expect(mapped.detail).toBe(e.message);
  });

  it('passes AppErrors through and carries host parameters', () => {
    const a = new AppError('ssh:errors.hostKeyUnknown', { fingerprint: 'SHA256:x' });
    expect(mapConnectError(a, hop)).toBe(a);
    expect(mapConnectError(err('x', { code: 'ECONNREFUSED' }), hop).params).toEqual({ host: 'mx1', port: 2222 });
    expect(mapConnectError(err('All configured authentication methods failed', { level: 'client-authentication' }), hop).params).toEqual({ user: 'root', host: 'mx1' });
  });
});

describe('key file errors', () => {
  it('maps missing files and unknown messages', () => {
    expect(mapKeyFileError(Object.assign(new Error('no'), { code: 'ENOENT' }), '/k').code).toBe('ssh:errors.keyFileMissing');
    expect(mapKeyFileError(Object.assign(new Error('no'), { code: 'EACCES' }), '/k').code).toBe('ssh:errors.badKey');
    expect(mapKeyParseError('something else', '/k')).toBeUndefined();
  });
});

describe('mapExitStatus', () => {
  it('0 is fine, 127 not found, 126 permission, else failed with exit code', () => {
    expect(mapExitStatus({ exitCode: 0, signal: null, stderr: '' }, 'true', 'h')).toBeUndefined();
    expect(mapExitStatus({ exitCode: 127, signal: null, stderr: 'bash: foo: command not found' }, 'foo', 'h')?.code).toBe('ssh:errors.commandNotFound');
    expect(mapExitStatus({ exitCode: 126, signal: null, stderr: '' }, './x', 'h')?.code).toBe('ssh:errors.permissionDenied');
    expect(mapExitStatus({ exitCode: 1, signal: null, stderr: "cat: /etc/shadow: Permission denied" }, 'cat /etc/shadow', 'h')?.code).toBe('ssh:errors.permissionDenied');
    const f = mapExitStatus({ exitCode: null, signal: 'KILL', stderr: '' }, 'x', 'h');
    expect(f?.code).toBe('ssh:errors.commandFailed');
    expect(f?.params).toMatchObject({ exitCode: -1, signal: 'KILL' });
  });
});
