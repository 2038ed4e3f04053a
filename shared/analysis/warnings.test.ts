import { describe, expect, it } from 'vitest';
import type { Facts } from './facts.js';
import { analyseWarnings } from './warnings.js';

const healthy: Facts = {
  os: { id: 'debian', versionId: '12', codename: 'bookworm' },
  storage: {
    raids: [{ name: 'md0', level: 'raid10', degraded: false, raidDevices: 4, activeDevices: 4 }],
    vgs: [{ name: 'vg0', sizeBytes: 4e12, freeBytes: 200 * 2 ** 30, freeExtents: 51200 }],
    lvs: [{ name: 'vmail', vg: 'vg0', sizeBytes: 3e12 }],
    filesystems: [{ source: '/dev/mapper/vg0-vmail', mountpoint: '/var/vmail', usePercent: 60 }],
  },
  services: { listeners: [{ address: '192.0.2.10', port: 25, allInterfaces: false }, { address: '127.0.0.1', port: 3306, allInterfaces: false }] },
  postfix: { queue: { total: 12 }, tls: { inboundEnabled: true, outboundEnabled: true }, mysqlMaps: [] },
  dovecot: { version: '2.3.19.1', replicatorConfigured: false, sslEnabled: true },
  cluster: { corosync: { installed: false }, pacemaker: { installed: false }, drbd: { installed: false } },
};

const codes = (f: Facts) => analyseWarnings(f).map((x) => `${x.severity}:${x.code.replace('analysis:warnings.', '')}`);

describe('analyseWarnings', () => {
  it('is silent for a healthy Debian 12 server', () => {
    expect(analyseWarnings(healthy)).toEqual([]);
    expect(analyseWarnings({})).toEqual([]);
  });

  it('raises what a senior engineer would, critical first', () => {
    const bad: Facts = {
      os: { id: 'debian', versionId: '10', codename: 'buster' },
      storage: {
        raids: [{ name: 'md0', level: 'raid10', degraded: true, raidDevices: 4, activeDevices: 3 }],
        vgs: [{ name: 'vg0', freeBytes: 0, freeExtents: 0 }],
        lvs: [{ name: 'vmail', vg: 'vg0', sizeBytes: 3 * 2 ** 40 }],
        filesystems: [{ source: 'a', mountpoint: '/var/vmail', usePercent: 97 }, { source: 'b', mountpoint: '/', usePercent: 88 }],
      },
      services: { listeners: [{ address: '0.0.0.0', port: 25, allInterfaces: true, process: 'master' }, { address: '[::]', port: 25, allInterfaces: true, process: 'master' }, { address: '*', port: 3306, allInterfaces: true, process: 'mariadbd' }, { address: '0.0.0.0', port: 22, allInterfaces: true }] },
      postfix: { queue: { total: 4200, deferred: 4100 }, tls: { inboundEnabled: false, outboundEnabled: false }, mysqlMaps: ['/etc/postfix/sql/domains.cf'] },
      dovecot: { version: '2.4.1-4', replicatorConfigured: false },
    };
    expect(codes(bad)).toEqual([
      'critical:raidDegraded',
      'critical:diskNearlyFull',
      'critical:oldDebian',
      'critical:postfixNoTlsInbound',
      'warning:vgNoFreeExtents',
      'warning:diskNearlyFull',
      'warning:boundToAllInterfaces',
      'warning:mariadbExposed',
      'warning:dovecot24NoReplicator',
      'warning:mailQueueLarge',
      'warning:postfixNoTlsOutbound',
      'info:postfixMysqlMaps',
    ]);
    const all = analyseWarnings(bad);
    expect(all.find((x) => x.code.endsWith('boundToAllInterfaces'))?.params).toEqual({ ports: '25, 3306', processes: 'master, mariadbd' });
    expect(all.find((x) => x.code.endsWith('vgNoFreeExtents'))?.params).toEqual({ vg: 'vg0', neededMiB: 96 + 4 });
    expect(all.find((x) => x.code.endsWith('raidDegraded'))?.params).toEqual({ device: 'md0', level: 'raid10', active: 3, total: 4 });
  });

  it('asks for room for DRBD metadata when the VG is nearly but not completely full', () => {
    const f: Facts = { storage: { vgs: [{ name: 'vg0', freeBytes: 50 * 2 ** 20, freeExtents: 12 }], lvs: [{ name: 'vmail', vg: 'vg0', sizeBytes: 2 * 2 ** 40 }] } };
    expect(analyseWarnings(f)).toEqual([{ code: 'analysis:warnings.vgLowFree', severity: 'warning', params: { vg: 'vg0', freeMiB: 50, neededMiB: 68 } }]);
  });

  it('distinguishes Debian 11 (warning) and replicator use on 2.3 (info)', () => {
    expect(codes({ os: { id: 'debian', versionId: '11' }, dovecot: { version: '2.3.13', replicatorConfigured: true } })).toEqual(['warning:oldDebian', 'info:dovecotReplicatorInUse']);
    expect(codes({ dovecot: { version: '2.4.0', replicatorConfigured: true } })).toEqual(['critical:dovecot24NoReplicator']);
  });
});
