/**
 * cutover.parkMounts: legacy's own data file systems (e.g. an LV in /etc/fstab mounted at /var/lib/mysql)
 * leave the boot sequence once their data is copied. Otherwise a reboot of legacy - a fence, a power cut -
 * mounts the old, stale data again exactly where Pacemaker binds the cluster's volume: the Filesystem monitor
 * then sees the bind "running" on legacy too (seen on the vm lab after a fence: p_bind_vmail started on both
 * nodes), and a MariaDB started there would read the old tables. The data itself stays on its LV untouched
 * until the user asks to remove it after the acceptance tests. A no-op where the data dirs are no mounts.
 */
import { shQuote } from '../../shell/quote';
import type { PlanInput } from '../inputs/types';
import { probe, run, script } from '../ops';
import type { StepSpec } from '../spec';
import { id, on, t } from './common';

const FSTAB = '/etc/fstab';
/** dir, device, fstype, options per parked mount (tab-separated): what the rollback mounts again. */
export const PARKED = '/var/lib/mail-ha-studio/parked-mounts';

export interface ParkPaths {
  dirs: readonly string[];
  fstab: string;
  parked: string;
  /** What makes systemd read the changed fstab. */
  reload: string;
}

/**
 * awk over fstab running `action` on the lines that still mount one of `dirs` at boot (not commented, not
 * noauto), then `rest` on every line: the one selection the check, the record and the edit share.
 */
function onActiveEntries(p: ParkPaths, action: string, rest = ''): string {
  const awk = `BEGIN { n = split(dirs, a, " "); for (i = 1; i <= n; i++) w[a[i]] = 1 } $1 !~ /^#/ && ($2 in w) && $4 !~ /(^|,)noauto(,|$)/ { ${action} }${rest ? ` ${rest}` : ''}`;
  return `awk -v dirs=${shQuote(p.dirs.join(' '))} ${shQuote(awk)} ${shQuote(p.fstab)}`;
}

/** Those lines as "dir<TAB>dev<TAB>fs<TAB>opts". */
const activeEntries = (p: ParkPaths) => onActiveEntries(p, 'print $2 "\\t" $1 "\\t" $3 "\\t" $4');

/** The step's three scripts: done?, park (unmount + noauto), mount again (rollback, before fstab's restore). */
export function parkScripts(p: ParkPaths): { check: string; apply: string; remount: string } {
  const fstab = shQuote(p.fstab);
  const parked = shQuote(p.parked);
  const edited = shQuote(`${p.fstab}.mhs-new`);
  const apply = script(
    `mkdir -p ${shQuote(p.parked.replace(/\/[^/]+$/, '') || '/')}`,
    `${activeEntries(p)} | while IFS="$(printf '\\t')" read -r d dev fs opts; do`,
    `  awk -F '\\t' -v d="$d" '$1 == d { f = 1 } END { exit !f }' ${parked} 2>/dev/null || printf '%s\\t%s\\t%s\\t%s\\n' "$d" "$dev" "$fs" "$opts" >> ${parked}`,
    // Only the old file system itself is unmounted (same device numbers), never a bind Pacemaker put there.
    '  case "$dev" in UUID=*|LABEL=*|PARTUUID=*|PARTLABEL=*) path=$(findfs "$dev" 2>/dev/null) || path=none ;; *) path=$dev ;; esac',
    `  if [ -b "$path" ]; then want=$(printf '%d:%d' "0x$(stat -L -c %t "$path")" "0x$(stat -L -c %T "$path")"); else want=none; fi`,
    '  if [ "$(mountpoint -d "$d" 2>/dev/null)" = "$want" ]; then umount "$d"; fi',
    'done',
    `${onActiveEntries(p, '$4 = $4 ",noauto"', '{ print }')} > ${edited}`,
    `chmod 644 ${edited} && mv ${edited} ${fstab}`,
    p.reload,
  );
  const remount = script(
    `[ -f ${parked} ] || exit 0`,
    `while IFS="$(printf '\\t')" read -r d dev fs opts; do mountpoint -q "$d" || mount -t "$fs" -o "$opts" "$dev" "$d"; done < ${parked}`,
    `rm -f ${parked}`,
  );
  return { check: `[ -z "$(${activeEntries(p)})" ]`, apply, remount };
}

export function parkLegacyMountsStep(i: PlanInput): StepSpec {
  const dirs = [...new Set([i.data.vmail, i.data.mariadb, i.data.spool])];
  const s = parkScripts({ dirs, fstab: FSTAB, parked: PARKED, reload: 'systemctl daemon-reload' });
  const check = probe(s.check, []);
  return {
    id: id('cutover.parkMounts', 'primary'),
    phase: 'cutover',
    node: 'primary',
    title: on('primary', t('Alte Datenpartitionen aus dem Systemstart nehmen', "Take legacy's old data partitions out of the boot sequence")),
    explanation: t(
      `Hängt die bisherigen Datenpartitionen unter ${dirs.join(', ')} aus (ihr Inhalt ist kopiert und verglichen) und setzt ihre Zeilen in ${FSTAB} auf noauto. Sonst hinge ein Neustart des Altsystems (Fencing, Stromausfall) den alten Stand genau dort wieder ein, wo Pacemaker den Cluster-Datenträger einbindet: Pacemaker sähe die Einbindung auf beiden Knoten und eine Datenbank könnte alte Tabellen lesen. Die alten Daten bleiben unverändert liegen, bis sie nach den Abnahmetests auf Wunsch gelöscht werden. Der Rollback hängt sie wieder ein. Wo die Datenverzeichnisse keine eigenen Partitionen sind, ist nichts zu tun.`,
      `Unmounts the old data partitions under ${dirs.join(', ')} (their content is copied and compared) and sets their lines in ${FSTAB} to noauto. Otherwise a reboot of legacy (fencing, a power cut) would mount the old state again exactly where Pacemaker binds the cluster's volume: Pacemaker would see the bind on both nodes and a database could read old tables. The old data stays as it is until it is deleted on request after the acceptance tests. The rollback mounts it again. Where the data directories are no partitions of their own there is nothing to do.`,
    ),
    check,
    apply: [run(s.apply, [])],
    verify: [check],
    rollback: [run(s.remount, [])],
    destructive: true,
    expectedDurationS: 3,
    backupPaths: [FSTAB],
  };
}
