/**
 * Opens an authenticated ssh2 connection to a target, hop by hop through its jump hosts (ProxyJump: the jump
 * host opens a direct-tcpip channel with forwardOut, which becomes the socket of the next hop). Every hop's
 * host key is checked against the app's known_hosts store (trust on first use only with an explicit accept).
 */
import { stat, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
// ssh2 is CommonJS: Node's ESM loader cannot see its named exports when the app is bundled as ESM, so take
// them from the default export.
import ssh2, { type AnyAuthMethod, type ConnectConfig, type KeyboardInteractiveCallback, type Prompt } from 'ssh2';
import type { Duplex } from 'node:stream';
import { AppError } from '../../shared/errors';
import { mapConnectError, mapKeyFileError, mapKeyParseError, SshErrorCode, type HopContext } from './errors';
import type { KnownHostsStore } from './knownHostsStore';
import type { ConnectSecrets, Target } from './target';

const { Client, utils } = ssh2;
type Client = InstanceType<typeof ssh2.Client>;

export interface AcceptedHostKey {
  host: string;
  port: number;
  /** SHA256:... exactly as reported in the ssh:errors.hostKeyUnknown error and confirmed by the user. */
  fingerprint: string;
}

export interface KeyboardInteractiveRequest {
  host: string;
  user: string;
  name: string;
  instructions: string;
  prompts: { prompt: string; echo: boolean }[];
}

export interface ConnectOptions {
  target: Target;
  /** In memory only. For a jump host use secrets.jump. */
  secrets?: ConnectSecrets;
  knownHosts: KnownHostsStore;
  /** Unknown host keys the user confirmed (retry after ssh:errors.hostKeyUnknown). Changed keys are never accepted here. */
  acceptHostKeys?: readonly AcceptedHostKey[];
  /** Agent socket for auth method 'agent'; default $SSH_AUTH_SOCK ('pageant' on Windows). */
  agentSocket?: string;
  /** TCP connect + SSH handshake + login, per hop (default 20 s). */
  readyTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** Answers keyboard-interactive prompts (e.g. OTP). Default: answer hidden prompts with secrets.password. */
  keyboardInteractive?: (req: KeyboardInteractiveRequest) => Promise<string[]>;
  signal?: AbortSignal;
}

export interface SshConnection {
  /** The client of the final hop: run commands here. */
  client: Client;
  target: Target;
  /** Ends all hops (final hop first). */
  close(): void;
  /** True until any hop closes. */
  readonly alive: boolean;
  /** Called once when any hop closes or fails after the connection was established. Returns an unsubscribe. */
  onLost(listener: (err?: AppError) => void): () => void;
}

const HOST_KEY_ALGOS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

/** Prefer the host key algorithms we already know for the host, so a server with several keys shows a known one. */
export function hostKeyAlgorithmOrder(knownTypes: readonly string[]): string[] {
  const preferred = knownTypes.flatMap((t) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t])).filter((a) => HOST_KEY_ALGOS.includes(a));
  return [...new Set([...preferred, ...HOST_KEY_ALGOS])];
}

export function expandHome(path: string): string {
  return path === '~' ? homedir() : path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

function hopContext(t: Target): HopContext {
  return { host: t.host, port: t.port, user: t.user, ...(t.auth.keyPath ? { keyPath: t.auth.keyPath } : {}) };
}

async function authFor(t: Target, secrets: ConnectSecrets | undefined, opts: ConnectOptions): Promise<AnyAuthMethod[]> {
  const username = t.user;
  switch (t.auth.method) {
    case 'key': {
      const keyPath = expandHome(t.auth.keyPath ?? '');
      let data: Buffer;
      try {
        data = await readFile(keyPath);
      } catch (e) {
        throw mapKeyFileError(e, t.auth.keyPath ?? '');
      }
      const parsed = utils.parseKey(data, secrets?.passphrase);
      if (parsed instanceof Error) throw mapKeyParseError(parsed.message, t.auth.keyPath ?? '') ?? new AppError(SshErrorCode.badKey, { path: t.auth.keyPath ?? '' }, parsed.message);
      const key = Array.isArray(parsed) ? parsed[0] : parsed;
      if (!key?.isPrivateKey()) throw new AppError(SshErrorCode.badKey, { path: t.auth.keyPath ?? '' }, 'the file holds a public key, not a private key');
      return [{ type: 'publickey' as const, username, key: data, ...(secrets?.passphrase ? { passphrase: secrets.passphrase } : {}) }];
    }
    case 'agent': {
      const agent = opts.agentSocket ?? process.env.SSH_AUTH_SOCK ?? (process.platform === 'win32' ? 'pageant' : '');
      if (!agent) throw new AppError(SshErrorCode.agentUnavailable, {}, 'SSH_AUTH_SOCK is not set');
      if (agent !== 'pageant' && !agent.startsWith('\\\\.\\pipe\\')) {
        const st = await stat(agent).catch(() => undefined);
        if (!st?.isSocket()) throw new AppError(SshErrorCode.agentUnavailable, {}, `no agent socket at ${agent}`);
      }
      return [{ type: 'agent' as const, username, agent }];
    }
    case 'password': {
      if (secrets?.password === undefined) throw new AppError(SshErrorCode.passwordRequired, { user: t.user, host: t.host });
      return [{ type: 'password' as const, username, password: secrets.password }];
    }
    case 'keyboard-interactive': {
      const ask = opts.keyboardInteractive;
      if (!ask && secrets?.password === undefined) throw new AppError(SshErrorCode.passwordRequired, { user: t.user, host: t.host });
      const prompt = (name: string, instructions: string, _lang: string, prompts: Prompt[], finish: KeyboardInteractiveCallback) => {
        if (prompts.length === 0) return finish([]);
        const req = { host: t.host, user: t.user, name, instructions, prompts: prompts.map((p) => ({ prompt: p.prompt, echo: !!p.echo })) };
        if (ask) {
          ask(req).then(finish, () => finish([]));
          return;
        }
        finish(prompts.map((p) => (p.echo ? '' : (secrets?.password ?? ''))));
      };
      return [{ type: 'keyboard-interactive' as const, username, prompt }];
    }
  }
}

function connectHop(t: Target, secrets: ConnectSecrets | undefined, sock: Duplex | undefined, opts: ConnectOptions): Promise<Client> {
  return (async () => {
    const hop = hopContext(t);
    const authHandler = await authFor(t, secrets, opts);
    const knownTypes = await opts.knownHosts.knownKeyTypes(t.host, t.port);
    let hostKeyError: AppError | undefined;

    const hostVerifier = (key: Buffer, verify: (ok: boolean) => void): void => {
      opts.knownHosts
        .check(t.host, t.port, key)
        .then(async (res) => {
          if (res.status === 'known') return true;
          if (res.status === 'unknown') {
            const accepted = opts.acceptHostKeys?.some((a) => a.host === t.host && a.port === t.port && a.fingerprint === res.fingerprint);
            if (accepted) {
              await opts.knownHosts.add(t.host, t.port, key);
              return true;
            }
            hostKeyError = new AppError(SshErrorCode.hostKeyUnknown, { host: t.host, port: t.port, keyType: res.keyType, fingerprint: res.fingerprint });
          } else if (res.status === 'changed') {
            hostKeyError = new AppError(SshErrorCode.hostKeyChanged, {
              host: t.host,
              port: t.port,
              keyType: res.keyType,
              oldFingerprint: res.knownFingerprints.join(', '),
              newFingerprint: res.fingerprint,
            });
          } else {
            hostKeyError = new AppError(SshErrorCode.hostKeyRevoked, { host: t.host, port: t.port, keyType: res.keyType, fingerprint: res.fingerprint });
          }
          return false;
        })
        .then(verify, (e: unknown) => {
          hostKeyError = new AppError(SshErrorCode.protocolError, { host: t.host, port: t.port }, `known_hosts: ${(e as Error).message}`);
          verify(false);
        });
    };

    const config: ConnectConfig = {
      host: t.host,
      port: t.port,
      username: t.user,
      readyTimeout: opts.readyTimeoutMs ?? 20_000,
      keepaliveInterval: opts.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: opts.keepaliveCountMax ?? 3,
      hostVerifier: hostVerifier as unknown as ConnectConfig['hostVerifier'],
      authHandler,
      algorithms: { serverHostKey: hostKeyAlgorithmOrder(knownTypes) as NonNullable<ConnectConfig['algorithms']>['serverHostKey'] },
      ...(sock ? { sock } : {}),
    };

    const client = new Client();
    // ssh2 may still emit errors after we settled (e.g. "Connection lost before handshake" after a timeout);
    // without a listener that would be an uncaught exception. Errors that matter are handled below and in
    // makeConnection.
    client.on('error', () => undefined);
    return new Promise<Client>((resolve, reject) => {
      let settled = false;
      const fail = (err: unknown) => {
        if (settled) return;
        settled = true;
        cleanup();
        client.end();
        client.destroy();
        reject(hostKeyError ?? mapConnectError(err, hop));
      };
      const onAbort = () => fail(new AppError(SshErrorCode.cancelled));
      const onReady = () => {
        if (settled) return;
        settled = true;
        cleanup();
        resolve(client);
      };
      const onError = (e: Error) => fail(e);
      const onClose = () => fail(new Error('Connection closed during login'));
      const cleanup = () => {
        client.off('ready', onReady);
        client.off('error', onError);
        client.off('close', onClose);
        opts.signal?.removeEventListener('abort', onAbort);
      };
      client.on('ready', onReady);
      client.on('error', onError);
      client.on('close', onClose);
      if (opts.signal?.aborted) return onAbort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        client.connect(config);
      } catch (e) {
        fail(e);
      }
    });
  })();
}

function forwardTo(jump: Client, t: Target): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    jump.forwardOut('127.0.0.1', 0, t.host, t.port, (err, stream) => {
      if (err) reject(new AppError(SshErrorCode.jumpFailed, { host: t.host, port: t.port }, err.message));
      else resolve(stream);
    });
  });
}

/** Connects through all jump hosts to the target. On failure, every hop opened so far is closed again. */
export async function connectSsh(opts: ConnectOptions): Promise<SshConnection> {
  const clients: Client[] = [];
  const chain: { target: Target; secrets: ConnectSecrets | undefined }[] = [];
  for (let t: Target | undefined = opts.target, s = opts.secrets; t; s = s?.jump, t = t.jump) chain.unshift({ target: t, secrets: s });
  try {
    let sock: Duplex | undefined;
    for (const [i, hop] of chain.entries()) {
      if (i > 0) {
        const prev = clients[clients.length - 1];
        if (!prev) throw new Error('internal: missing jump client');
        sock = await forwardTo(prev, hop.target);
      }
      clients.push(await connectHop(hop.target, hop.secrets, sock, opts));
    }
  } catch (e) {
    for (const c of clients.reverse()) c.end();
    throw e;
  }
  return makeConnection(clients, opts.target);
}

function makeConnection(clients: Client[], target: Target): SshConnection {
  const client = clients[clients.length - 1];
  if (!client) throw new Error('internal: no client');
  let alive = true;
  let lastError: AppError | undefined;
  const listeners: ((err?: AppError) => void)[] = [];
  const lost = () => {
    if (!alive) return;
    alive = false;
    for (const c of [...clients].reverse()) c.end();
    for (const l of listeners) l(lastError);
  };
  const hopCtx = hopContext(target);
  for (const c of clients) {
    c.on('error', (e: Error) => {
      lastError = mapConnectError(e, hopCtx);
      lost();
    });
    c.on('close', lost);
    c.on('end', lost);
  }
  return {
    client,
    target,
    get alive() {
      return alive;
    },
    close() {
      lost();
    },
    onLost(listener) {
      if (!alive) {
        listener(lastError);
        return () => undefined;
      }
      listeners.push(listener);
      return () => {
        const i = listeners.indexOf(listener);
        if (i !== -1) listeners.splice(i, 1);
      };
    },
  };
}
