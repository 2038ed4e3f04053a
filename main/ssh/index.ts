/** Public API of the SSH engine. Import from here, not from the individual files. */
export { connectSsh, type AcceptedHostKey, type ConnectOptions, type KeyboardInteractiveRequest, type SshConnection } from './connect';
export { SshErrorCode } from './errors';
export { fingerprintSha256, hostKeyName } from './knownHosts';
export { KnownHostsStore, type KnownHostEntryView } from './knownHostsStore';
export { SshSession, type ExecOptions, type ExecResult, type ReconnectPolicy, type SessionEvent, type SessionOptions } from './session';
export { authMethods, describeTarget, parseTarget, targetSchema, type AuthMethod, type ConnectSecrets, type Target } from './target';
