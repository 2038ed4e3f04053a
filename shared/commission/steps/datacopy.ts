/**
 * dataCopy: the live pre-copy. The new volume is mounted on the primary by hand (Pacemaker takes it over
 * at the cut-over) and the mail store, the MariaDB datadir and the Postfix queue are copied while legacy
 * keeps serving. What changes meanwhile is copied again in the cut-over's short final pass, so the outage
 * lasts only as long as the delta. The old data is only read, never changed.
 */
import { shCommand, shQuote } from '../../shell/quote';
import type { PlanInput } from '../inputs/types';
import { K, isMounted, isNot, marked, mount, orMark, probe, run, set, umount } from '../ops';
import type { ModelRun, StepSpec } from '../spec';
import { id, on, t } from './common';
import { PUSHED } from './replication';

export const VOLUME_MARKER = '.mail-ha-studio-volume';

/** rsync that keeps owners by number, hard links, ACLs and xattrs, and deletes what vanished at the source. */
export function copyDir(from: string, to: string, pass: 'pre' | 'final'): ModelRun {
  return run(
    shCommand(['rsync', '-aHAX', '--numeric-ids', '--delete', '--no-inc-recursive', '--info=progress2', `${from}/`, `${to}/`]),
    [set(K.vol(to), `${pass}:${from}`)],
    { progress: 'rsync', timeoutMs: 24 * 3600_000 },
  );
}

export const dataPairs = (i: PlanInput) =>
  [
    [i.data.vmail, i.onVolume.vmail],
    [i.data.mariadb, i.onVolume.mariadb],
    [i.data.spool, i.onVolume.spool],
  ] as const;

export function dataCopySteps(i: PlanInput): StepSpec[] {
  const mp = i.volume.mountPoint;
  const mounted = isMounted(mp, i.volume.device);
  const subdirs = [i.onVolume.vmail, i.onVolume.mariadb, i.onVolume.spool];
  return [
    {
      id: id('dataCopy.mount', 'primary'),
      phase: 'dataCopy',
      node: 'primary',
      title: on('primary', t(`Neuen Datenträger unter ${mp} einhängen`, `Mount the new volume at ${mp}`)),
      explanation: t(
        `Hängt ${i.volume.device} für das Kopieren unter ${mp} ein und legt dort vmail, mysql und postfix an. Bis zur Übernahme hängt nur der Plan den Datenträger ein; danach nur noch Pacemaker auf dem aktiven Knoten.`,
        `Mounts ${i.volume.device} at ${mp} for the copy and creates vmail, mysql and postfix there. Until the cut-over only the plan mounts the volume; afterwards only Pacemaker on the active node.`,
      ),
      check: orMark(PUSHED, mounted),
      apply: [
        mount(i.volume.device, mp, i.volume.fsType),
        run(`mkdir -p ${subdirs.map(shQuote).join(' ')} && touch ${shQuote(`${mp}/${VOLUME_MARKER}`)}`, subdirs.map((d) => set(K.vol(d), 'dir'))),
      ],
      verify: [orMark(PUSHED, mounted)],
      rollback: [umount(mp)],
      destructive: false,
      expectedDurationS: 3,
    },
    {
      id: id('dataCopy.preCopy', 'primary'),
      phase: 'dataCopy',
      node: 'primary',
      title: on('primary', t('Maildaten im laufenden Betrieb vorkopieren', 'Pre-copy the mail data while legacy serves')),
      explanation: t(
        `Kopiert ${i.data.vmail}, ${i.data.mariadb} und ${i.data.spool} mit rsync auf den neuen Datenträger, während der Mailserver weiterläuft (Besitzer als Nummern, Hardlinks, ACLs, erweiterte Attribute). Die Datenbankdateien sind dabei noch nicht konsistent; das macht der zweite, kurze Durchgang bei gestoppten Diensten. Die Originale werden nur gelesen.`,
        `Copies ${i.data.vmail}, ${i.data.mariadb} and ${i.data.spool} onto the new volume with rsync while the mail server keeps running (owners by number, hard links, ACLs, extended attributes). The database files are not consistent yet; the second, short pass with the services stopped makes them so. The originals are only read.`,
      ),
      // Once the cluster runs on the volume, copying the old data again would overwrite newer mail.
      check: marked(PUSHED),
      apply: dataPairs(i).map(([from, to]) => copyDir(from, to, 'pre')),
      verify: [orMark(PUSHED, probe(subdirs.map((d) => `[ -d ${shQuote(d)} ]`).join(' && '), subdirs.map((d) => isNot(K.vol(d), null))))],
      destructive: false,
      expectedDurationS: 60,
    },
  ];
}
