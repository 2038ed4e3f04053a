/**
 * packages: from each node's own apt sources, one installation per node (every apt run costs an index
 * update and dpkg's triggers), all nodes at the same time. The secondary (and a hosting third node) gets the
 * mail stack exactly as the primary runs it; every cluster node the HA stack for the decided topology; the
 * witness corosync-qnetd; every node nftables and fail2ban when hardening wants them. Installed services are
 * not started (mhs-apt's policy-rc.d); the mail services on the other nodes are also disabled, because only
 * Pacemaker may start them there.
 */
import type { PlanInput } from '../inputs/types';
import { aptHas, aptInstall, aptUndo, probe, systemctl, unitsAre } from '../ops';
import { together, type ModelProbe, type StepSpec } from '../spec';
import type { L10n, NodeRole } from '../types';
import { id, on, stamp, t } from './common';

const POSTFIX_PRESEED = (mailname: string) => ['postfix postfix/main_mailer_type select No configuration', `postfix postfix/mailname string ${mailname}`];

function hardeningText(i: PlanInput): L10n {
  const h = i.packages.hardening;
  return h.length ? t(` Dazu ${h.join(', ')} für Firewall und Fail2Ban; konfiguriert werden sie erst in der Phase Absicherung.`, ` Also ${h.join(', ')} for the firewall and fail2ban; they are configured only in the hardening phase.`) : t('', '');
}

const HA_TEXT = (pkgs: string[]) =>
  t(
    `${pkgs.join(', ')}. Debian würde Corosync sofort mit seiner Beispielkonfiguration (ein Ein-Knoten-Cluster „debian“) starten; die Installation startet keine Dienste, Corosync startet erst mit der eigenen Konfiguration.`,
    `${pkgs.join(', ')}. Debian would start corosync at once with its example configuration (a one-node cluster "debian"); the installation starts no services, corosync starts only with its own configuration.`,
  );

function installStep(role: NodeRole, concern: string, pkgs: string[], title: L10n, explanation: L10n): StepSpec {
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
    expectedDurationS: 20 + 2 * pkgs.length,
  };
}

/** The secondary: the primary's mail stack and the HA stack in one run; the mail services out of systemd. */
function mailNodeStep(i: PlanInput, role: NodeRole): StepSpec {
  const st = stamp(`mail-${role}`);
  const units = i.mailUnits;
  const ha = i.packages.ha[role] ?? [];
  const pkgs = [...new Set([...i.packages.mail, ...ha, ...i.packages.hardening])];
  const has = aptHas(pkgs);
  const off = unitsAre(units, { enabled: false });
  const check: ModelProbe = probe(`${has.probe.command} && ${off.probe.command}`, [...has.holds, ...off.holds]);
  const h = hardeningText(i);
  const haText = HA_TEXT(ha);
  return {
    id: id('packages.mail', role),
    phase: 'packages',
    node: role,
    title: on(role, t('Mail-Stack wie auf dem Primärsystem und HA-Stack installieren', 'Install the mail stack as on the primary and the HA stack')),
    explanation: t(
      `Installiert aus den Paketquellen des Knotens dieselben Mail-Pakete, die auf dem Primärsystem laufen (${i.packages.mail.join(', ')}), und den HA-Stack: ${haText.de} Postfix kommt ohne eigene Konfiguration („No configuration“); die Konfiguration übernimmt der nächste Schritt vom Primärsystem. ${units.join(', ')} werden nicht gestartet und aus dem Systemstart genommen: hier startet sie nur Pacemaker, sonst liefe ein zweiter Mailserver mit leerer Datenbank.${h.de}`,
      `Installs from the node's package sources the same mail packages the primary runs (${i.packages.mail.join(', ')}) and the HA stack: ${haText.en} Postfix comes without a configuration of its own ("No configuration"); the next step takes it over from the primary. ${units.join(', ')} are not started and are taken out of the boot sequence: here only Pacemaker starts them, otherwise a second mail server with an empty database would run.${h.en}`,
    ),
    check,
    apply: [aptInstall(st, pkgs, { preseed: POSTFIX_PRESEED(i.vipName), enables: units }), systemctl('disable', units)],
    verify: [check],
    rollback: [aptUndo(st)],
    destructive: false,
    expectedDurationS: 40 + 2 * pkgs.length,
  };
}

export function packageSteps(i: PlanInput): StepSpec[] {
  const steps: StepSpec[] = [];
  const h = hardeningText(i);
  for (const n of i.nodes) {
    if (n.role !== 'primary' && n.canHost) {
      steps.push(mailNodeStep(i, n.role));
      continue;
    }
    const ha = i.packages.ha[n.role] ?? [];
    const haText = HA_TEXT(ha);
    steps.push(installStep(n.role, 'ha', [...ha, ...i.packages.hardening], t('HA-Stack installieren', 'Install the HA stack'), t(`Installiert ${haText.de}${h.de}`, `Installs ${haText.en}${h.en}`)));
  }
  if (i.witness) {
    steps.push(
      installStep(
        'witness',
        'qnetd',
        [...(i.packages.ha.witness ?? []), ...i.packages.hardening],
        t('Quorum-Dienst corosync-qnetd installieren', 'Install the quorum service corosync-qnetd'),
        t(
          `Der Witness stimmt über corosync-qnetd (TCP 5403) im Quorum mit: bei einer Trennung der beiden Knoten bekommt nur die Seite, die den Witness erreicht, die Mehrheit. Er selbst führt keine Dienste und hat keine Daten.${h.de}`,
          `The witness votes for quorum through corosync-qnetd (TCP 5403): when the two nodes lose each other only the side that reaches the witness gets the majority. It runs no services and holds no data itself.${h.en}`,
        ),
      ),
    );
  }
  return together('packages', steps);
}
