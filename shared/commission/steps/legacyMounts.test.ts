/**
 * The park scripts in a real sh against a temporary fstab (no mounts: the data dirs here are plain dirs, so
 * nothing is unmounted; the unmount itself is exercised on the lab's vm tier, where the data are LVs).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parkScripts } from './legacyMounts';

const sh = (script: string) => {
  try {
    execFileSync('sh', ['-c', script], { stdio: 'pipe' });
    return 0;
  } catch (e) {
    return (e as { status: number }).status;
  }
};

function setup(fstab: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-park-'));
  const p = { dirs: ['/srv/vmail', '/var/lib/mysql', '/var/spool/postfix'], fstab: path.join(dir, 'fstab'), parked: path.join(dir, 'state', 'parked'), reload: 'true' };
  writeFileSync(p.fstab, fstab);
  return { p, s: parkScripts(p) };
}

const FSTAB = [
  '# /etc/fstab: static file system information.',
  'UUID=1234-abcd / ext4 errors=remount-ro 0 1',
  '/dev/vg_mail/vmail /srv/vmail ext4 defaults,noatime,x-systemd.device-timeout=15min 0 2',
  '/dev/vg_mail/mysql\t/var/lib/mysql\text4\tdefaults 0 2',
  '#/dev/vg_mail/old /var/spool/postfix ext4 defaults 0 2',
  '/dev/vg_mail/backup /srv/backup ext4 defaults 0 2',
  '',
].join('\n');

describe('cutover.parkMounts scripts', () => {
  it('sets the data dirs\' fstab lines to noauto, records them for the rollback, leaves every other line alone, and is then done', () => {
    const { p, s } = setup(FSTAB);
    expect(sh(s.check)).not.toBe(0);
    expect(sh(s.apply)).toBe(0);
    const after = readFileSync(p.fstab, 'utf8').split('\n');
    expect(after).toContain('/dev/vg_mail/vmail /srv/vmail ext4 defaults,noatime,x-systemd.device-timeout=15min,noauto 0 2');
    expect(after).toContain('/dev/vg_mail/mysql /var/lib/mysql ext4 defaults,noauto 0 2');
    for (const keep of [0, 1, 4, 5]) expect(after[keep]).toBe(FSTAB.split('\n')[keep]);
    expect(readFileSync(p.parked, 'utf8')).toBe('/srv/vmail\t/dev/vg_mail/vmail\text4\tdefaults,noatime,x-systemd.device-timeout=15min\n/var/lib/mysql\t/dev/vg_mail/mysql\text4\tdefaults\n');
    expect(sh(s.check)).toBe(0);
    // Applied again (a resume after a kill between the unmount and the fstab edit): nothing recorded twice.
    writeFileSync(p.fstab, FSTAB);
    expect(sh(s.apply)).toBe(0);
    expect(readFileSync(p.parked, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('is done at once where the data dirs are no partitions of their own (the ct lab)', () => {
    const { p, s } = setup('UUID=1 / ext4 defaults 0 1\n/dev/sdb1 /srv/vmail ext4 defaults,noauto 0 2\n');
    expect(sh(s.check)).toBe(0);
    expect(existsSync(p.parked)).toBe(false);
  });

  it('the rollback script does nothing without a record and removes the record after mounting', () => {
    const { p, s } = setup(FSTAB);
    expect(sh(s.remount)).toBe(0);
    // A record whose dir is already a mount point (here: /) is not mounted again; the record goes.
    execFileSync('mkdir', ['-p', path.dirname(p.parked)]);
    writeFileSync(p.parked, '/\t/dev/none\text4\tdefaults\n');
    expect(sh(s.remount)).toBe(0);
    expect(existsSync(p.parked)).toBe(false);
  });
});
