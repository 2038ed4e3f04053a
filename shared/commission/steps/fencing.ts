/**
 * fencing: SBD with a watchdog (softdog where the node has no hardware watchdog). The SBD disk is
 * initialised once from the primary (msgwait = 2 x watchdog timeout), every cluster node gets
 * /etc/default/sbd and sbd enabled BEFORE corosync starts: systemd starts sbd together with corosync, and
 * Pacemaker refuses resources without it. The stonith resource itself is part of the Pacemaker
 * configuration (cibXml.ts); DRBD's resource-level fencing handlers are in the DRBD resource.
 */
import { shQuote } from '../../shell/quote';
import type { PlanInput } from '../inputs/types';
import { K, is, probe, refuseIfUsed, run, script, set, systemctl, unitsAre, unitsRestore, unitsSave } from '../ops';
import { renderSbdDefaults } from '../render/hardening';
import type { StepSpec } from '../spec';
import { id, on, stamp, t } from './common';
import { ipmiSecret } from './resources';
import { secretRef } from '../types';

const SOFTDOG_CONF = '/etc/modules-load.d/softdog.conf';

/**
 * IPMI: every node must reach the BMCs of the others (the survivor fences the lost node). fence_ipmilan
 * reads its options from stdin, so the BMC password never appears on a command line.
 */
function ipmiSteps(i: PlanInput): StepSpec[] {
  const ipmi = i.ipmi;
  if (!ipmi) return [];
  return i.nodes.map((n) => {
    const targets = i.nodes.filter((x) => x.role !== n.role && ipmi[x.role]);
    return {
      id: id('fencing.ipmiReach', n.role),
      phase: 'cluster' as const,
      node: n.role,
      title: on(n.role, t('BMCs der anderen Knoten erreichen (IPMI)', "Reach the other nodes' BMCs (IPMI)")),
      explanation: t(
        `Fragt mit fence_ipmilan den Stromzustand von ${targets.map((x) => `${x.hostname} (${ipmi[x.role]!.address})`).join(', ')} ab. Nur wenn das klappt, kann dieser Knoten im Fehlerfall den anderen ausschalten. Achtung: fällt bei einem Knoten der Strom ganz aus, ist auch sein BMC weg; dann stoppt der Überlebende die Dienste, statt sie zu übernehmen.`,
        `Asks fence_ipmilan for the power state of ${targets.map((x) => `${x.hostname} (${ipmi[x.role]!.address})`).join(', ')}. Only then can this node switch the other off after a failure. Note: when a node loses power entirely, its BMC is gone too; the survivor then stops the services instead of taking them over.`,
      ),
      apply: targets.map((x) => {
        const b = ipmi[x.role]!;
        return run('fence_ipmilan', [], { stdin: ['action=status', `ip=${b.address}`, `username=${b.user}`, `password=${secretRef(ipmiSecret(x.role))}`, `lanplus=${b.lanplus ? 1 : 0}`, ''].join('\n'), timeoutMs: 60_000 });
      }),
      verify: [],
      destructive: false,
      expectedDurationS: 5,
      secrets: targets.map((x) => ipmiSecret(x.role)),
    };
  });
}

export function fencingBeforeCluster(i: PlanInput): StepSpec[] {
  const sbd = i.sbd;
  if (!sbd) return ipmiSteps(i);
  const steps: StepSpec[] = ipmiSteps(i);
  for (const role of sbd.softdog) {
    const loaded = probe(`grep -q '^softdog ' /proc/modules && [ -c /dev/watchdog ]`, [is(K.mod('softdog'), 'loaded')]);
    steps.push({
      id: id('fencing.watchdog', role),
      phase: 'cluster',
      node: role,
      title: on(role, t('Software-Watchdog softdog laden', 'Load the software watchdog softdog')),
      explanation: t(
        'SBD braucht einen Watchdog: hängt der Knoten, setzt der Watchdog ihn zurück. Ohne Hardware-Watchdog lädt der Plan das Kernelmodul softdog, jetzt und bei jedem Start.',
        'SBD needs a watchdog: when the node hangs, the watchdog resets it. Without a hardware watchdog the plan loads the kernel module softdog, now and at every boot.',
      ),
      check: loaded,
      apply: [{ kind: 'write', path: SOFTDOG_CONF, content: 'softdog\n', mode: '0644' }, run('modprobe softdog', [set(K.mod('softdog'), 'loaded')])],
      verify: [loaded],
      rollback: [run(`if grep -q '^softdog ' /proc/modules && ! systemctl is-active -q sbd.service; then rmmod softdog || true; fi`, [set(K.mod('softdog'), null)])],
      destructive: false,
      expectedDurationS: 2,
    });
  }
  if (sbd.device) {
    const dev = sbd.device;
    const made = probe(`sbd -d ${shQuote(dev)} dump >/dev/null 2>&1`, [is(K.sbd(dev), '1')]);
    steps.push({
      id: id('fencing.sbdDisk', 'primary'),
      phase: 'cluster',
      node: 'primary',
      title: on('primary', t(`SBD-Datenträger ${dev} einrichten`, `Initialise the SBD disk ${dev}`)),
      explanation: t(
        `Schreibt den SBD-Kopf auf ${dev} (Watchdog-Timeout ${sbd.watchdogTimeoutS} s, msgwait ${sbd.msgwaitS} s = 2 x Watchdog). Über diesen gemeinsamen Datenträger schicken sich die Knoten im Fehlerfall den Befehl zum Neustart. Ein Datenträger mit anderem Inhalt wird abgelehnt.`,
        `Writes the SBD header to ${dev} (watchdog timeout ${sbd.watchdogTimeoutS} s, msgwait ${sbd.msgwaitS} s = 2 x watchdog). Through this shared disk the nodes send each other the reset order after a failure. A disk with other content is refused.`,
      ),
      check: made,
      apply: [run(script(refuseIfUsed(dev), `sbd -d ${shQuote(dev)} -1 ${sbd.watchdogTimeoutS} -4 ${sbd.msgwaitS} create`), [set(K.sbd(dev), '1')])],
      verify: [made],
      rollback: [run(`if sbd -d ${shQuote(dev)} dump >/dev/null 2>&1; then dd if=/dev/zero of=${shQuote(dev)} bs=1M count=4 conv=fsync status=none; fi`, [set(K.sbd(dev), null)])],
      destructive: false,
      expectedDurationS: 3,
    });
  }
  const defaults = renderSbdDefaults({ ...(sbd.device ? { device: sbd.device } : {}), watchdogTimeoutS: sbd.watchdogTimeoutS });
  for (const n of i.nodes) {
    const st = stamp(`sbd-${n.role}`);
    const enabled = unitsAre(['sbd'], { enabled: true });
    steps.push({
      id: id('fencing.sbd', n.role),
      phase: 'cluster',
      node: n.role,
      title: on(n.role, t('SBD konfigurieren und aktivieren', 'Configure and enable SBD')),
      explanation: t(
        `Schreibt /etc/default/sbd (${sbd.device ? `Datenträger ${sbd.device}` : 'ohne Datenträger, nur Watchdog und Quorum'}, Watchdog /dev/watchdog, Timeout ${sbd.watchdogTimeoutS} s) und nimmt sbd in den Systemstart auf; systemd startet es mit Corosync.`,
        `Writes /etc/default/sbd (${sbd.device ? `disk ${sbd.device}` : 'diskless: watchdog and quorum only'}, watchdog /dev/watchdog, timeout ${sbd.watchdogTimeoutS} s) and enables sbd; systemd starts it together with corosync.`,
      ),
      // The whole file: Debian's own /etc/default/sbd already has SBD_WATCHDOG_TIMEOUT=5 and the package enables
      // sbd, so a check on that line alone said "done" right after the install, without the device (vm lab).
      check: probe(`${enabled.probe.command} && printf '%s' ${shQuote(defaults)} | cmp -s - /etc/default/sbd`, [...enabled.holds, is(K.file('/etc/default/sbd'), defaults)]),
      apply: [{ kind: 'write', path: '/etc/default/sbd', content: defaults, mode: '0644' }, unitsSave(st, ['sbd']), systemctl('enable', ['sbd'])],
      verify: [enabled],
      rollback: [unitsRestore(st)],
      destructive: false,
      expectedDurationS: 3,
    });
  }
  return steps;
}
