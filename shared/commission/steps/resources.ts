/**
 * resources: the whole Pacemaker configuration as one file, checked against a copy of the live CIB (never
 * the live one) before the cut-over pushes it in one replace. Postfix and Dovecot start stopped and the
 * group is pinned to the primary, where the data was copied; the cut-over's last step lets them run.
 */
import { shQuote } from '../../shell/quote';
import type { PlanInput } from '../inputs/types';
import { K, is, probe } from '../ops';
import { renderCibConfiguration, type CibModel } from '../render/cibXml';
import type { ModelProbe, StepSpec } from '../spec';
import { id, on, t } from './common';

export const CIB_FILE = '/etc/mail-ha-studio/cib-configuration.xml';

/** Resource ids of the mail services, in start order (systemd units as Debian names them). */
export function serviceResources(i: PlanInput): { id: string; unit: string }[] {
  return i.mailUnits.map((u) => ({ id: `p_${u.replace(/[^a-z0-9]/g, '')}`, unit: u === 'postfix' ? 'postfix@-' : u }));
}

/** The services that stay stopped until the point of no return: everything that lets mail in or out. */
export const startsAtPonr = (unit: string) => unit === 'postfix' || unit === 'dovecot';

export function cibModel(i: PlanInput): CibModel {
  const primary = i.nodes.find((n) => n.role === 'primary')!;
  const stonith: CibModel['stonith'] =
    i.sbd?.device !== undefined
      ? { kind: 'sbdDisk', device: i.sbd.device, timeoutS: i.sbd.stonithTimeoutS, ...(i.fenceDelayMs ? { delayMaxS: Math.ceil(i.fenceDelayMs / 1000) } : {}) }
      : i.sbd
        ? { kind: 'sbdDiskless', watchdogTimeoutS: i.sbd.watchdogTimeoutS, timeoutS: i.sbd.stonithTimeoutS }
        : { kind: 'none' };
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

/** Replaces the configuration in a COPY of the live CIB and lets crm_verify judge it. */
export function validateAgainstShadow(file: string): string {
  return [
    't=$(mktemp -d)',
    'trap \'rm -rf "$t"\' EXIT',
    'cibadmin -Q > "$t/cib.xml"',
    `CIB_file="$t/cib.xml" cibadmin --replace --scope configuration --xml-file ${shQuote(file)}`,
    'crm_verify -V --xml-file "$t/cib.xml"',
  ].join(' && ');
}

export function resourceSteps(i: PlanInput): StepSpec[] {
  const xml = renderCibConfiguration(cibModel(i));
  const valid: ModelProbe = probe(validateAgainstShadow(CIB_FILE), [is(K.file(CIB_FILE), xml)], { title: t('crm_verify: Konfiguration gültig', 'crm_verify: configuration valid'), timeoutMs: 60_000 });
  const services = serviceResources(i);
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
      apply: [{ kind: 'write', path: CIB_FILE, content: xml, mode: '0640', owner: 'root:haclient' }],
      verify: [valid],
      destructive: false,
      expectedDurationS: 5,
    },
  ];
}
