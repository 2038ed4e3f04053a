/**
 * rsyslog's listener inside Postfix's chroot: Debian's postfix package ships /etc/rsyslog.d/postfix.conf with
 * `$AddUnixListenSocket /var/spool/postfix/dev/log`. On a cluster node the spool is a bind mount of the shared
 * volume; an rsyslog (re)started while the node is active (an upgrade, a rolling maintenance) binds that socket
 * on the volume, and the bound socket keeps the mount busy: the Filesystem agent's stop then fails to unmount
 * and kills every process it finds on the volume, rsyslog restarts and binds it again (seen on the ct lab:
 * seven attempts, 6 s, MariaDB and Dovecot killed on the way). Postfix's daemons open their log socket before
 * they chroot (LOG_NDELAY in msg_syslog_init), so the listener only served a reconnect after the journal
 * restarted; the cluster nodes go without it.
 */
import { shQuote } from '../../shell/quote';
import type { PlanInput } from '../inputs/types';
import { K, is, probe, run } from '../ops';
import { together, type StepSpec } from '../spec';
import { id, on, t } from './common';

export const RSYSLOG_POSTFIX_CONF = '/etc/rsyslog.d/postfix.conf';

export function rsyslogPostfixConf(spool: string): string {
  return [
    '# Mail HA Studio: no listener in Postfix\'s chroot on a cluster node.',
    `# ${spool} is a bind mount of the cluster volume; a socket rsyslog binds there keeps it from being unmounted`,
    '# at a switch-over. Postfix opens its log socket before it chroots, so its logs still reach the journal.',
    `# Debian's line was: $AddUnixListenSocket ${spool}/dev/log`,
    '',
  ].join('\n');
}

export function syslogSpoolSteps(i: PlanInput): StepSpec[] {
  const content = rsyslogPostfixConf(i.data.spool);
  const socket = `${i.data.spool}/dev/log`;
  const steps: StepSpec[] = i.nodes
    .filter((n) => n.canHost)
    .map((n) => ({
      id: id('resources.syslog', n.role),
      phase: 'resources',
      node: n.role,
      title: on(n.role, t('rsyslog ohne Socket im Postfix-Spool', 'rsyslog without a socket in Postfix\'s spool')),
      explanation: t(
        `Ersetzt ${RSYSLOG_POSTFIX_CONF} (Debians Zeile „$AddUnixListenSocket ${socket}“) durch einen Kommentar und startet rsyslog neu, falls es läuft. ${i.data.spool} ist auf den Clusterknoten ein Bind-Mount des gemeinsamen Datenträgers: startet rsyslog neu, während der Knoten aktiv ist (Update, rollende Wartung), legt es den Socket auf dem Datenträger an und hält ihn damit fest. Der Filesystem-Agent kann ihn beim Umschalten dann nicht aushängen und beendet alle Prozesse auf dem Datenträger (im Labor: sieben Versuche, 6 s, dabei MariaDB und Dovecot beendet). Postfix öffnet seinen Log-Socket vor dem chroot, seine Meldungen kommen weiter im Journal an.`,
        `Replaces ${RSYSLOG_POSTFIX_CONF} (Debian's line "$AddUnixListenSocket ${socket}") with a comment and restarts rsyslog if it runs. On the cluster nodes ${i.data.spool} is a bind mount of the shared volume: an rsyslog restarted while the node is active (an upgrade, a rolling maintenance) creates the socket on the volume and so holds it. At a switch-over the Filesystem agent then cannot unmount it and kills every process on the volume (in the lab: seven attempts, 6 s, MariaDB and Dovecot killed on the way). Postfix opens its log socket before it chroots, so its messages still reach the journal.`,
      ),
      apply: [{ kind: 'write', path: RSYSLOG_POSTFIX_CONF, content, mode: '0644' }, run('systemctl try-restart rsyslog.service', [])],
      verify: [probe(`! grep -q ${shQuote(` ${socket}$`)} /proc/net/unix`, [is(K.file(RSYSLOG_POSTFIX_CONF), content)], { title: t(`kein Socket ${socket}`, `no socket ${socket}`) })],
      destructive: false,
      expectedDurationS: 2,
    }));
  return together('resources.syslog', steps);
}
