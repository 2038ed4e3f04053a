/**
 * storage: the block devices as decided. DRBD: a new LV cut from the primary's free extents (and one on the
 * secondary when it has a volume group; else its free disk is used as it is). Shared LUN: one file system
 * on the LUN, made once on the primary; only the active node mounts it (Pacemaker's Filesystem resource).
 * Every node that may run the mail services gets the mount point and the directories the data is bound onto.
 */
import type { PlanInput } from '../inputs/types';
import { accountsExist, accountsUndo, dirs, hasLabel, lvCreate, lvExists, lvRemove, mkfs, wipeOurFs } from '../ops';
import { together, type StepSpec } from '../spec';
import { id, on, stamp, t } from './common';

const GiB = 2 ** 30;
const gib = (b: number) => (Math.round((b / GiB) * 100) / 100).toString();

export function storageSteps(i: PlanInput): StepSpec[] {
  const steps: StepSpec[] = [];
  if (i.drbd) {
    const lvs = [{ role: 'primary' as const, lv: i.drbd.lv }, ...(i.drbd.secondaryLv ? [{ role: 'secondary' as const, lv: i.drbd.secondaryLv }] : [])];
    for (const { role, lv } of lvs) {
      const check = lvExists(lv.vg, lv.name, lv.sizeBytes);
      steps.push({
        id: id('storage.lv', role),
        phase: 'storage',
        node: role,
        title: on(role, t(`Logisches Volume ${lv.vg}/${lv.name} anlegen (${gib(lv.sizeBytes)} GiB)`, `Create the logical volume ${lv.vg}/${lv.name} (${gib(lv.sizeBytes)} GiB)`)),
        explanation: t(
          `Schneidet aus den freien Extents der Volume Group ${lv.vg} ein neues LV für DRBD (${gib(lv.sizeBytes)} GiB). Bestehende LVs und die Daten darauf bleiben unberührt; alte Signaturen im freien Bereich werden gelöscht.`,
          `Cuts a new LV for DRBD (${gib(lv.sizeBytes)} GiB) from the free extents of volume group ${lv.vg}. Existing LVs and their data stay untouched; old signatures in the free space are wiped.`,
        ),
        check,
        apply: [lvCreate(lv.vg, lv.name, lv.sizeBytes)],
        verify: [check],
        rollback: [lvRemove(lv.vg, lv.name)],
        destructive: false,
        expectedDurationS: 5,
      });
    }
  }
  if (i.shared) {
    const dev = i.shared.device;
    const check = hasLabel(dev, i.volume.label, i.volume.fsType);
    steps.push({
      id: id('storage.mkfs', 'primary'),
      phase: 'storage',
      node: 'primary',
      title: on('primary', t(`Dateisystem auf dem gemeinsamen Speicher ${dev} anlegen`, `Make the file system on the shared storage ${dev}`)),
      explanation: t(
        `Legt auf der LUN ${dev} ein ${i.volume.fsType}-Dateisystem mit dem Label ${i.volume.label} an. Ein Gerät, auf dem schon etwas liegt (Dateisystem, LVM, RAID), lehnt der Schritt ab. Es gibt genau ein Dateisystem, und immer nur der aktive Knoten hängt es ein: ein zweites Einhängen würde es zerstören.`,
        `Makes an ${i.volume.fsType} file system labelled ${i.volume.label} on the LUN ${dev}. A device that already holds anything (file system, LVM, RAID) is refused. There is exactly one file system, and only the active node ever mounts it: mounting it twice would destroy it.`,
      ),
      check,
      apply: [mkfs(dev, i.volume.fsType, i.volume.label)],
      verify: [check],
      rollback: [wipeOurFs(dev, i.volume.label)],
      destructive: false,
      expectedDurationS: 10,
    });
  }
  const mounts: StepSpec[] = [];
  for (const n of i.nodes.filter((x) => x.canHost)) {
    const st = stamp(`dirs-${n.role}`);
    // On the primary the data directories exist; elsewhere they are only the targets the volume is bound onto.
    const paths = [i.volume.mountPoint, ...(n.role === 'primary' ? [] : [i.data.vmail, i.data.mariadb, i.data.spool])];
    const check = accountsExist([], [], paths);
    mounts.push({
      id: id('storage.mountpoints', n.role),
      phase: 'storage',
      node: n.role,
      title: on(n.role, t('Einhängepunkte anlegen', 'Create the mount points')),
      explanation: t(
        `Legt ${paths.join(', ')} an, wo sie fehlen. Der aktive Knoten hängt den Datenträger unter ${i.volume.mountPoint} ein und bindet dessen Verzeichnisse auf ${i.data.vmail}, ${i.data.mariadb} und ${i.data.spool}: so bleiben alle Pfade in der Konfiguration, wie sie sind.`,
        `Creates ${paths.join(', ')} where missing. The active node mounts the volume at ${i.volume.mountPoint} and binds its directories onto ${i.data.vmail}, ${i.data.mariadb} and ${i.data.spool}: so every path in the configuration stays as it is.`,
      ),
      check,
      apply: [dirs(st, '0755', 'root:root', paths)],
      verify: [check],
      rollback: [accountsUndo(st)],
      destructive: false,
      expectedDurationS: 2,
    });
  }
  return [...steps, ...together('storage.mountpoints', mounts)];
}
