import { describe, expect, it } from 'vitest';
import { QuorumFencingChoiceSchema } from '../planning/quorumSchema';
import { findCase } from './cases';
import type { Finding } from './logScan';
import { mailRecords, tallyMails } from './mailMatch';
import { computeOutage, type ProbeSample } from './outage';
import { ClusterProfileSchema } from './profile';
import { FailoverTargetsSchema, resolveTargets } from './targets';
import { judgeCase, type Observed } from './verdict';

const targets = resolveTargets(FailoverTargetsSchema.parse({ plannedRtoMs: 5000, unplannedRtoMs: 10_000 }), QuorumFencingChoiceSchema.parse({}));
const vm = ClusterProfileSchema.parse({ platform: 'vm', replication: 'drbd', stonith: true, drbdFencing: true, corosyncLinks: 2 });

function probe(downFrom: number, downTo: number): ProbeSample[] {
  const s: ProbeSample[] = [];
  for (let t = 0; t < 30_000; t += 200) s.push({ t, ok: t < downFrom || t >= downTo });
  return s;
}

const mails = tallyMails(mailRecords([{ n: 1, via: 'smtp', attempts: [{ at: 1000, endAt: 1050, outcome: 'accepted', stage: 'dot', code: 250 }], acceptedAt: 1050 }], [{ n: 1, deliveredAt: 1100 }]), 60_000);
const moved: Observed = { servicesBefore: 'node1', servicesAfter: ['node2'], dualActiveSeen: false, fenced: [], recovered: true };

describe('judgeCase', () => {
  it('passes a standby within the planned RTO with all mails delivered', () => {
    const v = judgeCase({ applicability: { runnable: true }, expectation: findCase('standby').expect(vm), outages: [computeOutage('smtp', probe(10_000, 13_000), 10_000, 30_000)], mails, findings: [], observed: moved, targets });
    expect(v.value).toBe('pass');
    expect(v.checks.find((c) => c.id === 'outage.smtp')).toMatchObject({ ok: true, params: { seconds: 3.2, limit: 5 } }); // last success 9.8 s, first 13.0 s
  });

  it('fails the same standby when the outage exceeds the planned RTO', () => {
    const v = judgeCase({ applicability: { runnable: true }, expectation: findCase('standby').expect(vm), outages: [computeOutage('smtp', probe(10_000, 16_000), 10_000, 30_000)], mails, findings: [], observed: moved, targets });
    expect(v.value).toBe('fail');
    expect(v.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['outage.smtp']);
  });

  it('fails on a lost mail, on services active on two nodes and on a split-brain line', () => {
    const lost = tallyMails(mailRecords([{ n: 1, via: 'smtp', attempts: [{ at: 1000, endAt: 1050, outcome: 'accepted', stage: 'dot' }], acceptedAt: 1050 }], []), 60_000);
    const sb: Finding = { kind: 'splitBrain', severity: 'critical', node: 'node2', t: 1, lastT: 1, count: 1, source: 'kernel', line: 'drbd r0: Split-Brain detected but unresolved, dropping connection!' };
    const v = judgeCase({
      applicability: { runnable: true },
      expectation: findCase('hardCrash').expect(vm),
      outages: [computeOutage('smtp', probe(10_000, 17_000), 10_000, 30_000)],
      mails: lost,
      findings: [sb],
      observed: { ...moved, dualActiveSeen: true, fenced: ['node1'] },
      targets,
    });
    expect(v.value).toBe('fail');
    expect(v.checks.filter((c) => !c.ok).map((c) => c.id).sort()).toEqual(['dualActive', 'findings.critical', 'mail.lost']);
  });

  it('a crash without the expected fencing fails; expected findings do not count against it', () => {
    const nodeLost: Finding = { kind: 'nodeLost', severity: 'warning', node: 'node2', t: 1, lastT: 1, count: 1, source: 'corosync', line: 'A processor failed, forming new configuration' };
    const failed: Finding = { kind: 'failedAction', severity: 'error', node: 'node2', t: 1, lastT: 1, count: 1, source: 'pacemaker-controld', line: 'Result of monitor operation for vip on node1: not running' };
    const v = judgeCase({ applicability: { runnable: true }, expectation: findCase('hardCrash').expect(vm), outages: [], mails, findings: [nodeLost, failed], observed: moved, targets });
    expect(v.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['fencing']);
    const standby = judgeCase({ applicability: { runnable: true }, expectation: findCase('standby').expect(vm), outages: [], mails, findings: [failed], observed: moved, targets });
    expect(standby.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['findings.errors']);
  });

  it('a mailbox that could not be read fails the case on unverified mails, not on lost ones', () => {
    const sent = [{ n: 1, via: 'smtp' as const, attempts: [{ at: 1000, endAt: 1050, outcome: 'accepted' as const, stage: 'dot' as const, code: 250 }], acceptedAt: 1050 }];
    const unread = tallyMails(mailRecords(sent, []), 60_000, { mailboxRead: false });
    const v = judgeCase({ applicability: { runnable: true }, expectation: findCase('standby').expect(vm), outages: [computeOutage('smtp', probe(10_000, 13_000), 10_000, 30_000)], mails: unread, findings: [], observed: moved, targets });
    expect(v.value).toBe('fail');
    expect(v.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['mail.verified']);
    expect(v.checks.find((c) => c.id === 'mail.verified')).toMatchObject({ key: 'failover:checks.mailsNotVerified', params: { count: 1 } });
    expect(v.checks.find((c) => c.id === 'mail.lost')).toMatchObject({ ok: true, params: { lost: 0 } });
    // The same mail missing from a mailbox that was read: lost, as before; nothing unverified.
    const read = tallyMails(mailRecords(sent, []), 60_000, { mailboxRead: true });
    const r = judgeCase({ applicability: { runnable: true }, expectation: findCase('standby').expect(vm), outages: [computeOutage('smtp', probe(10_000, 13_000), 10_000, 30_000)], mails: read, findings: [], observed: moved, targets });
    expect(r.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['mail.lost']);
    expect(r.checks.find((c) => c.id === 'mail.verified')).toMatchObject({ ok: true });
  });

  it('a case the cluster cannot run is not applicable with its reason, never a pass', () => {
    const v = judgeCase({ applicability: { runnable: false, reason: 'failover:reasons.noFencing' }, expectation: findCase('fenceTest').expect(vm), outages: [], findings: [], targets });
    expect(v).toEqual({ value: 'notApplicable', checks: [], reason: { key: 'failover:reasons.noFencing' } });
  });

  it('without mail flow or cluster view a case cannot pass', () => {
    const v = judgeCase({ applicability: { runnable: true }, expectation: findCase('standby').expect(vm), outages: [], findings: [], targets });
    expect(v.value).toBe('fail');
  });

  it('an aborted case keeps its checks but says aborted', () => {
    const v = judgeCase({ applicability: { runnable: true }, expectation: findCase('standby').expect(vm), outages: [], findings: [], targets, aborted: { key: 'ssh:errors.cancelled' } });
    expect(v.value).toBe('aborted');
  });

  it('targets default to the planning budget when the project sets none', () => {
    const qf = QuorumFencingChoiceSchema.parse({});
    const t = resolveTargets(FailoverTargetsSchema.parse({}), qf);
    expect(t.plannedSource).toBe('planning');
    expect(t.plannedRtoMs).toBe(t.plannedEstimateMs);
    expect(t.unplannedRtoMs).toBeGreaterThan(t.plannedRtoMs);
  });
});
