/** Backup and restore (mariadb-backup, doveadm backup, file backup; DRBD is not a backup) and the archiving duty. */
import type { SectionBodies } from '../assemble';
import type { BuildContext } from '../context';
import { b } from '../model';
import { printed } from './commands';
import { clusterNames } from './names';

const lines = (c: BuildContext, cmds: string[][]) => cmds.map((l) => (l.length === 1 && l[0]!.startsWith('#') ? l[0]! : printed(l)));

/** Where the mail data lives on the replicated volume: the Ist-Analyse's paths mapped under the mount point. */
function paths(c: BuildContext) {
  const n = clusterNames(c);
  const f = c.src.project.facts;
  const base = n.mount.replace(/\/$/, '');
  return {
    mount: n.mount,
    datadir: f?.mariadb?.datadir ?? '/var/lib/mysql',
    vmail: `${base}/vmail`,
    backup: '/srv/backup',
  };
}

export const backupBodies: SectionBodies = {
  'handbook.backup': (c) => [b.p(c.d('handbook.backup.lead')), b.p(c.d('handbook.backup.notDrbd'), 'warning')],
  'handbook.backupDb': (c) => {
    const p = paths(c);
    const n = clusterNames(c);
    return [
      b.p(c.d('handbook.backup.dbLead', { datadir: p.datadir })),
      b.code(lines(c, [
        [`# ${c.d('handbook.backup.onActive')}`],
        ['mariadb-backup', '--backup', `--target-dir=${p.backup}/mariadb/full`, '--user=root'],
        ['mariadb-backup', '--prepare', `--target-dir=${p.backup}/mariadb/full`],
      ]), c.d('handbook.backup.dbCaption')),
      b.p(c.d('handbook.backup.dbRestoreLead')),
      b.code(lines(c, [
        ['crm', 'resource', 'stop', n.mariadb],
        [`# ${c.d('handbook.backup.emptyDatadir', { datadir: p.datadir })}`],
        ['mariadb-backup', '--copy-back', `--target-dir=${p.backup}/mariadb/full`],
        ['chown', '-R', 'mysql:mysql', p.datadir],
        ['crm', 'resource', 'start', n.mariadb],
      ]), c.d('handbook.backup.dbRestoreCaption')),
    ];
  },
  'handbook.backupMail': (c) => {
    const p = paths(c);
    return [
      b.p(c.d('handbook.backup.mailLead')),
      b.code(lines(c, [
        ['doveadm', 'backup', '-A', `maildir:${p.backup}/mail/%u/Maildir`],
        [`# ${c.d('handbook.backup.oneUser')}`],
        ['doveadm', 'backup', '-u', 'user@example.org', `maildir:${p.backup}/mail/user@example.org/Maildir`],
      ]), c.d('handbook.backup.mailCaption')),
      b.p(c.d('handbook.backup.mailNote'), 'note'),
    ];
  },
  'handbook.backupFiles': (c) => {
    const p = paths(c);
    return [
      b.p(c.d('handbook.backup.filesLead')),
      b.bullets(['/etc/postfix', '/etc/dovecot', '/etc/mysql', '/etc/corosync', '/etc/drbd.d', '/etc/ssl', '/etc/fail2ban', '/etc/nftables.conf', `${p.mount} (${c.d('handbook.backup.volume')})`]),
      b.code(lines(c, [
        ['borg', 'init', '--encryption=repokey', `${p.backup}/borg`],
        ['borg', 'create', '--stats', `${p.backup}/borg::{hostname}-{now}`, '/etc', p.mount],
        ['borg', 'list', `${p.backup}/borg`],
      ]), c.d('handbook.backup.filesCaption')),
      b.p(c.d('handbook.backup.offsite'), 'note'),
    ];
  },
  'handbook.archiving': (c) => [
    b.p(c.d('handbook.archiving.lead')),
    b.bullets([c.d('handbook.archiving.hgb'), c.d('handbook.archiving.ao'), c.d('handbook.archiving.gobd')]),
    b.p(c.d('handbook.archiving.separate')),
    b.p(c.d('handbook.archiving.notLegalAdvice'), 'small'),
  ],
};
