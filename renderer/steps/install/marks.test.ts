import { describe, expect, it } from 'vitest';
import type { CommissionRecord } from '../../../shared/commission/recordSchema';
import { stepMark } from './marks';
import { busySteps, type LiveRun } from './runPart';

const record: CommissionRecord = {
  revision: 1,
  planHash: 'h',
  stepHashes: {},
  startedAt: '2026-12-01T10:00:00.000Z',
  state: 'failed',
  timers: {},
  steps: {
    a: { node: 'primary', outcome: 'done', startedAt: '2026-12-01T10:00:00.000Z', attempts: 1 },
    b: { node: 'primary', outcome: 'failed', startedAt: '2026-12-01T10:00:01.000Z', attempts: 1 },
    c: { node: 'secondary', outcome: 'done', startedAt: '2026-12-01T10:00:02.000Z', attempts: 1, rollback: { outcome: 'done', startedAt: '2026-12-01T10:05:00.000Z' } },
  },
};
const run = (steps: LiveRun['steps']): LiveRun => ({ runId: 'r', projectId: 'p', kind: 'run', phase: 'running', paused: false, pausing: false, steps, connection: {}, startedAt: 0 });

describe('stepMark', () => {
  it('takes the record when no run says anything about the step', () => {
    expect(stepMark('a', null, record)).toBe('done');
    expect(stepMark('b', null, record)).toBe('failed');
    expect(stepMark('c', null, record)).toBe('rolledBack');
    expect(stepMark('x', null, record)).toBeUndefined();
  });

  it('the live run wins: every busy state is "running", a refused confirmation is a failure', () => {
    for (const s of ['checking', 'backingUp', 'applying', 'verifying', 'restoring'] as const) expect(stepMark('b', run({ b: { state: s, node: 'primary' } }), record), s).toBe('running');
    expect(stepMark('b', run({ b: { state: 'skipped', node: 'primary' } }), record)).toBe('skipped');
    expect(stepMark('a', run({ a: { state: 'refused', node: 'primary' } }), record)).toBe('failed');
  });
});

describe('busySteps', () => {
  it('lists every step working now: one, or all of a parallel group', () => {
    expect(busySteps(null)).toEqual([]);
    const r = run({ a: { state: 'done', node: 'primary' }, b: { state: 'applying', node: 'primary' }, c: { state: 'verifying', node: 'secondary' }, d: { state: 'skipped', node: 'witness' } });
    expect(busySteps(r)).toEqual(['b', 'c']);
  });
});
