import { parseOs, RELEVANT_PACKAGES } from '../parsers/os.js';
import { sections } from '../sections.js';
import { safeParse, type Collector } from '../collector.js';

export const os: Collector = {
  id: 'os',
  titleKey: 'analysis:collectors.os',
  needsSudo: false,
  command: sections([
    ['osrelease', 'cat /etc/os-release'],
    ['uname', 'uname -r'],
    ['dpkg', `dpkg-query -W -f '\${Package}\\t\${Version}\\t\${db:Status-Abbrev}\\n' ${RELEVANT_PACKAGES.join(' ')}`],
  ]),
  parse: safeParse('os', parseOs),
};
