import { parseDovecot } from '../parsers/dovecot.js';
import { sections } from '../sections.js';
import { safeParse, type Collector } from '../collector.js';

export const dovecot: Collector = {
  id: 'dovecot',
  titleKey: 'analysis:collectors.dovecot',
  needsSudo: true,
  command: sections([
    ['version', 'dovecot --version'],
    ['doveconf', 'doveconf -n'],
  ]),
  parse: safeParse('dovecot', parseDovecot),
};
