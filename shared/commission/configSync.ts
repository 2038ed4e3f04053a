/**
 * The re-runnable config sync ("Konfiguration des Sekundärservers nach dem Vorbild des Primärsystems") and
 * the drift check between the nodes. Both take the primary's files as the model, as the inventory lists
 * them: the executor refreshes the primary's inventory right before (its files may have changed since the
 * preflight, e.g. main.cf at the cut-over), so the reference is what the primary has now.
 */
import { shQuote } from '../shell/quote';
import type { Project } from '../project/schema';
import { resolveInput } from './inputs/resolve';
import type { PlanInput } from './inputs/types';
import type { Inventory } from './inventorySchema';
import { run } from './ops';
import type { StepSpec } from './spec';
import { toStep } from './spec';
import { id, on, t } from './steps/common';
import { configSyncStep } from './steps/configs';
import { planHash } from './generate';
import type { L10n, NodeRole, Plan, Probe } from './types';

/** The nodes that take over the primary's configuration: the other nodes that may run the mail services. */
function targets(project: Project, inventory: Inventory, input: PlanInput | undefined): NodeRole[] {
  if (input) return input.nodes.filter((n) => n.canHost && n.role !== 'primary').map((n) => n.role);
  return (['secondary'] as NodeRole[]).filter((r) => project.hosts[r] && inventory.nodes[r]);
}

/** The part of the plan input the config sync needs, also when the full plan cannot be made any more. */
function syncInput(project: Project, inventory: Inventory): PlanInput | undefined {
  return resolveInput(project, inventory).input;
}

export function configSyncPlan(project: Project, inventory: Inventory): Plan {
  const input = syncInput(project, inventory);
  const primary = inventory.nodes.primary;
  const files = (primary?.configFiles ?? []).map((f) => ({
    path: f.path,
    kind: f.kind,
    ...(f.linkTarget ? { linkTarget: f.linkTarget } : {}),
    mode: f.mode ?? '0644',
    owner: f.owner ?? 'root:root',
    secret: f.kind === 'file' && (parseInt(f.mode ?? '644', 8) & 0o004) === 0,
  }));
  const base = {
    configFiles: files,
    postfix: { inetProtocols: 'all', postmapTables: primary?.mailConfig.postmapTables ?? [], aliasDatabases: primary?.mailConfig.aliasDatabases ?? [] },
    replacesConfigOn: ['secondary', 'node3'] as NodeRole[],
  } as Pick<PlanInput, 'configFiles' | 'postfix' | 'replacesConfigOn'>;
  const steps: StepSpec[] = [];
  for (const role of targets(project, inventory, input)) {
    steps.push(configSyncStep(base as PlanInput, role, 'sync.configs'));
    // Where the mail services run right now, they read the new files only after a reload.
    steps.push({
      id: id('sync.reload', role),
      phase: 'packages',
      node: role,
      title: on(role, t('Laufende Maildienste neu laden', 'Reload the running mail services')),
      explanation: t(
        'Läuft die Mailgruppe gerade auf diesem Knoten, lädt der Schritt Postfix und Dovecot neu, damit sie die übernommenen Dateien lesen; sonst tut er nichts.',
        'If the mail group runs on this node right now, the step reloads Postfix and Dovecot so they read the files taken over; otherwise it does nothing.',
      ),
      apply: [
        run(
          "for u in postfix@-.service dovecot.service; do if systemctl is-active -q \"$u\"; then systemctl reload \"$u\"; echo \"reloaded $u\"; fi; done",
          [],
        ),
      ],
      verify: [],
      destructive: false,
      expectedDurationS: 3,
    });
  }
  const plain = steps.map(toStep);
  return {
    hash: planHash(plain),
    steps: plain,
    notices: [],
    summary: {
      replication: input?.replication ?? 'drbd',
      quorum: input?.quorum ?? 'twoNode',
      fencing: input?.fencing ?? [],
      nodes: ['primary', ...targets(project, inventory, input)],
      vip: input?.vip.cidr ?? project.commission.settings.vip ?? '',
      vipName: input?.vipName ?? project.commission.settings.vipName ?? '',
      clusterName: project.commission.settings.clusterName,
    },
  };
}

export interface DriftProbe {
  id: string;
  node: NodeRole;
  title?: L10n;
  /** Exit 0: the node's files equal the primary's; the output names each file that differs. */
  probe: Probe;
}

/**
 * Per node that should equal the primary: one probe comparing its files with the primary's checksums as the
 * inventory has them (a file missing or different is printed; a symlink must point to the same target).
 */
export function driftProbes(project: Project, inventory: Inventory): DriftProbe[] {
  const input = syncInput(project, inventory);
  const files = inventory.nodes.primary?.configFiles ?? [];
  return targets(project, inventory, input).map((role) => {
    const lines = files.map((f) =>
      f.kind === 'link'
        ? `[ "$(readlink ${shQuote(f.path)} 2>/dev/null)" = ${shQuote(f.linkTarget ?? '')} ] || { echo ${shQuote(`differs: ${f.path} (symlink)`)}; bad=1; }`
        : `[ "$(sha256sum < ${shQuote(f.path)} 2>/dev/null | cut -c1-64)" = ${shQuote(f.sha256 ?? '')} ] || { echo ${shQuote(`differs: ${f.path}`)}; bad=1; }`,
    );
    return {
      id: id('drift.configs', role),
      node: role,
      title: t(`Konfiguration gleich wie auf dem Primärsystem (${files.length} Dateien)`, `Configuration equal to the primary's (${files.length} files)`),
      probe: { command: ['bad=0', ...lines, `[ "$bad" = 0 ] && echo ${shQuote(`all ${files.length} files equal the primary's`)}`, '[ "$bad" = 0 ]'].join('\n'), timeoutMs: 60_000 },
    };
  });
}
