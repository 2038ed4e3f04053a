import { describe, expect, it } from 'vitest';
import { out } from '../../../test/support/analysis/bundle.js';
import { parseMariadb } from './mariadb.js';

describe('mariadb parser', () => {
  it('reads version, datadir, buffer pool, databases and engines', () => {
    const r = parseMariadb(out({
      vars: 'version\t10.11.6-MariaDB-0+deb12u1\ndatadir\t/var/lib/mysql/\ninnodb_buffer_pool_size\t134217728',
      databases: 'information_schema\t0\t79\nmailserver\t5357568\t6\nmysql\t2523136\t31\nperformance_schema\t0\t81\nroundcube\t1867776\t16\nempty_db\t0\t0',
      engines: 'InnoDB\t21\t7225344\nAria\t1\t8192',
    }));
    expect(r.mariadb).toEqual({
      version: '10.11.6-MariaDB-0+deb12u1',
      datadir: '/var/lib/mysql/',
      innodbBufferPoolSizeBytes: 134217728,
      databases: [
        { name: 'information_schema', sizeBytes: 0, tables: 79 },
        { name: 'mailserver', sizeBytes: 5357568, tables: 6 },
        { name: 'mysql', sizeBytes: 2523136, tables: 31 },
        { name: 'performance_schema', sizeBytes: 0, tables: 81 },
        { name: 'roundcube', sizeBytes: 1867776, tables: 16 },
        { name: 'empty_db', sizeBytes: 0, tables: 0 },
      ],
      engines: [{ name: 'InnoDB', tables: 21, sizeBytes: 7225344 }, { name: 'Aria', tables: 1, sizeBytes: 8192 }],
    });
    expect(r.notes.map((n) => n.key)).toEqual(['analysis:notes.mariadb.nonInnodbTables']);
  });

  it('notes access denied (not run as root)', () => {
    const denied = "ERROR 1698 (28000): Access denied for user 'admin'@'localhost'";
    const r = parseMariadb(out({ vars: [denied, 1], databases: [denied, 1], engines: [denied, 1] }));
    expect(r.mariadb).toBeUndefined();
    expect(r.notes.map((n) => n.key)).toEqual(['analysis:notes.permissionDenied', 'analysis:notes.mariadb.notAvailable']);
  });
});
