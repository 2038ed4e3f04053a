import { describe, expect, it } from 'vitest';
import { out } from '../../../test/support/analysis/bundle.js';
import { parseServices } from './services.js';

const SS = `LISTEN 0      100                0.0.0.0:25         0.0.0.0:*    users:(("master",pid=1234,fd=13))
LISTEN 0      100                0.0.0.0:587        0.0.0.0:*    users:(("master",pid=1234,fd=17))
LISTEN 0      100              127.0.0.1:10025      0.0.0.0:*    users:(("master",pid=1234,fd=21))
LISTEN 0      80               127.0.0.1:3306       0.0.0.0:*    users:(("mariadbd",pid=987,fd=22))
LISTEN 0      100            192.0.2.10:993         0.0.0.0:*    users:(("dovecot",pid=777,fd=38))
LISTEN 0      128                      *:4190             *:*    users:(("dovecot",pid=777,fd=40))
LISTEN 0      100                   [::]:25            [::]:*    users:(("master",pid=1234,fd=14))
LISTEN 0      128                  [::1]:953           [::]:*    users:(("named",pid=555,fd=30))
LISTEN 0      4096     192.0.2.10%eth0:53           0.0.0.0:*    users:(("named",pid=555,fd=31))`;

describe('services parser', () => {
  it('reads unit states and flags listeners on all interfaces', () => {
    const r = parseServices(out({ units: 'postfix\tenabled\tactive\ndovecot\tenabled\tactive\nmariadb\tenabled\tactive\nmysql\t\tinactive\ncorosync\t\tinactive', ss: SS }));
    expect(r.notes).toEqual([]);
    expect(r.services?.units).toEqual([
      { name: 'postfix', enabled: 'enabled', active: 'active' },
      { name: 'dovecot', enabled: 'enabled', active: 'active' },
      { name: 'mariadb', enabled: 'enabled', active: 'active' },
      { name: 'mysql', enabled: 'not-found', active: 'inactive' },
      { name: 'corosync', enabled: 'not-found', active: 'inactive' },
    ]);
    const l = r.services?.listeners ?? [];
    expect(l.filter((x) => x.allInterfaces).map((x) => `${x.address}:${x.port}`)).toEqual(['0.0.0.0:25', '[::]:25', '0.0.0.0:587', '*:4190']);
    expect(l.find((x) => x.port === 3306)).toEqual({ address: '127.0.0.1', port: 3306, allInterfaces: false, process: 'mariadbd' });
    expect(l.find((x) => x.port === 53)?.address).toBe('192.0.2.10');
  });

  it('notes when ss ran without root (no process names)', () => {
    const r = parseServices(out({ units: '', ss: 'LISTEN 0      100    0.0.0.0:25    0.0.0.0:*' }));
    expect(r.services?.listeners).toEqual([{ address: '0.0.0.0', port: 25, allInterfaces: true }]);
    expect(r.notes.map((n) => n.key)).toEqual(['analysis:notes.services.noProcessNames']);
  });
});
