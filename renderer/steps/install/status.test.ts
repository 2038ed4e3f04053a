import { describe, expect, it } from 'vitest';
import { newProject, type Project } from '../../../shared/project/schema';
import type { CommissionRecord } from '../../../shared/commission/recordSchema';
import { installStepStatus, isUnfinished } from './status';

const base = () => newProject('7c9e6679-7425-40de-944b-e07fc1f90ae7', new Date('2026-12-01T10:00:00Z'));
const record = (state: CommissionRecord['state']): CommissionRecord => ({ revision: 3, planHash: 'h', stepHashes: {}, startedAt: '2026-12-01T10:00:00.000Z', state, steps: {}, timers: {} });
const withRecord = (state: CommissionRecord['state']): Project => {
  const p = base();
  return { ...p, commission: { ...p.commission, record: record(state) } };
};

describe('installStepStatus', () => {
  it('is not started on a new project', () => {
    expect(installStepStatus(base())).toBe('notStarted');
  });

  it('is in progress once a node or the VIP is entered', () => {
    const p = base();
    expect(installStepStatus({ ...p, hosts: { secondary: { host: '10.0.0.2', port: 22, user: 'root', auth: { method: 'agent' } } } })).toBe('inProgress');
    expect(installStepStatus({ ...p, commission: { ...p.commission, settings: { ...p.commission.settings, vip: '10.0.0.10/24' } } })).toBe('inProgress');
  });

  it('follows the record: done, running, needing the operator', () => {
    expect(installStepStatus(withRecord('completed'))).toBe('done');
    expect(installStepStatus(withRecord('running'))).toBe('inProgress');
    expect(installStepStatus(withRecord('paused'))).toBe('inProgress');
    for (const s of ['failed', 'cancelled', 'stopped', 'rolledBack'] as const) expect(installStepStatus(withRecord(s)), s).toBe('attention');
  });

  it('knows which records can be resumed', () => {
    expect(isUnfinished(record('failed'))).toBe(true);
    expect(isUnfinished(record('running'))).toBe(true);
    expect(isUnfinished(record('completed'))).toBe(false);
    expect(isUnfinished(record('rolledBack'))).toBe(false);
    expect(isUnfinished(undefined)).toBe(false);
  });
});
