import { describe, expect, it } from 'vitest';
import type { CommissionRecord } from '../../../shared/commission/recordSchema';
import type { StepLike } from './planGroups';
import { runSummary } from './summary';

const step = (id: string, phase: string, s: number): StepLike => ({ id, phase, node: 'primary', expectedDurationS: s, destructive: false });
const run = (outcome: CommissionRecord['steps'][string]['outcome'], startedAt: string, durationMs?: number, endedAt?: string) => ({
  node: 'primary' as const,
  outcome,
  startedAt,
  attempts: 1,
  ...(durationMs !== undefined ? { durationMs } : {}),
  ...(endedAt ? { endedAt } : {}),
});

describe('runSummary', () => {
  const steps = [step('a', 'prepare', 10), step('b', 'prepare', 20), step('c', 'cutover', 30), step('d', 'verify', 5)];
  const record: CommissionRecord = {
    revision: 9,
    planHash: 'h',
    stepHashes: {},
    startedAt: '2026-12-01T10:00:00.000Z',
    completedAt: '2026-12-01T10:02:30.000Z',
    state: 'completed',
    steps: {
      a: run('skipped', '2026-12-01T10:00:00.000Z', 400),
      b: run('done', '2026-12-01T10:00:01.000Z', 12_000),
      c: run('done', '2026-12-01T10:01:00.000Z', undefined, '2026-12-01T10:01:25.500Z'),
    },
    timers: { legacyMailOutage: { startedAt: '2026-12-01T10:01:02.000Z', stoppedAt: '2026-12-01T10:01:20.000Z', ms: 18_000 } },
  };

  it('sums measured time per phase beside the expectation and counts outcomes', () => {
    const s = runSummary(record, steps);
    expect(s.phases).toEqual([
      { phase: 'prepare', expectedS: 30, measuredMs: 12_400, done: 1, skipped: 1, failed: 0, rolledBack: 0, total: 2 },
      { phase: 'cutover', expectedS: 30, measuredMs: 25_500, done: 1, skipped: 0, failed: 0, rolledBack: 0, total: 1 },
      { phase: 'verify', expectedS: 5, done: 0, skipped: 0, failed: 0, rolledBack: 0, total: 1 },
    ]);
    expect(s).toMatchObject({ wallMs: 150_000, legacyOutageMs: 18_000, legacyOutageRunning: false, done: 2, skipped: 1, failed: 0, total: 4 });
  });

  it('counts rolled-back steps apart', () => {
    const s = runSummary({ ...record, state: 'rolledBack', steps: { a: { ...record.steps.a!, outcome: 'rolledBack' }, b: { ...record.steps.b!, outcome: 'rolledBack' } } }, steps);
    expect(s).toMatchObject({ done: 0, rolledBack: 2 });
  });

  it('an outage stopwatch that was started but not stopped is still running', () => {
    const s = runSummary({ ...record, completedAt: undefined, updatedAt: '2026-12-01T10:01:10.000Z', state: 'running', timers: { legacyMailOutage: { startedAt: '2026-12-01T10:01:02.000Z' } } }, steps);
    expect(s.legacyOutageRunning).toBe(true);
    expect(s.legacyOutageMs).toBeUndefined();
    expect(s.wallMs).toBe(70_000);
  });
});
