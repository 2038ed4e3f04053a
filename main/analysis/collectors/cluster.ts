import { parseCluster } from '../parsers/cluster.js';
import { sections } from '../sections.js';
import { safeParse, type Collector } from '../collector.js';

export const cluster: Collector = {
  id: 'cluster',
  titleKey: 'analysis:collectors.cluster',
  needsSudo: true,
  command: sections([
    ['tools', 'for t in corosync pacemakerd crm_mon drbdadm pcs crm; do if command -v "$t" >/dev/null 2>&1; then echo "$t yes"; else echo "$t no"; fi; done'],
    ['active', 'for u in corosync pacemaker drbd; do printf \'%s %s\\n\' "$u" "$(systemctl is-active "$u" 2>/dev/null)"; done'],
    ['corosync', 'cat /etc/corosync/corosync.conf'],
    ['crm', 'crm_mon -1 -X'],
    ['procdrbd', 'cat /proc/drbd'],
    ['drbddump', 'drbdadm dump all'],
  ]),
  parse: safeParse('cluster', parseCluster),
};
