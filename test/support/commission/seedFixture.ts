/**
 * The seed project's server as a commissioning input: the Xeon with 4 x 2 TB SAS in RAID10 under LVM
 * (test/support/planning/seed.ts), a matching secondary, DRBD 8.4 on a new LV from the free extents, two
 * nodes with two_node and fence delays, two NICs (client and a dedicated replication link). The
 * inventories are what the preflight would report on such machines.
 */
import { FactsSchema } from '../../../shared/analysis/facts';
import { NodeInventorySchema, type Inventory, type NodeInventory } from '../../../shared/commission/inventorySchema';
import { newProject, ProjectSchema, type Project } from '../../../shared/project/schema';
import { seedFacts } from '../planning/seed';

const TB = 1e12;
const base = (hostname: string, client: string, cluster: string) => ({
  collectedAt: '2026-12-01T09:00:00Z',
  hostname,
  osId: 'debian',
  osVersionId: '12',
  osCodename: 'bookworm',
  drbdModuleVersion: '8.4.11',
  drbdModuleLoaded: false,
  interfaces: [
    { name: 'lo', addresses: ['127.0.0.1/8'], up: true },
    { name: 'eno1', addresses: [`${client}/24`], up: true },
    { name: 'eno2', addresses: [`${cluster}/24`], up: true },
  ],
  watchdog: { device: true, softdogAvailable: true },
  groups: [
    { name: 'root', gid: 0 },
    { name: 'messagebus', gid: 101 },
  ],
  users: [
    { name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash' },
    { name: 'messagebus', uid: 100, gid: 101, home: '/nonexistent', shell: '/usr/sbin/nologin' },
  ],
});

const cfg = (path: string, sha: string, mode = '0644', owner = 'root:root') => ({ path, kind: 'file' as const, mode, owner, sizeBytes: 100, sha256: sha.repeat(64).slice(0, 64) });

export function seedInventory(): Inventory {
  const primary: NodeInventory = NodeInventorySchema.parse({
    ...base('mail1', '192.168.10.11', '10.10.10.11'),
    vgs: [{ name: 'vg_data', sizeBytes: 4 * TB, freeBytes: 2.2 * TB, extentBytes: 4 * 2 ** 20 }],
    lvs: [
      { vg: 'vg_data', name: 'vmail', sizeBytes: 1.7 * TB },
      { vg: 'vg_data', name: 'mysql', sizeBytes: 0.1 * TB },
    ],
    blockDevices: [{ path: '/dev/md0', sizeBytes: 4 * TB, type: 'raid10' }],
    mounts: [
      { target: '/', source: '/dev/sde2', fstype: 'ext4' },
      { target: '/var/vmail', source: '/dev/mapper/vg_data-vmail', fstype: 'ext4' },
      { target: '/var/lib/mysql', source: '/dev/mapper/vg_data-mysql', fstype: 'ext4' },
    ],
    packages: Object.fromEntries(['postfix', 'postfix-mysql', 'dovecot-core', 'dovecot-imapd', 'dovecot-pop3d', 'dovecot-lmtpd', 'dovecot-mysql', 'mariadb-server', 'mariadb-client', 'lvm2', 'mdadm', 'rsync', 'ssl-cert'].map((p) => [p, '1'])),
    users: [
      ...base('', '', '').users,
      { name: 'mysql', uid: 105, gid: 111, home: '/nonexistent', shell: '/bin/false' },
      { name: 'postfix', uid: 106, gid: 112, home: '/var/spool/postfix', shell: '/usr/sbin/nologin' },
      { name: 'dovecot', uid: 107, gid: 114, home: '/usr/lib/dovecot', shell: '/usr/sbin/nologin' },
      { name: 'dovenull', uid: 108, gid: 115, home: '/nonexistent', shell: '/usr/sbin/nologin' },
      { name: 'vmail', uid: 5000, gid: 5000, home: '/var/vmail', shell: '/usr/sbin/nologin' },
    ],
    groups: [
      ...base('', '', '').groups,
      { name: 'mysql', gid: 111 },
      { name: 'postfix', gid: 112 },
      { name: 'postdrop', gid: 113 },
      { name: 'dovecot', gid: 114 },
      { name: 'dovenull', gid: 115 },
      { name: 'ssl-cert', gid: 116 },
      { name: 'vmail', gid: 5000 },
    ],
    configFiles: [
      cfg('/etc/postfix/main.cf', 'a'),
      cfg('/etc/postfix/master.cf', 'b'),
      cfg('/etc/postfix/mysql-virtual-mailboxes.cf', 'c', '0640', 'root:postfix'),
      cfg('/etc/dovecot/dovecot.conf', 'd'),
      cfg('/etc/dovecot/dovecot-sql.conf.ext', 'e', '0640', 'root:dovecot'),
      cfg('/etc/mysql/mariadb.cnf', 'f'),
      cfg('/etc/mysql/debian.cnf', '1', '0600'),
      cfg('/etc/ssl/private/mail.key', '2', '0640', 'root:ssl-cert'),
      cfg('/etc/ssl/certs/mail.crt', '3'),
      { path: '/etc/mysql/my.cnf', kind: 'link', linkTarget: '/etc/alternatives/my.cnf' },
    ],
    mailConfig: {
      queueDirectory: '/var/spool/postfix',
      mailLocation: 'maildir:/var/vmail/%d/%n/Maildir',
      mailUid: 'vmail',
      mailGid: 'vmail',
      datadir: '/var/lib/mysql',
      firstMailbox: 'info@example-gmbh.de',
      postmapTables: ['hash:/etc/postfix/transport'],
      aliasDatabases: ['hash:/etc/aliases'],
    },
    units: { postfix: { enabled: 'enabled', active: 'active' }, dovecot: { enabled: 'enabled', active: 'active' }, mariadb: { enabled: 'enabled', active: 'active' } },
  });
  const secondary: NodeInventory = NodeInventorySchema.parse({
    ...base('mail2', '192.168.10.12', '10.10.10.12'),
    vgs: [{ name: 'vg_data', sizeBytes: 4 * TB, freeBytes: 3.9 * TB, extentBytes: 4 * 2 ** 20 }],
    blockDevices: [{ path: '/dev/md0', sizeBytes: 4 * TB, type: 'raid10' }],
    packages: { lvm2: '1', mdadm: '1' },
  });
  return { nodes: { primary, secondary } };
}

export function seedProject(change: (p: Project) => void = () => {}): Project {
  const p = newProject('8d3c1b0e-2f45-4a7e-9c1d-0b2a3c4d5e6f', new Date('2026-12-01T09:00:00Z'));
  p.facts = FactsSchema.parse({ ...seedFacts, hostname: 'mail1', source: 'ssh' });
  const host = (h: string) => ({ host: h, port: 22, user: 'admin', auth: { method: 'key' as const, keyPath: '~/.ssh/id_ed25519' } });
  p.hosts.primary = host('mail1.example-gmbh.de');
  p.hosts.secondary = host('mail2.example-gmbh.de');
  p.planning.matrix.chosen.replication = 'drbd';
  const qf = p.planning.quorumFencing;
  qf.nodeCount = 2;
  qf.twoNode = true;
  qf.qdevice = false;
  qf.fencing = ['ipmi', 'drbdResourceFencing', 'fenceDelay'];
  const s = p.commission.settings;
  s.ipmi = { primary: { address: '192.168.20.11', user: 'fence', lanplus: true }, secondary: { address: '192.168.20.12', user: 'fence', lanplus: true } };
  s.vip = '192.168.10.20/24';
  s.vipName = 'mail.example-gmbh.de';
  change(p);
  return ProjectSchema.parse(p);
}
