/**
 * packages: from each node's own apt sources. The secondary (and a hosting third node) gets the mail stack
 * exactly as the primary runs it; every cluster node the HA stack for the decided topology; the witness
 * corosync-qnetd; every node nftables and fail2ban when hardening wants them. Installed services are not
 * started (mhs-apt's policy-rc.d); the mail services on the other nodes are also disabled, because only
 * Pacemaker may start them there.
 */
import type { PlanInput } from '../inputs/types';
import { aptHas, aptInstall, aptUndo, probe, systemctl, unitsAre } from '../ops';
import type { StepSpec } from '../spec';
import type { NodeRole } from '../types';
import { id, on, stamp, t } from './common';

function installStep(role: NodeRole, concern: string, pkgs: string[], title: ReturnType<typeof t>, explanation: ReturnType<typeof t>, extra: Partial<StepSpec> = {}): StepSpec {
  const st = stamp(`${concern}-${role}`);
  return {
    id: id(`packages.${concern}`, role),
    phase: 'packages',
    node: role,
    title: on(role, title),
    explanation,
    check: aptHas(pkgs),
    apply: [aptInstall(st, pkgs)],
    verify: [aptHas(pkgs)],
    rollback: [aptUndo(st)],
    destructive: false,
    expectedDurationS: 20 + 4 * pkgs.length,
    ...extra,
  };
}

export function packageSteps(i: PlanInput): StepSpec[] {
  const steps: StepSpec[] = [];
  for (const n of i.nodes.filter((x) => x.role !== 'primary' && x.canHost)) {
    const st = stamp(`mail-${n.role}`);
    const units = i.mailUnits.filter((u) => u !== 'opendkim' || i.packages.mail.includes('opendkim'));
    const check = probe(`${aptHas(i.packages.mail).probe.command} && ${unitsAre(units, { enabled: false }).probe.command}`, [...aptHas(i.packages.mail).holds, ...unitsAre(units, { enabled: false }).holds]);
    steps.push({
      id: id('packages.mail', n.role),
      phase: 'packages',
      node: n.role,
      title: on(n.role, t('Mail-Stack wie auf dem Primärsystem installieren', 'Install the mail stack as on the primary')),
      explanation: t(
        `Installiert aus den Paketquellen des Knotens dieselben Mail-Pakete, die auf dem Primärsystem laufen: ${i.packages.mail.join(', ')}. Postfix wird ohne eigene Konfiguration installiert („No configuration“), die Konfiguration kommt im nächsten Schritt vom Primärsystem. ${units.join(', ')} werden nicht gestartet und aus dem Systemstart genommen: auf diesem Knoten startet sie nur Pacemaker, sonst liefe ein zweiter Mailserver mit leerer Datenbank.`,
        `Installs from the node's package sources the same mail packages the primary runs: ${i.packages.mail.join(', ')}. Postfix is installed without a configuration of its own ("No configuration"); the configuration comes from the primary in the next step. ${units.join(', ')} are not started and are taken out of the boot sequence: on this node only Pacemaker starts them, otherwise a second mail server with an empty database would run.`,
      ),
      check,
      apply: [
        aptInstall(st, i.packages.mail, { preseed: ['postfix postfix/main_mailer_type select No configuration', 'postfix postfix/mailname string ' + i.vipName], enables: units }),
        systemctl('disable', units),
      ],
      verify: [check],
      rollback: [aptUndo(st)],
      destructive: false,
      expectedDurationS: 40 + 4 * i.packages.mail.length,
    });
  }
  // One installation per node: every apt run costs an index update and dpkg's triggers.
  const hard = i.packages.hardening;
  const hardText = hard.length ? t(` Dazu ${hard.join(', ')} für Firewall und Fail2Ban; konfiguriert werden sie erst in der Phase Absicherung.`, ` Also ${hard.join(', ')} for the firewall and fail2ban; they are configured only in the hardening phase.`) : t('', '');
  for (const n of i.nodes) {
    const pkgs = [...(i.packages.ha[n.role] ?? []), ...hard];
    steps.push(
      installStep(
        n.role,
        'ha',
        pkgs,
        t('HA-Stack installieren', 'Install the HA stack'),
        t(
          `Installiert ${(i.packages.ha[n.role] ?? []).join(', ')}. Debian würde Corosync sofort mit seiner Beispielkonfiguration (ein Ein-Knoten-Cluster „debian“) starten; die Installation startet keine Dienste, Corosync wird erst mit der eigenen Konfiguration gestartet.${hardText.de}`,
          `Installs ${(i.packages.ha[n.role] ?? []).join(', ')}. Debian would start corosync at once with its example configuration (a one-node cluster "debian"); the installation starts no services, corosync is started only with its own configuration.${hardText.en}`,
        ),
      ),
    );
  }
  if (i.witness) {
    const pkgs = [...(i.packages.ha.witness ?? []), ...hard];
    steps.push(
      installStep(
        'witness',
        'qnetd',
        pkgs,
        t('Quorum-Dienst corosync-qnetd installieren', 'Install the quorum service corosync-qnetd'),
        t(
          `Der Witness stimmt über corosync-qnetd (TCP 5403) im Quorum mit: bei einer Trennung der beiden Knoten bekommt nur die Seite, die den Witness erreicht, die Mehrheit. Er selbst führt keine Dienste und hat keine Daten.${hardText.de}`,
          `The witness votes for quorum through corosync-qnetd (TCP 5403): when the two nodes lose each other only the side that reaches the witness gets the majority. It runs no services and holds no data itself.${hardText.en}`,
        ),
      ),
    );
  }
  return steps;
}
