/**
 * resources: the whole Pacemaker configuration as one file, checked against a copy of the live CIB (never
 * the live one) before the cut-over pushes it in one replace. Postfix and Dovecot start stopped and the
 * group is pinned to the primary, where the data was copied; the cut-over's last step lets them run.
 */
import { shQuote } from '../../shell/quote';
import type { PlanInput } from '../inputs/types';
import { K, is, probe } from '../ops';
import { renderCibConfiguration, type CibModel, type FenceDevice } from '../render/cibXml';
import { secretRef, type NodeRole, type SecretId } from '../types';
import type { ModelProbe, StepSpec } from '../spec';
import { id, on, t } from './common';

export const CIB_FILE = '/etc/mail-ha-studio/cib-configuration.xml';

/** The BMC password of a node (secret ids ipmiPassword<Role>, requested from the lead for types.ts). */
export const ipmiSecret = (role: NodeRole) => `ipmiPassword${role[0]!.toUpperCase()}${role.slice(1)}` as SecretId;

/** Resource ids of the mail services, in start order (systemd units as Debian names them). */
export function serviceResources(i: PlanInput): { id: string; unit: string }[] {
  return i.mailUnits.map((u) => ({ id: `p_${u.replace(/[^a-z0-9]/g, '')}`, unit: u === 'postfix' ? 'postfix@-' : u }));
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
      { id: 'p_bind_vmail', from: i.onVolume.vmail, to: i.data.vmail },
      { id: 'p_bind_mysql', from: i.onVolume.mariadb, to: i.data.mariadb },
      { id: 'p_bind_spool', from: i.onVolume.spool, to: i.data.spool },
    ],
    vip: { address: i.vip.address, prefix: i.vip.prefix, ...(i.vip.nic ? { nic: i.vip.nic } : {}) },
    services: serviceResources(i).map((s) => ({ ...s, startStopped: startsAtPonr(s.unit.replace('@-', '')) })),
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
  return [
    {
      id: id('resources.config', 'primary'),
      phase: 'resources',
      node: 'primary',
      title: on('primary', t('Pacemaker-Konfiguration erstellen und prüfen', 'Write and check the Pacemaker configuration')),
      explanation: t(
        `Schreibt die vollständige Clusterkonfiguration nach ${CIB_FILE} und prüft sie mit crm_verify an einer Kopie des laufenden CIB; live geht sie erst bei der Übernahme, in einem Schritt. Inhalt: ${i.drbd ? 'DRBD als promotable Clone, ' : ''}Dateisystem ${i.volume.device} auf ${i.volume.mountPoint}, Bind-Mounts auf ${i.data.vmail}, ${i.data.mariadb} und ${i.data.spool}, die Dienst-IP ${i.vip.cidr}, dann ${services.map((s) => s.unit).join(', ')} als systemd-Ressourcen (Timeouts: Start ${i.opTimeouts.startS} s, Stop ${i.opTimeouts.stopS} s, Überwachung alle ${i.opTimeouts.monitorIntervalS} s). ${i.sbd ? 'STONITH über SBD.' : 'STONITH aus (akzeptiertes Risiko).'}`,
        `Writes the complete cluster configuration to ${CIB_FILE} and checks it with crm_verify against a copy of the running CIB; it goes live only at the cut-over, in one step. Contents: ${i.drbd ? 'DRBD as a promotable clone, ' : ''}file system ${i.volume.device} on ${i.volume.mountPoint}, bind mounts onto ${i.data.vmail}, ${i.data.mariadb} and ${i.data.spool}, the service address ${i.vip.cidr}, then ${services.map((s) => s.unit).join(', ')} as systemd resources (timeouts: start ${i.opTimeouts.startS} s, stop ${i.opTimeouts.stopS} s, monitor every ${i.opTimeouts.monitorIntervalS} s). ${i.sbd ? 'STONITH through SBD.' : 'STONITH off (accepted risk).'}`,
      ),
      apply: [{ kind: 'write', path: CIB_FILE, content: xml, mode: '0640', owner: 'root:haclient', ...(secrets.length ? { secret: true } : {}) }],
      verify: [valid],
      destructive: false,
      expectedDurationS: 5,
      ...(secrets.length ? { secrets } : {}),
    },
  ];
}
