import type { Protocol } from '../../../shared/failover/protocols';
import type { TlsPins } from '../net/tlsPins';

export interface Endpoint {
  host: string;
  port: number;
}

export interface Credentials {
  user: string;
  password: string;
}

/** One probe attempt: success or the stage it broke at. */
export interface ProbeResult {
  ok: boolean;
  /** Failure code: connect, timeout, closed, banner, ehlo, starttls, tls, certChanged, auth, select, query, reply:421 ... */
  error?: string;
  /** Host clock when the decisive reply arrived (success) or the attempt started (failure). */
  at: number;
  latencyMs: number;
  detail?: string;
  /** The SQL probe reads the server's clock: the runner estimates the node's clock offset from it. */
  serverTimeMs?: number;
}

export interface ProbeContext {
  endpoint: Endpoint;
  credentials?: Credentials;
  pins: TlsPins;
  timeoutMs: number;
  /** TCP connect only (default 1.5 s): an address nobody holds must not keep an attempt for the whole timeout. */
  connectTimeoutMs?: number;
  signal?: AbortSignal;
  /** Name sent in EHLO. */
  heloName: string;
  database?: string;
}

export type Probe = (ctx: ProbeContext) => Promise<ProbeResult>;

export interface ProbeDef {
  protocol: Protocol;
  needsCredentials: boolean;
  run: Probe;
}
