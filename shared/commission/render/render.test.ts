import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderCorosyncConf, type CorosyncModel } from './corosyncConf';
import { renderDrbdResource, type DrbdModel } from './drbdConf';
import { renderCibConfiguration, type CibModel } from './cibXml';
import { renderFail2banJail, renderNftables } from './hardening';

const nodes = [
  { name: 'legacy', nodeid: 1, addrs: ['10.78.0.11', '10.77.0.11'] },
  { name: 'secondary', nodeid: 2, addrs: ['10.78.0.12', '10.77.0.12'] },
];
const base: CorosyncModel = { clusterName: 'mailcluster', tokenMs: 3000, linkCount: 2, nodes, quorum: { kind: 'twoNode' } };

describe('corosync.conf for each topology', () => {
  it('two nodes with two_node: knet, crypto on, two links, no quorum device', () => {
    const c = renderCorosyncConf(base);
    expect(c).toContain('transport: knet');
    expect(c).toContain('crypto_cipher: aes256');
    expect(c).toContain('crypto_hash: sha256');
    expect(c).toContain('two_node: 1');
    expect(c).not.toContain('device {');
    expect(c).toContain('ring0_addr: 10.78.0.11');
    expect(c).toContain('ring1_addr: 10.77.0.12');
    expect(c).toContain('link_mode: passive');
    expect(c).toContain('token: 3000');
    expect(c).not.toContain('consensus:');
  });
  it('two nodes + qdevice: the device on the witness, never together with two_node', () => {
    const c = renderCorosyncConf({ ...base, consensusMs: 4000, quorum: { kind: 'qdevice', host: '10.77.0.13', algorithm: 'ffsplit' } });
    expect(c).not.toContain('two_node');
    expect(c).toMatch(/device \{\n\t\tmodel: net\n\t\tvotes: 1\n\t\tnet \{\n\t\t\ttls: on\n\t\t\thost: 10\.77\.0\.13\n\t\t\talgorithm: ffsplit/);
    expect(c).toContain('consensus: 4000');
  });
  it('three full nodes: neither two_node nor a device; one link lists one address per node', () => {
    const three = [...nodes, { name: 'witness', nodeid: 3, addrs: ['10.78.0.13', '10.77.0.13'] }];
    const c = renderCorosyncConf({ ...base, linkCount: 1, nodes: three, quorum: { kind: 'thirdNode' } });
    expect(c).not.toContain('two_node');
    expect(c).not.toContain('device {');
    expect(c.match(/nodeid: /g)).toHaveLength(3);
    expect(c).not.toContain('ring1_addr');
    expect(c).not.toContain('link_mode');
  });
});

const drbd: DrbdModel = {
  version: '8.4',
  resource: 'mail',
  device: '/dev/drbd0',
  port: 7789,
  resourceFencing: true,
  hosts: [
    { name: 'legacy', disk: '/dev/vg_mail/drbd_mail', address: '10.78.0.11' },
    { name: 'secondary', disk: '/dev/disk/by-id/virtio-lab-drbd', address: '10.78.0.12' },
  ],
};

describe('DRBD resource for the module the node runs', () => {
  it('8.4: fencing in disk {}, crm-fence-peer.sh and crm-unfence-peer.sh after resync, no node ids', () => {
    const r = renderDrbdResource(drbd);
    expect(r).toMatch(/disk \{[^}]*fencing resource-and-stonith;[^}]*\}/);
    expect(r).toContain('fence-peer "/usr/lib/drbd/crm-fence-peer.sh";');
    expect(r).toContain('after-resync-target "/usr/lib/drbd/crm-unfence-peer.sh";');
    expect(r).not.toContain('node-id');
    expect(r).not.toContain('.9.sh');
    expect(r).toContain('address 10.78.0.12:7789;');
    expect(r).toContain('protocol C;');
    expect(r).toContain('meta-disk internal;');
  });
  it('9: fencing in net {}, the .9 handlers with unfence-peer, node ids and a connection mesh', () => {
    const r = renderDrbdResource({ ...drbd, version: '9' });
    expect(r).toMatch(/net \{[^}]*fencing resource-and-stonith;[^}]*\}/);
    expect(r).not.toMatch(/disk \{[^}]*fencing/);
    expect(r).toContain('fence-peer "/usr/lib/drbd/crm-fence-peer.9.sh";');
    expect(r).toContain('unfence-peer "/usr/lib/drbd/crm-unfence-peer.9.sh";');
    expect(r).not.toContain('after-resync-target');
    expect(r).toContain('node-id 0;');
    expect(r).toContain('node-id 1;');
    expect(r).toContain('hosts legacy secondary;');
  });
  it('without resource-level fencing: no fencing policy and no handlers', () => {
    const r = renderDrbdResource({ ...drbd, resourceFencing: false });
    expect(r).not.toContain('fencing');
    expect(r).not.toContain('handlers');
  });
});

const cib: CibModel = {
  stonith: { kind: 'devices', devices: [{ id: 'st_sbd', agent: 'fence_sbd', params: [['devices', '/dev/disk/by-id/virtio-lab-sbd'], ['pcmk_delay_max', '5s']] }], timeoutS: 60 },
  priorityFencingDelayS: 5,
  drbd: { resource: 'mail' },
  volume: { device: '/dev/drbd0', mountPoint: '/srv/mail', fsType: 'ext4' },
  binds: [{ id: 'p_bind_vmail', from: '/srv/mail/vmail', to: '/srv/vmail' }],
  vip: { address: '10.77.0.10', prefix: 24, nic: 'eth0' },
  services: [
    { id: 'p_mariadb', unit: 'mariadb', startStopped: false, after: ['p_bind_vmail', 'p_vip'] },
    { id: 'p_dovecot', unit: 'dovecot', startStopped: true, after: ['p_bind_vmail', 'p_vip', 'p_mariadb'], params: [['stop_grace_ms', 0]] },
    { id: 'p_postfix', unit: 'postfix@-', startStopped: true, after: ['p_bind_vmail', 'p_vip', 'p_mariadb', 'p_dovecot'] },
  ],
  agent: { provider: 'mhs', type: 'unit' },
  preferNode: 'legacy',
  notOn: [],
  op: { startS: 300, stopS: 200, monitorIntervalS: 15, monitorTimeoutS: 90 },
};

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['primitive', 'nvpair', 'op', 'rsc_location', 'rsc_colocation', 'rsc_order'].includes(n) });

describe('the Pacemaker configuration', () => {
  const xml = renderCibConfiguration(cib);
  // Parsed XML has no static shape; the assertions below are the shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const doc = parser.parse(xml) as { configuration: Record<string, any> };
  const conf = doc.configuration;

  it('is well-formed XML with the sections Pacemaker expects', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(Object.keys(conf)).toEqual(['crm_config', 'nodes', 'resources', 'constraints', 'rsc_defaults', 'op_defaults']);
  });
  it('makes DRBD a promotable clone, never ms/master, and colocates the group with the Promoted side', () => {
    const meta = Object.fromEntries(conf.resources.clone.meta_attributes.nvpair.map((p: { name: string; value: string }) => [p.name, p.value]));
    expect(meta).toEqual({ promotable: 'true', 'promoted-max': '1', 'promoted-node-max': '1', 'clone-max': '2', 'clone-node-max': '1', notify: 'true' });
    expect(xml).not.toMatch(/<master|\bms\b|Master|Slave/);
    expect(conf.constraints.rsc_colocation.find((c: { rsc: string }) => c.rsc === 'g_mail')).toMatchObject({ 'with-rsc': 'cl_drbd', 'with-rsc-role': 'Promoted', score: 'INFINITY' });
    expect(conf.constraints.rsc_order.find((o: { then: string }) => o.then === 'g_mail')).toMatchObject({ first: 'cl_drbd', 'first-action': 'promote', 'then-action': 'start' });
    const roles = conf.resources.clone.primitive[0].operations.op.filter((o: { role?: string }) => o.role).map((o: { role: string; interval: string }) => `${o.role}:${o.interval}`);
    expect(roles).toEqual(['Promoted:34s', 'Unpromoted:36s']);
  });
  it('groups only the volume; binds, VIP and services stand beside it; op timeouts from the settings; services through the synchronous agent', () => {
    const g = conf.resources.group;
    expect(g.primitive.map((p: { id: string }) => p.id)).toEqual(['p_fs']);
    const fsOps = g.primitive[0].operations.op;
    expect(fsOps.find((o: { name: string }) => o.name === 'start')).toMatchObject({ timeout: '300s' });
    expect(fsOps.find((o: { name: string }) => o.name === 'stop')).toMatchObject({ timeout: '200s' });
    expect(fsOps.find((o: { name: string }) => o.name === 'monitor')).toMatchObject({ interval: '15s', timeout: '90s' });
    const top = conf.resources.primitive.filter((p: { id: string }) => p.id.startsWith('p_'));
    expect(top.map((p: { id: string }) => p.id)).toEqual(['p_bind_vmail', 'p_vip', 'p_mariadb', 'p_dovecot', 'p_postfix']);
    const bind = top[0].instance_attributes.nvpair.map((p: { name: string; value: string }) => `${p.name}=${p.value}`);
    expect(bind).toEqual(['device=/srv/mail/vmail', 'directory=/srv/vmail', 'fstype=none', 'options=bind']);
    const svc = top.slice(2);
    expect(svc[2]).toMatchObject({ class: 'ocf', provider: 'mhs', type: 'unit' });
    expect(svc[2].instance_attributes.nvpair[0]).toMatchObject({ name: 'unit', value: 'postfix@-' });
    expect(svc[2].meta_attributes.nvpair[0]).toMatchObject({ name: 'target-role', value: 'Stopped' });
    expect(svc[1].instance_attributes.nvpair.map((p: { name: string; value: string }) => `${p.name}=${p.value}`)).toEqual(['unit=dovecot', 'stop_grace_ms=0']);
    expect(svc[0].meta_attributes).toBeUndefined();
    expect(xml).not.toContain('class="systemd"');
  });
  it('keeps everything on the volume group\'s node and starts each after what it needs', () => {
    const col = conf.constraints.rsc_colocation.filter((c: { 'with-rsc': string }) => c['with-rsc'] === 'g_mail');
    expect(col.map((c: { rsc: string; score: string }) => `${c.rsc}:${c.score}`)).toEqual(['p_bind_vmail:INFINITY', 'p_vip:INFINITY', 'p_mariadb:INFINITY', 'p_dovecot:INFINITY', 'p_postfix:INFINITY']);
    const ord = conf.constraints.rsc_order.filter((o: { first: string }) => o.first !== 'cl_drbd');
    expect(ord.map((o: { first: string; then: string; kind: string }) => `${o.first}>${o.then}:${o.kind}`)).toEqual([
      'g_mail>p_bind_vmail:Mandatory',
      'p_bind_vmail>p_mariadb:Mandatory', 'p_vip>p_mariadb:Mandatory',
      'p_bind_vmail>p_dovecot:Mandatory', 'p_vip>p_dovecot:Mandatory', 'p_mariadb>p_dovecot:Mandatory',
      'p_bind_vmail>p_postfix:Mandatory', 'p_vip>p_postfix:Mandatory', 'p_mariadb>p_postfix:Mandatory', 'p_dovecot>p_postfix:Mandatory',
    ]);
    // Symmetric orders (no symmetrical="false") make the stop run in reverse: Postfix first, the storage last.
    expect(xml).not.toContain('symmetrical');
  });
  it('fences with SBD and fence delays; starts on the primary first', () => {
    const props = Object.fromEntries(conf.crm_config.cluster_property_set.nvpair.map((p: { name: string; value: string }) => [p.name, p.value]));
    expect(props).toMatchObject({ 'stonith-enabled': 'true', 'stonith-timeout': '60s', 'priority-fencing-delay': '5s' });
    expect(conf.resources.primitive[0]).toMatchObject({ id: 'st_sbd', class: 'stonith', type: 'fence_sbd' });
    expect(conf.constraints.rsc_location[0]).toMatchObject({ id: 'cli-prefer-g_mail', node: 'legacy', score: 'INFINITY' });
  });
  it('switches STONITH off only when told so (a recorded risk acceptance upstream)', () => {
    const off = renderCibConfiguration({ ...cib, stonith: { kind: 'none' }, drbd: undefined });
    expect(off).toContain('name="stonith-enabled" value="false"');
    expect(off).not.toContain('stonith-timeout');
    expect(off).not.toContain('cl_drbd');
  });
  it('keeps a fence device off the node it fences and knows diskless SBD', () => {
    const x = renderCibConfiguration({ ...cib, stonith: { kind: 'devices', devices: [{ id: 'st_ipmi_legacy', agent: 'fence_ipmilan', params: [['ip', '192.168.20.11']], avoid: 'legacy' }], timeoutS: 60, watchdogTimeoutS: 5 } });
    expect(x).toContain('<rsc_location id="loc_st_ipmi_legacy_not_legacy" rsc="st_ipmi_legacy" node="legacy" score="-INFINITY"/>');
    expect(x).toContain('name="stonith-watchdog-timeout" value="10s"');
  });
  it('escapes what it writes into attributes', () => {
    const x = renderCibConfiguration({ ...cib, preferNode: 'a"b<c&' });
    expect(XMLValidator.validate(x)).toBe(true);
    expect(x).toContain('node="a&quot;b&lt;c&amp;"');
  });
});

describe('hardening files', () => {
  it('nftables: mail and SSH for everyone, cluster ports only from the peers, everything else dropped', () => {
    const n = renderNftables({ publicTcp: [22, 25, 143], peerRules: [{ proto: 'udp', ports: '5405-5412', from: ['10.78.0.12', '10.77.0.12'], why: 'corosync knet' }] });
    expect(n).toContain('policy drop;');
    expect(n).toContain('tcp dport { 22, 25, 143 } accept');
    expect(n).toContain('ip saddr { 10.78.0.12, 10.77.0.12 } udp dport 5405-5412 accept comment "corosync knet"');
    expect(n).not.toContain('3306');
  });
  it('fail2ban: journal backend, nftables bans, the four jails on mail nodes, only sshd elsewhere', () => {
    const mail = renderFail2banJail({ mail: true, ignore: ['10.78.0.12'] });
    for (const j of ['[sshd]', '[postfix]', '[postfix-sasl]', '[dovecot]']) expect(mail).toContain(j);
    expect(mail).toContain('backend = systemd');
    expect(mail).toContain('banaction = nftables-multiport');
    expect(mail).toContain('journalmatch = _SYSTEMD_UNIT=postfix@-.service');
    expect(mail).toContain('ignoreip = 127.0.0.1/8 ::1 10.78.0.12');
    const witness = renderFail2banJail({ mail: false, ignore: [] });
    expect(witness).toContain('[sshd]');
    expect(witness).not.toContain('[postfix]');
  });
});
