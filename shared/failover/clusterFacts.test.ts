import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mailResources, parseProfileFacts, planNodes, profileFrom, sampleTimeoutMs, servicesNodes, settledState, vipHolders } from './clusterFacts';
import { parseNodeSample, sampleCommand, type NodeSample } from './clusterSample';
import { clusterCheck } from './monitoring';

// Captured on the commissioned lab ct cluster (test/lab/failover/captureSamples.ts): shared LUN, qdevice on the
// witness, no fencing, the mail group running on secondary.
const dir = path.resolve(import.meta.dirname, '../../test/support/failover/samples/ct');
const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
const sample = (name: string, node: string): NodeSample => parseNodeSample(read(`${name}.${node}.sample.txt`), node, 1000);
const settled = () => [sample('settled-on-secondary', 'legacy'), sample('settled-on-secondary', 'secondary')];

describe('cluster samples from the lab ct cluster', () => {
  it('reads VIP, quorum with the quorum device, Pacemaker view and no DRBD', () => {
    const [l, s] = settled();
    expect(l!.vip).toBe(false);
    expect(s!.vip).toBe(true);
    expect(s!.quorum).toMatchObject({ quorate: true });
    expect(s!.quorum!.flags).toEqual(expect.arrayContaining(['Quorate', 'Qdevice']));
    expect(s!.crm!.dc).toBe('legacy');
    expect(s!.crm!.stonithEnabled).toBe(false);
    expect(s!.drbd).toBeUndefined();
    expect(s!.fenceConstraints).toEqual([]);
    expect(s!.bootId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the mail group, where it runs, and that the cluster is in its start state', () => {
    const r = settled();
    const m = mailResources(r[1]!.crm!);
    expect(m.group).toBe('g_mail');
    expect(m.resources.map((x) => x.id)).toEqual(['p_fs', 'p_bind_vmail', 'p_bind_mysql', 'p_bind_spool', 'p_vip', 'p_mariadb', 'p_postfix', 'p_dovecot']);
    expect(servicesNodes(r)).toEqual(['secondary']);
    expect(vipHolders(r)).toEqual(['secondary']);
    expect(settledState(r, ['legacy', 'secondary'])).toEqual({ settled: true, waiting: [] });
  });

  it('the services outside the group (colocated with it, the plan since ocf:mhs:unit) count as the mail service', () => {
    // Captured the same way from a cluster commissioned with g_mail = volume, binds, VIP and the services beside it.
    const r = [sample('split-on-secondary', 'legacy'), sample('split-on-secondary', 'secondary')];
    const m = mailResources(r[1]!.crm!);
    expect(m.group).toBe('g_mail');
    expect(m.resources.map((x) => `${x.id}:${x.group ?? '-'}`)).toEqual(['p_fs:g_mail', 'p_bind_vmail:g_mail', 'p_bind_mysql:g_mail', 'p_bind_spool:g_mail', 'p_vip:g_mail', 'p_mariadb:-', 'p_dovecot:-', 'p_postfix:-']);
    expect(servicesNodes(r)).toEqual(['secondary']);
    expect(settledState(r, ['legacy', 'secondary'])).toEqual({ settled: true, waiting: [] });
  });

  it('g_mail holding only the volume, binds, VIP and services beside it (the plan since the parallel layout) is one mail service', () => {
    const r = [sample('parallel-on-legacy', 'legacy'), sample('parallel-on-legacy', 'secondary')];
    const m = mailResources(r[0]!.crm!);
    expect(m.group).toBe('g_mail');
    expect(m.resources.map((x) => `${x.id}:${x.group ?? '-'}`)).toEqual(['p_fs:g_mail', 'p_bind_vmail:-', 'p_bind_mysql:-', 'p_bind_spool:-', 'p_vip:-', 'p_mariadb:-', 'p_dovecot:-', 'p_postfix:-']);
    expect(servicesNodes(r)).toEqual(['legacy']);
    expect(vipHolders(r)).toEqual(['legacy']);
    expect(settledState(r, ['legacy', 'secondary'])).toEqual({ settled: true, waiting: [] });
  });

  it('a lost quorum device vote keeps the cluster from counting as settled', () => {
    // As corosync-quorumtool printed it on the lab after a stack restart that left corosync-qdevice stopped.
    const noQdevice = (node: string) =>
      parseNodeSample(read(`settled-on-secondary.${node}.sample.txt`).replace(/^Total votes:\s+3$/m, 'Total votes:      2').replace(/^Flags:\s+Quorate Qdevice\s*$/m, 'Flags:            Quorate'), node, 1000);
    const s = settledState([noQdevice('legacy'), noQdevice('secondary')], ['legacy', 'secondary']);
    expect(s).toEqual({ settled: false, waiting: ['legacy votes 2/3', 'secondary votes 2/3'] });
  });

  it('samples get more time only on emulated nodes (qemu without KVM), where the lab saw 4 s run out', () => {
    const f = (virt: string) => ({ node: 'n', virt, nodelist: [], drbdFencing: false, drbdAddresses: {} });
    expect(sampleTimeoutMs([f('systemd-nspawn'), f('systemd-nspawn')])).toBe(4000);
    expect(sampleTimeoutMs([f('kvm'), f('none')])).toBe(4000);
    expect(sampleTimeoutMs([f('qemu'), f('qemu')])).toBe(60_000);
  });

  it('an unreachable node keeps the cluster from counting as settled', () => {
    const r = [{ node: 'legacy', at: 1, reachable: false }, sample('settled-on-secondary', 'secondary')];
    const s = settledState(r, ['legacy', 'secondary']);
    expect(s.settled).toBe(false);
    expect(s.waiting).toContain('legacy unreachable');
  });

  it('the profile: containers, shared LUN, no fencing, qdevice, two corosync links, the token and consensus', () => {
    const facts = ['legacy', 'secondary'].map((n) => parseProfileFacts(read(`profile.${n}.txt`), n));
    expect(facts[0]).toMatchObject({ node: 'legacy', virt: 'systemd-nspawn', tokenMs: 3000, consensusMs: 3600, drbdFencing: false });
    const p = profileFrom(facts, settled(), { crash: true, powerOn: true }, false);
    expect(p).toMatchObject({ platform: 'container', replication: 'shared', stonith: false, quorum: 'qdevice', nodes: 2, corosyncLinks: 2, tokenMs: 3000, consensusMs: 3600 });
    expect(planNodes(facts)).toEqual([
      { name: 'legacy', addresses: ['10.78.0.11', '10.77.0.11'] },
      { name: 'secondary', addresses: ['10.78.0.12', '10.77.0.12'] },
    ]);
  });

  it('nodes without any cluster (not commissioned) are a translated error, not an invalid profile', () => {
    const facts = ['legacy', 'secondary'].map((n) => ({ ...parseProfileFacts(read(`profile.${n}.txt`), n), nodelist: [] }));
    expect(() => profileFrom(facts, [], {}, false)).toThrow(expect.objectContaining({ code: 'failover:errors.noCluster', params: { nodes: 'legacy, secondary' } }));
  });

  it('monitoring: OK with the fencing warning this tier has, perfdata and Prometheus gauges', () => {
    const c = clusterCheck(settled(), ['legacy', 'secondary'], 'mailcluster');
    expect(c.status).toBe(1);
    expect(c.text).toMatch(/^MAILCLUSTER WARNING - fencing disabled/);
    expect(c.text).toContain('services on secondary, 2/2 nodes online, quorate');
    expect(c.perfdata).toContain("'nodes_online'=2;2:;1:;0;2");
    expect(c.prometheus).toContain('mhs_cluster_services_running{cluster="mailcluster",node="secondary"} 1');
    expect(c.prometheus).toContain('mhs_cluster_check_status{cluster="mailcluster"} 1');
  });

  it('monitoring: the VIP on two nodes is CRITICAL, nothing reachable is UNKNOWN', () => {
    const both = settled().map((s) => ({ ...s, vip: true }));
    expect(clusterCheck(both, ['legacy', 'secondary']).status).toBe(2);
    expect(clusterCheck([{ node: 'legacy', at: 1, reachable: false }], ['legacy', 'secondary']).status).toBe(3);
  });

  it('the sample command refuses anything but an IPv4 VIP and never throws on garbage output', () => {
    expect(() => sampleCommand('10.77.0.10; reboot')).toThrow();
    expect(sampleCommand('10.77.0.10/24')).toContain("grep -qF ' 10.77.0.10/'");
    for (const g of ['', '@@mhs-sample crm\n<pacemaker-result', '@@mhs-sample quorum\nQuorate: Maybe', '\u0000']) expect(() => parseNodeSample(g, 'x', 1)).not.toThrow();
  });
});
