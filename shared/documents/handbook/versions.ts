import { planRoles } from '../../commission/names';
import type { BuildContext } from '../context';

/** Debian's package versions of the cluster stack (packages.debian.org), for handbooks made without a live cluster. */
const debianVersions: Record<string, Record<string, string>> = {
  bookworm: { pacemaker: '2.1.5', corosync: '3.1.7', 'corosync-qdevice': '3.0.3', crmsh: '4.4.1', 'resource-agents': '4.12', 'drbd-utils': '9.22.0', sbd: '1.5.2', postfix: '3.7', dovecot: '2.3.19', mariadb: '10.11' },
  trixie: { pacemaker: '3.0.0', corosync: '3.1.9', 'corosync-qdevice': '3.0.3', crmsh: '5.0', 'resource-agents': '4.16', 'drbd-utils': '9.22.0', sbd: '1.5.2', postfix: '3.10', dovecot: '2.4.1', mariadb: '11.8' },
};

const stack = ['pacemaker', 'corosync', 'corosync-qdevice', 'crmsh', 'resource-agents', 'drbd-utils', 'sbd'];
const packageOf: Record<string, string> = { postfix: 'postfix', dovecot: 'dovecot-core', mariadb: 'mariadb-server' };

/** Component | version | where the version comes from. */
export function componentRows(c: BuildContext): string[][] {
  const live = c.src.live?.ok ? c.src.live.cluster : undefined;
  if (live?.versions.length) return live.versions.map((v) => [v.name, v.version, c.d('handbook.fromCluster')]);
  const f = c.src.project.facts;
  const rows: string[][] = [];
  const codename = f?.os?.codename ?? c.src.project.commission.inventory?.nodes.primary?.osCodename ?? 'bookworm';
  const expected = debianVersions[codename] ?? debianVersions.bookworm!;
  const label = c.d('handbook.fromDebian', { release: codename });
  if (f?.os?.prettyName) rows.push(['Debian', f.os.prettyName, c.d('handbook.fromFacts')]);
  if (f?.os?.kernel) rows.push(['Linux', f.os.kernel, c.d('handbook.fromFacts')]);
  const installed = new Map((f?.os?.packages ?? []).filter((p) => p.installed && p.version).map((p) => [p.name, p.version!]));
  for (const [name, version] of [['postfix', f?.postfix?.version], ['dovecot', f?.dovecot?.version], ['mariadb', f?.mariadb?.version]] as const) {
    const pkg = installed.get(packageOf[name]!);
    if (version || pkg) rows.push([name, (version ?? pkg)!, c.d('handbook.fromFacts')]);
    else rows.push([name, expected[name] ?? '–', label]);
  }
  // Only what this cluster's plan installs: no DRBD tools beside a shared LUN, no SBD without SBD fencing.
  const roles = planRoles(c.src.project);
  const uses: Record<string, boolean> = {
    'corosync-qdevice': roles.quorum === 'qdevice',
    'drbd-utils': roles.replication !== 'shared',
    sbd: c.src.project.planning.quorumFencing.fencing.includes('sbdDisk'),
  };
  for (const name of stack.filter((n) => uses[n] ?? true)) {
    const pkg = installed.get(name);
    rows.push([name, pkg ?? expected[name] ?? '–', pkg ? c.d('handbook.fromFacts') : label]);
  }
  const drbd = c.src.project.commission.inventory?.nodes.primary?.drbdModuleVersion ?? f?.cluster?.drbd?.kernelVersion;
  if (drbd) rows.push([c.d('handbook.drbdModule'), drbd, c.d('handbook.fromInventory')]);
  return rows;
}
