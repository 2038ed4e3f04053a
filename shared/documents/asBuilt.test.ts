import { describe, expect, it } from 'vitest';
import { parseClusterStatusOutput, parseCrmMonXml, summarizeCluster } from '../cluster/index';
import { AS_BUILT_COMMAND, asBuiltFromStatus, redactConfig, splitAsBuiltOutput } from './asBuilt';

// Output in the formats of Debian 12's crmsh 4.4, drbd-utils 9.22 (drbdadm dump), iproute2 ss and fail2ban 1.0.
const crmShow = `node 1: mail01
node 2: mail02
primitive p_drbd ocf:linbit:drbd \\
	params drbd_resource=mail \\
	op monitor interval=29s role=Promoted \\
	op monitor interval=31s role=Unpromoted
primitive p_vip IPaddr2 \\
	params ip=10.20.0.10 cidr_netmask=24 \\
	op monitor interval=10s
primitive p_mariadb systemd:mariadb \\
	op monitor interval=10s timeout=60s
primitive st_ipmi_mail01 stonith:fence_ipmilan \\
	params ip=10.20.9.11 username=admin password="s3cr3t pw" lanplus=1
group g_mail p_fs p_vip p_mariadb p_postfix p_dovecot
clone cl_drbd p_drbd \\
	meta promotable=true promoted-max=1 clone-max=2 notify=true
colocation c_mail_on_drbd inf: g_mail cl_drbd:Promoted
order o_drbd_before_mail Mandatory: cl_drbd:promote g_mail:start
property cib-bootstrap-options: \\
	stonith-enabled=true`;

const drbdDump = `# /etc/drbd.conf
resource mail {
    net {
        protocol C;
        cram-hmac-alg sha256;
        shared-secret "Wq9pL0kZ";
    }
    on mail01 { device /dev/drbd0 minor 0; disk /dev/vg0/drbd_mail; address ipv4 192.168.77.1:7789; }
}`;

const corosync = `totem {
    version: 2
    cluster_name: mailha
    crypto_cipher: aes256
}
nodelist {
    node {
        name: mail01
        nodeid: 1
        ring0_addr: 10.20.0.11
    }
    node {
        name: mail02
        nodeid: 2
        ring0_addr: 10.20.0.12
    }
}`;

const details = [
  '=== mhs-asbuilt:versions', 'pacemaker 2.1.5-1+deb12u1', 'corosync 3.1.7-1', 'drbd-utils 9.22.0-1', 'postfix 3.7.11-0+deb12u1',
  '=== mhs-asbuilt:os', 'Debian GNU/Linux 12 (bookworm)', '6.1.0-26-amd64',
  '=== mhs-asbuilt:corosync', corosync,
  '=== mhs-asbuilt:drbd', drbdDump,
  '=== mhs-asbuilt:cib', crmShow,
  '=== mhs-asbuilt:ports',
  'udp   UNCONN 0      0      10.20.0.11:5405       0.0.0.0:*',
  'tcp   LISTEN 0      100       0.0.0.0:25         0.0.0.0:*',
  'tcp   LISTEN 0      100          [::]:25            [::]:*',
  'tcp   LISTEN 0      128       0.0.0.0:22         0.0.0.0:*',
  '=== mhs-asbuilt:jails', 'Status', '|- Number of jail:\t4', '`- Jail list:\tdovecot, postfix, postfix-sasl, sshd',
  '=== mhs-asbuilt:end',
].join('\n');

const crmXml = `<?xml version="1.0"?>
<pacemaker-result api-version="2.30" request="crm_mon --output-as=xml">
  <summary><current_dc present="true" name="mail01" id="1" with_quorum="true"/><cluster_options stonith-enabled="true"/></summary>
  <nodes>
    <node name="mail01" id="1" online="true" standby="false" maintenance="false" pending="false" unclean="false" shutdown="false" is_dc="true" type="member"/>
    <node name="mail02" id="2" online="true" standby="false" maintenance="false" pending="false" unclean="false" shutdown="false" is_dc="false" type="member"/>
  </nodes>
  <resources>
    <resource id="st_ipmi_mail01" resource_agent="stonith:fence_ipmilan" role="Started" active="true" blocked="false" managed="true" failed="false" nodes_running_on="1"><node name="mail02" id="2"/></resource>
    <clone id="cl_drbd" multi_state="true" managed="true" failed="false">
      <resource id="p_drbd" resource_agent="ocf:linbit:drbd" role="Promoted" active="true" blocked="false" managed="true" failed="false" nodes_running_on="1"><node name="mail01" id="1"/></resource>
      <resource id="p_drbd" resource_agent="ocf:linbit:drbd" role="Unpromoted" active="true" blocked="false" managed="true" failed="false" nodes_running_on="1"><node name="mail02" id="2"/></resource>
    </clone>
    <group id="g_mail" number_resources="2" managed="true">
      <resource id="p_vip" resource_agent="ocf:heartbeat:IPaddr2" role="Started" active="true" blocked="false" managed="true" failed="false" nodes_running_on="1"><node name="mail01" id="1"/></resource>
      <resource id="p_mariadb" resource_agent="systemd:mariadb" role="Started" active="true" blocked="false" managed="true" failed="false" nodes_running_on="1"><node name="mail01" id="1"/></resource>
    </group>
  </resources>
</pacemaker-result>`;

describe('the cluster as built', () => {
  it('the command is one constant read-only script with a marker per section', () => {
    expect(AS_BUILT_COMMAND).toContain("echo '=== mhs-asbuilt:cib'; crm configure show 2>/dev/null");
    expect(AS_BUILT_COMMAND).not.toMatch(/\b(rm|mv|cp|tee|sed -i|crm configure (load|edit|delete))\b/);
  });

  it('never lets a password or shared secret through', () => {
    const r = redactConfig(`${crmShow}\n${drbdDump}\n<nvpair id="st-passwd" name="passwd" value="geheim"/>\n<nvpair name="password" value="x"/>`);
    expect(r).not.toMatch(/s3cr3t|Wq9pL0kZ|geheim|value="x"/);
    expect(r).toContain('password=[REDACTED] lanplus=1');
    expect(r).toContain('shared-secret "[REDACTED]";');
    expect(r).toContain('params ip=10.20.9.11 username=admin');
  });

  it('maps the status and the configuration to what the handbook quotes', () => {
    const pm = parseCrmMonXml(crmXml);
    const node = { role: 'primary' as const, reachable: true, hostname: 'mail01', pacemaker: pm, drbd: { version: '8.4.11', resources: [{ name: 'mail', role: 'Primary', disk: 'UpToDate', peers: [{ disk: 'UpToDate', connection: 'Connected' }] }], problems: [] }, units: {} };
    const status = summarizeCluster([node, { role: 'secondary', reachable: false, error: { code: 'ssh:errors.unreachable' }, units: {} }], '2026-11-27T09:58:00Z');
    const c = asBuiltFromStatus(status, splitAsBuiltOutput(details));
    expect(c.clusterName).toBe('mailha');
    expect(c.nodes).toEqual([{ name: 'mail01', address: '10.20.0.11', online: true, standby: false }, { name: 'mail02', address: '10.20.0.12', online: true, standby: false }]);
    expect(c.resources.find((r) => r.id === 'p_drbd')).toMatchObject({ group: 'cl_drbd', node: 'mail01', role: 'Promoted' });
    expect(c.resources.find((r) => r.id === 'p_vip')).toMatchObject({ group: 'g_mail' });
    expect(c.stonith).toEqual([{ id: 'st_ipmi_mail01', agent: 'stonith:fence_ipmilan' }]);
    expect(c.constraints).toEqual(['colocation c_mail_on_drbd inf: g_mail cl_drbd:Promoted', 'order o_drbd_before_mail Mandatory: cl_drbd:promote g_mail:start']);
    expect(c.vip).toBe('10.20.0.10');
    expect(c.versions.slice(0, 3)).toEqual([{ name: 'Debian', version: 'Debian GNU/Linux 12 (bookworm)' }, { name: 'Linux', version: '6.1.0-26-amd64' }, { name: 'pacemaker', version: '2.1.5-1+deb12u1' }]);
    expect(c.versions.at(-1)).toEqual({ name: 'DRBD (kernel)', version: '8.4.11' });
    expect(c.drbd).toEqual([{ resource: 'mail', role: 'Primary', diskState: 'UpToDate', peerDiskState: 'UpToDate', connection: 'Connected', version: '8.4.11' }]);
    expect(c.openPorts).toEqual([{ port: 22, proto: 'tcp' }, { port: 25, proto: 'tcp' }, { port: 5405, proto: 'udp' }]);
    expect(c.fail2banJails).toEqual(['dovecot', 'postfix', 'postfix-sasl', 'sshd']);
    expect(c.cibText).not.toContain('s3cr3t');
    expect(c.drbdConf).not.toContain('Wq9pL0kZ');
  });

  it('survives missing sections and garbage', () => {
    const status = summarizeCluster([{ role: 'primary', reachable: true, ...parseClusterStatusOutput('garbage\n=== nothing') }], '2026-11-27T09:58:00Z');
    const c = asBuiltFromStatus(status, splitAsBuiltOutput('=== mhs-asbuilt:versions\n\x00\x01 weird\n=== mhs-asbuilt:ports\nnot a socket line'));
    expect(c.nodes).toEqual([]);
    expect(c.openPorts).toEqual([]);
    expect(c.corosyncConf).toBeUndefined();
  });
});
