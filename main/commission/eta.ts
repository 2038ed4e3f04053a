/**
 * Progress and ETA over a whole plan. Each step starts from its expectedDurationS (or what it took last time
 * on this machine, if known); as steps finish, the ratio of measured to expected time of the steps that really
 * ran scales the estimate of the rest. Steps that an earlier run already finished are expected to be skipped
 * after their check, which takes a moment, not their full duration.
 */
export interface EtaStep {
  id: string;
  expectedDurationS: number;
}

const SKIP_MS = 1500;

export class PlanEta {
  private readonly estimates = new Map<string, number>();
  private readonly finished = new Map<string, number>();
  private measuredMs = 0;
  private expectedMs = 0;

  constructor(
    private readonly steps: readonly EtaStep[],
    learnedMs: Readonly<Record<string, number>> = {},
    likelySkipped: ReadonlySet<string> = new Set(),
  ) {
    for (const s of steps) this.estimates.set(s.id, likelySkipped.has(s.id) ? SKIP_MS : (learnedMs[s.id] ?? Math.max(0, s.expectedDurationS) * 1000));
  }

  /** How far off the plan's own figures are on this machine, from the steps that ran (clamped to 0.25..4). */
  factor(): number {
    if (this.expectedMs < 5000) return 1;
    return Math.min(4, Math.max(0.25, this.measuredMs / this.expectedMs));
  }

  private estimate(id: string): number {
    return (this.estimates.get(id) ?? 0) * this.factor();
  }

  /** A step ended; `ran` = its apply ran (a skipped step says nothing about the machine's speed). */
  finish(id: string, ms: number, ran: boolean): void {
    this.finished.set(id, ms);
    if (ran) {
      this.measuredMs += ms;
      this.expectedMs += this.estimates.get(id) ?? 0;
    }
  }

  /**
   * Overall state while `currentId` has run for elapsedMs (fraction: what its own output says, if anything;
   * toolEtaS: the tool's own estimate of the rest of the current action).
   */
  snapshot(currentId: string | undefined, elapsedMs: number, fraction?: number, toolEtaS?: number): { doneMs: number; totalMs: number; etaMs: number; stepFraction?: number } {
    let doneMs = 0;
    let remainingMs = 0;
    let stepFraction: number | undefined;
    for (const s of this.steps) {
      const f = this.finished.get(s.id);
      if (f !== undefined) doneMs += f;
      else if (s.id === currentId) {
        const est = this.estimate(s.id);
        const left =
          toolEtaS !== undefined ? toolEtaS * 1000 : fraction !== undefined && fraction > 0.02 ? (elapsedMs / fraction) * (1 - fraction) : Math.max(est - elapsedMs, est * 0.05);
        doneMs += elapsedMs;
        remainingMs += Math.max(0, left);
        stepFraction = fraction ?? (est > 0 ? Math.min(0.95, elapsedMs / est) : undefined);
      } else remainingMs += this.estimate(s.id);
    }
    return { doneMs, totalMs: doneMs + remainingMs, etaMs: remainingMs, ...(stepFraction !== undefined ? { stepFraction } : {}) };
  }
}
