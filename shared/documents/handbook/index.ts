/**
 * Betriebshandbuch as built: document control, purpose, topology, components and versions, contacts,
 * routine operation with the cluster's real names, monitoring, backup and restore, archiving, runbooks,
 * emergency and restart plan, measured failover results, the configuration as read from the nodes.
 * Reads the live cluster when it was reachable, else the project, and says which.
 */
import { assemble, type SectionBodies } from '../assemble';
import type { BuildContext } from '../context';
import { figureCaption, tableCaption } from '../context';
import { frame } from '../frame';
import { b, col, type Block, type Cover, type DocModel } from '../model';
import { outlines } from '../outline';
import { contactsTable } from '../proposal';
import { pending, who } from '../prose';
import { topologyChart, clusterRoles, nodeAddress, nodeName, usesQdevice } from '../topology';
import { configBlocks } from '../report/back';
import { backupBodies } from './backup';
import { clusterNames } from './names';
import { operationBodies } from './operation';
import { runbookBodies } from './runbooks';
import { componentRows } from './versions';
import { resourceNames, serviceDeps, serviceId } from '../../commission/names';

/** The mail services the handbook's planned-resources table lists, in start order. */
const HANDBOOK_UNITS = ['mariadb', 'dovecot', 'postfix'];

const bodies: SectionBodies = {
  'handbook.control': (c) => controlBlocks(c),
  'handbook.purpose': (c) => {
    const n = clusterNames(c);
    const s = c.src.project.commission.settings;
    return [b.p(c.d('handbook.purpose', { cluster: n.cluster, customer: who(c).customer || c.d('prose.theCustomer'), nodes: n.nodes.join(', '), vip: s.vip ?? c.d('acceptance.vipOpen') })), b.p(c.d('handbook.audience'))];
  },
  'handbook.topology': (c) => {
    const roles = clusterRoles(c);
    const live = c.src.live?.ok ? c.src.live.cluster : undefined;
    // The same address as in the diagram: the live cluster's link 0, else the one commissioning configures.
    const rows = roles.map((r, i) => [live?.nodes[i]?.name ?? nodeName(c, r), c.d(`roles.${r}Long`), live?.nodes[i]?.address ?? nodeAddress(c, r) ?? '–']);
    if (usesQdevice(c)) rows.push([nodeName(c, 'witness'), c.d('roles.witnessLong'), nodeAddress(c, 'witness') ?? '–']);
    const s = c.src.project.commission.settings;
    return [
      b.chart(topologyChart(c), figureCaption(c, c.d('report.captionTopology'))),
      b.table([col(c.d('handbook.colNode'), 2), col(c.d('handbook.colRole'), 2.5), col(c.d('handbook.colAddress'), 2)], rows, { caption: tableCaption(c, c.d('handbook.captionNodes')) }),
      b.kv([
        [c.d('handbook.vip'), s.vip ? `${s.vip}${s.vipName ? ` (${s.vipName})` : ''}` : c.d('handbook.notSet')],
        [c.d('handbook.clusterName'), clusterNames(c).cluster],
        [c.d('handbook.mount'), `${s.mountPoint} (${s.fsType})`],
      ]),
    ];
  },
  'handbook.components': (c) => {
    const rows = componentRows(c);
    return [
      b.p(c.d(c.src.live?.ok ? 'handbook.versionsLive' : 'handbook.versionsProject')),
      b.table([col(c.d('handbook.colComponent'), 2), col(c.d('handbook.colVersion'), 2), col(c.d('handbook.colSource'), 2.5)], rows, { caption: tableCaption(c, c.d('handbook.captionVersions')) }),
      ...resourceBlocks(c),
      ...securityBlocks(c),
    ];
  },
  'handbook.contacts': (c) => {
    const esc = c.src.project.meta.contacts.filter((x) => x.escalation !== undefined && x.name.trim()).sort((a, b2) => a.escalation! - b2.escalation!);
    const out: Block[] = [contactsTable(c)];
    if (esc.length) {
      out.push(b.p(c.d('handbook.escalationLead')));
      out.push(b.bullets(esc.map((x) => c.d('handbook.escalationItem', { level: x.escalation!, name: x.name, role: x.role || '–', reach: x.reach || '–' }))));
    } else out.push(pending(c, 'escalation'));
    return out;
  },
  ...operationBodies,
  ...backupBodies,
  ...runbookBodies,
  'handbook.configuration': (c) => configBlocks(c),
};

/** The cluster's resources, constraints and fencing: as read from the CIB, else as the plan names them. */
function resourceBlocks(c: BuildContext): Block[] {
  const live = c.src.live?.ok ? c.src.live.cluster : undefined;
  const out: Block[] = [];
  if (live) {
    out.push(b.table(
      [col(c.d('handbook.colResource'), 2), col(c.d('handbook.colAgent'), 2.4), col(c.d('handbook.colGroup'), 1.5), col(c.d('handbook.colRunsOn'), 1.8)],
      live.resources.map((r) => [r.id, r.agent, r.group ?? '–', [r.node, r.role].filter(Boolean).join(', ') || '–']),
      { caption: tableCaption(c, c.d('handbook.captionResources', { at: c.fmt.dateTime(live.readAt) })) },
    ));
    if (live.constraints.length) out.push(b.code(live.constraints, c.d('handbook.captionConstraints')));
    out.push(b.p(live.stonith.length ? c.d('handbook.stonithLive', { devices: live.stonith.map((x) => `${x.id} (${x.agent})`).join(', ') }) : c.d('handbook.noStonithLive'), live.stonith.length ? undefined : 'warning'));
    return out;
  }
  const n = resourceNames(c.src.project);
  const rows: string[][] = [
    ...(n.drbdClone ? [[n.drbdClone, c.d('handbook.res.drbdClone', { drbd: n.drbd ?? '', resource: n.drbdResource ?? '' })]] : []),
    [n.group, c.d('handbook.res.group', { members: n.fs })],
    ...n.binds.map((x) => [x, c.d('handbook.res.bind', { group: n.group })]),
    [n.vip, c.d('handbook.res.vip', { group: n.group })],
    ...HANDBOOK_UNITS.map((u) => [serviceId(u), c.d('handbook.res.service', { group: n.group, after: [...n.binds, n.vip, ...serviceDeps(HANDBOOK_UNITS, u).map(serviceId)].join(', ') })]),
    ...n.stonith.map((x) => [x, c.d('handbook.res.stonith')]),
  ];
  out.push(b.p(c.d('handbook.resourcesPlanned')), b.table([col(c.d('handbook.colResource'), 1.5), col(c.d('handbook.colMeaning'), 5)], rows, { caption: tableCaption(c, c.d('handbook.captionResourcesPlanned')) }));
  const fencing = c.src.plan.inputs.planning.quorumFencing.fencing.map((f) => c.t(`planning:quorumFencing.options.${f}.label`)).join(', ');
  out.push(b.p(c.d('handbook.fencingPlanned', { fencing })));
  return out;
}

/** Listening ports and fail2ban jails as read from the node (the firewall's real state, not the plan). */
function securityBlocks(c: BuildContext): Block[] {
  const live = c.src.live?.ok ? c.src.live.cluster : undefined;
  if (!live) return [pending(c, 'portsFromCluster')];
  const out: Block[] = [];
  if (live.openPorts?.length) out.push(b.p(c.d('handbook.ports', { ports: live.openPorts.map((x) => `${x.port}/${x.proto}`).join(', ') })));
  out.push(b.p(live.fail2banJails?.length ? c.d('handbook.jails', { jails: live.fail2banJails.join(', ') }) : c.d('handbook.noJails'), live.fail2banJails?.length ? undefined : 'warning'));
  return out;
}

export function buildHandbook(c: BuildContext): DocModel {
  const o = outlines.handbook;
  const blocks: Block[] = [...assemble(c, o.slice(0, 1), bodies), { kind: 'toc', title: c.d('common.contents') }, ...assemble(c, o.slice(1), bodies)];
  return frame(c, blocks, { cover: handbookCover(c) });
}

function handbookCover(c: BuildContext): Cover {
  const w = who(c);
  const n = clusterNames(c);
  return {
    overline: [w.customer, c.d('cover.handbookOverline')].filter(Boolean).join(' – '),
    title: c.d('cover.handbookTitle', { cluster: n.cluster }),
    subtitle: w.title || c.d('kinds.handbook'),
    lines: [
      [c.d('handbook.version'), c.src.project.documents.handbookVersion],
      [c.d('handbook.date'), c.fmt.date(c.src.generatedAt)],
      [c.d('handbook.author'), [w.trainee, w.company].filter(Boolean).join(', ')],
      [c.d('handbook.sourceLabel'), sourceText(c)],
    ],
  };
}

/** Which data the handbook is built from, in one line (cover, document control). */
export function sourceText(c: BuildContext): string {
  const l = c.src.live;
  if (l?.ok) return c.d('handbook.sourceLive', { at: c.fmt.dateTime(l.cluster.readAt) });
  if (l && !l.ok) return c.d('handbook.sourceUnreachable', { error: c.t(l.error.code, { ...l.error.params }) });
  return c.d('handbook.sourceProject');
}

function controlBlocks(c: BuildContext): Block[] {
  const w = who(c);
  const n = clusterNames(c);
  const out: Block[] = [
    b.kv([
      [c.d('handbook.version'), c.src.project.documents.handbookVersion],
      [c.d('handbook.date'), c.fmt.dateTime(c.src.generatedAt)],
      [c.d('handbook.author'), [w.trainee, w.company].filter(Boolean).join(', ') || '–'],
      [c.d('handbook.customer'), w.customer || '–'],
      [c.d('handbook.clusterName'), n.cluster],
      [c.d('handbook.sourceLabel'), sourceText(c)],
      [c.d('handbook.generator'), `Mail HA Studio ${c.src.appVersion}`],
    ]),
  ];
  if (!c.src.live?.ok) out.push(b.p(c.d('handbook.notLive'), 'note'));
  if (n.placeholders) out.push(b.p(c.d('handbook.placeholders'), 'note'));
  return out;
}
