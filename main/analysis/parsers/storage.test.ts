import { describe, expect, it } from 'vitest';
import { out } from '../../../test/support/analysis/bundle.js';
import { parseStorage } from './storage.js';

const LSBLK = JSON.stringify({
  blockdevices: [
    { name: 'sda', type: 'disk', size: 2000398934016, fstype: null, mountpoint: null, rota: true, model: 'ST2000NM000A-2J2100', children: [{ name: 'sda1', type: 'part', size: 2000397795328, fstype: 'linux_raid_member', mountpoint: null, rota: true, model: null, children: [{ name: 'md0', type: 'raid10', size: 4000527155200, fstype: 'LVM2_member', mountpoint: null, rota: true, model: null, children: [{ name: 'vg0-root', type: 'lvm', size: 53687091200, fstype: 'ext4', mountpoint: '/', rota: true, model: null }] }] }] },
    { name: 'sdb', type: 'disk', size: 2000398934016, fstype: null, mountpoint: null, rota: true, model: 'ST2000NM000A-2J2100', children: [{ name: 'sdb1', type: 'part', size: 2000397795328, fstype: 'linux_raid_member', mountpoint: null, rota: true, model: null, children: [{ name: 'md0', type: 'raid10', size: 4000527155200, fstype: 'LVM2_member', mountpoint: null, rota: true, model: null }] }] },
  ],
});

const MDSTAT = `Personalities : [raid10] [linear] [multipath] [raid0] [raid1] [raid6] [raid5] [raid4]
md0 : active raid10 sdd1[3] sdc1[2](F) sdb1[1] sda1[0]
      3906764800 blocks super 1.2 512K chunks 2 near-copies [4/3] [UU_U]
      bitmap: 3/30 pages [12KB], 65536KB chunk

unused devices: <none>`;

const DETAIL = `/dev/md0:
           Version : 1.2
     Creation Time : Tue Mar 14 10:12:01 2023
        Raid Level : raid10
        Array Size : 3906764800 (3.64 TiB 4.00 TB)
     Used Dev Size : 1953382400 (1862.89 GiB 2000.26 GB)
      Raid Devices : 4
     Total Devices : 4
       Persistence : Superblock is persistent
             State : clean, degraded
    Active Devices : 3
   Working Devices : 3
    Failed Devices : 1
     Spare Devices : 0
            Layout : near=2
        Chunk Size : 512K

    Number   Major   Minor   RaidDevice State
       0       8        1        0      active sync set-A   /dev/sda1
       1       8       17        1      active sync set-B   /dev/sdb1
       -       0        0        2      removed
       3       8       49        3      active sync set-B   /dev/sdd1

       2       8       33        -      faulty   /dev/sdc1`;

const VGS = JSON.stringify({ report: [{ vg: [{ vg_name: 'vg0', vg_size: '4000523091968', vg_free: '0', vg_extent_size: '4194304', vg_extent_count: '953798', vg_free_count: '0', pv_count: '1', lv_count: '3' }] }] });
const PVS = JSON.stringify({ report: [{ pv: [{ pv_name: '/dev/md0', vg_name: 'vg0', pv_size: '4000523091968', pv_free: '0' }] }] });
const LVS = JSON.stringify({ report: [{ lv: [{ lv_name: 'root', vg_name: 'vg0', lv_size: '53687091200', lv_attr: '-wi-ao----', lv_path: '/dev/vg0/root' }, { lv_name: 'vmail', vg_name: 'vg0', lv_size: '3000000000000', lv_attr: '-wi-ao----', lv_path: '/dev/vg0/vmail' }] }] });
const DF = `Filesystem           Type     1-blocks          Used     Available Capacity Mounted on
udev                 devtmpfs 33554432000            0   33554432000       0% /dev
/dev/mapper/vg0-root ext4     52573995008   20000000000   29873995008      41% /
/dev/mapper/vg0-vmail ext4   2952792064000 2800000000000  2792064000      99% /var/vmail
/dev/sde1            vfat     535805952       6082560     529723392       2% /boot/efi
/dev/sdf1            ext4     1000000          1000        999000       1% /mnt/usb stick`;

describe('storage parser', () => {
  it('reads a degraded RAID10 with LVM and a nearly full mail volume', () => {
    const r = parseStorage(out({ lsblk: LSBLK, mdstat: MDSTAT, mdadm: DETAIL, pvs: PVS, vgs: VGS, lvs: LVS, df: DF }));
    expect(r.notes).toEqual([]);
    const s = r.storage!;
    expect(s.blockDevices?.filter((d) => d.name === 'md0')).toHaveLength(1);
    expect(s.blockDevices?.find((d) => d.name === 'sda')).toEqual({ name: 'sda', type: 'disk', sizeBytes: 2000398934016, rotational: true, model: 'ST2000NM000A-2J2100' });
    expect(s.blockDevices?.find((d) => d.name === 'vg0-root')).toMatchObject({ parent: 'md0', mountpoint: '/', fstype: 'ext4' });
    expect(s.raids).toEqual([
      { name: 'md0', state: 'clean, degraded', level: 'raid10', devices: ['sda1', 'sdb1', 'sdd1', 'sdc1'], failedDevices: 1, spareDevices: 0, raidDevices: 4, activeDevices: 3, degraded: true, sizeBytes: 3906764800 * 1024 },
    ]);
    expect(s.vgs).toEqual([{ name: 'vg0', sizeBytes: 4000523091968, freeBytes: 0, extentSizeBytes: 4194304, extentCount: 953798, freeExtents: 0, pvCount: 1, lvCount: 3 }]);
    expect(s.pvs?.[0]).toEqual({ name: '/dev/md0', vg: 'vg0', sizeBytes: 4000523091968, freeBytes: 0 });
    expect(s.lvs?.map((l) => l.path)).toEqual(['/dev/vg0/root', '/dev/vg0/vmail']);
    expect(s.filesystems?.map((f) => f.mountpoint)).toEqual(['/', '/var/vmail', '/boot/efi', '/mnt/usb stick']);
    expect(s.filesystems?.[1]).toEqual({ source: '/dev/mapper/vg0-vmail', fstype: 'ext4', sizeBytes: 2952792064000, usedBytes: 2800000000000, availBytes: 2792064000, usePercent: 99, mountpoint: '/var/vmail' });
  });

  it('works without root: mdstat only, LVM denied', () => {
    const healthy = MDSTAT.replace('sdc1[2](F)', 'sdc1[2]').replace('[4/3] [UU_U]', '[4/4] [UUUU]');
    const denied = '  WARNING: Running as a non-root user. Functionality may be unavailable.\n  /run/lock/lvm/P_global:aux: open failed: Permission denied';
    const r = parseStorage(out({ lsblk: LSBLK, mdstat: healthy, mdadm: ['mdadm: must be super-user to perform this action', 1], pvs: [denied, 5], vgs: [denied, 5], lvs: [denied, 5], df: DF }));
    expect(r.storage?.raids?.[0]).toMatchObject({ name: 'md0', level: 'raid10', degraded: false, raidDevices: 4, activeDevices: 4 });
    expect(r.notes.map((n) => `${n.key} ${n.params?.section}`)).toEqual(['mdadm', 'pvs', 'vgs', 'lvs'].map((s) => `analysis:notes.permissionDenied ${s}`));
    expect(r.storage?.vgs).toBeUndefined();
  });

  it('notes machines without software RAID', () => {
    const r = parseStorage(out({ lsblk: LSBLK, mdstat: ['cat: /proc/mdstat: No such file or directory', 1], mdadm: '', pvs: PVS, vgs: VGS, lvs: LVS, df: DF }));
    expect(r.storage?.raids).toEqual([]);
    expect(r.notes.map((n) => n.key)).toEqual(['analysis:notes.storage.noMdRaid']);
  });
});
