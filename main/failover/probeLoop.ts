/**
 * Starts one attempt per protocol every interval (200 ms), whether or not the previous one has finished:
 * while the VIP moves, a connection can hang for seconds, and waiting for it would blur the end of the outage
 * to the hang's length. In-flight attempts per protocol are bounded so a dead address cannot pile up sockets.
 */
import type { ProbeSample } from '../../shared/failover/outage';
import type { Protocol } from '../../shared/failover/protocols';
import { probeDefs } from './probes';
import type { ProbeContext, ProbeResult } from './probes/types';

export interface ProbeLoopOptions {
  probes: { protocol: Protocol; ctx: ProbeContext }[];
  intervalMs: number;
  /**
   * Attempts of one protocol in flight at once (default 3). Each login costs the server a TLS handshake, an
   * authentication and a mailbox open: measured on the lab, 30 overlapping IMAP logins took 0.9 s each where
   * 2 took 0.4 s. A start is skipped (and counted) while that many are still running; a dead address fails
   * fast (connect timeout), so skipping does not blur the end of an outage.
   */
  maxInFlight?: number;
  onResult?: (protocol: Protocol, r: ProbeResult) => void;
}

export class ProbeLoop {
  private readonly samples = new Map<Protocol, ProbeSample[]>();
  private readonly inFlight = new Map<Protocol, Set<Promise<void>>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private ticks = 0;
  private startedAt = 0;
  /** Skipped starts because too many attempts were still hanging. */
  readonly skipped = new Map<Protocol, number>();
  /** Server clock minus host clock, from the SQL probe (ms), newest last. */
  readonly serverClockOffsets: number[] = [];

  constructor(private readonly opts: ProbeLoopOptions) {
    for (const p of opts.probes) {
      this.samples.set(p.protocol, []);
      this.inFlight.set(p.protocol, new Set());
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.startedAt = Date.now();
    this.ticks = 0;
    this.tick();
  }

  private tick() {
    if (!this.running) return;
    for (const p of this.opts.probes) this.launch(p.protocol, p.ctx);
    this.ticks++;
    // Scheduled against the start time, so slow ticks do not make the interval drift.
    const next = this.startedAt + this.ticks * this.opts.intervalMs - Date.now();
    this.timer = setTimeout(() => this.tick(), Math.max(0, next));
  }

  private launch(protocol: Protocol, ctx: ProbeContext) {
    const set = this.inFlight.get(protocol)!;
    if (set.size >= (this.opts.maxInFlight ?? 3)) {
      this.skipped.set(protocol, (this.skipped.get(protocol) ?? 0) + 1);
      return;
    }
    const p = probeDefs[protocol]
      .run(ctx)
      .catch((e: unknown): ProbeResult => ({ ok: false, at: Date.now(), latencyMs: 0, error: 'failed', detail: String(e) }))
      .then((r) => {
        this.samples.get(protocol)!.push({ t: r.at, ok: r.ok, latencyMs: r.latencyMs, ...(r.error ? { error: r.error } : {}) });
        if (r.serverTimeMs !== undefined) this.serverClockOffsets.push(r.serverTimeMs - r.at);
        this.opts.onResult?.(protocol, r);
      })
      .finally(() => set.delete(p));
    set.add(p);
  }

  /** Stops starting attempts and waits for those in flight (they end by their own timeout). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await Promise.all([...this.inFlight.values()].flatMap((s) => [...s]));
  }

  samplesOf(protocol: Protocol): ProbeSample[] {
    return [...(this.samples.get(protocol) ?? [])];
  }

  /** Samples at or after `from`: one case's share of a loop that keeps running between cases. */
  samplesSince(protocol: Protocol, from: number): ProbeSample[] {
    return (this.samples.get(protocol) ?? []).filter((s) => s.t >= from);
  }

  /** The newest result of each protocol, for the live view and for "all probes are green". */
  latest(): Partial<Record<Protocol, ProbeSample>> {
    const out: Partial<Record<Protocol, ProbeSample>> = {};
    for (const [p, s] of this.samples) {
      let last: ProbeSample | undefined;
      for (const x of s) if (!last || x.t >= last.t) last = x;
      if (last) out[p] = last;
    }
    return out;
  }

  /**
   * Every protocol answered for the last `ms`: its newest three results are successes and at least 80 % of the
   * window's are. On a busy machine a single probe may time out while the service is fine; that is noise in
   * the baseline, not a reason to refuse the case (the outage windows still show it).
   */
  allGreenFor(ms: number, now = Date.now()): boolean {
    const needed = Math.max(3, Math.floor(ms / this.opts.intervalMs / 2));
    for (const s of this.samples.values()) {
      const recent = s.filter((x) => x.t >= now - ms).sort((a, b) => a.t - b.t);
      if (recent.length < needed) return false;
      if (recent.slice(-3).some((x) => !x.ok)) return false;
      if (recent.filter((x) => x.ok).length < 0.8 * recent.length) return false;
    }
    return true;
  }

  /** Drops samples older than `before` (the loop runs across cases; each case keeps its own copy). */
  forget(before: number): void {
    for (const [p, s] of this.samples) this.samples.set(p, s.filter((x) => x.t >= before));
  }
}
