/**
 * The Pacemaker configuration section (CIB <configuration>) from a model. Written as one file and pushed in
 * one `cibadmin --replace --scope configuration`, so an interrupted run never leaves half a configuration
 * live. DRBD is a promotable clone (never ms/master: Pacemaker 3 rejects them, roles are
 * Promoted/Unpromoted); the mail group is colocated with the Promoted instance and starts after its promotion.
 */

export interface OpTimes {
  startS: number;
  stopS: number;
  monitorIntervalS: number;
  monitorTimeoutS: number;
}

/** A fence device: a stonith primitive, kept off the node it fences when `avoid` names it. */
export interface FenceDevice {
  id: string;
  agent: string;
  params: [string, string | number][];
  avoid?: string;
}

export interface CibModel {
  /** none: stonith-enabled=false (only with a recorded risk acceptance). */
  stonith: { kind: 'none' } | { kind: 'devices'; devices: FenceDevice[]; timeoutS: number; watchdogTimeoutS?: number };
  priorityFencingDelayS?: number;
  drbd?: { resource: string };
  volume: { device: string; mountPoint: string; fsType: string };
  binds: { from: string; to: string; id: string }[];
  vip: { address: string; prefix: number; nic?: string };
  /**
   * systemd units (run by the agent `agent`) with the resource id for each and the services each must start
   * after (and stops before); a service with none starts right after the storage group. Every service is
   * colocated with the storage group: one node runs all of it.
   */
  services: { id: string; unit: string; startStopped: boolean; after: string[]; params?: [string, string | number][] }[];
  /** The OCF agent for the services (provider + type), see helpers/ocfUnit.ts. */
  agent: { provider: string; type: string };
  /** Pacemaker node names. */
  preferNode: string;
  notOn: string[];
  op: OpTimes;
}

const esc = (v: string | number) =>
  String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function nvset(tag: 'instance_attributes' | 'meta_attributes' | 'cluster_property_set', id: string, pairs: [string, string | number][], indent: string): string[] {
  if (!pairs.length) return [];
  return [`${indent}<${tag} id="${esc(id)}">`, ...pairs.map(([n, v]) => `${indent}  <nvpair id="${esc(`${id}-${n}`)}" name="${esc(n)}" value="${esc(v)}"/>`), `${indent}</${tag}>`];
}

type Op = { name: string; interval: number; timeout: number; role?: 'Promoted' | 'Unpromoted' };

function primitive(id: string, cls: string, provider: string | undefined, type: string, params: [string, string | number][], ops: Op[], meta: [string, string | number][], indent: string): string[] {
  const head = `${indent}<primitive id="${esc(id)}" class="${esc(cls)}"${provider ? ` provider="${esc(provider)}"` : ''} type="${esc(type)}">`;
  const opLines = ops.map(
    (o) => `${indent}    <op id="${esc(`${id}-${o.name}-${o.interval}${o.role ? `-${o.role}` : ''}`)}" name="${o.name}" interval="${o.interval}s" timeout="${o.timeout}s"${o.role ? ` role="${o.role}"` : ''}/>`,
  );
  return [head, ...nvset('instance_attributes', `${id}-instance_attributes`, params, `${indent}  `), ...nvset('meta_attributes', `${id}-meta_attributes`, meta, `${indent}  `), `${indent}  <operations>`, ...opLines, `${indent}  </operations>`, `${indent}</primitive>`];
}

export function renderCibConfiguration(m: CibModel): string {
  const t = m.op;
  const std = (monitor = true): Op[] => [
    { name: 'start', interval: 0, timeout: t.startS },
    { name: 'stop', interval: 0, timeout: t.stopS },
    ...(monitor ? [{ name: 'monitor', interval: t.monitorIntervalS, timeout: t.monitorTimeoutS }] : []),
  ];
  const props: [string, string | number][] = [['stonith-enabled', m.stonith.kind === 'none' ? 'false' : 'true'], ['no-quorum-policy', 'stop']];
  if (m.stonith.kind !== 'none') props.push(['stonith-timeout', `${m.stonith.timeoutS}s`]);
  // Diskless SBD: a node that loses quorum resets itself through its watchdog within this time.
  if (m.stonith.kind === 'devices' && m.stonith.watchdogTimeoutS) props.push(['stonith-watchdog-timeout', `${2 * m.stonith.watchdogTimeoutS}s`]);
  if (m.priorityFencingDelayS) props.push(['priority-fencing-delay', `${m.priorityFencingDelayS}s`]);

  const o: string[] = ['<configuration>', '  <crm_config>', ...nvset('cluster_property_set', 'cib-bootstrap-options', props, '    '), '  </crm_config>', '  <nodes/>', '  <resources>'];
  const devices = m.stonith.kind === 'devices' ? m.stonith.devices : [];
  for (const d of devices) o.push(...primitive(d.id, 'stonith', undefined, d.agent, d.params, [{ name: 'monitor', interval: 3600, timeout: t.monitorTimeoutS }], [], '    '));
  if (m.drbd) {
    o.push('    <clone id="cl_drbd">');
    o.push(
      ...nvset(
        'meta_attributes',
        'cl_drbd-meta_attributes',
        [
          ['promotable', 'true'],
          ['promoted-max', 1],
          ['promoted-node-max', 1],
          ['clone-max', 2],
          ['clone-node-max', 1],
          ['notify', 'true'],
        ],
        '      ',
      ),
    );
    o.push(
      ...primitive(
        'p_drbd',
        'ocf',
        'linbit',
        'drbd',
        [['drbd_resource', m.drbd.resource]],
        [
          { name: 'start', interval: 0, timeout: t.startS },
          { name: 'stop', interval: 0, timeout: t.stopS },
          { name: 'promote', interval: 0, timeout: t.startS },
          { name: 'demote', interval: 0, timeout: t.stopS },
          { name: 'notify', interval: 0, timeout: t.startS },
          // Two monitors must differ in interval: Pacemaker tells operations apart by name + interval.
          { name: 'monitor', interval: t.monitorIntervalS + 19, timeout: t.monitorTimeoutS, role: 'Promoted' },
          { name: 'monitor', interval: t.monitorIntervalS + 21, timeout: t.monitorTimeoutS, role: 'Unpromoted' },
        ],
        [],
        '      ',
      ),
    );
    o.push('    </clone>');
  }
  o.push('    <group id="g_mail">');
  o.push(...nvset('meta_attributes', 'g_mail-meta_attributes', m.priorityFencingDelayS ? [['priority', 10]] : [], '      '));
  o.push(...primitive('p_fs', 'ocf', 'heartbeat', 'Filesystem', [['device', m.volume.device], ['directory', m.volume.mountPoint], ['fstype', m.volume.fsType]], std(), [], '      '));
  o.push('    </group>');
  // Outside the group: a group starts its members one after another; these start as soon as what they need runs
  // (the binds together once the volume is mounted, the address beside the volume, the services after what their `after` names).
  for (const b of m.binds) o.push(...primitive(b.id, 'ocf', 'heartbeat', 'Filesystem', [['device', b.from], ['directory', b.to], ['fstype', 'none'], ['options', 'bind']], std(), [], '    '));
  const vipParams: [string, string | number][] = [['ip', m.vip.address], ['cidr_netmask', m.vip.prefix]];
  if (m.vip.nic) vipParams.push(['nic', m.vip.nic]);
  o.push(...primitive('p_vip', 'ocf', 'heartbeat', 'IPaddr2', vipParams, std(), [], '    '));
  for (const s of m.services) o.push(...primitive(s.id, 'ocf', m.agent.provider, m.agent.type, [['unit', s.unit], ...(s.params ?? [])], std(), s.startStopped ? [['target-role', 'Stopped']] : [], '    '));
  o.push('  </resources>', '  <constraints>');
  for (const b of m.binds) {
    o.push(`    <rsc_colocation id="${esc(`col_${b.id}_with_g_mail`)}" rsc="${esc(b.id)}" with-rsc="g_mail" score="INFINITY"/>`);
    o.push(`    <rsc_order id="${esc(`ord_g_mail_then_${b.id}`)}" first="g_mail" first-action="start" then="${esc(b.id)}" then-action="start" kind="Mandatory"/>`);
  }
  o.push('    <rsc_colocation id="col_p_vip_with_g_mail" rsc="p_vip" with-rsc="g_mail" score="INFINITY"/>');
  for (const s of m.services) {
    o.push(`    <rsc_colocation id="${esc(`col_${s.id}_with_g_mail`)}" rsc="${esc(s.id)}" with-rsc="g_mail" score="INFINITY"/>`);
    // Symmetric (the default): the stop runs in reverse, so a service stops before what it needs.
    for (const first of s.after) o.push(`    <rsc_order id="${esc(`ord_${first}_then_${s.id}`)}" first="${esc(first)}" first-action="start" then="${esc(s.id)}" then-action="start" kind="Mandatory"/>`);
  }
  if (m.drbd) {
    o.push('    <rsc_colocation id="col_mail_with_drbd" rsc="g_mail" with-rsc="cl_drbd" with-rsc-role="Promoted" score="INFINITY"/>');
    o.push('    <rsc_order id="ord_drbd_then_mail" first="cl_drbd" first-action="promote" then="g_mail" then-action="start" kind="Mandatory"/>');
  }
  // Where the data was copied: the first start happens on the primary; the cut-over's last step clears it.
  o.push(`    <rsc_location id="cli-prefer-g_mail" rsc="g_mail" role="Started" node="${esc(m.preferNode)}" score="INFINITY"/>`);
  for (const n of m.notOn) {
    o.push(`    <rsc_location id="${esc(`loc_g_mail_not_${n}`)}" rsc="g_mail" node="${esc(n)}" score="-INFINITY"/>`);
    if (m.drbd) o.push(`    <rsc_location id="${esc(`loc_cl_drbd_not_${n}`)}" rsc="cl_drbd" node="${esc(n)}" score="-INFINITY"/>`);
  }
  for (const d of devices) if (d.avoid) o.push(`    <rsc_location id="${esc(`loc_${d.id}_not_${d.avoid}`)}" rsc="${esc(d.id)}" node="${esc(d.avoid)}" score="-INFINITY"/>`);
  o.push('  </constraints>');
  o.push('  <rsc_defaults>', ...nvset('meta_attributes', 'rsc-options', [['resource-stickiness', 100]], '    '), '  </rsc_defaults>');
  o.push('  <op_defaults>', ...nvset('meta_attributes', 'op-options', [['timeout', `${t.startS}s`]], '    '), '  </op_defaults>');
  o.push('</configuration>', '');
  return o.join('\n');
}
