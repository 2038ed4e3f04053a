import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FactsSchema } from '../../../shared/analysis/facts.js';
import { parseCluster } from '../parsers/cluster.js';
import { parseData } from '../parsers/data.js';
import { parseDovecot } from '../parsers/dovecot.js';
import { parseHardware } from '../parsers/hardware.js';
import { parseMaillogCollector } from '../parsers/maillog.js';
import { parseMariadb } from '../parsers/mariadb.js';
import { parseOs } from '../parsers/os.js';
import { parsePostfix } from '../parsers/postfix.js';
import { parseServices } from '../parsers/services.js';
import { parseStorage } from '../parsers/storage.js';
import { collectors } from './index.js';

// The raw parsers (not the safeParse wrapper), so a throwing parser fails here.
const PARSERS = { hardware: parseHardware, storage: parseStorage, os: parseOs, services: parseServices, postfix: parsePostfix, dovecot: parseDovecot, mariadb: parseMariadb, data: parseData, maillog: parseMaillogCollector, cluster: parseCluster };

const SECTION_NAMES = ['hostname', 'lscpu', 'cpuinfo', 'meminfo', 'iplink', 'speed', 'virt', 'lsblk', 'mdstat', 'mdadm', 'pvs', 'vgs', 'lvs', 'df', 'osrelease', 'uname', 'dpkg', 'units', 'ss', 'postconf', 'master', 'version', 'queue', 'postqueue', 'doveconf', 'vars', 'databases', 'engines', 'du', 'maildirs', 'date', 'files', 'log', 'tools', 'active', 'corosync', 'crm', 'procdrbd', 'drbddump'];
const FRAGMENTS = ['{"blockdevices":[{"name":"x","children":[{"name":"y","size":"12"}]}]}', '{"report":[{"vg":[{"vg_name":"v","vg_free_count":"-3"}]}]}', '[{"ifname":"__proto__","mtu":-1}]', 'md0 : active raid10 sda1[0](F)', '      10 blocks [2/1] [U_]', '/dev/md0:', 'State : degraded', 'a = b', '__proto__ = x', 'passdb {', '}', 'LISTEN 0 1 0.0.0.0:99999 *:*', 'F\t1\ta/b/cur/c', 'D\t/', 'x\ty\tz', 'Nov 24 09:00:00 h postfix/smtpd[1]: A: client=x[1.2.3.4]', 'resource r {\n}', '<node name="a"', 'version: 8', '@@mhs:begin ', '@@mhs:end ', ' 0\n', '\n', ':', '\t', '%'];

const sectioned = fc.array(fc.tuple(fc.constantFrom(...SECTION_NAMES), fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 20 })), { maxLength: 8 }), fc.integer({ min: 0, max: 127 })), { maxLength: 10 }).map((secs) => secs.map(([n, parts, rc]) => `@@mhs:begin ${n}\n${parts.join('\n')}\n@@mhs:end ${n} ${rc}\n`).join(''));

describe('collectors', () => {
  it('are listed once each with a constant command and a title key', () => {
    expect(collectors.map((c) => c.id).sort()).toEqual(Object.keys(PARSERS).sort());
    for (const c of collectors) {
      expect(c.titleKey).toBe(`analysis:collectors.${c.id}`);
      expect(c.command).toMatch(/^export LC_ALL=C\n/);
    }
  });

  it('parsers never throw and always produce schema-valid facts, whatever the server printed', () => {
    for (const [id, parse] of Object.entries(PARSERS)) {
      fc.assert(
        fc.property(fc.oneof(fc.string({ maxLength: 300 }), sectioned), (raw) => {
          const r = parse(raw);
          expect(Array.isArray(r.notes)).toBe(true);
          const { notes, ...facts } = r;
          const parsed = FactsSchema.safeParse({ ...facts, notes });
          if (!parsed.success) throw new Error(`${id}: ${parsed.error.message}`);
        }),
        { numRuns: 150 },
      );
    }
  });
});
