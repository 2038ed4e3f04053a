import type { Facts } from '../../../shared/analysis/facts.js';
import { shQuote } from '../../../shared/shell/quote.js';
import { DEFAULT_MAIL_ROOT, mailLayout, mailTemplate } from '../mailLocation.js';
import { DEFAULT_SPOOL, parseData } from '../parsers/data.js';
import { sections } from '../sections.js';
import { safeParse, type Collector } from '../collector.js';

/**
 * The data collector measures where this server keeps its data, not where servers usually do: the mailbox
 * root and layout from Dovecot's mail_location, the queue from Postfix's queue_directory, the database from
 * MariaDB's datadir. In a live analysis these come from the dovecot, postfix and mariadb collectors' facts
 * (`commandFor`); the offline script, which cannot wait for facts, asks the same programs on the server
 * (`command`). Either way the paths are printed first, so the parser knows what it measured.
 */
export interface DataPaths {
  /** Mailbox path template (e.g. /srv/vmail/%d/%n), root, queue and database directories. */
  template: string;
  root: string;
  spool: string;
  datadir?: string;
}

/** Shell that sets T (template), R (root), S (spool), D (datadir) by asking Dovecot, Postfix and MariaDB. */
export const DISCOVER_PATHS = [
  'ML=$(doveconf -h mail_location 2>/dev/null); [ -n "$ML" ] || ML=$(doveconf -h mail_path 2>/dev/null); MH=$(doveconf -h mail_home 2>/dev/null)',
  'case "$ML" in [A-Za-z0-9]*:/*|[A-Za-z0-9]*:~*|[A-Za-z0-9]*:%*) T=${ML#*:} ;; *) T=$ML ;; esac; T=${T%%:*}',
  `case "$T" in '~'*) T="$MH\${T#'~'}" ;; '%h'*) T="$MH\${T#'%h'}" ;; '%{home}'*) T="$MH\${T#'%{home}'}" ;; esac; T=$(printf '%s' "$T" | sed 's:/*$::')`,
  `R=$(printf '%s' "$T" | sed 's:/[^/]*[%~].*$::'); case "$R" in /?*) ;; *) R=${DEFAULT_MAIL_ROOT}; T=${DEFAULT_MAIL_ROOT}/%d/%n ;; esac`,
  `S=$(postconf -h queue_directory 2>/dev/null); S=\${S:-${DEFAULT_SPOOL}}`,
  "D=$( (mariadb -N -B -e 'SELECT @@datadir' || mysql -N -B -e 'SELECT @@datadir') 2>/dev/null)",
].join('\n');

/** The paths from facts of the collectors that ran before; undefined parts are discovered on the server. */
export function dataPathsFrom(found: Facts): Partial<DataPaths> {
  const template = mailTemplate(found.dovecot?.mailLocation, found.dovecot?.mailHome);
  const layout = template ? mailLayout(template) : undefined;
  const spool = found.postfix?.queueDirectory ?? found.postfix?.mainCf?.queue_directory;
  const datadir = found.mariadb?.datadir;
  return {
    ...(layout ? { template: layout.template, root: layout.root } : {}),
    ...(spool?.startsWith('/') ? { spool } : {}),
    ...(datadir?.startsWith('/') ? { datadir } : {}),
  };
}

/** The collector's command for these paths (known ones as quoted constants, the others discovered). */
export function dataCommand(known: Partial<DataPaths>): string {
  const set = [
    known.root && known.template ? `T=${shQuote(known.template)}; R=${shQuote(known.root)}` : '',
    known.spool ? `S=${shQuote(known.spool)}` : '',
    known.datadir ? `D=${shQuote(known.datadir)}` : '',
  ].filter(Boolean);
  // Discovery first, then the known values override what it found.
  const prelude = set.length === 3 ? set.join('; ') : `${DISCOVER_PATHS}\n${set.join('; ')}`;
  const body = sections([
    ['paths', `printf 'template\\t%s\\nroot\\t%s\\nspool\\t%s\\ndatadir\\t%s\\n' "$T" "$R" "$S" "\${D:-/var/lib/mysql}"`],
    ['du', 'du -sb "$R" "$S" "${D:-/var/lib/mysql}"'],
    // Mailbox directories one or two levels down and message files in cur/new below them; the parser reads
    // them with the layout the template gives.
    ['maildirs', `if [ ! -d "$R" ]; then echo "no $R"; exit 3; fi; cd "$R" || exit 126; find . -mindepth 1 -maxdepth 2 -type d -printf 'D\\t%P\\n' && find . -mindepth 3 -maxdepth 7 -type f \\( -path '*/cur/*' -o -path '*/new/*' \\) -printf 'F\\t%s\\t%P\\n'`],
  ]);
  // The paths are set right after the C locale line every collector command starts with.
  return body.replace(/^export LC_ALL=C\n/, (first) => `${first}${prelude.trimEnd()}\n`);
}

export const data: Collector = {
  id: 'data',
  titleKey: 'analysis:collectors.data',
  needsSudo: true,
  command: dataCommand({}),
  after: ['dovecot', 'postfix', 'mariadb'],
  commandFor: (found) => dataCommand(dataPathsFrom(found)),
  parse: safeParse('data', parseData),
};
