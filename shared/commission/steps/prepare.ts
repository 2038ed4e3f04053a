/**
 * prepare: the helper scripts on every node (so the later commands stay short and can undo exactly what
 * they did), the node's own name as the inventory saw it (corosync, DRBD and Pacemaker name nodes by it),
 * and on the nodes that will mount the mail volume the system accounts with the primary's numeric ids.
 */
import { shQuote } from '../../shell/quote';
import { HELPER_DIR, MHS_ACCOUNTS, MHS_APT, MHS_UNITS, STATE_DIR, helper } from '../helpers/aptUnits';
import { MHS_NET, MHS_VERIFY } from '../helpers/verifyScripts';
import type { PlanInput } from '../inputs/types';
import { K, accountGroup, accountMove, accountUser, accountsExist, accountsUndo, is, probe, run } from '../ops';
import { together, type StepSpec } from '../spec';
import type { NodeRole } from '../types';
import { id, on, stamp, t } from './common';

const HELPERS: [string, string][] = [
  ['mhs-apt', MHS_APT],
  ['mhs-units', MHS_UNITS],
  ['mhs-accounts', MHS_ACCOUNTS],
  ['mhs-verify', MHS_VERIFY],
  ['mhs-net', MHS_NET],
];

function hostnameOf(i: PlanInput, role: NodeRole): string | undefined {
  return i.nodes.find((n) => n.role === role)?.hostname ?? (role === 'witness' ? i.witness?.hostname : undefined);
}

export function prepareSteps(i: PlanInput): StepSpec[] {
  const helpers: StepSpec[] = [];
  for (const role of i.allRoles) {
    const hostname = hostnameOf(i, role);
    helpers.push({
      id: id('prepare.helpers', role),
      phase: 'prepare',
      node: role,
      title: on(role, t('Hilfsskripte ablegen', 'Install the helper scripts')),
      explanation: t(
        `Legt die kleinen Hilfsskripte der Inbetriebnahme in ${HELPER_DIR} ab (Paketinstallation, Dienstzustände, Benutzer, Prüfsummen, Netzproben). Jedes merkt sich, was vorher da war, damit ein Rollback genau das wiederherstellt. Prüft außerdem, dass der Rechnername noch der aus der Vorprüfung ist: Corosync, DRBD und Pacemaker benennen die Knoten danach.`,
        `Puts the commissioning's small helper scripts into ${HELPER_DIR} (package installation, service states, accounts, checksums, network probes). Each remembers what was there before, so a rollback restores exactly that. Also checks that the host name is still the one the preflight saw: corosync, DRBD and Pacemaker name the nodes by it.`,
      ),
      apply: HELPERS.map(([name, content]) => ({ kind: 'write' as const, path: helper(name), content, mode: '0755' })),
      verify: [
        probe(HELPERS.map(([name]) => `[ -x ${shQuote(helper(name))} ]`).join(' && '), HELPERS.map(([name, content]) => is(K.file(helper(name)), content))),
        ...(hostname ? [probe(`[ "$(uname -n)" = ${shQuote(hostname)} ]`, [], { title: t(`Rechnername ist ${hostname}`, `host name is ${hostname}`) })] : []),
      ],
      // The helpers' own records go with them (the scripts themselves come back through the backups).
      rollback: [run(`rm -rf ${shQuote(STATE_DIR)}`, [{ forget: 'mark:' }])],
      destructive: false,
      expectedDurationS: 3,
    });
  }
  const steps: StepSpec[] = together('prepare.helpers', helpers);
  for (const n of i.nodes) {
    if (n.role === 'primary' || (!i.accounts.users.length && !i.accounts.groups.length)) continue;
    const st = stamp(`accounts-${n.role}`);
    const check = accountsExist(i.accounts.groups, i.accounts.users);
    const moves = i.accounts.moves[n.role] ?? [];
    const moveText = moves.map((m) => `${m.name} ${m.from} -> ${m.to}`).join(', ');
    steps.push({
      id: id('prepare.accounts', n.role),
      phase: 'prepare',
      node: n.role,
      title: on(n.role, t('Systembenutzer mit den IDs des Primärsystems anlegen', "Create the system accounts with the primary's ids")),
      explanation: t(
        `Auf dem gemeinsamen Datenträger gehören Mails, Datenbank und Queue Benutzern mit festen Nummern (${i.accounts.users.map((u) => `${u.name} ${u.uid}:${u.gid}`).join(', ')}). Damit nach einem Failover Postfix, Dovecot und MariaDB ihre Dateien wiederfinden, legt der Plan diese Benutzer und Gruppen hier vor den Paketen mit genau den Nummern des Primärsystems an; die Paketskripte übernehmen vorhandene Benutzer.${moves.length ? ` Debian vergibt die Nummern von Systembenutzern in Installationsreihenfolge, deshalb belegen hier andere Konten einige davon; sie ziehen vorher samt ihren Dateien und Diensten auf freie Nummern um (${moveText}).` : ''}`,
        `On the shared volume mail, database and queue belong to accounts with fixed numbers (${i.accounts.users.map((u) => `${u.name} ${u.uid}:${u.gid}`).join(', ')}). So that Postfix, Dovecot and MariaDB find their files after a failover, the plan creates these users and groups here before the packages, with exactly the primary's numbers; the package scripts keep existing accounts.${moves.length ? ` Debian gives system accounts their numbers in install order, so here other accounts hold some of them; they move to free numbers first, with their files and services (${moveText}).` : ''}`,
      ),
      check,
      apply: [...moves.map((m) => accountMove(st, m)), ...i.accounts.groups.map((g) => accountGroup(st, g.name, g.gid)), ...i.accounts.users.map((u) => accountUser(st, u))],
      verify: [check],
      rollback: [accountsUndo(st)],
      destructive: moves.length > 0,
      expectedDurationS: 3,
    });
  }
  return steps;
}
