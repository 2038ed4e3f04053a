/** One command run on a server, as the SSH engine reports it. */
export interface AuditEntry {
  /** Random id, unique per command attempt. */
  id: string;
  host: string;
  port: number;
  user: string;
  /** Jump host chain, e.g. "ops@bastion:2222", if any. */
  via?: string;
  /** The command as the caller gave it (before the sudo wrapper). */
  command: string;
  sudo: boolean;
  /** ISO 8601 UTC. */
  startedAt: string;
  durationMs: number;
  exitCode: number | null;
  signal: string | null;
  /** AppError code if the command could not run or finish (timeout, cancelled, sudo refused, connection lost ...). */
  errorCode?: string;
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
