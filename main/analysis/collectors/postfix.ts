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
    // Unreadable spool directories (no root) must fail loudly, not count as empty.
    ['queue', 'for q in active deferred incoming hold maildrop; do d=/var/spool/postfix/$q; [ -d "$d" ] || continue; if [ -r "$d" ] && [ -x "$d" ]; then printf \'%s %s\\n\' "$q" "$(find "$d" -type f 2>/dev/null | wc -l)"; else echo "$d: Permission denied"; exit 1; fi; done'],
  ]),
  parse: safeParse('postfix', parsePostfix),
};
