/**
 * The DRBD resource for the mail volume, in the syntax of the module the node actually runs: 8.4 (Debian's
 * in-tree module) keeps `fencing` in `disk {}` with crm-fence-peer.sh / crm-unfence-peer.sh as
 * after-resync-target; 9 (LINBIT's module) keeps it in `net {}` with crm-fence-peer.9.sh / unfence-peer and
 * needs node ids. drbd-utils 9 drives both.
 */

export interface DrbdModel {
  version: '8.4' | '9';
  resource: string;
  device: string;
  port: number;
  resourceFencing: boolean;
  hosts: { name: string; disk: string; address: string }[];
}

export function renderDrbdResource(m: DrbdModel): string {
  const o: string[] = ['# Written by Mail HA Studio. Pacemaker (ocf:linbit:drbd) runs this resource; do not start it by hand.', `resource ${m.resource} {`];
  o.push(`\tdevice ${m.device};`, '\tmeta-disk internal;');
  o.push('\tdisk {', '\t\ton-io-error detach;');
  if (m.resourceFencing && m.version === '8.4') o.push('\t\tfencing resource-and-stonith;');
  o.push('\t}');
  o.push('\tnet {', '\t\tprotocol C;');
  if (m.resourceFencing && m.version === '9') o.push('\t\tfencing resource-and-stonith;');
  // Automatic split-brain recovery only where no data can be lost; two primaries always need a human.
  o.push('\t\tafter-sb-0pri discard-zero-changes;', '\t\tafter-sb-1pri discard-secondary;', '\t\tafter-sb-2pri disconnect;', '\t}');
  if (m.resourceFencing) {
    o.push('\thandlers {');
    if (m.version === '8.4') o.push('\t\tfence-peer "/usr/lib/drbd/crm-fence-peer.sh";', '\t\tafter-resync-target "/usr/lib/drbd/crm-unfence-peer.sh";');
    else o.push('\t\tfence-peer "/usr/lib/drbd/crm-fence-peer.9.sh";', '\t\tunfence-peer "/usr/lib/drbd/crm-unfence-peer.9.sh";');
    o.push('\t}');
  }
  m.hosts.forEach((h, i) => {
    o.push(`\ton ${h.name} {`);
    if (m.version === '9') o.push(`\t\tnode-id ${i};`);
    o.push(`\t\tdisk ${h.disk};`, `\t\taddress ${h.address}:${m.port};`, '\t}');
  });
  if (m.version === '9') o.push('\tconnection-mesh {', `\t\thosts ${m.hosts.map((h) => h.name).join(' ')};`, '\t}');
  o.push('}', '');
  return o.join('\n');
}

/** Debian's global_common.conf asks to report usage to LINBIT (a network call on every create-md): off. */
export const DRBD_GLOBAL_COMMON = '# Written by Mail HA Studio.\nglobal {\n\tusage-count no;\n}\ncommon {\n}\n';
