/** Routine operation with the cluster's real names: status, standby, moving resources, failcounts, rolling updates, monitoring. */
import type { SectionBodies } from '../assemble';
import type { BuildContext } from '../context';
import { b, type Block } from '../model';
import { printed } from './commands';
import { clusterNames } from './names';

const code = (c: BuildContext, lines: string[][], caption?: string) => b.code(lines.map((l) => (l.length === 1 && l[0]!.startsWith('#') ? l[0]! : printed(l))), caption);

/** The replicated storage's state: DRBD (8.4 or 9, both when unknown) or where the shared LUN is mounted. */
function drbdStatus(c: BuildContext): string[][] {
  const n = clusterNames(c);
  if (n.replication === 'shared') return [['findmnt', n.mount]];
  if (n.drbdVersion === '8.4') return [['cat', '/proc/drbd']];
  if (n.drbdVersion === '9') return [['drbdadm', 'status', n.drbdResource]];
  return [[`# ${c.d('handbook.ops.drbd84')}`], ['cat', '/proc/drbd'], [`# ${c.d('handbook.ops.drbd9')}`], ['drbdadm', 'status', n.drbdResource]];
}

export const operationBodies: SectionBodies = {
  'handbook.status': (c) => [
    b.p(c.d('handbook.ops.statusLead')),
    code(c, [['crm', 'status'], ['crm_mon', '-1', '-r', '-f'], ['corosync-quorumtool', '-s'], ['corosync-cfgtool', '-s'], ...drbdStatus(c)], c.d('handbook.ops.statusCaption')),
    b.p(c.d(clusterNames(c).replication === 'shared' ? 'handbook.ops.statusHealthyShared' : 'handbook.ops.statusHealthy', { nodes: clusterNames(c).nodes.join(', '), group: clusterNames(c).group, mount: clusterNames(c).mount })),
  ],
  'handbook.standby': (c) => {
    const n = clusterNames(c);
    const node = n.nodes[0] ?? '<node>';
    return [
      b.p(c.d('handbook.ops.standbyLead', { node })),
      code(c, [['crm', 'node', 'standby', node], ['crm', 'status'], [`# ${c.d('handbook.ops.afterMaintenance')}`], ['crm', 'node', 'online', node]]),
      b.p(c.d('handbook.ops.standbyNote')),
    ];
  },
  'handbook.move': (c) => {
    const n = clusterNames(c);
    const target = n.nodes[1] ?? '<node>';
    return [
      b.p(c.d('handbook.ops.moveLead', { group: n.group, node: target })),
      code(c, [['crm', 'resource', 'move', n.group, target], ['crm', 'status'], [`# ${c.d('handbook.ops.clearConstraint')}`], ['crm', 'resource', 'clear', n.group]]),
      b.p(c.d('handbook.ops.moveNote'), 'note'),
    ];
  },
  'handbook.failcounts': (c) => {
    const n = clusterNames(c);
    return [
      b.p(c.d('handbook.ops.failcountLead')),
      code(c, [['crm_mon', '-1', '-f'], ['crm', 'resource', 'failcount', n.mariadb, 'show', n.nodes[0] ?? '<node>'], ['crm', 'resource', 'cleanup', n.mariadb]]),
      b.p(c.d('handbook.ops.failcountNote')),
    ];
  },
  'handbook.updates': (c) => {
    const n = clusterNames(c);
    const [a = '<node1>', z = '<node2>'] = n.nodes;
    const steps = [
      c.d('handbook.ops.upd1', { passive: z }), c.d('handbook.ops.upd2'), c.d('handbook.ops.upd3', { passive: z }),
      ...(n.replication === 'drbd' ? [c.d('handbook.ops.upd4')] : []),
      c.d('handbook.ops.upd5', { group: n.group, passive: z, active: a }), c.d('handbook.ops.upd6', { active: a }), c.d('handbook.ops.upd7', { group: n.group }),
    ];
    return [
      b.p(c.d('handbook.ops.updatesLead')),
      b.bullets(steps, true),
      code(c, [['crm', 'node', 'standby', z], ['apt-get', 'update'], ['apt-get', 'upgrade'], ['systemctl', 'reboot'], [`# ${c.d('handbook.ops.afterReboot')}`], ['crm', 'node', 'online', z], ...drbdStatus(c)], c.d('handbook.ops.updatesCaption', { node: z })),
      b.p(c.d('handbook.ops.majorUpgrade'), 'warning'),
    ];
  },
  'handbook.monitoring': (c) => monitoringBlocks(c),
};

function monitoringBlocks(c: BuildContext): Block[] {
  const n = clusterNames(c);
  return [
    b.p(c.d('handbook.ops.monitoringLead')),
    b.bullets([c.d('handbook.ops.mon1'), c.d('handbook.ops.mon2'), c.d('handbook.ops.mon3'), c.d('handbook.ops.mon4'), c.d('handbook.ops.mon5')]),
    b.p(c.d('handbook.ops.monitoringApp')),
    code(c, [['mail-ha-studio', 'cluster', 'check', '--project', `<${c.d('handbook.placeholder.projectFile')}>`], ['crm_mon', '-1', '--output-as=xml'], ['journalctl', '-u', 'pacemaker', '-u', 'corosync', '--since', '-1h']], c.d('handbook.ops.monitoringCaption', { cluster: n.cluster })),
  ];
}
