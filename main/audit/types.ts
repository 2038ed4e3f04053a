/**
 * One thing the SSH engine did on a server: a command it ran, or an attempt to connect (kind 'connect', also
 * when it failed: refused, unknown or changed host key, wrong key ...). Entries written before `kind` existed
 * are commands.
 */
export interface AuditEntry {
  /** Random id, unique per command attempt. */
  id: string;
  kind?: 'command' | 'connect';
  host: string;
  port: number;
  user: string;
  /** Jump host chain, e.g. "ops@bastion:2222", if any. */
  via?: string;
  /** The command as the caller gave it (before the sudo wrapper); '' for a connection attempt. */
  command: string;
  sudo: boolean;
  /** ISO 8601 UTC. */
  startedAt: string;
  durationMs: number;
  exitCode: number | null;
  signal: string | null;
  /** AppError code if the command could not run or finish (timeout, cancelled, sudo refused, connection lost ...). */
  errorCode?: string;
  /** Parameters of that error (host key fingerprints, user ...), so the reason can be shown translated. */
  errorParams?: Record<string, string | number>;
  /** Technical detail of a failed connection (the library's message); never a secret. */
  detail?: string;
  /** Bounded output (first and last part) — the log is no place for megabytes of output. */
  stdout: string;
  stderr: string;
  outputTruncated: boolean;
  /** 1 for the first try; >1 when an idempotent command was retried after a reconnect. */
  attempt: number;
}

/** Where the SSH engine reports every command. Implementations must redact secrets themselves as well. */
export interface AuditSink {
  record(entry: AuditEntry): void | Promise<void>;
}
