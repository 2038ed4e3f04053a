/**
 * configs: the other nodes take over the primary's mail configuration ("nach dem Vorbild des
 * Primärsystems"): every file under /etc/postfix, /etc/dovecot, /etc/mysql, /etc/mailname, /etc/aliases and
 * the TLS certificates and keys the configuration names, copied through the app (the dry run shows each as a
 * diff; files only their owner may read, such as SQL map passwords, TLS keys and debian.cnf, only by size and
 * hash). Indexed Postfix tables are rebuilt with postmap on the node itself, never copied as binaries.
 * The same step set is the re-runnable config sync (configSync.ts).
 */
import { shCommand, shQuote } from '../../shell/quote';
import type { PlanInput } from '../inputs/types';
import { K, probe, run, set } from '../ops';
import type { SpecAction, StepSpec } from '../spec';
import type { NodeRole } from '../types';
import { id, on, t } from './common';

/** The files an indexed table's rebuild writes (they are backed up so a rollback removes them again). */
export function tableOutputs(table: string): string[] {
  const [type, path] = [table.slice(0, table.indexOf(':')), table.slice(table.indexOf(':') + 1)];
  if (type === 'lmdb') return [`${path}.lmdb`];
  if (type === 'cdb') return [`${path}.cdb`];
  if (type === 'dbm' || type === 'sdbm') return [`${path}.dir`, `${path}.pag`];
  return [`${path}.db`];
}

export function configSyncStep(i: PlanInput, role: NodeRole, concern = 'configs.sync'): StepSpec {
  const apply: SpecAction[] = [];
  const links: string[] = [];
  for (const f of i.configFiles) {
    if (f.kind === 'file') apply.push({ kind: 'transfer', from: 'primary', fromPath: f.path, toPath: f.path, mode: f.mode, owner: f.owner, ...(f.secret ? { secret: true } : {}) });
    else if (f.linkTarget) {
      links.push(f.path);
      apply.push(run(shCommand(['ln', '-sfn', f.linkTarget, f.path]), [set(K.file(f.path), `link:${f.linkTarget}`)]));
    }
  }
  const rebuilt: string[] = [];
  for (const table of i.postfix.postmapTables) {
    apply.push(run(shCommand(['postmap', table]), []));
    rebuilt.push(...tableOutputs(table));
  }
  // postalias, not newaliases: newaliases refuses to run where Postfix's inet_interfaces (the VIP after the
  // cut-over) is not a local address, which is every node but the active one.
  for (const a of i.postfix.aliasDatabases) {
    apply.push(run(shCommand(['postalias', a]), []));
    rebuilt.push(...tableOutputs(a));
  }
  const fileList = i.configFiles.map((f) => f.path);
  return {
    id: id(concern, role),
    phase: 'packages',
    node: role,
    title: on(role, t('Konfiguration vom Primärsystem übernehmen', 'Take over the configuration from the primary')),
    explanation: t(
      `Kopiert ${fileList.length} Konfigurationsdateien von Postfix, Dovecot und MariaDB samt den TLS-Zertifikaten unverändert vom Primärsystem hierher (jede mit Rechten und Eigentümer; vertrauliche Dateien zeigt die Vorschau nur mit Größe und Prüfsumme) und baut die Postfix-Tabellen${i.postfix.postmapTables.length ? ` (${i.postfix.postmapTables.join(', ')})` : ''} mit postmap neu. So sind beide Knoten gleich konfiguriert; die Drift-Prüfung vergleicht das später, und dieser Abgleich lässt sich jederzeit wiederholen.`,
      `Copies ${fileList.length} configuration files of Postfix, Dovecot and MariaDB with the TLS certificates unchanged from the primary to this node (each with its mode and owner; confidential files appear in the preview only by size and checksum) and rebuilds the Postfix tables${i.postfix.postmapTables.length ? ` (${i.postfix.postmapTables.join(', ')})` : ''} with postmap. So both nodes are configured alike; the drift check compares this later, and this sync can be repeated at any time.`,
    ),
    apply,
    verify: [probe('postconf -n >/dev/null && doveconf -n >/dev/null && my_print_defaults --mysqld >/dev/null', [], { title: t('Postfix, Dovecot und MariaDB lesen ihre Konfiguration', 'Postfix, Dovecot and MariaDB read their configuration') })],
    destructive: i.replacesConfigOn.includes(role),
    expectedDurationS: 5 + Math.ceil(i.configFiles.length / 4),
    ...(links.length || rebuilt.length ? { backupPaths: [...links, ...rebuilt] } : {}),
  };
}

export function configSteps(i: PlanInput): StepSpec[] {
  return i.nodes.filter((n) => n.role !== 'primary' && n.canHost).map((n) => configSyncStep(i, n.role));
}

/** A shell line that prints `sha256  path` (or `link -> target  path`) for each file, for the drift check. */
export function digestCommand(paths: readonly string[]): string {
  return paths.map((p) => `if [ -L ${shQuote(p)} ]; then printf 'link:%s  %s\\n' "$(readlink ${shQuote(p)})" ${shQuote(p)}; elif [ -f ${shQuote(p)} ]; then sha256sum ${shQuote(p)}; else printf 'missing  %s\\n' ${shQuote(p)}; fi`).join('\n');
}
