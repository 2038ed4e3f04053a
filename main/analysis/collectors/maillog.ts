import { createMaillogStream, parseMaillogCollector } from '../parsers/maillog.js';
import { sections } from '../sections.js';
import { safeParse, type Collector } from '../collector.js';

/** Oldest first (mail.log.N.gz ... mail.log.1, mail.log), like pflogsumm would read them. */
const LIST = 'ls -1 /var/log/mail.log /var/log/mail.log.[0-9]* 2>/dev/null | sort -t. -k3,3nr';

export const maillog: Collector = {
  id: 'maillog',
  titleKey: 'analysis:collectors.maillog',
  needsSudo: true,
  command: sections([
    ['date', 'date +%Y-%m-%d'],
    ['files', LIST],
    // Without rsyslog (Debian 12 default) Postfix logs only to the journal: mail facility, syslog format.
    ['log', `F=$(${LIST}); if [ -n "$F" ]; then rc=0; for f in $F; do zcat -f "$f" || rc=1; done; exit $rc; else journalctl SYSLOG_FACILITY=2 -o short --no-pager -q; fi`],
  ]),
  parse: safeParse('maillog', parseMaillogCollector),
  stream: () => createMaillogStream(),
};
