import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fencingOptions, quorumOptions, validateQuorumFencing } from './quorum';
import { failoverBudget, sbdTiming } from './failover';
import { QuorumFencingChoiceSchema, fencingIds, type QuorumFencingChoice } from './quorumSchema';

const choice = (over: Partial<QuorumFencingChoice> = {}): QuorumFencingChoice => QuorumFencingChoiceSchema.parse(over);
const errors = (c: QuorumFencingChoice) => validateQuorumFencing(c).issues.filter((i) => i.severity === 'error').map((i) => i.key.split('.').pop());

describe('option catalogue', () => {
  it('lists quorum and fencing options with i18n keys for needs, protects, cost, complexity, explanation', () => {
    expect(quorumOptions().map((o) => o.id)).toEqual(['twoNode', 'qdevice', 'thirdNode']);
    const ipmi = fencingOptions().find((o) => o.id === 'ipmi')!;
    expect(ipmi).toEqual({
      id: 'ipmi', kind: 'stonith',
      needs: 'planning:quorumFencing.options.ipmi.needs', protectsAgainst: 'planning:quorumFencing.options.ipmi.protects',
      cost: 'planning:quorumFencing.options.ipmi.cost', complexity: 'planning:quorumFencing.options.ipmi.complexity',
      explanation: 'planning:quorumFencing.options.ipmi.explanation',
    });
    expect(fencingOptions().find((o) => o.id === 'drbdResourceFencing')!.kind).toBe('addon');
  });
});

describe('validateQuorumFencing', () => {
  it('the default (2 nodes + qdevice, IPMI + DRBD fencing, 2 links) is valid', () => {
    expect(validateQuorumFencing(choice()).ok).toBe(true);
  });

  it('two_node and qdevice are exclusive', () => {
    expect(errors(choice({ twoNode: true, qdevice: true }))).toContain('twoNodeAndQdevice');
  });

  it('two nodes without two_node or qdevice lose quorum with one node', () => {
    expect(errors(choice({ twoNode: false, qdevice: false }))).toEqual(['twoNodesNeedQuorum']);
  });

  it('no fencing needs a recorded risk acceptance (who, when, reason)', () => {
    expect(errors(choice({ fencing: ['none'] }))).toEqual(['riskAcceptanceMissing']);
    expect(errors(choice({ fencing: ['none'], riskAcceptance: { who: 'A. Admin', when: '', reason: 'Lab' } }))).toEqual(['riskAcceptanceMissing']);
    const ok = validateQuorumFencing(choice({ fencing: ['none'], riskAcceptance: { who: 'A. Admin', when: '2026-11-25', reason: 'Testumgebung' } }));
    expect(ok.ok).toBe(true);
    expect(ok.issues).toContainEqual({ severity: 'warning', key: 'planning:quorumFencing.rules.noFencingAccepted', params: { who: 'A. Admin', when: '2026-11-25' } });
    expect(errors(choice({ fencing: ['none', 'ipmi'], riskAcceptance: { who: 'x', when: '2026-11-25', reason: 'y' } }))).toEqual(['noneWithOthers']);
  });

  it('DRBD resource-level fencing requires working STONITH', () => {
    expect(errors(choice({ fencing: ['drbdResourceFencing'] }))).toEqual(['drbdFencingNeedsStonith']);
  });

  it('SBD: msgwait >= 2 x watchdog and stonith-timeout >= 2 x msgwait', () => {
    // watchdog 5 s -> msgwait 10 s -> stonith-timeout >= 20 s
    expect(sbdTiming(5).msgwaitS.value).toBe(10);
    expect(sbdTiming(5).minStonithTimeoutS.value).toBe(20);
    const bad = choice({ fencing: ['sbdDiskless'], sbd: { watchdogTimeoutS: 10, msgwaitS: 15, stonithTimeoutS: 25 } });
    // msgwait 15 < 2*10 = 20; stonith-timeout 25 < 2*15 = 30
    expect(validateQuorumFencing(bad).issues.filter((i) => i.severity === 'error')).toEqual([
      { severity: 'error', key: 'planning:quorumFencing.rules.sbdMsgwait', params: { msgwait: 15, expected: 20 } },
      { severity: 'error', key: 'planning:quorumFencing.rules.sbdStonithTimeout', params: { stonithTimeout: 25, min: 30 } },
    ]);
  });

  it('diskless SBD needs a quorum source beyond two nodes', () => {
    expect(errors(choice({ qdevice: false, twoNode: true, fencing: ['sbdDiskless', 'fenceDelay'] }))).toEqual(['disklessSbdNeedsQuorum']);
  });

  it('two_node with STONITH but no fence delay warns about fence races', () => {
    const v = validateQuorumFencing(choice({ qdevice: false, twoNode: true, fencing: ['ipmi', 'drbdResourceFencing'] }));
    expect(v.ok).toBe(true);
    expect(v.issues.map((i) => i.key)).toContain('planning:quorumFencing.rules.fenceRace');
  });

  it('property: any choice with both two_node and qdevice, or DRBD fencing without STONITH, is invalid', () => {
    fc.assert(
      fc.property(fc.subarray([...fencingIds]), fc.boolean(), fc.boolean(), (fencing, twoNode, qdevice) => {
        const v = validateQuorumFencing(choice({ fencing, twoNode, qdevice }));
        const stonith = fencing.some((f) => ['ipmi', 'pdu', 'virsh', 'sbdDisk', 'sbdDiskless'].includes(f));
        if (twoNode && qdevice) expect(v.ok).toBe(false);
        if (fencing.includes('drbdResourceFencing') && !stonith) expect(v.ok).toBe(false);
        if (fencing.includes('none') && !fencing.every((x) => x === 'none')) expect(v.ok).toBe(false);
      }),
    );
  });
});

describe('failoverBudget', () => {
  it('unplanned, defaults (qdevice, IPMI): 32.2 s', () => {
    // 1000 token + 1200 consensus (1.2*1000) + 0 delay + 10000 IPMI + 2000 promote + 3000 mount + 1000 VIP
    // + 10000 InnoDB + 2000 Dovecot + 2000 Postfix = 32,200 ms
    const b = failoverBudget(choice());
    expect(b.segments.map((s) => [s.id, s.figure.value])).toEqual([
      ['detection', 1000], ['consensus', 1200], ['fenceDelay', 0], ['fenceAction', 10000], ['promote', 2000],
      ['mount', 3000], ['vip', 1000], ['innodbRecovery', 10000], ['dovecot', 2000], ['postfix', 2000],
    ]);
    expect(b.totalMs.value).toBe(32_200);
    expect(b.segments[3]!.startMs).toBe(2200);
  });

  it('two_node with fence delay and SBD: delay 5 s, fence action = msgwait', () => {
    // 1000 + 1200 + 5000 + 10000 (msgwait 10 s) + 2000 + 3000 + 1000 + 10000 + 2000 + 2000 = 37,200 ms
    const b = failoverBudget(choice({ twoNode: true, qdevice: false, fencing: ['sbdDisk', 'fenceDelay'] }));
    expect(b.totalMs.value).toBe(37_200);
  });

  it('three nodes add token_coefficient to the token', () => {
    // token 1000 + (3-2)*650 = 1650; consensus 1.2*1650 = 1980
    const b = failoverBudget(choice({ nodeCount: 3, qdevice: false }));
    expect(b.segments[0]!.figure.value).toBe(1650);
    expect(b.segments[1]!.figure.value).toBeCloseTo(1980, 9);
  });

  it('planned move: stop, promote, mount, VIP, MariaDB, Dovecot, Postfix = 21 s', () => {
    // 8000 + 2000 + 3000 + 1000 + 3000 + 2000 + 2000 = 21,000 ms
    expect(failoverBudget(choice(), 'planned').totalMs.value).toBe(21_000);
  });

  it('property: segments are contiguous and add up to the total', () => {
    fc.assert(
      fc.property(
        fc.record({ tokenMs: fc.integer({ min: 100, max: 20000 }), promoteMs: fc.integer({ min: 0, max: 60000 }), innodbRecoveryMs: fc.integer({ min: 0, max: 600000 }) }),
        fc.integer({ min: 2, max: 5 }),
        fc.constantFrom('planned' as const, 'unplanned' as const),
        (timing, nodeCount, kind) => {
          const b = failoverBudget(choice({ timing: { ...choice().timing, ...timing }, nodeCount }), kind);
          let at = 0;
          for (const s of b.segments) {
            expect(s.startMs).toBeCloseTo(at, 6);
            expect(s.figure.value).toBeGreaterThanOrEqual(0);
            at += s.figure.value;
          }
          expect(b.totalMs.value).toBeCloseTo(at, 6);
        },
      ),
    );
  });
});
