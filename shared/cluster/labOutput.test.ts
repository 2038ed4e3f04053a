/**
 * The parsers on real output of the lab's commissioned ct cluster (Pacemaker 2.1.5, corosync 3.1.7 with
 * qdevice on the witness, shared LUN, STONITH off with a recorded risk acceptance), captured with
 * test/lab/commission/executorCaptureStatus.ts: running, legacy in standby, qnetd stopped on the witness.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClusterStatusOutput, summarizeCluster, type NodeStatus } from './index';

const dir = path.resolve(import.meta.dirname, '../../test/support/cluster/ct');
const node = (situation: string, name: 'legacy' | 'secondary' | 'witness', role: NodeStatus['role']): NodeStatus => ({
  role,
  reachable: true,
  ...parseClusterStatusOutput(readFileSync(path.join(dir, `${situation}.${name}.txt`), 'utf8')),
});
const all = (situation: string) => [node(situation, 'legacy', 'primary'), node(situation, 'secondary', 'secondary'), node(situation, 'witness', 'witness')];
const GROUP = ['p_fs', 'p_bind_vmail', 'p_bind_mysql', 'p_bind_spool', 'p_vip', 'p_mariadb', 'p_postfix', 'p_dovecot'];

describe('real output of the lab cluster', () => {
  it('running: both nodes online, the mail group on legacy, quorate with the qdevice vote, STONITH off', () => {
    const nodes = all('running');
    const [legacy, secondary, witness] = nodes;
    expect(legacy!.hostname).toBe('legacy');
    const p = legacy!.pacemaker!;
    expect(p.problems).toEqual([]);
    expect(p.nodes.map((n) => [n.name, n.online, n.standby])).toEqual([
      ['legacy', true, false],
      ['secondary', true, false],
    ]);
    expect(p.stonithEnabled).toBe(false);
    expect(p.resources.map((r) => r.id)).toEqual(GROUP);
    expect(p.resources.every((r) => r.group === 'g_mail' && r.role === 'Started' && r.nodes.join() === 'legacy')).toBe(true);
    expect(p.resources.find((r) => r.id === 'p_vip')?.agent).toBe('ocf:heartbeat:IPaddr2');
    expect(legacy!.quorum).toMatchObject({ quorate: true, expectedVotes: 3, totalVotes: 3, flags: ['Quorate', 'Qdevice'] });
    expect(legacy!.quorum!.members.map((m) => [m.name, m.local, m.qdevice])).toEqual([
      ['legacy', true, false],
      ['secondary', false, false],
      ['Qdevice', false, true],
    ]);
    expect(secondary!.quorum!.members.find((m) => m.local)?.name).toBe('secondary');
    expect(legacy!.drbd).toBeUndefined();
    // Pacemaker runs postfix as postfix@- (Debian's instance unit); the plain unit is disabled and not started.
    expect(legacy!.units.postfix).toEqual({ enabled: 'disabled', active: 'inactive' });
    expect(legacy!.units.mariadb).toEqual({ enabled: 'disabled', active: 'active' });
    expect(witness!.pacemaker).toBeUndefined();
    expect(witness!.quorum).toBeUndefined();
    expect(witness!.units['corosync-qnetd']).toEqual({ enabled: 'enabled', active: 'active' });
    expect(witness!.units.corosync).toEqual({ enabled: 'not-found', active: 'inactive' });
    const s = summarizeCluster(nodes, '2026-12-01T21:22:52Z');
    expect(s.summary).toMatchObject({ quorate: true, onlineNodes: ['legacy', 'secondary'], offlineNodes: [], failedActions: 0, stonithEnabled: false });
    expect(Object.keys(s.summary.activeOn)).toEqual(GROUP);
    expect(s.summary.drbdHealthy).toBeUndefined();
  });

  it('legacy in standby: everything runs on secondary', () => {
    const p = node('standby', 'legacy', 'primary').pacemaker!;
    expect(p.nodes.find((n) => n.name === 'legacy')).toMatchObject({ online: true, standby: true, resourcesRunning: 0 });
    expect(p.resources.every((r) => r.nodes.join() === 'secondary')).toBe(true);
  });

  it('qnetd stopped on the witness: still quorate with two votes, the qdevice has no vote', () => {
    const q = node('noqnetd', 'legacy', 'primary').quorum!;
    expect(q).toMatchObject({ quorate: true, expectedVotes: 3, totalVotes: 2, quorum: 2 });
    expect(q.members.map((m) => [m.name, m.votes, m.qdeviceFlags])).toEqual([
      ['legacy', 1, 'A,NV,NMW'],
      ['secondary', 1, 'A,NV,NMW'],
      ['Qdevice', 0, undefined],
    ]);
    expect(q.members[2]).toMatchObject({ qdevice: true, configuredVotes: 1 });
  });
});
