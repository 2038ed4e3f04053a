/**
 * resources: the whole Pacemaker configuration as one file, checked against a copy of the live CIB (never
 * the live one) before the cut-over pushes it in one replace. Postfix and Dovecot start stopped and the
 * group is pinned to the primary, where the data was copied; the cut-over's last step lets them run.
 */
import { shQuote } from '../../shell/quote';
import type { PlanInput } from '../inputs/types';
import { K, is, probe } from '../ops';
import { BIND_IDS, VIP_ID, serviceDeps, serviceId } from '../names';
import { MHS_OCF_UNIT, OCF_AGENT, OCF_AGENT_PATH, OCF_PROVIDER, OCF_PROVIDER_DIR } from '../helpers/ocfUnit';
import { renderCibConfiguration, type CibModel, type FenceDevice } from '../render/cibXml';
import { secretRef, type NodeRole, type SecretId } from '../types';
import { together, type ModelProbe, type StepSpec } from '../spec';
import { id, on, t } from './common';
import { syslogSpoolSteps } from './syslogSpool';

export const CIB_FILE = '/etc/mail-ha-studio/cib-configuration.xml';

/** The BMC password of a node (secret ids ipmiPassword<Role>, requested from the lead for types.ts). */
export const ipmiSecret = (role: NodeRole) => `ipmiPassword${role[0]!.toUpperCase()}${role.slice(1)}` as SecretId;

const BINDS = Object.values(BIND_IDS);

/**
 * Resource ids of the mail services, in start order (systemd units as Debian names them), and what each
 * must start after (and stop before). Every service waits for all bind mounts and for the service address
 * (Postfix binds its listeners to it), not only for its own data: Dovecot keeps its LMTP and auth sockets in
 * Postfix's spool (private/dovecot-lmtp, private/auth), so a bind unmounted beside a running service is busy,
 * and the Filesystem agent then kills every process on the volume (fuser -m sees the whole file system
 * through a bind; seen on the ct lab: MariaDB and Dovecot killed by the spool's stop). The binds and the
 * address start beside each other, not one after another as in a group (measured on the ct lab under load:
 * 0.3-0.6 s per bind mount and 0.2-0.4 s for the address, both ways, inside the SMTP outage).
 * Dovecot's passdb is SQL: started beside MariaDB, or left running after it in a stop, its auth workers log
 * "Connect failed to database" and IMAP logins fail (measured in the standby case, a second IMAP outage and a
 * log finding), so it starts after MariaDB and stops before it. Postfix needs all of them (SQL maps,
 * Dovecot's SASL and LMTP sockets, the milter), starts last and stops first: no mail is accepted while
 * something behind it is missing.
 */
export function serviceResources(i: PlanInput): { id: string; unit: string; after: string[]; params: [string, string | number][] }[] {
  const after = (u: string) => [...BINDS, VIP_ID, ...serviceDeps(i.mailUnits, u).map(serviceId)];
  return i.mailUnits.map((u) => ({ id: serviceId(u), unit: u === 'postfix' ? 'postfix@-' : u, after: after(u), params: stopParams(i, u) }));
}

/** Postfix's listeners while it drains before the stop (SMTP, submissions, submission). */
export const POSTFIX_DRAIN_PORTS = [25, 465, 587];
/** The longest the drain may add to a stop (a backlog for an unreachable destination would otherwise hold it). */
export const POSTFIX_DRAIN_MS = 3000;

/**
 * How ocf:mhs:unit stops a service (helpers/ocfUnit.ts). Dovecot: SIGTERM to every process of the unit at
 * once; its master alone waits up to 6 s for login processes with clients (1.3-4.1 s measured on the ct lab,
 * all inside the SMTP outage of a switch-over; 0.3 s this way). Postfix: new connections refused and the
 * active queue drained first (no mail delivered twice), then the same SIGTERM to all (its own stop polls
 * once a second).
 */
function stopParams(i: PlanInput, unit: string): [string, string | number][] {
  if (unit === 'dovecot') return [['stop_grace_ms', 0]];
  if (unit === 'postfix') return [['drain_dir', `${i.data.spool}/active`], ['drain_ports', POSTFIX_DRAIN_PORTS.join(' ')], ['drain_ms', POSTFIX_DRAIN_MS], ['stop_grace_ms', 0]];
  return [];
}

/** The services that stay stopped until the point of no return: everything that lets mail in or out. */
export const startsAtPonr = (unit: string) => unit === 'postfix' || unit === 'dovecot';

export function cibModel(i: PlanInput): CibModel {
  const primary = i.nodes.find((n) => n.role === 'primary')!;
  const delayS = i.fenceDelayMs ? Math.ceil(i.fenceDelayMs / 1000) : undefined;
  const devices: FenceDevice[] = [];
  if (i.sbd?.device) devices.push({ id: 'st_sbd', agent: 'fence_sbd', params: [['devices', i.sbd.device], ...(delayS ? ([['pcmk_delay_max', `${delayS}s`]] as [string, string][]) : [])] });
  for (const n of i.nodes) {
    const bmc = i.ipmi?.[n.role];
    if (!bmc) continue;
    // The device that fences the primary waits: in a split the primary (where the data was) survives.
    const delay = delayS && n.role === 'primary' ? ([['pcmk_delay_base', `${delayS}s`]] as [string, string][]) : [];
    devices.push({
      id: `st_ipmi_${n.hostname.replace(/[^A-Za-z0-9_-]/g, '_')}`,
      agent: 'fence_ipmilan',
      params: [['ip', bmc.address], ['username', bmc.user], ['password', secretRef(ipmiSecret(n.role))], ['lanplus', bmc.lanplus ? '1' : '0'], ['pcmk_host_list', n.hostname], ...delay],
      avoid: n.hostname,
    });
  }
  const stonith: CibModel['stonith'] = i.fencing.includes('none')
    ? { kind: 'none' }
    : { kind: 'devices', devices, timeoutS: i.sbd?.stonithTimeoutS ?? 60, ...(i.sbd && !i.sbd.device ? { watchdogTimeoutS: i.sbd.watchdogTimeoutS } : {}) };
  return {
    stonith,
    ...(i.fenceDelayMs ? { priorityFencingDelayS: Math.ceil(i.fenceDelayMs / 1000) } : {}),
    ...(i.drbd ? { drbd: { resource: i.drbd.resource } } : {}),
    volume: { device: i.volume.device, mountPoint: i.volume.mountPoint, fsType: i.volume.fsType },
    binds: [
      { id: BIND_IDS.vmail, from: i.onVolume.vmail, to: i.data.vmail },
      { id: BIND_IDS.mariadb, from: i.onVolume.mariadb, to: i.data.mariadb },
      { id: BIND_IDS.spool, from: i.onVolume.spool, to: i.data.spool },
    ],
    vip: { address: i.vip.address, prefix: i.vip.prefix, ...(i.vip.nic ? { nic: i.vip.nic } : {}) },
    services: serviceResources(i).map((s) => ({ ...s, startStopped: startsAtPonr(s.unit.replace('@-', '')) })),
    agent: { provider: OCF_PROVIDER, type: OCF_AGENT },
    preferNode: primary.hostname,
    notOn: i.nodes.filter((n) => !n.canHost).map((n) => n.hostname),
    op: i.opTimeouts,
  };
}

/**
 * The file with what Pacemaker keeps in the configuration itself put back in: the <nodes> section (node ids
 * and attributes) and the properties the controller maintains (dc-version, cluster-infrastructure,
 * have-watchdog); without them Pacemaker would forget its nodes, show "Stack: unknown" and treat the
 * cluster as mixed-version. Written to "$t/conf.xml" by a shell that has "$t".
 */
export function withLiveNodes(file: string): string {
  return [
    'cibadmin -Q --scope nodes > "$t/nodes.xml"',
    `{ cibadmin -Q --scope crm_config | grep -E 'name="(dc-version|cluster-infrastructure|have-watchdog|cluster-name)"' || true; } > "$t/props.xml"`,
    `awk -v nodes="$t/nodes.xml" -v props="$t/props.xml" '/<nodes\\/>/ { while ((getline l < nodes) > 0) print l; next } { print } /<cluster_property_set id="cib-bootstrap-options">/ { while ((getline l < props) > 0) print l }' ${shQuote(file)} > "$t/conf.xml"`,
  ].join(' && ');
}

/**
 * Replaces the configuration in a COPY of the live CIB and lets crm_verify judge it. Warnings pass (without
 * STONITH Pacemaker always warns "Blind faith"); errors fail.
 */
export function validateAgainstShadow(file: string): string {
  return [
    't=$(mktemp -d)',
    'trap \'rm -rf "$t"\' EXIT',
    'cibadmin -Q > "$t/cib.xml"',
    withLiveNodes(file),
    'CIB_file="$t/cib.xml" cibadmin --replace --scope configuration --xml-file "$t/conf.xml"',
    '{ rc=0; out=$(crm_verify -V --xml-file "$t/cib.xml" 2>&1) || rc=$?; printf \'%s\\n\' "$out"; [ $rc -eq 0 ] || { [ $rc -eq 78 ] && ! printf \'%s\' "$out" | grep -q "Errors found"; }; }',
  ].join(' && ');
}

export function resourceSteps(i: PlanInput): StepSpec[] {
  const xml = renderCibConfiguration(cibModel(i));
  const valid: ModelProbe = probe(validateAgainstShadow(CIB_FILE), [is(K.file(CIB_FILE), xml)], { title: t('crm_verify: Konfiguration gültig', 'crm_verify: configuration valid'), timeoutMs: 60_000 });
  const services = serviceResources(i);
  const secrets = i.nodes.filter((n) => i.ipmi?.[n.role]).map((n) => ipmiSecret(n.role));
  const deps = (word: string, and: string) => services.map((s) => `${s.id} ${word} ${s.after.join(and)}`).join(', ');
  // Every cluster node gets the agent, also one that never runs the services: Pacemaker probes them everywhere.
  const agents: StepSpec[] = i.nodes.map((n) => ({
    id: id('resources.agent', n.role),
    phase: 'resources',
    node: n.role,
    title: on(n.role, t('Ressourcen-Agent für die Maildienste ablegen', 'Install the resource agent for the mail services')),
    explanation: t(
      `Legt ${OCF_AGENT_PATH} ab (ocf:${OCF_PROVIDER}:${OCF_AGENT}): startet und stoppt die systemd-Units der Maildienste und wartet, bis systemd damit fertig ist. Pacemaker 2.1 (Debian 12) wartet bei systemd-Ressourcen nicht selbst, sondern prüft nach und nach mit Abständen von min(2 s, Timeout/10): jeder Start und jeder Stopp kostete so mindestens 2 s, auch wenn der Dienst nach 0,2 s bereit war; beim geplanten Umschalten waren das etwa 12 der 13,6 s SMTP-Ausfall im Labor. Die Units, ihr Journal (fail2ban) und systemctl reload bleiben wie bisher; wie Pacemakers systemd-Klasse legt der Agent das Drop-in 50-pacemaker.conf an (vor pacemaker.service, Restart=no, ohne systemds eigene Startfrist von 90 s: es gilt Pacemakers Start-Timeout), schon bei der Prüfung, mit der Pacemaker einen Knoten aufnimmt: so kostet kein Start ein systemctl daemon-reload. Dovecot stoppt der Agent mit SIGTERM an alle seine Prozesse zugleich: sein Master allein wartet bis zu 6 s auf Login-Prozesse mit verbundenen Clients (im Labor 1,3–4,1 s, ganz im SMTP-Ausfall; so 0,3 s). Postfix lehnt vor dem Stopp neue Verbindungen auf ${POSTFIX_DRAIN_PORTS.join(', ')} ab (eigene nftables-Tabelle) und arbeitet seine aktive Queue ab (höchstens ${POSTFIX_DRAIN_MS / 1000} s): sonst konnte eine Mail, die Dovecot schon gespeichert hatte, im Queue-Verzeichnis bleiben und vom anderen Knoten ein zweites Mal zugestellt werden.`,
      `Puts ${OCF_AGENT_PATH} in place (ocf:${OCF_PROVIDER}:${OCF_AGENT}): it starts and stops the mail services' systemd units and waits until systemd has finished. Pacemaker 2.1 (Debian 12) does not wait for systemd resources itself but checks again at intervals of min(2 s, timeout/10): every start and every stop cost at least 2 s even when the service was ready after 0.2 s; in a planned switch-over that was about 12 of the 13.6 s SMTP outage in the lab. The units, their journal (fail2ban) and systemctl reload stay as they were; like Pacemaker's systemd class the agent writes the drop-in 50-pacemaker.conf (before pacemaker.service, Restart=no, without systemd's own 90 s start limit: Pacemaker's start timeout applies), already in the probe with which Pacemaker takes a node in, so no start pays a systemctl daemon-reload. The agent stops Dovecot with SIGTERM to all of its processes at once: its master alone waits up to 6 s for login processes with connected clients (1.3–4.1 s in the lab, all inside the SMTP outage; 0.3 s this way). Before Postfix stops, new connections to ${POSTFIX_DRAIN_PORTS.join(', ')} are refused (an nftables table of its own) and its active queue is worked off (at most ${POSTFIX_DRAIN_MS / 1000} s): otherwise a mail Dovecot had already stored could stay in the queue and be delivered a second time by the other node.`,
    ),
    apply: [{ kind: 'write', path: OCF_AGENT_PATH, content: MHS_OCF_UNIT, mode: '0755' }],
    verify: [probe(`[ -x ${shQuote(OCF_AGENT_PATH)} ] && OCF_RESKEY_unit=mariadb ${shQuote(OCF_AGENT_PATH)} meta-data >/dev/null`, [is(K.file(OCF_AGENT_PATH), MHS_OCF_UNIT)])],
    // The provider folder is new: a rollback removes it with the agent (resource-agents' purge leaves no stray folder).
    backupPaths: [OCF_PROVIDER_DIR],
    destructive: false,
    expectedDurationS: 2,
  }));
  return [
    ...together('resources.agent', agents),
    ...syslogSpoolSteps(i),
    {
      id: id('resources.config', 'primary'),
      phase: 'resources',
      node: 'primary',
      title: on('primary', t('Pacemaker-Konfiguration erstellen und prüfen', 'Write and check the Pacemaker configuration')),
      explanation: t(
        `Schreibt die vollständige Clusterkonfiguration nach ${CIB_FILE} und prüft sie mit crm_verify an einer Kopie des laufenden CIB; live geht sie erst bei der Übernahme, in einem Schritt. Inhalt: ${i.drbd ? 'DRBD als promotable Clone, ' : ''}Dateisystem ${i.volume.device} auf ${i.volume.mountPoint}, Bind-Mounts auf ${i.data.vmail}, ${i.data.mariadb} und ${i.data.spool}, die Dienst-IP ${i.vip.cidr}, dann ${services.map((s) => s.unit).join(', ')} über ocf:${OCF_PROVIDER}:${OCF_AGENT} (Timeouts: Start ${i.opTimeouts.startS} s, Stop ${i.opTimeouts.stopS} s, Überwachung alle ${i.opTimeouts.monitorIntervalS} s). Die Gruppe g_mail hält nur das Dateisystem; die Bind-Mounts starten danach alle zugleich und die Dienst-IP schon daneben, denn eine Gruppe startet ihre Mitglieder nacheinander. Die Dienste warten auf alle Bind-Mounts (Dovecot hat seine Sockets für LMTP und Anmeldung in Postfix’ Spool) und auf die Dienst-IP: ${deps('nach', ' und ')}. Dovecot braucht MariaDB (Anmeldung per SQL), Postfix alle anderen (SQL-Tabellen, SASL- und LMTP-Socket von Dovecot); gestoppt wird umgekehrt, Postfix zuerst: es wird keine Mail angenommen, solange etwas dahinter fehlt. Bind-Mounts, Dienst-IP und alle Dienste sind an g_mail gebunden (Kolokation), laufen also nur auf einem Knoten. ${i.sbd ? 'STONITH über SBD.' : 'STONITH aus (akzeptiertes Risiko).'}`,
        `Writes the complete cluster configuration to ${CIB_FILE} and checks it with crm_verify against a copy of the running CIB; it goes live only at the cut-over, in one step. Contents: ${i.drbd ? 'DRBD as a promotable clone, ' : ''}file system ${i.volume.device} on ${i.volume.mountPoint}, bind mounts onto ${i.data.vmail}, ${i.data.mariadb} and ${i.data.spool}, the service address ${i.vip.cidr}, then ${services.map((s) => s.unit).join(', ')} through ocf:${OCF_PROVIDER}:${OCF_AGENT} (timeouts: start ${i.opTimeouts.startS} s, stop ${i.opTimeouts.stopS} s, monitor every ${i.opTimeouts.monitorIntervalS} s). The group g_mail holds only the file system; the bind mounts start after it all at once and the service address beside it, because a group starts its members one after another. The services wait for all bind mounts (Dovecot keeps its LMTP and login sockets in Postfix's spool) and for the service address: ${deps('after', ' and ')}. Dovecot needs MariaDB (SQL logins), Postfix all the others (SQL maps, Dovecot's SASL and LMTP sockets); the stop runs in reverse, Postfix first: no mail is accepted while something behind it is missing. The bind mounts, the service address and every service are colocated with g_mail, so all of it runs on one node only. ${i.sbd ? 'STONITH through SBD.' : 'STONITH off (accepted risk).'}`,
      ),
      apply: [{ kind: 'write', path: CIB_FILE, content: xml, mode: '0640', owner: 'root:haclient', ...(secrets.length ? { secret: true } : {}) }],
      verify: [valid],
      destructive: false,
      expectedDurationS: 5,
      ...(secrets.length ? { secrets } : {}),
    },
  ];
}
