/**
 * replication (DRBD): the resource file for the module the nodes run (8.4 or 9 syntax), internal metadata,
 * the resource up and connected, the primary promoted once by hand (its side becomes the source of the
 * initial sync) and the file system made on /dev/drbdN. The initial sync runs in the background while the
 * data is pre-copied; the cut-over waits for it (drbdSyncedStep). Pacemaker takes DRBD over at the cut-over.
 */
import { shQuote } from '../../shell/quote';
import type { PlanInput } from '../inputs/types';
import { K, hasLabel, is, live, mkfs, orMark, probe, run, script, set } from '../ops';
import { DRBD_GLOBAL_COMMON, renderDrbdResource } from '../render/drbdConf';
import { together, type StepSpec } from '../spec';
import type { NodeRole } from '../types';
import { id, on, t } from './common';

export const PUSHED = 'cib-pushed';

export function drbdResourceText(i: PlanInput): string {
  const d = i.drbd!;
  const hosts = (['primary', 'secondary'] as NodeRole[]).map((r) => ({ name: i.nodes.find((n) => n.role === r)!.hostname, disk: d.disks[r]!, address: d.addrs[r]! }));
  return renderDrbdResource({ version: d.version, resource: d.resource, device: d.device, port: d.port, resourceFencing: d.resourceFencing, hosts });
}

const res = (i: PlanInput) => shQuote(i.drbd!.resource);
const isUp = (i: PlanInput) => probe(`drbdadm cstate ${res(i)} >/dev/null 2>&1`, [is(K.drbd(i.drbd!.resource, 'up'), '1')]);
const upToDate = (i: PlanInput) => `drbdadm dstate ${res(i)} 2>/dev/null | grep -q '^UpToDate/UpToDate'`;

export function replicationSteps(i: PlanInput): StepSpec[] {
  if (!i.drbd) return [];
  const d = i.drbd;
  const r = d.resource;
  const roles: NodeRole[] = ['primary', 'secondary'];
  const steps: StepSpec[] = [];
  const resPath = `/etc/drbd.d/${r}.res`;
  const configs: StepSpec[] = [];
  for (const role of roles) {
    configs.push({
      id: id('replication.config', role),
      phase: 'replication',
      node: role,
      title: on(role, t(`DRBD-Ressource ${r} konfigurieren (DRBD ${d.version})`, `Configure the DRBD resource ${r} (DRBD ${d.version})`)),
      explanation: t(
        `Schreibt ${resPath} in der Syntax des geladenen Kernelmoduls (DRBD ${d.version}): Protokoll C (synchron), interne Metadaten, Replikation über ${d.addrs.primary} ↔ ${d.addrs.secondary} Port ${d.port}${d.resourceFencing ? ', Resource-Level-Fencing über Pacemaker (ein veralteter Knoten wird nie Primary)' : ''}. global_common.conf schaltet die Nutzungsstatistik an LINBIT ab.`,
        `Writes ${resPath} in the syntax of the loaded kernel module (DRBD ${d.version}): protocol C (synchronous), internal metadata, replication over ${d.addrs.primary} <-> ${d.addrs.secondary} port ${d.port}${d.resourceFencing ? ', resource-level fencing through Pacemaker (an outdated node never becomes primary)' : ''}. global_common.conf switches off the usage report to LINBIT.`,
      ),
      apply: [
        { kind: 'write', path: '/etc/drbd.d/global_common.conf', content: DRBD_GLOBAL_COMMON, mode: '0644' },
        { kind: 'write', path: resPath, content: drbdResourceText(i), mode: '0644' },
      ],
      verify: [probe(`drbdadm dump ${res(i)} >/dev/null`, [], { title: t('drbdadm liest die Ressource', 'drbdadm reads the resource') })],
      destructive: false,
      expectedDurationS: 2,
    });
  }
  steps.push(...together('replication.config', configs));
  const metas: StepSpec[] = [];
  for (const role of roles) {
    const disk = d.disks[role]!;
    const check = probe(`drbdadm cstate ${res(i)} >/dev/null 2>&1 || drbdadm -- --force dump-md ${res(i)} >/dev/null 2>&1`, [{ any: [is(K.drbd(r, 'up'), '1'), is(K.drbd(r, 'md'), '1')] }]);
    metas.push({
      id: id('replication.metadata', role),
      phase: 'replication',
      node: role,
      title: on(role, t('DRBD-Metadaten anlegen', 'Create the DRBD metadata')),
      explanation: t(
        `Legt die DRBD-Metadaten am Ende von ${disk} an (intern, rund 32 MiB je TiB). Ein Gerät mit fremdem Inhalt lehnt der Schritt ab.`,
        `Creates the DRBD metadata at the end of ${disk} (internal, about 32 MiB per TiB). A device with foreign content is refused.`,
      ),
      check,
      apply: [
        run(
          script(
            `sig=$(blkid -p -o value -s TYPE ${shQuote(disk)} 2>/dev/null) || true`,
            `if [ -n "$sig" ] && [ "$sig" != drbd ]; then echo "${disk} holds $sig; refusing to put DRBD metadata on it" >&2; exit 3; fi`,
            `drbdadm -- --force create-md ${res(i)}`,
          ),
          [set(K.drbd(r, 'md'), '1')],
        ),
      ],
      verify: [check],
      rollback: [run(`if ! drbdadm cstate ${res(i)} >/dev/null 2>&1 && drbdadm -- --force dump-md ${res(i)} >/dev/null 2>&1; then drbdadm -- --force wipe-md ${res(i)}; fi`, [set(K.drbd(r, 'md'), null), set(K.drbd(r, 'synced'), null)])],
      destructive: false,
      expectedDurationS: 5,
    });
  }
  steps.push(...together('replication.metadata', metas));
  const ups: StepSpec[] = [];
  for (const role of roles) {
    ups.push({
      id: id('replication.up', role),
      phase: 'replication',
      node: role,
      title: on(role, t('DRBD-Ressource starten', 'Bring the DRBD resource up')),
      explanation: t(
        `Lädt das DRBD-Modul und startet die Ressource ${r}; sie verbindet sich mit der Gegenseite. Nach der Übernahme startet und stoppt Pacemaker sie.`,
        `Loads the DRBD module and brings the resource ${r} up; it connects to its peer. After the cut-over Pacemaker starts and stops it.`,
      ),
      check: isUp(i),
      apply: [run(`drbdadm up ${res(i)}`, [set(K.drbd(r, 'up'), '1')])],
      verify: [isUp(i)],
      rollback: [run(`if drbdadm cstate ${res(i)} >/dev/null 2>&1; then drbdadm down ${res(i)}; fi`, [set(K.drbd(r, 'up'), null), set(K.drbd(r, 'role'), null)])],
      destructive: false,
      expectedDurationS: 5,
    });
  }
  steps.push(...together('replication.up', ups));
  steps.push({
    id: id('replication.connected', 'primary'),
    phase: 'replication',
    node: 'primary',
    title: on('primary', t('DRBD-Verbindung prüfen', 'Check the DRBD connection')),
    explanation: t('Wartet, bis beide Seiten der Ressource verbunden sind.', 'Waits until both sides of the resource are connected.'),
    apply: [],
    verify: [live(`drbdadm cstate ${res(i)} | grep -Eq '^(Connected|SyncSource|SyncTarget)'`, { waitMs: 120_000, title: t('verbunden', 'connected') })],
    destructive: false,
    expectedDurationS: 5,
  });
  const primaryRole = probe(`drbdadm role ${res(i)} 2>/dev/null | grep -q '^Primary'`, [is(K.drbd(r, 'role'), 'Primary')]);
  steps.push({
    id: id('replication.promote', 'primary'),
    phase: 'replication',
    node: 'primary',
    title: on('primary', t('Primärsystem zur Quelle der Erstsynchronisation machen', 'Make the primary the source of the initial sync')),
    explanation: t(
      'Erklärt die Seite des Primärsystems einmalig für aktuell (drbdadm primary --force): DRBD spiegelt sie ab jetzt vollständig auf das Sekundärsystem. Die Synchronisation läuft im Hintergrund weiter, während die Daten kopiert werden; vor der Übernahme wartet der Plan auf ihr Ende.',
      "Declares the primary's side current once (drbdadm primary --force): from now on DRBD mirrors it completely to the secondary. The sync continues in the background while the data is copied; before the cut-over the plan waits for it to finish.",
    ),
    check: orMark(PUSHED, primaryRole),
    apply: [run(`drbdadm primary --force ${res(i)}`, [set(K.drbd(r, 'role'), 'Primary')])],
    verify: [orMark(PUSHED, primaryRole)],
    rollback: [run(`if drbdadm role ${res(i)} 2>/dev/null | grep -q '^Primary'; then drbdadm secondary ${res(i)}; fi`, [set(K.drbd(r, 'role'), null)])],
    destructive: false,
    expectedDurationS: 3,
  });
  const labelled = hasLabel(d.device, i.volume.label, i.volume.fsType, true);
  steps.push({
    id: id('replication.mkfs', 'primary'),
    phase: 'replication',
    node: 'primary',
    title: on('primary', t(`Dateisystem auf ${d.device} anlegen`, `Make the file system on ${d.device}`)),
    explanation: t(
      `Legt auf dem DRBD-Gerät ${d.device} ein ${i.volume.fsType}-Dateisystem mit dem Label ${i.volume.label} an; DRBD überträgt es synchron auf das Sekundärsystem.`,
      `Makes an ${i.volume.fsType} file system labelled ${i.volume.label} on the DRBD device ${d.device}; DRBD writes it to the secondary synchronously.`,
    ),
    check: orMark(PUSHED, labelled),
    apply: [mkfs(d.device, i.volume.fsType, i.volume.label, true)],
    verify: [orMark(PUSHED, labelled)],
    destructive: false,
    expectedDurationS: 15,
  });
  return steps;
}

/** The cut-over starts only with both sides UpToDate; shows the sync's progress and ETA while it waits. */
export function drbdSyncedStep(i: PlanInput): StepSpec | undefined {
  if (!i.drbd) return undefined;
  const d = i.drbd;
  const show = d.version === '8.4' ? 'cat /proc/drbd' : `drbdsetup status ${res(i)} --verbose --statistics`;
  // A first guess for the ETA (GbE, ~100 MB/s); the executor learns the real figure, DRBD prints its own ETA.
  const rateMBps = 100;
  // Generous: a slow link (the lab's emulated VMs sync at ~2.5 MB/s) must not time out a healthy sync.
  const timeoutMs = Math.max(2 * 3600_000, Math.ceil(d.lv.sizeBytes / 1e6) * 1000);
  const synced = probe(upToDate(i), [is(K.drbd(d.resource, 'synced'), '1')]);
  return {
    id: id('cutover.drbdSynced', 'primary'),
    phase: 'cutover',
    node: 'primary',
    title: on('primary', t('Auf das Ende der DRBD-Synchronisation warten', 'Wait for the DRBD sync to finish')),
    explanation: t(
      'Erst wenn beide Seiten UpToDate sind, kann das Sekundärsystem im Fehlerfall übernehmen. Zeigt den Fortschritt und die verbleibende Zeit der Erstsynchronisation.',
      'Only when both sides are UpToDate can the secondary take over after a failure. Shows the progress and the time left of the initial sync.',
    ),
    check: synced,
    apply: [run(`while ! ${upToDate(i)}; do ${show}; sleep 3; done; ${show}`, [set(K.drbd(d.resource, 'synced'), '1')], { progress: 'drbdSync', timeoutMs })],
    verify: [synced],
    destructive: false,
    expectedDurationS: Math.ceil(d.lv.sizeBytes / (rateMBps * 1e6)),
  };
}
