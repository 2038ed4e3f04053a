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
    ['postqueue', `postqueue -j | sed -n 's/.*"queue_name": *"\\([a-z]*\\)".*/\\1/p' | sort | uniq -c`],
    ['queue', 'for q in active deferred incoming hold maildrop; do printf \'%s %s\\n\' "$q" "$(find "/var/spool/postfix/$q" -type f 2>/dev/null | wc -l)"; done'],
  ]),
  parse: safeParse('postfix', parsePostfix),
};
