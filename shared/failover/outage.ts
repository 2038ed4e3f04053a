/**
 * Outage per protocol from the probe samples: the time from the last success before a failure run to the
 * first success after it, for every failure run that reaches the fault or comes after it. The fault's own
 * timestamp is kept beside the windows (a planned standby keeps serving for a moment after the command; a
 * crash stops at once), so the UI can show both.
 */
import type { Protocol } from './protocols';

export interface ProbeSample {
  /**
   * Host clock, epoch ms. A success is dated when its decisive reply arrived (the service was known up then);
   * a failure when its attempt started (it failed some time after that).
   */
  t: number;
  ok: boolean;
  latencyMs?: number;
  /** Short failure code: connect, timeout, closed, banner, tls, auth, select, reply:421 ... */
  error?: string;
}

export interface OutageWindow {
  /** Last success before the run (or the run's first failure when there was none: `fromIsBaseline` false). */
  fromMs: number;
  /** First success after the run; null when the service had not come back by the end of the case. */
  toMs: number | null;
  durationMs: number;
  fromIsBaseline: boolean;
  firstFailureMs: number;
  failures: number;
  /** Failure codes seen in the run with their counts. */
  errors: Record<string, number>;
}

export interface ProtocolOutage {
  protocol: Protocol;
  samples: number;
  /** At least one success before the fault: the probe worked, its windows mean something. */
  baseline: boolean;
  /** Failure runs that ended before the fault (noise in the baseline). */
  preFaultFailures: number;
  windows: OutageWindow[];
  /** The longest window (0 without any). */
  maxMs: number;
  totalMs: number;
  /** The last sample of the case was a success. */
  recovered: boolean;
  latencyP50Ms?: number;
  latencyP95Ms?: number;
}

function percentile(sorted: number[], q: number): number | undefined {
  if (!sorted.length) return undefined;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

export function computeOutage(protocol: Protocol, input: readonly ProbeSample[], faultAt: number, endAt: number): ProtocolOutage {
  const s = [...input].sort((a, b) => a.t - b.t);
  const windows: OutageWindow[] = [];
  let preFaultFailures = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i]!.ok) continue;
    let j = i;
    while (j + 1 < s.length && !s[j + 1]!.ok) j++;
    const before = i > 0 ? s[i - 1]! : undefined;
    const after = j + 1 < s.length ? s[j + 1]! : undefined;
    const errors: Record<string, number> = {};
    for (let k = i; k <= j; k++) {
      const e = s[k]!.error ?? 'failed';
      errors[e] = (errors[e] ?? 0) + 1;
    }
    const fromMs = before ? before.t : s[i]!.t;
    const toMs = after ? after.t : null;
    if (toMs !== null && toMs < faultAt) preFaultFailures += j - i + 1;
    else {
      const end = toMs ?? Math.max(endAt, s[j]!.t);
      windows.push({ fromMs, toMs, durationMs: Math.max(0, end - fromMs), fromIsBaseline: !!before, firstFailureMs: s[i]!.t, failures: j - i + 1, errors });
    }
    i = j;
  }
  const lat = s.filter((x) => x.ok && x.latencyMs !== undefined).map((x) => x.latencyMs!).sort((a, b) => a - b);
  const p50 = percentile(lat, 0.5);
  const p95 = percentile(lat, 0.95);
  return {
    protocol,
    samples: s.length,
    baseline: s.some((x) => x.ok && x.t <= faultAt),
    preFaultFailures,
    windows,
    maxMs: windows.reduce((m, w) => Math.max(m, w.durationMs), 0),
    totalMs: windows.reduce((m, w) => m + w.durationMs, 0),
    recovered: s.length > 0 && s[s.length - 1]!.ok,
    ...(p50 !== undefined ? { latencyP50Ms: p50 } : {}),
    ...(p95 !== undefined ? { latencyP95Ms: p95 } : {}),
  };
}

export interface StatusRun {
  fromMs: number;
  toMs: number;
  ok: boolean;
  n: number;
}

/** Consecutive samples of equal state as one run: what the time line draws, small enough for the project file. */
export function statusRuns(input: readonly ProbeSample[]): StatusRun[] {
  const s = [...input].sort((a, b) => a.t - b.t);
  const runs: StatusRun[] = [];
  for (const x of s) {
    const last = runs[runs.length - 1];
    if (last && last.ok === x.ok) {
      last.toMs = x.t;
      last.n++;
    } else runs.push({ fromMs: x.t, toMs: x.t, ok: x.ok, n: 1 });
  }
  return runs;
}
