import { parsePostfix } from '../parsers/postfix.js';
import { sections } from '../sections.js';
import { safeParse, type Collector } from '../collector.js';

export const postfix: Collector = {
  id: 'postfix',
  titleKey: 'analysis:collectors.postfix',
  needsSudo: true,
  command: sections([
    ['postconf', 'postconf -n'],
    ['master', 'postconf -M'],
    ['version', 'postconf -h mail_version'],
    ['queuedir', 'postconf -h queue_directory'],
    ['postqueue', `postqueue -j | sed -n 's/.*"queue_name": *"\\([a-z]*\\)".*/\\1/p' | sort | uniq -c`],
    // Unreadable spool directories (no root) must fail loudly, not count as empty.
    // The queue is wherever queue_directory says, not where Debian usually puts it.
    ['queue', 'Q=$(postconf -h queue_directory 2>/dev/null); Q=${Q:-/var/spool/postfix}; for q in active deferred incoming hold maildrop; do d=$Q/$q; [ -d "$d" ] || continue; if [ -r "$d" ] && [ -x "$d" ]; then printf \'%s %s\\n\' "$q" "$(find "$d" -type f 2>/dev/null | wc -l)"; else echo "$d: Permission denied"; exit 1; fi; done'],
  ]),
  parse: safeParse('postfix', parsePostfix),
};
