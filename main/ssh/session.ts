/**
 * SshSession: one logical connection to a target that runs commands.
 *  - exec() streams decoded UTF-8 output, cleaned of terminal escape sequences and control characters, reports
 *    exit code or signal, enforces per-command timeouts and AbortSignal cancellation (TERM, then KILL after a
 *    grace period, to the process group and to every process carrying the run's marker, so nothing of the
 *    command is left running when exec() returns), and audits every command.
 *  - sudo: with a sudo password `sudo -S` (the password on stdin when sudo asks); without one, probe once with
 *    `sudo -n true` (a clear error when a password is needed) and then `sudo -n`.
 *  - reconnect with exponential backoff when an established connection drops. A command that was running when
 *    the connection dropped is re-run only if the caller marked it idempotent; otherwise the caller gets
 *    ssh:errors.connectionLost (it may or may not have run) and decides.
 */
import { randomUUID } from 'node:crypto';
import type { ClientChannel } from 'ssh2';
import { AppError } from '../../shared/errors';
import { cleanServerText, ServerTextCleaner } from '../../shared/analysis/cleanText';
import { shCommand } from '../../shared/shell/quote';
import { redactSecrets } from '../audit/redact';
import type { AuditSink } from '../audit/types';
import { connectSsh, type ConnectOptions, type SshConnection } from './connect';
import { mapExitStatus, SshErrorCode } from './errors';
import { buildSudoCommand, newSudoMarkers, SUDO_PROBE, SudoStderrFilter, type SudoMode } from './sudo';
import { describeTarget, type ConnectSecrets } from './target';
import { TextCollector } from './textStream';
import { ALL_GONE, newPidMarker, newRunId, PidMarkerFilter, plainCommand, terminateCommand, wrapCommand } from './wrapper';

export interface ReconnectPolicy {
  /** Connection attempts after a drop before giving up (default 5). */
  attempts?: number;
  /** First delay; doubles per attempt up to maxDelayMs (defaults 500 ms / 8 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export type SessionEvent =
  | { type: 'lost'; error?: AppError }
  | { type: 'reconnecting'; attempt: number; delayMs: number }
  | { type: 'reconnected'; attempt: number };

export interface SessionOptions extends Omit<ConnectOptions, 'signal'> {
  /** Password for sudo (defaults to nothing; never put on a command line, only written to sudo's stdin). */
  sudoPassword?: string;
  /** Receives every command run (including the sudo probe). */
  audit?: AuditSink;
  /** Further strings that must never reach the audit log or error details. */
  redact?: readonly string[];
  reconnect?: ReconnectPolicy;
  /** Timeout for commands that do not set their own; 0 = none (default 0). */
  defaultTimeoutMs?: number;
  /** Time between TERM and KILL when a command is cancelled or times out (default 2 s). */
  killGraceMs?: number;
  /** Characters of stdout/stderr kept in the result (streaming callbacks always get everything). Default 16 Mi. */
  maxOutputChars?: number;
  onEvent?: (event: SessionEvent) => void;
}

export interface ExecOptions {
  /** Run as root via sudo (no-op for the root user). */
  sudo?: boolean;
  /** Kill the command after this many ms; 0 = no limit. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Safe to run twice? Only idempotent commands are re-run after a reconnect. Default false. */
  idempotent?: boolean;
  /** Decoded, cleaned text (no escape sequences or control characters, see shared/analysis/cleanText.ts). */
  onStdout?: (text: string) => void;
  onStderr?: (text: string) => void;
  /** The raw bytes of stdout as they arrive, for parsers that count bytes (the mail log). Never shown. */
  onStdoutBytes?: (chunk: Buffer) => void;
  /** Data for the command's stdin (then EOF). Without it, stdin is closed right away. */
  stdin?: string;
  /** Throw commandNotFound / permissionDenied / commandFailed on a non-zero exit. Default false. */
  check?: boolean;
}

export interface ExecResult {
  exitCode: number | null;
  /** Signal name as the server reports it (e.g. "SIGTERM"), or null. */
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** stdout/stderr in the result were cut at maxOutputChars. */
  truncated: boolean;
  /** 1, or more when an idempotent command was re-run after a reconnect. */
  attempt: number;
}

class ConnectionDropped extends Error {}

const TRANSIENT = new Set<string>([SshErrorCode.unreachable, SshErrorCode.timeout, SshErrorCode.connectionLost, SshErrorCode.dnsFailure, SshErrorCode.jumpFailed]);

function collectSecrets(s: ConnectSecrets | undefined, out: string[]): string[] {
  if (!s) return out;
  if (s.password) out.push(s.password);
  if (s.passphrase) out.push(s.passphrase);
  return collectSecrets(s.jump, out);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function raceAbort<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new AppError(SshErrorCode.cancelled));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AppError(SshErrorCode.cancelled));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

export class SshSession {
  private conn?: SshConnection;
  private connecting?: Promise<SshConnection>;
  private sudoMode?: SudoMode;
  private closed = false;
  private readonly secrets: string[];

  private constructor(private readonly opts: SessionOptions) {
    this.secrets = [...collectSecrets(opts.secrets, []), ...(opts.sudoPassword ? [opts.sudoPassword] : []), ...(opts.redact ?? [])].filter(Boolean);
    const sink = opts.audit as (AuditSink & { addSecret?: (s: string) => void }) | undefined;
    if (sink && typeof sink.addSecret === 'function') for (const s of this.secrets) sink.addSecret(s);
  }

  /** Connects (no automatic retries: the first failure goes straight to the caller, e.g. hostKeyUnknown). */
  static async open(opts: SessionOptions, signal?: AbortSignal): Promise<SshSession> {
    const s = new SshSession(opts);
    s.conn = await s.connectAudited(1, signal);
    s.watch(s.conn);
    return s;
  }

  /**
   * One login attempt, recorded in the audit log whatever its outcome (refused port, unknown or changed host
   * key, wrong key or password ...), so the audit trail shows every attempt, not only the commands.
   */
  private async connectAudited(attempt: number, signal?: AbortSignal): Promise<SshConnection> {
    const startedAt = new Date();
    const t0 = performance.now();
    let error: AppError | undefined;
    try {
      return await connectSsh({ ...this.opts, ...(signal ? { signal } : {}) });
    } catch (e) {
      error = e instanceof AppError ? e : new AppError(SshErrorCode.protocolError, { host: this.opts.target.host, port: this.opts.target.port }, e instanceof Error ? e.message : String(e));
      throw redactError(error, this.secrets);
    } finally {
      const t = this.opts.target;
      const params = error ? Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, typeof v === 'string' ? this.redact(cleanServerText(v)) : v])) : undefined;
      await Promise.resolve(
        this.opts.audit?.record({
          id: randomUUID(),
          kind: 'connect',
          host: t.host,
          port: t.port,
          user: t.user,
          ...(t.jump ? { via: describeTarget(t.jump) } : {}),
          command: '',
          sudo: false,
          startedAt: startedAt.toISOString(),
          durationMs: Math.round(performance.now() - t0),
          exitCode: null,
          signal: null,
          ...(error ? { errorCode: error.code, ...(params && Object.keys(params).length ? { errorParams: params } : {}), ...(error.detail ? { detail: this.redact(cleanServerText(error.detail)).slice(0, 2000) } : {}) } : {}),
          stdout: '',
          stderr: '',
          outputTruncated: false,
          attempt,
        }),
      ).catch(() => undefined);
    }
  }

  get connected(): boolean {
    return !!this.conn?.alive;
  }

  get description(): string {
    return describeTarget(this.opts.target);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.conn?.close();
  }

  private watch(conn: SshConnection): void {
    conn.onLost((error) => {
      if (!this.closed) this.opts.onEvent?.({ type: 'lost', ...(error ? { error } : {}) });
    });
  }

  private redact(text: string): string {
    return redactSecrets(text, this.secrets);
  }

  private async ensureConnected(signal?: AbortSignal): Promise<SshConnection> {
    if (this.closed) throw new AppError(SshErrorCode.notConnected, { host: this.opts.target.host });
    if (this.conn?.alive) return this.conn;
    // One shared reconnect for all waiting commands; each waiter can still give up via its own signal.
    if (!this.connecting) {
      this.connecting = this.reconnect().finally(() => {
        this.connecting = undefined;
      });
    }
    return raceAbort(this.connecting, signal);
  }

  private async reconnect(): Promise<SshConnection> {
    const attempts = this.opts.reconnect?.attempts ?? 5;
    const base = this.opts.reconnect?.baseDelayMs ?? 500;
    const max = this.opts.reconnect?.maxDelayMs ?? 8000;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const delayMs = Math.min(max, base * 2 ** (attempt - 1));
      this.opts.onEvent?.({ type: 'reconnecting', attempt, delayMs });
      await sleep(delayMs);
      if (this.closed) break;
      try {
        const conn = await this.connectAudited(attempt + 1);
        this.conn = conn;
        this.watch(conn);
        this.opts.onEvent?.({ type: 'reconnected', attempt });
        return conn;
      } catch (e) {
        lastError = e;
        // Host key problems, wrong credentials, cancellation: retrying cannot help and must not hide them.
        if (!(e instanceof AppError) || !TRANSIENT.has(e.code)) throw e;
      }
    }
    throw lastError instanceof AppError ? lastError : new AppError(SshErrorCode.notConnected, { host: this.opts.target.host });
  }

  /** Quotes every word with shCommand and runs the result: the safe way to pass user data as arguments. */
  execArgv(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    return this.exec(shCommand(argv), opts);
  }

  /**
   * Runs one command line in POSIX sh on the server (not in the user's login shell). Non-zero exit codes are
   * results, not errors, unless `check` is set.
   */
  async exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    if (!command.trim()) throw new AppError(SshErrorCode.emptyCommand);
    if (command.includes('\0')) throw new AppError(SshErrorCode.nulInArgument);
    if (opts.signal?.aborted) throw new AppError(SshErrorCode.cancelled);
    const useSudo = !!opts.sudo && this.opts.target.user !== 'root';
    let mode: SudoMode | undefined;
    if (useSudo) mode = await this.probeSudo(opts.signal);
    for (let attempt = 1; ; attempt++) {
      const conn = await this.ensureConnected(opts.signal);
      if (opts.signal?.aborted) throw new AppError(SshErrorCode.cancelled); // not sent yet: nothing to stop
      try {
        const result = await this.runOnce(conn, command, opts, attempt, mode);
        if (opts.check) {
          const err = mapExitStatus(result, this.redact(command), this.opts.target.host);
          if (err) throw redactError(err, this.secrets);
        }
        return result;
      } catch (e) {
        if (!(e instanceof ConnectionDropped)) throw e;
        if (opts.idempotent && attempt < 3) continue;
        throw new AppError(SshErrorCode.connectionLost, { host: this.opts.target.host, port: this.opts.target.port }, `connection lost while running: ${this.redact(command).slice(0, 200)}`);
      }
    }
  }

  private async probeSudo(signal?: AbortSignal): Promise<SudoMode> {
    if (this.sudoMode) return this.sudoMode;
    const ctx = { user: this.opts.target.user, host: this.opts.target.host };
    // With a password there is no probe: `sudo -S -p <marker>` works for NOPASSWD users too (no prompt, nothing
    // written), and a failing `sudo -n` is logged as an authentication failure that Debian's default sudoers
    // (mail_badpass) mails to root - on a cluster's passive node, where Postfix is bound to the VIP, that mail
    // even fails with a Postfix fatal error in the journal.
    if (this.opts.sudoPassword !== undefined) {
      // sudo -S reads one line: a password with a line break could never be typed in correctly.
      if (/[\r\n]/.test(this.opts.sudoPassword)) throw new AppError(SshErrorCode.sudoWrongPassword, ctx, 'the password contains a line break');
      return (this.sudoMode = 'password');
    }
    const r = await this.exec(SUDO_PROBE, { idempotent: true, timeoutMs: 30_000, ...(signal ? { signal } : {}) });
    if (r.exitCode === 127) throw new AppError(SshErrorCode.commandNotFound, { command: 'sudo', host: ctx.host }, r.stderr.slice(-2000));
    if (r.exitCode !== 0) throw new AppError(SshErrorCode.sudoPasswordRequired, ctx, r.stderr.slice(-2000));
    return (this.sudoMode = 'nopasswd');
  }

  /**
   * One attempt of one command. `internal` marks the engine's own helper commands (terminating a run): they
   * are audited like any other command but are never themselves terminated by another round.
   */
  private runOnce(conn: SshConnection, command: string, opts: ExecOptions, attempt: number, mode: SudoMode | undefined, internal = false): Promise<ExecResult> {
    const target = this.opts.target;
    const markers = mode ? newSudoMarkers() : undefined;
    const filter = markers ? new SudoStderrFilter(markers) : undefined;
    const pidMarker = newPidMarker();
    const pidFilter = new PidMarkerFilter(pidMarker);
    const runId = newRunId();
    const wire = wrapCommand(mode && markers ? buildSudoCommand(command, mode, markers, runId) : plainCommand(command, runId), pidMarker);
    const maxChars = this.opts.maxOutputChars ?? 16 * 1024 * 1024;
    const out = new TextCollector(maxChars);
    const err = new TextCollector(maxChars);
    const outClean = new ServerTextCleaner();
    const errClean = new ServerTextCleaner();
    const startedAt = new Date();
    const t0 = performance.now();
    const timeoutMs = opts.timeoutMs ?? this.opts.defaultTimeoutMs ?? 0;
    const grace = this.opts.killGraceMs ?? 2000;

    return new Promise<ExecResult>((resolve, reject) => {
      let channel: ClientChannel | undefined;
      let channelClosed = false;
      let exitCode: number | null = null;
      let exitSignal: string | null = null;
      let failure: AppError | ConnectionDropped | undefined;
      let finished = false;
      let stdinDone = false;
      const timers: NodeJS.Timeout[] = [];
      let channelReady!: () => void;
      const ready = new Promise<void>((r) => (channelReady = r));

      // Server text is cleaned here, once, before any caller, the audit log or a terminal sees it.
      const emitOut = (raw: string) => {
        const t = outClean.push(raw);
        if (!t) return;
        out.keep(t);
        opts.onStdout?.(t);
      };
      const emitErr = (raw: string) => {
        const t = errClean.push(raw);
        if (!t) return;
        err.keep(t);
        opts.onStderr?.(t);
      };
      const sendStdin = () => {
        if (stdinDone || !channel) return;
        stdinDone = true;
        if (opts.stdin) channel.write(opts.stdin);
        channel.end();
      };

      // One round of TERM or KILL to the run: the SSH signal request (reaches the top process, which is enough
      // for sudo, which relays it), the process group by PID (children), and every process carrying the
      // run's MHS_RUN marker (daemons that left the group). True when nothing of the run is left.
      const round = async (sig: 'TERM' | 'KILL'): Promise<boolean> => {
        try {
          if (!channelClosed) channel?.signal(sig);
        } catch {
          /* channel already gone */
        }
        if (!conn.alive) return false;
        try {
          const r = await this.runOnce(conn, terminateCommand(runId, pidFilter.pid, sig), { timeoutMs: 5_000 }, 1, mode, true);
          return r.stdout.includes(ALL_GONE);
        } catch {
          return false;
        }
      };
      let killing = false;
      // TERM, then KILL after the grace period unless nothing is left: driven by its own clock, whatever the
      // channel does meanwhile (a channel that closes early must not cancel the KILL). The result is reported
      // only when this is done, so the caller knows nothing of the command is running any more.
      const stop = async () => {
        const began = performance.now();
        // Cancelled before the channel was open: the command may still start, so wait until it exists (a server
        // that never answers the channel request gets the grace period, then nothing of it can be running).
        await Promise.race([ready, sleep(grace + 5000)]);
        if (channel) {
          let gone = await round('TERM');
          if (!gone) {
            await sleep(Math.max(0, grace - (performance.now() - began)));
            gone = await round('KILL');
          }
        }
        if (channelClosed || !channel) return finish();
        timers.push(
          setTimeout(() => {
            channel?.close();
            finish();
          }, 1000),
        );
      };
      const kill = (why: AppError) => {
        failure ??= why;
        if (killing || finished) return;
        killing = true;
        if (internal) {
          channel?.close();
          finish();
          return;
        }
        void stop();
      };
      const onAbort = () => kill(new AppError(SshErrorCode.cancelled));
      if (timeoutMs > 0) timers.push(setTimeout(() => kill(new AppError(SshErrorCode.commandTimeout, { seconds: Math.round(timeoutMs / 100) / 10, host: target.host })), timeoutMs));
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      if (opts.signal?.aborted) onAbort();
      const unsubscribeLost = conn.onLost(() => {
        if (finished) return;
        failure ??= new ConnectionDropped();
        channelReady();
        finish();
      });

      const finish = () => {
        if (finished) return;
        finished = true;
        unsubscribeLost();
        for (const t of timers) clearTimeout(t);
        opts.signal?.removeEventListener('abort', onAbort);
        emitOut(out.flush());
        const tailErr = pidFilter.feed(err.flush()) + pidFilter.flush();
        emitErr(filter ? filter.feed(tailErr).passthrough : tailErr);
        for (const [t, c, o] of [[outClean.end(), out, opts.onStdout], [errClean.end(), err, opts.onStderr]] as const) {
          if (!t) continue;
          c.keep(t);
          o?.(t);
        }
        const durationMs = Math.round(performance.now() - t0);
        let error: AppError | ConnectionDropped | undefined = failure;
        if (!error && filter) error = filter.outcome(exitCode, { user: target.user, host: target.host });
        const result: ExecResult = { exitCode, signal: exitSignal, stdout: out.text, stderr: err.text, durationMs, truncated: out.truncated || err.truncated, attempt };
        const audit = this.opts.audit?.record({
          id: randomUUID(),
          kind: 'command',
          host: target.host,
          port: target.port,
          user: target.user,
          ...(target.jump ? { via: describeTarget(target.jump) } : {}),
          command: this.redact(command),
          sudo: !!mode,
          startedAt: startedAt.toISOString(),
          durationMs,
          exitCode,
          signal: exitSignal,
          ...(error ? { errorCode: error instanceof AppError ? error.code : SshErrorCode.connectionLost } : {}),
          ...(error instanceof AppError && Object.keys(error.params).length ? { errorParams: error.params } : {}),
          stdout: this.redact(result.stdout),
          stderr: this.redact((filter && !filter.started ? cleanServerText(filter.sudoMessages) + '\n' : '') + result.stderr),
          outputTruncated: result.truncated,
          attempt,
        });
        Promise.resolve(audit).then(
          () => (error ? reject(redactError(error, this.secrets)) : resolve(result)),
          (auditError: unknown) => reject(new AppError('ssh:errors.auditFailed', {}, (auditError as Error).message)),
        );
      };

      try {
        conn.client.exec(wire, (e, ch) => {
          if (e) {
            failure ??= conn.alive ? new AppError(SshErrorCode.channelFailed, { host: target.host }, e.message) : new ConnectionDropped();
            channelReady();
            return finish();
          }
          channel = ch;
          channelReady();
          if (finished) {
            ch.close();
            return;
          }
          ch.on('data', (chunk: Buffer) => {
            opts.onStdoutBytes?.(chunk);
            emitOut(out.decode(chunk));
          });
          ch.stderr.on('data', (chunk: Buffer) => {
            const text = pidFilter.feed(err.decode(chunk));
            if (!filter) return emitErr(text);
            const r = filter.feed(text);
            for (const ev of r.events) {
              if (ev === 'sendPassword') ch.write(`${this.opts.sudoPassword ?? ''}\n`);
              else if (ev === 'wrongPassword') {
                stdinDone = true;
                ch.end(); // EOF: sudo gives up at once instead of waiting for more tries
              }
            }
            if (filter.started) sendStdin();
            emitErr(r.passthrough);
          });
          ch.on('exit', (code: number | null, signalName?: string) => {
            if (typeof code === 'number') exitCode = code;
            else exitSignal = signalName ?? null;
          });
          ch.on('close', () => {
            channelClosed = true;
            // While a TERM/KILL sequence runs, it finishes the command when it is done.
            if (killing) return;
            if (exitCode !== null || exitSignal !== null || failure) return finish();
            // Closed without an exit status: usually the whole connection is going down and the "lost" event
            // is about to arrive. Give it a moment, so this is reported as connection loss, not as success.
            timers.push(
              setTimeout(() => {
                if (!conn.alive) failure ??= new ConnectionDropped();
                finish();
              }, 100),
            );
          });
          if (!filter) sendStdin();
        });
      } catch (e) {
        failure ??= conn.alive ? new AppError(SshErrorCode.channelFailed, { host: target.host }, (e as Error).message) : new ConnectionDropped();
        channelReady();
        finish();
      }
    });
  }
}

function redactError(e: AppError | ConnectionDropped, secrets: readonly string[]): AppError | ConnectionDropped {
  if (!(e instanceof AppError) || !e.detail) return e;
  const detail = redactSecrets(e.detail, secrets);
  return detail === e.detail ? e : new AppError(e.code, e.params, detail);
}
