/**
 * Removing the old data on legacy: only when the user asks, after the failover tests were accepted. Under
 * the cluster's bind mounts legacy's original directories still hold the data as it was before the cut-over
 * (that is what made the rollback possible). Each is reached through a private view of the file system it
 * lives on (never through its path, which shows the cluster volume when the group runs here), checked to be
 * that file system and not the volume, and emptied. The directories themselves stay: they are mount targets.
 */
import { shQuote } from '../shell/quote';
import type { Project } from '../project/schema';
import { AppError } from '../errors';
import { planHash } from './generate';
import { resolveInput } from './inputs/resolve';
import type { Inventory } from './inventorySchema';
import { live, markSet, marked, run, script } from './ops';
import { toStep, type StepSpec } from './spec';
import { id, on, t } from './steps/common';
import type { Plan } from './types';

/** The file system a path lives on, from the mounts the preflight saw BEFORE commissioning. */
export function filesystemOf(mounts: readonly { target: string; source: string; fstype?: string }[], dir: string): { target: string; source: string; fstype?: string } | undefined {
  return [...mounts].filter((m) => dir === m.target || dir.startsWith(m.target === '/' ? '/' : `${m.target}/`)).sort((a, b) => b.target.length - a.target.length)[0];
}

export function legacyCleanupPlan(project: Project, inventory: Inventory): Plan {
  const { input, errors } = resolveInput(project, inventory);
  if (!input) throw new AppError(errors[0]?.key ?? 'commission:errors.planImpossible', errors[0]?.params ?? {});
  const mounts = inventory.nodes.primary?.mounts ?? [];
  const steps: StepSpec[] = [
    {
      id: id('cleanup.clusterServes', 'primary'),
      phase: 'verify',
      node: 'primary',
      title: on('primary', t('Der Cluster bedient die Mail', 'The cluster serves the mail')),
      explanation: t('Vor dem Löschen: die Mailgruppe läuft im Cluster auf dem neuen Datenträger.', 'Before deleting: the mail group runs in the cluster on the new volume.'),
      apply: [],
      verify: [live("crm_resource --locate --resource g_mail 2>&1 | grep -q 'is running on'")],
      destructive: false,
      expectedDurationS: 3,
    },
  ];
  const dirs: [string, string][] = [
    ['vmail', input.data.vmail],
    ['mysql', input.data.mariadb],
    ['spool', input.data.spool],
  ];
  for (const [name, dir] of dirs) {
    const fs = filesystemOf(mounts, dir);
    if (!fs) continue;
    const view = `/run/mail-ha-studio/cleanup/${name}`;
    const own = fs.target === dir;
    const rel = own ? '' : dir.slice(fs.target === '/' ? 1 : fs.target.length + 1);
    const inView = rel ? `${view}/${rel}` : view;
    const open = own ? `mount -o noatime ${shQuote(fs.source)} ${shQuote(view)}` : `mount --bind ${shQuote(fs.target)} ${shQuote(view)}`;
    const done = `cleanup-${name}`;
    steps.push({
      id: id(`cleanup.${name}`, 'primary'),
      phase: 'verify',
      node: 'primary',
      title: on('primary', t(`Alte Daten unter ${dir} löschen`, `Delete the old data under ${dir}`)),
      explanation: t(
        `Löscht den Inhalt des ursprünglichen ${dir} auf dem Altsystem (auf ${fs.source}), der seit der Übernahme nur noch unter dem Bind-Mount des Clusters liegt. Der Schritt prüft vorher, dass er wirklich dieses Dateisystem sieht und nicht den Cluster-Datenträger. Nicht umkehrbar; die Daten liegen danach nur noch im Cluster (und in Ihren Backups).`,
        `Deletes the contents of the original ${dir} on legacy (on ${fs.source}), which since the cut-over only lies under the cluster's bind mount. The step checks first that it really sees that file system and not the cluster volume. Not reversible; afterwards the data lives only in the cluster (and in your backups).`,
      ),
      check: marked(done),
      apply: [
        run(
          script(
            `mkdir -p ${shQuote(view)}`,
            `mountpoint -q ${shQuote(view)} || ${open}`,
            `trap 'umount ${shQuote(view)} 2>/dev/null || true' EXIT`,
            `[ -d ${shQuote(inView)} ] || { echo ${shQuote(`${inView} is missing`)} >&2; exit 3; }`,
            `[ "$(stat -c %d ${shQuote(inView)})" != "$(stat -c %d ${shQuote(`${input.volume.mountPoint}/.`)} 2>/dev/null)" ] || { echo 'this is the cluster volume, refusing' >&2; exit 3; }`,
            `[ ! -e ${shQuote(`${inView}/../.mail-ha-studio-volume`)} ] || { echo 'this is the cluster volume, refusing' >&2; exit 3; }`,
            `du -sh ${shQuote(inView)} || true`,
            `find ${shQuote(inView)} -mindepth 1 -delete`,
          ),
          [],
          { timeoutMs: 6 * 3600_000 },
        ),
        markSet(done),
      ],
      verify: [marked(done)],
      destructive: true,
      expectedDurationS: 30,
    });
  }
  const plain = steps.map(toStep);
  return {
    hash: planHash(plain),
    steps: plain,
    notices: [{ level: 'warning', text: t('Löscht die alten Maildaten auf dem Altsystem endgültig.', 'Deletes the old mail data on legacy for good.') }],
    summary: {
      replication: input.replication,
      quorum: input.quorum,
      fencing: input.fencing,
      nodes: ['primary'],
      vip: input.vip.cidr,
      vipName: input.vipName,
      clusterName: input.clusterName,
    },
  };
}
