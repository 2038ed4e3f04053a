import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labInventory, labProject } from '../../test/support/commission/labFixture';
import { filesystemOf, legacyCleanupPlan } from './cleanup';
import { configSyncPlan, driftProbes } from './configSync';
import type { Inventory } from './inventorySchema';

describe('config sync and drift check', () => {
  it('syncs every config file of the primary to the secondary and reloads only where the mail runs', () => {
    const plan = configSyncPlan(labProject('ct'), labInventory('ct'));
    expect(plan.steps.map((s) => s.id)).toEqual(['sync.configs@secondary', 'sync.reload@secondary']);
    const transfers = plan.steps[0]!.apply.filter((a) => a.kind === 'transfer');
    expect(transfers.length).toBe(labInventory('ct').nodes.primary!.configFiles.filter((f) => f.kind === 'file').length);
    expect(plan.steps[1]!.apply[0]!.kind === 'run' && plan.steps[1]!.apply[0]!.command).toContain('systemctl is-active -q "$u"');
  });

  it('drift probe: exit 0 when the files equal the primary, names each file that differs or is missing', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-drift-'));
    const a = path.join(dir, 'main.cf');
    const b = path.join(dir, 'master.cf');
    const l = path.join(dir, 'my.cnf');
    writeFileSync(a, 'myhostname = mail.example\n');
    writeFileSync(b, 'smtp inet n - y - - smtpd\n');
    symlinkSync('/etc/alternatives/my.cnf', l);
    const sha = (t: string) => createHash('sha256').update(t).digest('hex');
    const inv: Inventory = labInventory('ct');
    inv.nodes.primary!.configFiles = [
      { path: a, kind: 'file', sha256: sha('myhostname = mail.example\n') },
      { path: b, kind: 'file', sha256: sha('smtp inet n - y - - smtpd\n') },
      { path: l, kind: 'link', linkTarget: '/etc/alternatives/my.cnf' },
    ];
    const [probe] = driftProbes(labProject('ct'), inv);
    expect(probe!.node).toBe('secondary');
    const run = () => spawnSync('dash', ['-c', probe!.probe.command], { encoding: 'utf8' });
    expect(run().status).toBe(0);
    writeFileSync(b, 'smtp inet n - n - - smtpd\n');
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`differs: ${b}`);
    expect(r.stdout).not.toContain(`differs: ${a}`);
  });
});

describe('legacy cleanup', () => {
  it('finds the file system each data directory lives on', () => {
    const mounts = [
      { target: '/', source: '/dev/sda1' },
      { target: '/var', source: '/dev/sda2' },
      { target: '/srv/vmail', source: '/dev/mapper/vg_mail-vmail' },
    ];
    expect(filesystemOf(mounts, '/srv/vmail')?.source).toBe('/dev/mapper/vg_mail-vmail');
    expect(filesystemOf(mounts, '/var/lib/mysql')?.target).toBe('/var');
    expect(filesystemOf(mounts, '/srv/other')?.target).toBe('/');
  });
  it('deletes only through a private view, refuses the cluster volume, and is destructive', () => {
    const plan = legacyCleanupPlan(labProject('ct'), labInventory('ct'));
    const steps = plan.steps.filter((s) => s.id.startsWith('cleanup.') && s.id !== 'cleanup.clusterServes@primary');
    expect(steps.map((s) => s.id)).toEqual(['cleanup.vmail@primary', 'cleanup.mysql@primary', 'cleanup.spool@primary']);
    for (const s of steps) {
      expect(s.destructive).toBe(true);
      const cmd = s.apply[0]!.kind === 'run' ? s.apply[0]!.command : '';
      expect(cmd).toContain('mount --bind / /run/mail-ha-studio/cleanup/');
      expect(cmd).toContain('this is the cluster volume, refusing');
      expect(spawnSync('dash', ['-n'], { input: cmd }).status).toBe(0);
    }
  });
});
