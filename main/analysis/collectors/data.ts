import { parseData, SPOOL, VMAIL } from '../parsers/data.js';
import { sections } from '../sections.js';
import { safeParse, type Collector } from '../collector.js';

export const data: Collector = {
  id: 'data',
  titleKey: 'analysis:collectors.data',
  needsSudo: true,
  command: sections([
    ['du', `D=$( (mariadb -N -B -e 'SELECT @@datadir' || mysql -N -B -e 'SELECT @@datadir') 2>/dev/null); du -sb ${VMAIL} ${SPOOL} "\${D:-/var/lib/mysql}"`],
    ['maildirs', `if [ ! -d ${VMAIL} ]; then echo 'no ${VMAIL}'; exit 3; fi; cd ${VMAIL} || exit 126; find . -mindepth 2 -maxdepth 2 -type d -printf 'D\\t%P\\n' && find . -mindepth 4 -maxdepth 6 -type f \\( -path '*/cur/*' -o -path '*/new/*' \\) -printf 'F\\t%s\\t%P\\n'`],
  ]),
  parse: safeParse('data', parseData),
};
