import { describe, expect, it } from 'vitest';
import { out } from '../../../test/support/analysis/bundle.js';
import { parseCluster } from './cluster.js';

const CRM = `<?xml version="1.0"?>
<crm_mon version="2.1.5">
  <nodes>
    <node name="mail1" id="1" online="true" standby="false"/>
    <node name="mail2" id="2" online="true" standby="false"/>
  </nodes>
  <resources>
    <resource id="vip_mail" resource_agent="ocf:heartbeat:IPaddr2" role="Started" active="true" nodes_running_on="1"/>
    <clone id="drbd_vmail-clone" multi_state="true">
      <resource id="drbd_vmail" resource_agent="ocf:linbit:drbd" role="Promoted"/>
    </clone>
  </resources>
</crm_mon>`;

const DUMP = `# resource vmail on mail1: not ignored, not stacked
resource vmail {
    on mail1 {
        node-id 0;
        volume 0 {
            device       minor 0;
            disk         /dev/vg0/vmail;
            meta-disk    internal;
        }
        address          ipv4 10.0.0.1:7789;
    }
}
`;

describe('cluster parser', () => {
  it('finds a running pacemaker/corosync/drbd stack', () => {
    const r = parseCluster(out({
      tools: 'corosync yes\npacemakerd yes\ncrm_mon yes\ndrbdadm yes\npcs yes\ncrm no',
      active: 'corosync active\npacemaker active\ndrbd inactive',
      corosync: 'totem {\n  version: 2\n  cluster_name: mailha\n}\nnodelist {\n  node {\n    name: mail1\n    ring0_addr: 10.0.0.1\n  }\n  node {\n    name: mail2\n    ring0_addr: 10.0.0.2\n  }\n}',
      crm: CRM,
      procdrbd: 'version: 8.4.11 (api:1/proto:86-101)\n 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----',
      drbddump: DUMP,
    }));
    expect(r.notes).toEqual([]);
    expect(r.cluster).toEqual({
      corosync: { installed: true, configured: true, active: true, nodes: ['mail1', 'mail2'] },
      pacemaker: { installed: true, active: true, resources: ['vip_mail', 'drbd_vmail'] },
      drbd: { installed: true, kernelVersion: '8.4.11', resources: [{ name: 'vmail', disk: '/dev/vg0/vmail', state: 'Connected Primary/Secondary UpToDate/UpToDate' }] },
    });
  });

  it('reports a standalone server as having no cluster pieces', () => {
    const r = parseCluster(out({
      tools: 'corosync no\npacemakerd no\ncrm_mon no\ndrbdadm no\npcs no\ncrm no',
      active: 'corosync inactive\npacemaker inactive\ndrbd inactive',
      corosync: ['cat: /etc/corosync/corosync.conf: No such file or directory', 1],
      crm: ['sh: 1: crm_mon: not found', 127],
      procdrbd: ['cat: /proc/drbd: No such file or directory', 1],
      drbddump: ['sh: 1: drbdadm: not found', 127],
    }));
    expect(r.cluster).toEqual({ corosync: { installed: false, configured: false, active: false }, pacemaker: { installed: false, active: false }, drbd: { installed: false } });
    expect(r.notes).toEqual([]);
  });
});
