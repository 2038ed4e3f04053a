/**
 * Progress and ETA over a whole plan. Each step starts from its expectedDurationS (or what it took last time
 * on this machine, if known); as steps finish, the ratio of measured to expected time of the steps that really
 * ran scales the estimate of the rest. Steps that an earlier run already finished are expected to be skipped
 * after their check, which takes a moment, not their full duration. Steps of one parallel group run at the
 * same time: the group takes as long as its longest step.
 */
export interface EtaStep {
  id: string;
  expectedDurationS: number;
  parallelGroup?: string;
}

export interface RunningStep {
  id: string;
  elapsedMs: number;
  /** What the step's own output says (0..1), if anything. */
  fraction?: number;
  /** The tool's own estimate of the rest of the current action. */
  toolEtaS?: number;
}

const SKIP_MS = 1500;

/** The step's parallel group (a field the step model gains; read loosely until it has it). */
export const groupOf = (s: object): string | undefined => {
  const g = (s as { parallelGroup?: unknown }).parallelGroup;
  return typeof g === 'string' && g ? g : undefined;
};

/** Consecutive steps of the same parallel group form one unit; every other step is a unit of its own. */
export function parallelUnits<T extends object>(steps: readonly T[]): T[][] {
  const units: T[][] = [];
  for (const s of steps) {
    const last = units.at(-1);
    const g = groupOf(s);
    if (g && last && groupOf(last[0]!) === g) last.push(s);
    else units.push([s]);
  }
  return units;
}

export class PlanEta {
  private readonly estimates = new Map<string, number>();
  private readonly finished = new Map<string, number>();
  private readonly units: EtaStep[][];
  private measuredMs = 0;
  private expectedMs = 0;

  constructor(
    steps: readonly EtaStep[],
    learnedMs: Readonly<Record<string, number>> = {},
    likelySkipped: ReadonlySet<string> = new Set(),
  ) {
    this.units = parallelUnits(steps);
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

  /** Overall state while the given steps run (several at once in a parallel group). */
  snapshot(running: readonly RunningStep[]): { doneMs: number; totalMs: number; etaMs: number; stepFraction?: number } {
    let doneMs = 0;
    let remainingMs = 0;
    let stepFraction: number | undefined;
    const now = new Map(running.map((r) => [r.id, r]));
    for (const unit of this.units) {
      let unitDone = 0;
      let unitLeft = 0;
      for (const s of unit) {
        const f = this.finished.get(s.id);
        const r = now.get(s.id);
        if (f !== undefined) unitDone = Math.max(unitDone, f);
        else if (r) {
          const est = this.estimate(s.id);
          const left =
            r.toolEtaS !== undefined ? r.toolEtaS * 1000 : r.fraction !== undefined && r.fraction > 0.02 ? (r.elapsedMs / r.fraction) * (1 - r.fraction) : Math.max(est - r.elapsedMs, est * 0.05);
          unitDone = Math.max(unitDone, r.elapsedMs);
          unitLeft = Math.max(unitLeft, left);
          stepFraction ??= r.fraction ?? (est > 0 ? Math.min(0.95, r.elapsedMs / est) : undefined);
        } else unitLeft = Math.max(unitLeft, this.estimate(s.id));
      }
      doneMs += unitDone;
      remainingMs += unitLeft;
    }
    return { doneMs, totalMs: doneMs + remainingMs, etaMs: remainingMs, ...(stepFraction !== undefined ? { stepFraction } : {}) };
  }
}
