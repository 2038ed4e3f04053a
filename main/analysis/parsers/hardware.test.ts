import { describe, expect, it } from 'vitest';
import { out } from '../../../test/support/analysis/bundle.js';
import { parseHardware } from './hardware.js';

const LSCPU = `Architecture:                       x86_64
CPU op-mode(s):                     32-bit, 64-bit
CPU(s):                             16
On-line CPU(s) list:                0-15
Vendor ID:                          GenuineIntel
Model name:                         Intel(R) Xeon(R) Silver 4208 CPU @ 2.10GHz
Thread(s) per core:                 2
Core(s) per socket:                 8
Socket(s):                          1
Virtualization:                     VT-x`;

const IPLINK = JSON.stringify([
  { ifindex: 1, ifname: 'lo', flags: ['LOOPBACK', 'UP'], mtu: 65536, operstate: 'UNKNOWN', link_type: 'loopback', address: '00:00:00:00:00:00' },
  { ifindex: 2, ifname: 'eno1', flags: ['UP'], mtu: 1500, operstate: 'UP', link_type: 'ether', address: '3c:ec:ef:12:34:56' },
  { ifindex: 3, ifname: 'eno2', flags: [], mtu: 1500, operstate: 'DOWN', link_type: 'ether', address: '3c:ec:ef:12:34:57' },
  { ifindex: 4, ifname: 'bond0', mtu: 9000, operstate: 'UP', link_type: 'ether', address: '3c:ec:ef:12:34:58', linkinfo: { info_kind: 'bond' } },
]);

describe('hardware parser', () => {
  it('reads a bare-metal Xeon with two NICs', () => {
    const r = parseHardware(out({
      hostname: 'mail.example.org',
      lscpu: LSCPU,
      cpuinfo: 'processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Silver 4208 CPU @ 2.10GHz\nphysical id\t: 0\ncore id\t\t: 0',
      meminfo: 'MemTotal:       65701148 kB\nMemFree:         1022440 kB\nMemAvailable:   52103456 kB\nSwapTotal:       8388604 kB',
      iplink: IPLINK,
      speed: 'bond0 2000\neno1 1000\neno2 -1\nlo ',
      virt: ['none', 1],
    }));
    expect(r.notes).toEqual([]);
    expect(r.hostname).toBe('mail.example.org');
    expect(r.hardware).toMatchObject({ cpuModel: 'Intel(R) Xeon(R) Silver 4208 CPU @ 2.10GHz', cpuSockets: 1, cpuCores: 8, cpuThreads: 16, memTotalBytes: 65701148 * 1024, memAvailableBytes: 52103456 * 1024, swapTotalBytes: 8388604 * 1024, virtualization: 'none' });
    expect(r.hardware?.nics?.find((n) => n.name === 'eno1')).toEqual({ name: 'eno1', mac: '3c:ec:ef:12:34:56', state: 'UP', mtu: 1500, kind: 'ether', speedMbps: 1000 });
    expect(r.hardware?.nics?.find((n) => n.name === 'eno2')?.speedMbps).toBeUndefined();
    expect(r.hardware?.nics?.find((n) => n.name === 'bond0')?.kind).toBe('bond');
  });

  it('falls back to /proc/cpuinfo and notes a missing lscpu', () => {
    const cpuinfo = [0, 1, 2, 3].map((i) => `processor\t: ${i}\nmodel name\t: AMD EPYC 7302P 16-Core Processor\nphysical id\t: 0\ncore id\t\t: ${i >> 1}`).join('\n');
    const r = parseHardware(out({ lscpu: ['sh: 1: lscpu: not found', 127], cpuinfo, meminfo: 'MemTotal: 4000000 kB', iplink: '[]', speed: '', virt: 'kvm' }));
    expect(r.hardware).toMatchObject({ cpuModel: 'AMD EPYC 7302P 16-Core Processor', cpuThreads: 4, cpuCores: 2, cpuSockets: 1, virtualization: 'kvm' });
    expect(r.notes.map((n) => n.key)).toContain('analysis:notes.toolMissing');
    expect(r.notes.map((n) => n.key)).toContain('analysis:notes.unparsable');
  });
});
