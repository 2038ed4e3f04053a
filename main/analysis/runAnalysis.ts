/**
 * Runs the collectors against one server over SSH and merges their facts. Collectors run a few at a time
 * (they only read); each has its own timeout; a failing collector gives a partial result with a note, never
 * a failed analysis. Only connection-level problems (unreachable, host key, login, wrong sudo password)
 * and cancellation end the run with an error.
 */
import { checkCollectorResult, checkPlausibility } from '../../shared/analysis/checkFacts';
import type { CollectorResult, Facts, Note } from '../../shared/analysis/facts';
import { mergeFacts } from '../../shared/analysis/facts';
import { AppError } from '../../shared/errors';
import type { AuditSink } from '../audit/types';
import type { AcceptedHostKey } from '../ssh/connect';
import { SshErrorCode } from '../ssh/errors';
import type { KnownHostsStore } from '../ssh/knownHostsStore';
import { SshSession, type SessionEvent } from '../ssh/session';
import type { ConnectSecrets, Target } from '../ssh/target';
import type { Collector } from './collector';

export type CollectorState = 'waiting' | 'running' | 'ok' | 'partial' | 'failed' | 'skipped' | 'cancelled';

export interface RunAnalysisOptions {
  target: Target;
  secrets?: ConnectSecrets;
  sudoPassword?: string;
  knownHosts: KnownHostsStore;
  acceptHostKeys?: readonly AcceptedHostKey[];
  audit?: AuditSink;
  collectors: readonly Collector[];
  signal?: AbortSignal;
  /** Collectors in flight at once (default 3: enough to hide latency, gentle on a production server). */
  concurrency?: number;
  collectorTimeoutMs?: number;
  onCollector?: (id: string, state: CollectorState, info?: { durationMs?: number; errorCode?: string }) => void;
  onOutput?: (collectorId: string, stream: 'stdout' | 'stderr', text: string) => void;
  onConnection?: (event: SessionEvent | { type: 'connecting' } | { type: 'connected' }) => void;
  now?: () => Date;
}

/** Live output shown per collector; the rest is only in the result and (bounded) in the audit log. */
const LIVE_OUTPUT_CHARS = 64 * 1024;

function liveOutput(id: string, onOutput: RunAnalysisOptions['onOutput']) {
  let left = LIVE_OUTPUT_CHARS;
  return (stream: 'stdout' | 'stderr', text: string) => {
    if (!onOutput || left <= 0) return;
    const part = text.length > left ? text.slice(0, left) : text;
    left -= part.length;
    onOutput(id, stream, left <= 0 ? `${part}\n[…]\n` : part);
  };
}

/** Errors after which no further collector can succeed: end the run with this error. */
const FATAL = new Set<string>([SshErrorCode.cancelled, SshErrorCode.sudoWrongPassword, SshErrorCode.connectionLost, SshErrorCode.notConnected]);
/** sudo cannot be used: run the collector unprivileged and say that its result may be incomplete. */
const NO_SUDO = new Set<string>([SshErrorCode.sudoDenied, SshErrorCode.sudoPasswordRequired]);

export async function runAnalysis(opts: RunAnalysisOptions): Promise<Facts> {
  const now = opts.now ?? (() => new Date());
  for (const c of opts.collectors) opts.onCollector?.(c.id, 'waiting');
  opts.onConnection?.({ type: 'connecting' });
  const session = await SshSession.open(
    {
      target: opts.target,
      knownHosts: opts.knownHosts,
      ...(opts.secrets ? { secrets: opts.secrets } : {}),
      ...(opts.sudoPassword !== undefined ? { sudoPassword: opts.sudoPassword } : {}),
      ...(opts.acceptHostKeys ? { acceptHostKeys: opts.acceptHostKeys } : {}),
      ...(opts.audit ? { audit: opts.audit } : {}),
      onEvent: (e) => opts.onConnection?.(e),
    },
    opts.signal,
  );
  opts.onConnection?.({ type: 'connected' });

  let facts: Facts = { collectedAt: now().toISOString(), source: 'ssh', collectors: {}, notes: [] };
  let sudoUnavailable: string | undefined;
  let fatal: AppError | undefined;
  const queue = [...opts.collectors];
  // Each collector's completion, so one that uses others' facts (collector.after) can wait for them.
  const done = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  for (const c of opts.collectors) {
    let resolve!: () => void;
    done.set(c.id, { promise: new Promise<void>((r) => (resolve = r)), resolve });
  }

  const runOne = async (c: Collector) => {
    try {
      await Promise.all((c.after ?? []).map((id) => done.get(id)?.promise));
      await runCollector(c);
    } finally {
      done.get(c.id)?.resolve();
    }
  };

  const runCollector = async (c: Collector) => {
    if (fatal || opts.signal?.aborted) {
      opts.onCollector?.(c.id, 'cancelled');
      return;
    }
    const command = c.commandFor ? c.commandFor(facts) : c.command;
    opts.onCollector?.(c.id, 'running');
    const started = Date.now();
    const notes: Note[] = [];
    let streamer: ReturnType<NonNullable<Collector['stream']>> | undefined;
    const live = liveOutput(c.id, opts.onOutput);
    const exec = (sudo: boolean) => {
      streamer = c.stream?.();
      return session.exec(command, {
        sudo,
        // A streaming parser has already consumed the first attempt's output: never re-run it silently.
        idempotent: !c.stream,
        timeoutMs: opts.collectorTimeoutMs ?? 120_000,
        ...(opts.signal ? { signal: opts.signal } : {}),
        // The streaming parser counts bytes like pflogsumm does (latin1: one char per byte); what is shown is
        // the cleaned text.
        ...(streamer ? { onStdoutBytes: (b: Buffer) => streamer?.push(b.toString('latin1')) } : {}),
        onStdout: (t) => live('stdout', t),
        onStderr: (t) => live('stderr', t),
      });
    };
    try {
      let useSudo = c.needsSudo && !sudoUnavailable;
      let result;
      try {
        result = await exec(useSudo);
      } catch (e) {
        if (!(e instanceof AppError) || !NO_SUDO.has(e.code) || !useSudo) throw e;
        sudoUnavailable = e.code;
        useSudo = false;
        result = await exec(false);
      }
      if (c.needsSudo && !useSudo) notes.push({ key: 'analysis:notes.withoutSudo', params: { collector: c.id }, source: c.id });
      const parsed = checkedResult(c, () => (streamer ? streamer.end() : c.parse(result.stdout)));
      const ok = result.exitCode === 0 && parsed.notes.length === 0 && !(c.needsSudo && !useSudo);
      const state: CollectorState = ok ? 'ok' : 'partial';
      facts = mergeFacts(facts, {
        ...parsed,
        notes: [...notes, ...parsed.notes],
        collectors: { [c.id]: { status: state === 'ok' ? 'ok' : 'partial', ...(result.exitCode !== null ? { exitCode: result.exitCode } : {}), collectedAt: now().toISOString() } },
      });
      opts.onCollector?.(c.id, state, { durationMs: Date.now() - started });
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('errors:internal', {}, e instanceof Error ? e.message : String(e));
      if (FATAL.has(err.code)) {
        fatal ??= err;
        opts.onCollector?.(c.id, err.code === SshErrorCode.cancelled ? 'cancelled' : 'failed', { errorCode: err.code });
        return;
      }
      facts = mergeFacts(facts, {
        notes: [{ key: 'analysis:notes.collectorFailed', params: { ...err.params, collector: c.id, error: err.code }, source: c.id }],
        collectors: { [c.id]: { status: 'failed', collectedAt: now().toISOString() } },
      });
      opts.onCollector?.(c.id, 'failed', { durationMs: Date.now() - started, errorCode: err.code });
    }
  };

  try {
    const workers = Array.from({ length: Math.max(1, opts.concurrency ?? 3) }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) await runOne(c);
    });
    await Promise.all(workers);
  } finally {
    await session.close();
  }
  if (opts.signal?.aborted) throw new AppError(SshErrorCode.cancelled);
  if (fatal) throw fatal;
  const checked = checkPlausibility(facts);
  for (const [id, st] of Object.entries(checked.collectors ?? {})) if (st.status !== facts.collectors?.[id]?.status) opts.onCollector?.(id, st.status);
  return checked;
}

/** A parser result made safe to store (see checkFacts.ts); even a parser that throws only gives a note. */
export function checkedResult(c: Collector, parse: () => CollectorResult): CollectorResult {
  let raw: CollectorResult;
  try {
    raw = parse();
  } catch (e) {
    raw = { notes: [{ key: 'analysis:notes.parserError', params: { collector: c.id, detail: e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200) }, source: c.id }] };
  }
  return checkCollectorResult(c.id, raw);
}
