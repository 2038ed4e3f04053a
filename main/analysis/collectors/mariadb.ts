import { parseMariadb } from '../parsers/mariadb.js';
import { sections } from '../sections.js';
import { safeParse, type Collector } from '../collector.js';

// Runs as root via sudo so unix-socket authentication works; mysql is the older client name.
const q = (sql: string) => `M=$(command -v mariadb || command -v mysql) || exit 127; "$M" -N -B -e "${sql}"`;

export const mariadb: Collector = {
  id: 'mariadb',
  titleKey: 'analysis:collectors.mariadb',
  needsSudo: true,
  command: sections([
    ['vars', q("SELECT 'version', VERSION() UNION ALL SELECT 'datadir', @@datadir UNION ALL SELECT 'innodb_buffer_pool_size', @@innodb_buffer_pool_size")],
    ['databases', q('SELECT s.schema_name, COALESCE(SUM(t.data_length + t.index_length), 0), COUNT(t.table_name) FROM information_schema.schemata s LEFT JOIN information_schema.tables t ON t.table_schema = s.schema_name GROUP BY s.schema_name ORDER BY s.schema_name')],
    ['engines', q("SELECT engine, COUNT(*), COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables WHERE engine IS NOT NULL AND table_schema NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys') GROUP BY engine")],
  ]),
  parse: safeParse('mariadb', parseMariadb),
};
