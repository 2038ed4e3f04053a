import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLUSTER_STATUS_COMMAND, drbdHealthy, parseClusterStatusOutput, parseCrmMonXml, parseDrbdStatus, parseQuorumTool, summarizeCluster } from './index';

// Small samples in the formats of Pacemaker 2.1, corosync 3 and DRBD 8.4/9 (written here; the lab tests
// in test/lab/commission check the parsers on real output of the commissioned cluster).
const crmXml = `<?xml version="1.0"?>
<pacemaker-result api-version="2.30" request="crm_mon --output-as=xml --inactive">
  <summary>
    <stack type="corosync"/>
    <current_dc present="true" version="2.1.5-a3f44794f94" name="mail-b" id="2" with_quorum="true" mixed_version="false"/>
    <cluster_options stonith-enabled="true" symmetric-cluster="true" no-quorum-policy="stop" maintenance-mode="false"/>
  </summary>
  <nodes>
    <node name="mail-a" id="1" online="true" standby="false" standby_onfail="false" maintenance="false" pending="false" unclean="false" shutdown="false" expected_up="true" is_dc="false" resources_running="6" type="member"/>
    <node name="mail-b" id="2" online="false" standby="false" standby_onfail="false" maintenance="false" pending="false" unclean="true" shutdown="false" expected_up="true" is_dc="true" resources_running="0" type="member"/>
  </nodes>
  <resources>
    <resource id="fence-sbd" resource_agent="stonith:fence_sbd" role="Started" active="true" orphaned="false" blocked="false" managed="true" failed="false" failure_ignored="false" nodes_running_on="1"><node name="mail-a" id="1" cached="true"/></resource>
    <clone id="drbd-mail-clone" multi_state="true" unique="false" managed="true" disabled="false" failed="false" failure_ignored="false">
      <resource id="drbd-mail" resource_agent="ocf:linbit:drbd" role="Master" active="true" orphaned="false" blocked="false" managed="true" failed="false" failure_ignored="false" nodes_running_on="1"><node name="mail-a" id="1" cached="true"/></resource>
      <resource id="drbd-mail" resource_agent="ocf:linbit:drbd" role="Stopped" active="false" orphaned="false" blocked="false" managed="true" failed="false" failure_ignored="false" nodes_running_on="0"/>
    </clone>
    <group id="mail" number_resources="2" managed="true" disabled="false">
      <resource id="vip" resource_agent="ocf:heartbeat:IPaddr2" role="Started" active="true" orphaned="false" blocked="false" managed="true" failed="false" failure_ignored="false" nodes_running_on="1"><node name="mail-a" id="1" cached="true"/></resource>
      <resource id="postfix" resource_agent="systemd:postfix@-" role="Stopped" active="false" orphaned="false" blocked="false" managed="false" failed="true" failure_ignored="false" nodes_running_on="0"/>
    </group>
  </resources>
  <failures>
    <failure op_key="postfix_monitor_10000" node="mail-a" exitstatus="not running" exitreason="bind to 10.77.0.10 failed &amp; gave up" exitcode="7" call="31" status="complete" last-rc-change="2026-12-01 20:00:00 +01:00" queued="0" exec="0" interval="10000" task="monitor"/>
  </failures>
  <fence_history><fence_event action="reboot" target="mail-b" client="pacemaker-controld.812" origin="mail-a" status="success" completed="2026-12-01 19:59:50.1 +01:00" delegate="mail-a"/></fence_history>
  <status code="0" message="OK"/>
</pacemaker-result>
`;

const quorumQdevice = `Quorum information
------------------
Date:             Tue Dec  1 20:00:00 2026
Quorum provider:  corosync_votequorum
Nodes:            2
Node ID:          1
Ring ID:          1.2d
Quorate:          Yes

Votequorum information
----------------------
Expected votes:   3
Highest expected: 3
Total votes:      3
Quorum:           2  
Flags:            Quorate Qdevice 

Membership information
----------------------
    Nodeid      Votes    Qdevice Name
         1          1    A,V,NMW mail-a (local)
         2          1    A,V,NMW mail-b
         0          1            Qdevice
`;

const quorumTwoNode = `Quorum information
------------------
Quorum provider:  corosync_votequorum
Nodes:            1
Node ID:          2
Ring ID:          2.30
Quorate:          No

Votequorum information
----------------------
Expected votes:   2
Highest expected: 2
Total votes:      1
Quorum:           1 Activity blocked
Flags:            2Node WaitForAll 

Membership information
----------------------
    Nodeid      Votes Name
         2          1 mail-b (local)
`;

const proc84 = `version: 8.4.11 (api:1/proto:86-101)
srcversion: 211FB288A383ED945B83420
 0: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----
    ns:52216 nr:0 dw:0 dr:53296 al:8 bm:0 lo:0 pe:1 ua:0 ap:0 ep:1 wo:f oos:460140
	[=>..................] sync'ed: 10.4% (460140/511932)K
	finish: 0:00:17 speed: 26,164 (26,164) K/sec
`;

const adm9 = `mail role:Primary
  disk:UpToDate
  mail-b role:Secondary
    replication:SyncSource peer-disk:Inconsistent done:45.20

`;

describe('crm_mon XML', () => {
  const s = parseCrmMonXml(crmXml);
  it('reads nodes with online, unclean and DC', () => {
    expect(s.dc).toBe('mail-b');
    expect(s.withQuorum).toBe(true);
    expect(s.stonithEnabled).toBe(true);
    expect(s.nodes.map((n) => [n.name, n.online, n.unclean, n.isDc])).toEqual([
      ['mail-a', true, false, false],
      ['mail-b', false, true, true],
    ]);
  });
  it('reads resources with group/clone, where they run, old role names as Promoted', () => {
    expect(s.resources.map((r) => [r.id, r.role, r.nodes, r.group ?? r.clone ?? ''])).toEqual([
      ['fence-sbd', 'Started', ['mail-a'], ''],
      ['drbd-mail', 'Promoted', ['mail-a'], 'drbd-mail-clone'],
      ['drbd-mail', 'Stopped', [], 'drbd-mail-clone'],
      ['vip', 'Started', ['mail-a'], 'mail'],
      ['postfix', 'Stopped', [], 'mail'],
    ]);
    expect(s.resources[1]!.promotable).toBe(true);
    expect(s.resources[4]).toMatchObject({ failed: true, managed: false });
    expect(s.stonithDevices).toEqual(['fence-sbd']);
  });
  it('reads failed actions and fence history, entities decoded', () => {
    expect(s.failedActions).toEqual([{ resource: 'postfix', op: 'monitor', node: 'mail-a', exitCode: 7, exitStatus: 'not running', exitReason: 'bind to 10.77.0.10 failed & gave up', intervalMs: 10000, lastRcChange: '2026-12-01 20:00:00 +01:00' }]);
    expect(s.fenceHistory).toEqual([{ target: 'mail-b', action: 'reboot', status: 'success', origin: 'mail-a', completed: '2026-12-01 19:59:50.1 +01:00', delegate: 'mail-a' }]);
  });
  it('a crm_mon error is a problem, not an exception', () => {
    expect(parseCrmMonXml('<pacemaker-result><status code="102" message="Not connected"/></pacemaker-result>').problems).toEqual(['crm_mon: Not connected (code 102)']);
    expect(parseCrmMonXml('crm_mon: Error: cluster is not available on this node').problems[0]).toMatch(/no XML/);
    expect(parseCrmMonXml('<pacemaker-result><nodes><node name="x" online="true"/></nodes').nodes.length).toBeLessThanOrEqual(1);
  });
});

describe('corosync-quorumtool -s', () => {
  it('qdevice: quorate, votes, flags, members with the qdevice row', () => {
    const q = parseQuorumTool(quorumQdevice);
    expect(q).toMatchObject({ quorate: true, nodes: 2, nodeId: 1, ringId: '1.2d', expectedVotes: 3, totalVotes: 3, quorum: 2, flags: ['Quorate', 'Qdevice'] });
    expect(q.members).toEqual([
      { nodeId: 1, votes: 1, name: 'mail-a', local: true, qdevice: false, qdeviceFlags: 'A,V,NMW' },
      { nodeId: 2, votes: 1, name: 'mail-b', local: false, qdevice: false, qdeviceFlags: 'A,V,NMW' },
      { nodeId: 0, votes: 1, name: 'Qdevice', local: false, qdevice: true },
    ]);
  });
  it('two_node waiting for its peer: not quorate, WaitForAll', () => {
    const q = parseQuorumTool(quorumTwoNode);
    expect(q).toMatchObject({ quorate: false, quorum: 1, flags: ['2Node', 'WaitForAll'], members: [{ nodeId: 2, name: 'mail-b', local: true }] });
  });
  it('corosync not running is a problem', () => {
    expect(parseQuorumTool('Cannot initialize QUORUM service\n').problems).toEqual(['not corosync-quorumtool output']);
  });
});

describe('DRBD', () => {
  it('8.4 /proc/drbd: roles, disks, resync percent and ETA, minor named', () => {
    const d = parseDrbdStatus(proc84, { 0: 'mail' });
    expect(d.version).toBe('8.4.11');
    expect(d.resources).toEqual([{ name: 'mail', minor: 0, role: 'Primary', disk: 'UpToDate', peers: [{ connection: 'SyncSource', replication: 'SyncSource', role: 'Secondary', disk: 'Inconsistent', syncPercent: 10.4, syncEtaS: 17 }] }]);
    expect(drbdHealthy(d)).toBe(false);
  });
  it('9 drbdadm status: peer by name, replication and done', () => {
    const d = parseDrbdStatus(adm9);
    expect(d.resources).toEqual([{ name: 'mail', role: 'Primary', disk: 'UpToDate', peers: [{ name: 'mail-b', role: 'Secondary', connection: 'Connected', replication: 'SyncSource', disk: 'Inconsistent', syncPercent: 45.2 }] }]);
  });
  it('healthy when both sides are UpToDate and connected', () => {
    expect(drbdHealthy(parseDrbdStatus(' 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n'))).toBe(true);
    expect(drbdHealthy(parseDrbdStatus(' 0: cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown   r-----\n'))).toBe(false);
  });
});

describe('the combined command and its output', () => {
  it('is one command with every section', () => {
    for (const s of ['crm_mon', 'quorum', 'drbdadm', 'procdrbd', 'units']) expect(CLUSTER_STATUS_COMMAND).toContain(`s ${s}`);
  });
  it('splits sections; absent tools leave no status', () => {
    const raw = `\n@@mhs-cluster:hostname\nmail-a\n\n@@mhs-cluster:crm_mon\n${crmXml}\n@@mhs-cluster:quorum\n${quorumQdevice}\n@@mhs-cluster:drbdadm\n@@absent\n\n@@mhs-cluster:procdrbd\n${proc84}\n@@mhs-cluster:drbdnames\nmail 0\n\n@@mhs-cluster:units\npostfix disabled inactive\ncorosync enabled active\n\n@@mhs-cluster:end\n`;
    const n = parseClusterStatusOutput(raw);
    expect(n.hostname).toBe('mail-a');
    expect(n.pacemaker?.nodes).toHaveLength(2);
    expect(n.quorum?.quorate).toBe(true);
    expect(n.drbd?.resources[0]?.name).toBe('mail');
    expect(n.units.postfix).toEqual({ enabled: 'disabled', active: 'inactive' });
    const witness = parseClusterStatusOutput('@@mhs-cluster:crm_mon\n@@absent\n@@mhs-cluster:quorum\n@@absent\n@@mhs-cluster:procdrbd\n@@absent\n');
    expect(witness.pacemaker).toBeUndefined();
    expect(witness.quorum).toBeUndefined();
    expect(witness.drbd).toBeUndefined();
    const all = summarizeCluster([{ role: 'primary', reachable: true, ...n }], '2026-12-01T20:00:00Z');
    expect(all.summary).toMatchObject({ quorate: true, onlineNodes: ['mail-a'], offlineNodes: ['mail-b'], activeOn: { 'drbd-mail': ['mail-a'], vip: ['mail-a'] }, failedActions: 1, stonithEnabled: true, drbdHealthy: false });
  });
});

describe('fuzz: the parsers never throw and always give their shape', () => {
  const samples = [crmXml, quorumQdevice, quorumTwoNode, proc84, adm9];
  const mutated = fc.tuple(fc.constantFrom(...samples), fc.nat(), fc.nat(), fc.string({ maxLength: 30 })).map(([s, a, b, ins]) => {
    const i = a % (s.length + 1);
    const j = Math.min(s.length, i + (b % 40));
    return s.slice(0, i) + ins + s.slice(j);
  });
  it('on mutated real-format input and on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string(), fc.string({ unit: 'binary', maxLength: 300 })), (t) => {
        const c = parseCrmMonXml(t);
        expect(Array.isArray(c.nodes) && Array.isArray(c.resources) && Array.isArray(c.problems)).toBe(true);
        expect(Array.isArray(parseQuorumTool(t).members)).toBe(true);
        expect(Array.isArray(parseDrbdStatus(t).resources)).toBe(true);
        expect(typeof parseClusterStatusOutput(t).units).toBe('object');
      }),
      { numRuns: 400 },
    );
  });
});
