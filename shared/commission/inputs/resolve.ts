/**
 * Project + inventory -> PlanInput, or the list of what is missing before a plan can be made. Pure; every
 * problem is an error value whose key is an i18n key (commission:errors.* or the planning rules' keys).
 */
import { validateQuorumFencing } from '../../planning/quorum';
import type { Project } from '../../project/schema';
import type { Inventory } from '../inventorySchema';
import type { NodeRole, PlanNotice } from '../types';
import { resolveAccounts } from './accounts';
import { chosenReplication, planRoles } from './roles';
import { roleDative, roleName } from '../steps/common';
import { resolveDataDirs } from './dataDirs';
import { interfaceInSubnet, nodeAddresses, proposeLinks, subnetOf } from './links';
import { HARDENING_PACKAGES, haPackages, mailPackages, mailUnits } from './packages';
import { resolveDrbd, resolveShared, VOLUME_LABEL } from './storage';
import type { ClusterNode, PlanError, PlanInput, ResolvedLink } from './types';

const SUPPORTED_FENCING = new Set(['none', 'ipmi', 'sbdDisk', 'sbdDiskless', 'drbdResourceFencing', 'fenceDelay']);
const STANDARD_MAIL_PORTS = [25, 465, 587, 110, 995, 143, 993];

export function resolveInput(project: Project, inventory: Inventory | undefined): { input?: PlanInput; errors: PlanError[] } {
  const errors: PlanError[] = [];
  const notices: PlanNotice[] = [];
  const s = project.commission.settings;
  const qf = project.planning.quorumFencing;
  const facts = project.facts;
  const inv = inventory ?? { nodes: {} };

  if (!facts) errors.push({ key: 'commission:errors.noFacts' });
  // quorum topology
  const roles = planRoles(project);
  const quorum = roles.quorum;
  if (qf.nodeCount > 3) errors.push({ key: 'commission:errors.tooManyNodes', params: { nodeCount: qf.nodeCount } });
  if (quorum === 'thirdNode' && qf.nodeCount !== 3) errors.push({ key: 'commission:errors.thirdNodeNeedsThree', params: { nodeCount: qf.nodeCount } });
  if (quorum !== 'thirdNode' && qf.nodeCount !== 2) errors.push({ key: 'commission:errors.twoNodesOnly', params: { nodeCount: qf.nodeCount } });
  for (const i of validateQuorumFencing(qf).issues) if (i.severity === 'error') errors.push({ key: i.key, ...(i.params ? { params: i.params } : {}) });
  for (const f of qf.fencing) if (!SUPPORTED_FENCING.has(f)) errors.push({ key: 'commission:errors.fencingUnsupported', params: { method: f } });

  const replication = roles.replication;
  if (!replication) errors.push({ key: 'commission:errors.replicationUnsupported', params: { choice: chosenReplication(project) ?? '' } });

  const memberRoles = roles.members;
  const allRoles = roles.all;
  for (const r of allRoles) {
    if (!project.hosts[r]) errors.push({ key: 'commission:errors.noHost', params: { node: r } });
    if (!inv.nodes[r]) errors.push({ key: 'commission:errors.noInventory', params: { node: r } });
  }
  const p = inv.nodes.primary;
  for (const r of allRoles) {
    const n = inv.nodes[r];
    if (n && p && r !== 'primary' && n.osCodename && p.osCodename && n.osCodename !== p.osCodename) errors.push({ key: 'commission:errors.osMismatch', params: { node: r, codename: n.osCodename, primary: p.osCodename } });
    if (n && n.osId && n.osId !== 'debian') errors.push({ key: 'commission:errors.notDebian', params: { node: r, os: n.osId } });
  }
  const hostnames = allRoles.map((r) => inv.nodes[r]?.hostname).filter((h): h is string => !!h);
  for (const h of new Set(hostnames)) if (hostnames.filter((x) => x === h).length > 1) errors.push({ key: 'commission:errors.hostnameDuplicate', params: { hostname: h } });

  // service address
  if (!s.vip) errors.push({ key: 'commission:errors.noVip' });
  if (!s.vipName) errors.push({ key: 'commission:errors.noVipName' });
  const [vipAddress = '', vipPrefixText = '24'] = (s.vip ?? '').split('/');
  const vipPrefix = Number(vipPrefixText);
  const vipSubnet = subnetOf(vipAddress, vipPrefix);
  if (s.vip && !vipSubnet) errors.push({ key: 'commission:errors.vipInvalid', params: { vip: s.vip } });
  if (vipSubnet && !project.commission.record) {
    for (const r of allRoles)
      if (nodeAddresses(inv.nodes[r]).some((a) => a.address === vipAddress)) errors.push({ key: 'commission:errors.vipInUse', params: { node: r, vip: vipAddress } });
  }
  if (vipSubnet) for (const r of memberRoles) if (inv.nodes[r] && !nodeAddresses(inv.nodes[r], vipAddress).some((a) => a.subnet === vipSubnet)) errors.push({ key: 'commission:errors.vipSubnetMissing', params: { node: r, subnet: vipSubnet } });

  // links
  const witnessRole: NodeRole | undefined = quorum === 'qdevice' ? 'witness' : undefined;
  const linkCount = Math.max(1, Math.min(qf.corosyncLinks, 2));
  const chosenLinks = s.links.length ? s.links : proposeLinks(inv, memberRoles, linkCount, s.vip, replication === 'drbd', witnessRole);
  if (!chosenLinks.length) errors.push({ key: 'commission:errors.noCommonNetwork' });
  const links: ResolvedLink[] = chosenLinks.map((l, index) => {
    const addrs: ResolvedLink['addrs'] = {};
    for (const [role, v] of Object.entries(l.nodes) as [NodeRole, { address: string }][]) addrs[role] = v.address;
    const pa = addrs.primary ? nodeAddresses(inv.nodes.primary).find((a) => a.address === addrs.primary) : undefined;
    return { index, purposes: [...l.purpose], addrs, ...(pa ? { subnet: pa.subnet } : {}) };
  });
  for (const l of links) {
    for (const r of memberRoles) {
      if (!l.purposes.includes('corosync') && !(l.purposes.includes('drbd') && r !== 'node3')) continue;
      const a = l.addrs[r];
      if (!a) errors.push({ key: 'commission:errors.linkAddressMissing', params: { link: l.index, node: r } });
      else if (inv.nodes[r] && !nodeAddresses(inv.nodes[r]).some((x) => x.address === a)) errors.push({ key: 'commission:errors.linkAddressNotOnNode', params: { link: l.index, node: r, address: a } });
    }
  }
  const corosyncLinks = links.filter((l) => l.purposes.includes('corosync'));
  if (links.length && !corosyncLinks.length) errors.push({ key: 'commission:errors.noCorosyncLink' });
  const drbdLink = links.find((l) => l.purposes.includes('drbd')) ?? corosyncLinks[0];

  // witness address for qnetd: from a link, else any address it shares a network with the nodes
  let witness: PlanInput['witness'];
  if (witnessRole) {
    const w = inv.nodes.witness;
    // On the clients' network: the partition the clients can reach is the one the witness should keep.
    const shared = nodeAddresses(w, vipAddress).filter((a) => memberRoles.every((r) => nodeAddresses(inv.nodes[r], vipAddress).some((x) => x.subnet === a.subnet)));
    const onClientNet = shared.find((a) => a.subnet === vipSubnet);
    const fromLink = links.map((l) => l.addrs.witness).find((a) => !!a);
    const address = onClientNet?.address ?? fromLink ?? shared[0]?.address;
    if (!address) errors.push({ key: 'commission:errors.witnessAddressMissing' });
    if (w && address) witness = { hostname: w.hostname, address };
  }

  const nodes: ClusterNode[] = memberRoles.map((role, i) => ({
    role,
    hostname: inv.nodes[role]?.hostname ?? role,
    nodeid: i + 1,
    ringAddrs: corosyncLinks.map((l) => l.addrs[role] ?? ''),
    canHost: role !== 'node3',
  }));

  // storage
  const fencing = [...qf.fencing];
  const stonith = fencing.includes('sbdDisk') ? 'disk' : fencing.includes('sbdDiskless') ? 'diskless' : undefined;
  const drbd =
    replication === 'drbd'
      ? resolveDrbd(inv, s, facts, { primary: drbdLink?.addrs.primary, secondary: drbdLink?.addrs.secondary } as Partial<Record<NodeRole, string>>, fencing.includes('drbdResourceFencing'), errors, notices)
      : undefined;
  let shared: PlanInput['shared'];
  if (replication === 'shared') {
    const hosts = memberRoles.filter((r) => r !== 'node3');
    shared = resolveShared(inv, s, hosts, facts, errors, notices);
    if (shared && quorum === 'thirdNode' && inv.nodes.node3?.blockDevices.some((b) => b.path === shared!.device || b.byId.includes(shared!.device))) nodes[2]!.canHost = true;
  }
  if (quorum === 'thirdNode' && !nodes[2]?.canHost)
    notices.push({ level: 'info', text: { de: 'Der dritte Knoten stimmt im Quorum mit, sieht aber den Datenspeicher nicht: er übernimmt die Maildienste nie.', en: 'The third node votes for quorum but does not see the data volume: it never runs the mail services.' } });
  if (replication === 'shared' && fencing.includes('drbdResourceFencing'))
    notices.push({ level: 'info', text: { de: 'DRBD-Resource-Fencing entfällt: es gibt kein DRBD bei gemeinsamem Speicher.', en: 'DRBD resource-level fencing does not apply: shared storage has no DRBD.' } });

  let sbd: PlanInput['sbd'];
  if (stonith) {
    const device = stonith === 'disk' ? s.sbdDevice : undefined;
    if (stonith === 'disk' && !device) errors.push({ key: 'commission:errors.sbdDeviceMissing' });
    const softdog: NodeRole[] = [];
    for (const r of memberRoles) {
      const n = inv.nodes[r];
      if (!n) continue;
      if (device && !n.blockDevices.some((b) => b.path === device || b.byId.includes(device))) errors.push({ key: 'commission:errors.deviceNotFound', params: { node: r, device } });
      if (!n.watchdog?.device) {
        if (n.watchdog?.softdogAvailable) softdog.push(r);
        else errors.push({ key: 'commission:errors.watchdogMissing', params: { node: r } });
      }
    }
    sbd = { ...(device ? { device } : {}), watchdogTimeoutS: qf.sbd.watchdogTimeoutS, msgwaitS: qf.sbd.msgwaitS, stonithTimeoutS: qf.sbd.stonithTimeoutS, softdog };
  }
  let ipmi: PlanInput['ipmi'];
  if (fencing.includes('ipmi')) {
    ipmi = {};
    for (const n of nodes) {
      const b = s.ipmi[n.role];
      if (!b) errors.push({ key: 'commission:errors.ipmiMissing', params: { node: n.role } });
      else ipmi[n.role] = { address: b.address, user: b.user, lanplus: b.lanplus };
    }
  }
  if (fencing.includes('none') && qf.riskAcceptance)
    notices.push({
      level: 'danger',
      text: {
        de: `Ohne Fencing (STONITH aus): von ${qf.riskAcceptance.who} am ${qf.riskAcceptance.when} als Risiko akzeptiert („${qf.riskAcceptance.reason}“). Bei einer Netztrennung können beide Knoten die Daten gleichzeitig schreiben; für den Produktivbetrieb nicht geeignet.`,
        en: `No fencing (STONITH off): accepted as a risk by ${qf.riskAcceptance.who} on ${qf.riskAcceptance.when} ("${qf.riskAcceptance.reason}"). After a network split both nodes may write the data at once; not fit for production.`,
      },
    });

  // data and accounts
  const primaryInv = inv.nodes.primary;
  const data = resolveDataDirs(facts, primaryInv, s, errors, notices);
  const mp = s.mountPoint.replace(/\/+$/, '');
  const onVolume = { vmail: `${mp}/vmail`, mariadb: `${mp}/mysql`, spool: `${mp}/postfix` };
  const otherHosts = nodes.filter((n) => n.role !== 'primary');
  const accounts = primaryInv
    ? resolveAccounts(primaryInv, primaryInv.mailConfig.mailUid, otherHosts.map((n) => ({ role: n.role, inv: inv.nodes[n.role] })), errors)
    : { groups: [], users: [], moves: {} };
  const mail = primaryInv ? mailPackages(primaryInv, errors) : [];
  const needs = { drbd: replication === 'drbd', sbd: !!stonith, ipmi: fencing.includes('ipmi'), qdevice: quorum === 'qdevice', xfs: s.fsType === 'xfs' };
  const ha: PlanInput['packages']['ha'] = {};
  for (const n of nodes) ha[n.role] = haPackages(n.role, needs, inv.nodes[n.role]);
  if (witnessRole) ha.witness = ['corosync-qnetd'];

  // hardening
  const rootLoginOff: NodeRole[] = [];
  if (s.hardening.disableRootLogin) {
    for (const r of allRoles) {
      const user = project.hosts[r]?.user;
      if (user && user !== 'root' && (!s.adminUser || s.adminUser === user)) rootLoginOff.push(r);
      else
        notices.push({
          level: 'warning',
          text: {
            de: `Root-Login bleibt auf dem ${roleDative[r].de} erlaubt: die App meldet sich dort als ${user ?? 'root'} an. Erst einen Admin-Benutzer mit Schlüssel und sudo als SSH-Login des Knotens eintragen.`,
            en: `Root login stays allowed on the ${roleName[r].en}: the app logs in there as ${user ?? 'root'}. Make an admin user with a key and sudo the node's SSH login first.`,
          },
        });
    }
  }
  const sshPorts = [...new Set([22, ...(facts?.services?.listeners ?? []).filter((l) => /sshd/.test(l.process ?? '')).map((l) => l.port)])].sort((a, b) => a - b);
  const mailPorts = [
    ...new Set([
      ...STANDARD_MAIL_PORTS,
      ...(facts?.services?.listeners ?? []).filter((l) => /master|dovecot|postfix/.test(l.process ?? '') && !/^127\.|^\[?::1\]?$/.test(l.address)).map((l) => l.port),
    ]),
  ].sort((a, b) => a - b);

  const cfg = (primaryInv?.configFiles ?? []).map((f) => ({
    path: f.path,
    kind: f.kind,
    ...(f.linkTarget ? { linkTarget: f.linkTarget } : {}),
    mode: f.mode ?? '0644',
    owner: f.owner ?? 'root:root',
    // Readable only by its owner/group (DB passwords in map files, TLS keys, debian.cnf): never shown.
    secret: f.kind === 'file' && (parseInt(f.mode ?? '644', 8) & 0o004) === 0,
  }));
  const replacesConfigOn = otherHosts.filter((n) => (inv.nodes[n.role]?.configFiles.length ?? 0) > 0).map((n) => n.role);

  const vipNic = vipSubnet ? interfaceInSubnet(primaryInv, vipSubnet) : undefined;
  const nicSame = vipNic && memberRoles.every((r) => interfaceInSubnet(inv.nodes[r], vipSubnet!) === vipNic);
  const volumeDevice = drbd?.device ?? shared?.device ?? '';
  if (!replication || (replication === 'drbd' && !drbd) || (replication === 'shared' && !shared) || errors.length) return { errors };

  const fenceDelayMs = fencing.includes('fenceDelay') && nodes.length === 2 ? (qf.timing.fenceDelayMs ?? 5000) : undefined;
  return {
    errors,
    input: {
      clusterName: s.clusterName,
      replication,
      quorum,
      qdeviceAlgorithm: qf.qdeviceAlgorithm,
      fencing,
      ...(fencing.includes('none') && qf.riskAcceptance ? { riskAcceptance: qf.riskAcceptance } : {}),
      nodes,
      ...(witness ? { witness } : {}),
      allRoles,
      links,
      vip: { address: vipAddress, prefix: vipPrefix, cidr: s.vip!, ...(nicSame ? { nic: vipNic } : {}) },
      vipName: s.vipName!,
      tokenMs: qf.timing.tokenMs,
      ...(qf.timing.consensusMs ? { consensusMs: qf.timing.consensusMs } : {}),
      ...(fenceDelayMs ? { fenceDelayMs } : {}),
      ...(drbd ? { drbd } : {}),
      ...(shared ? { shared } : {}),
      ...(sbd ? { sbd } : {}),
      ...(ipmi ? { ipmi } : {}),
      volume: { device: volumeDevice, mountPoint: mp, fsType: s.fsType, label: VOLUME_LABEL },
      data,
      onVolume,
      accounts,
      packages: { mail, ha, hardening: s.hardening.fail2ban || s.hardening.firewall ? HARDENING_PACKAGES.filter((x) => s.hardening.fail2ban || x === 'nftables') : [] },
      mailUnits: mailUnits(mail),
      postfix: {
        inetProtocols: facts?.postfix?.mainCf?.inet_protocols ?? 'all',
        postmapTables: primaryInv?.mailConfig.postmapTables ?? [],
        aliasDatabases: primaryInv?.mailConfig.aliasDatabases ?? [],
      },
      opTimeouts: s.opTimeouts,
      hardening: { fail2ban: s.hardening.fail2ban, firewall: s.hardening.firewall, rootLoginOff, sshPorts, mailPorts },
      ...((s.testMailbox ?? primaryInv?.mailConfig.firstMailbox) ? { testMailbox: s.testMailbox ?? primaryInv!.mailConfig.firstMailbox! } : {}),
      replacesConfigOn,
      configFiles: cfg,
      notices,
    },
  };
}
