/**
 * Runbooks for the bad nights, with the cluster's real names: DRBD split brain (8.4 and 9), a node that does
 * not rejoin, replacing a failed node, restoring a mailbox, a full restore; the emergency and restart plan;
 * the measured failover results.
 */
import type { SectionBodies } from '../assemble';
import type { BuildContext } from '../context';
import { tableCaption } from '../context';
import { caseTitle, quotedRun, resultsTable } from '../failoverRuns';
import { b, col, type Block } from '../model';
import { pending } from '../prose';
import { printed } from './commands';
import { clusterNames } from './names';

const code = (lines: string[][], caption?: string) => b.code(lines.map((l) => (l.length === 1 && l[0]!.startsWith('#') ? l[0]! : printed(l))), caption);

export const runbookBodies: SectionBodies = {
  'handbook.runbooks': (c) => [b.p(c.d('handbook.rb.lead'))],
  'handbook.splitBrain': (c) => splitBrain(c),
  'handbook.rejoin': (c) => {
    const n = clusterNames(c);
    const node = n.nodes[1] ?? '<node>';
    return [
      b.p(c.d('handbook.rb.rejoinLead', { node })),
      b.bullets([c.d('handbook.rb.rejoin1'), c.d('handbook.rb.rejoin2'), c.d('handbook.rb.rejoin3'), c.d('handbook.rb.rejoin4'), c.d('handbook.rb.rejoin5')], true),
      code([['systemctl', 'status', 'corosync', 'pacemaker'], ['corosync-cfgtool', '-s'], ['journalctl', '-u', 'corosync', '-b'], ['nft', 'list', 'ruleset'], ['systemctl', 'start', 'corosync', 'pacemaker'], ['crm', 'node', 'online', node], ['crm', 'resource', 'cleanup']], c.d('handbook.rb.rejoinCaption', { node })),
    ];
  },
  'handbook.replaceNode': (c) => {
    const n = clusterNames(c);
    const drbd = n.replication === 'drbd';
    return [
      b.p(c.d('handbook.rb.replaceLead')),
      b.bullets([
        c.d('handbook.rb.replace1'), c.d('handbook.rb.replace2'), c.d('handbook.rb.replace3'),
        drbd ? c.d('handbook.rb.replace4', { res: n.drbdResource }) : c.d('handbook.rb.replace4Shared', { device: n.sharedDevice ?? '–' }),
        c.d('handbook.rb.replace5'), c.d('handbook.rb.replace6'),
      ], true),
      code([
        ...(drbd ? [['drbdadm', 'create-md', n.drbdResource], ['drbdadm', 'up', n.drbdResource], n.drbdVersion === '8.4' ? ['cat', '/proc/drbd'] : ['drbdadm', 'status', n.drbdResource]] : [['lsblk', n.sharedDevice ?? '<LUN>']]),
        ['systemctl', 'enable', '--now', 'corosync', 'pacemaker'], ['crm', 'status'],
      ], c.d('handbook.rb.replaceCaption')),
    ];
  },
  'handbook.restoreMailbox': (c) => [
    b.p(c.d('handbook.rb.mailboxLead')),
    code([['doveadm', 'import', '-u', 'user@example.org', 'maildir:/srv/backup/mail/user@example.org/Maildir', c.d('handbook.rb.restoredFolder'), 'all'], ['doveadm', 'mailbox', 'list', '-u', 'user@example.org']], c.d('handbook.rb.mailboxCaption')),
    b.p(c.d('handbook.rb.mailboxNote'), 'note'),
  ],
  'handbook.fullRestore': (c) => {
    const n = clusterNames(c);
    return [
      b.p(c.d('handbook.rb.fullLead')),
      b.bullets([
        c.d('handbook.rb.full1'), c.d('handbook.rb.full2', { group: n.group }),
        n.replication === 'drbd' ? c.d('handbook.rb.full3', { res: n.drbdResource, mount: n.mount }) : c.d('handbook.rb.full3Shared', { device: n.sharedDevice ?? '–', mount: n.mount }),
        c.d('handbook.rb.full4', { mount: n.mount }), c.d('handbook.rb.full5'), c.d('handbook.rb.full6'),
        c.d(n.replication === 'drbd' ? 'handbook.rb.full7' : 'handbook.rb.full7Shared', { group: n.group }), c.d('handbook.rb.full8'),
      ], true),
    ];
  },
  'handbook.emergency': (c) => emergency(c),
  'handbook.results': (c) => results(c),
};

function splitBrain(c: BuildContext): Block[] {
  const n = clusterNames(c);
  if (n.replication === 'shared') {
    // A shared LUN has no split brain of its own; the danger is two nodes mounting it, which only fencing prevents.
    return [
      b.p(c.d('handbook.rb.sbShared', { device: n.sharedDevice ?? '–', mount: n.mount })),
      code([['crm', 'status'], ['findmnt', n.mount]], c.d('handbook.rb.sbSharedCaption')),
      b.p(c.d('handbook.rb.sbSharedRecover', { group: n.group, mount: n.mount, device: n.sharedDevice ?? '<LUN>' }), 'warning'),
    ];
  }
  const r = n.drbdResource;
  const [survivor = '<node1>', victim = '<node2>'] = n.nodes;
  const out: Block[] = [
    b.p(c.d('handbook.rb.sbLead')),
    b.p(c.d('handbook.rb.sbDetect')),
    code(n.drbdVersion === '9' ? [['drbdadm', 'status', r], ['journalctl', '-k', '--grep', 'Split-Brain']] : [['cat', '/proc/drbd'], ['journalctl', '-k', '--grep', 'Split-Brain']]),
    b.p(c.d('handbook.rb.sbDecide', { survivor, victim }), 'warning'),
    b.p(c.d('handbook.rb.sbVictim', { victim })),
    code([['crm', 'node', 'standby', victim], ['drbdadm', 'disconnect', r], ['drbdadm', 'secondary', r], ['drbdadm', 'connect', '--discard-my-data', r]], c.d('handbook.rb.sbVictimCaption', { victim })),
    b.p(c.d('handbook.rb.sbSurvivor', { survivor })),
    code([['drbdadm', 'connect', r], ...(n.drbdVersion === '9' ? [['drbdadm', 'status', r]] : [['cat', '/proc/drbd']])], c.d('handbook.rb.sbSurvivorCaption', { survivor })),
    b.p(c.d('handbook.rb.sbAfter', { victim, clone: n.drbdClone })),
    code([['crm', 'node', 'online', victim], ['crm', 'resource', 'cleanup', n.drbdClone]]),
  ];
  if (n.drbdVersion !== '8.4') out.push(b.p(c.d('handbook.rb.sb9'), 'note'));
  return out;
}

function emergency(c: BuildContext): Block[] {
  const n = clusterNames(c);
  const qf = c.src.plan.inputs.planning.quorumFencing;
  // What the cluster does on its own depends on fencing (a cluster without it stops, it does not switch off)
  // and on the storage (a shared LUN is one copy: no DRBD to check, but damage hits both nodes).
  const fenced = !(qf.fencing.length > 0 && qf.fencing.every((f) => f === 'none'));
  const shared = n.replication === 'shared';
  const p = { group: n.group, mount: n.mount };
  const rows = [
    [c.d('handbook.em.oneNode'), c.d(fenced ? 'handbook.em.oneNodeDo' : 'handbook.em.oneNodeDoNoFence', p)],
    [c.d('handbook.em.service'), c.d('handbook.em.serviceDo')],
    [c.d('handbook.em.both'), c.d(qf.twoNode ? 'handbook.em.bothDoTwoNode' : 'handbook.em.bothDo')],
    [c.d('handbook.em.split'), c.d(`handbook.em.splitDo${fenced ? '' : 'NoFence'}${shared ? 'Shared' : ''}`, p)],
    [c.d('handbook.em.storage'), c.d(shared ? 'handbook.em.storageDoShared' : 'handbook.em.storageDo')],
    [c.d('handbook.em.datacenter'), c.d('handbook.em.datacenterDo')],
  ];
  return [
    b.p(c.d('handbook.em.lead')),
    b.table([col(c.d('handbook.em.colSituation'), 2), col(c.d('handbook.em.colAction'), 5)], rows, { caption: tableCaption(c, c.d('handbook.em.caption')) }),
    b.p(c.d('handbook.em.restartLead')),
    b.bullets([c.d('handbook.em.r1'), c.d('handbook.em.r2'), c.d('handbook.em.r3'), c.d(shared ? 'handbook.em.r4Shared' : 'handbook.em.r4', p), c.d('handbook.em.r5')], true),
  ];
}

function results(c: BuildContext): Block[] {
  const q = quotedRun(c);
  if (!q) return [pending(c, 'noFailoverRun')];
  const out: Block[] = [b.p(c.d(q.accepted ? 'handbook.resultsAccepted' : 'handbook.resultsLatest', { date: c.fmt.dateTime(new Date(q.run.startedAt).toISOString()) })), resultsTable(c, q.run)];
  const rows = q.run.cases.flatMap((cr) => cr.outages.filter((o) => o.baseline).map((o) => [caseTitle(c, cr.caseId), c.t(`failover:protocols.${o.protocol}`), c.fmt.seconds(o.maxMs), String(o.windows.length)]));
  if (rows.length) out.push(b.table([col(c.d('results.case'), 3), col(c.d('handbook.colProtocol'), 1.6), col(c.d('results.outage'), 1.4, 'right'), col(c.d('handbook.colWindows'), 1, 'right')], rows, { caption: tableCaption(c, c.d('handbook.captionOutages')) }));
  return out;
}
