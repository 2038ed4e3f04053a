// status.json schema 2: what the lab writes validates, and what drifts from it is refused with the field named.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIL_ROOT, nodeMac } from '../lib/config.js';
import type { LabState } from '../lib/state.js';
import { buildStatus } from '../lib/status.js';
import { labNode, nodeInterface, parseLabStatus, readLabStatus, readLabStatusFile } from '../lib/statusSchema.js';

function state(over: Partial<LabState> = {}): LabState {
  return {
    tier: 'vm',
    instance: 3,
    netns: 'mhs-lab-vm3',
    sockDir: '/run/mhs-lab/3/vm',
    nodes: ['legacy', 'secondary'],
    startedAt: '2026-12-01T20:00:00.000Z',
    procs: [],
    mounts: [],
    loops: [],
    files: [],
    hostKeys: { legacy: { ed25519: 'ssh-ed25519 AAAAC3 root@legacy' }, secondary: { ed25519: 'ssh-ed25519 AAAAC4 root@secondary' } },
    images: {},
    ready: true,
    power: { secondary: 'crashed' },
    links: { secondary: { cluster: 'down' } },
    interfaces: Object.fromEntries(
      (['legacy', 'secondary'] as const).map((n) => [
        n,
        [
          { net: 'client' as const, name: 'eth0', mac: nodeMac('client', n), hostInterface: `tap-${n}` },
          { net: 'cluster' as const, name: 'eth1', mac: nodeMac('cluster', n), hostInterface: `tapc-${n}` },
        ],
      ]),
    ),
    ...over,
  };
}

describe('lab status.json schema 2', () => {
  it('validates the status built from a lab state, with both networks, interfaces, links and the mail store', () => {
    const st = buildStatus(state());
    expect(st.schema).toBe(2);
    expect(st.instance).toBe(3);
    expect(st.portBase).toBe(24000);
    expect(st.networks.cluster).toMatchObject({ subnet: '10.78.0.0/24', bridge: 'br1' });
    const sec = labNode(st, 'secondary');
    expect(nodeInterface(sec, 'cluster')).toEqual({
      name: 'eth1', mac: '52:54:00:78:00:0c', address: '10.78.0.12', prefix: 24, network: 'cluster', bridge: 'br1', hostInterface: 'tapc-secondary', link: 'down',
    });
    expect(nodeInterface(sec, 'client')).toMatchObject({ address: '10.77.0.12', link: 'up' });
    // No process recorded: not running; the lab crashed it last.
    expect(sec.running).toBe(false);
    expect(sec.power).toBe('crashed');
    expect(st.state).toBe('degraded');
    expect(labNode(st, 'legacy').mailStore).toEqual({ mailLocation: 'maildir:/srv/vmail/%d/%n', root: MAIL_ROOT, device: '/dev/mapper/vg_mail-vmail' });
    expect(st.packageRepository.groups.mail).toContain('postfix');
    expect(st.packageRepository.packages).toEqual(expect.arrayContaining(['pacemaker', 'fail2ban', 'nftables', 'rsync', 'dovecot-imapd']));
    expect(() => labNode(st, 'witness')).toThrow(/witness is not in the vm lab \(nodes: legacy, secondary\)/);
  });

  it('refuses schema 1 files and drifted fields, naming the path', () => {
    const good = buildStatus(state());
    expect(() => parseLabStatus({ ...good, schema: 1 })).toThrow(/schema: /);
    const badMac = structuredClone(good);
    (badMac.nodes[0]!.interfaces[0] as { mac: string }).mac = '52:54:00:77:00';
    expect(() => parseLabStatus(badMac)).toThrow(/nodes\.0\.interfaces\.0\.mac/);
    const noIfaces = structuredClone(good) as { nodes: Record<string, unknown>[] };
    delete noIfaces.nodes[1]!.interfaces;
    expect(() => parseLabStatus(noIfaces)).toThrow(/nodes\.1\.interfaces/);
    const wrongHost = structuredClone(good);
    (wrongHost.vip.services.smtp as { host: string }).host = '10.77.0.10';
    expect(() => parseLabStatus(wrongHost)).toThrow(/vip\.services\.smtp\.host/);
  });

  it('reads and validates a file; says clearly when the lab is not up or the file is not JSON', () => {
    // instance 7 is no engineer's (coord/README), so its vm lab is never up
    const dir = mkdtempSync(join(tmpdir(), 'lab-status-'));
    const f = join(dir, 'status.json');
    writeFileSync(f, JSON.stringify(buildStatus(state())));
    expect(readLabStatusFile(f).namespace).toBe('mhs-lab-vm3');
    writeFileSync(f, '{"schema": 2');
    expect(() => readLabStatusFile(f)).toThrow(/is not JSON/);
    expect(() => readLabStatus('vm', 7)).toThrow(/the vm lab \(instance 7\) is not up: no .*instance-7\/vm\/status\.json/);
  });
});
