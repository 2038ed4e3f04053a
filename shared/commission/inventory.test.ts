import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inventoryProbe } from './inventory';
import { NodeInventorySchema } from './inventorySchema';

const fixture = (node: string) => readFileSync(path.resolve(import.meta.dirname, '../../test/support/commission/fixtures/ct', `${node}.inventory.txt`), 'utf8');

describe('inventoryProbe on what the lab nodes really printed', () => {
  const legacy = inventoryProbe.parse(fixture('legacy'), 'primary');
  const secondary = inventoryProbe.parse(fixture('secondary'), 'secondary');

  it('reads identity, OS and interfaces', () => {
    expect(legacy.hostname).toBe('legacy');
    expect(legacy.osCodename).toBe('bookworm');
    expect(legacy.osId).toBe('debian');
    expect(legacy.interfaces.find((i) => i.name === 'host0')).toMatchObject({ addresses: ['10.77.0.11/24'], up: true });
    expect(legacy.interfaces.find((i) => i.name === 'host1')?.addresses).toEqual(['10.78.0.11/24']);
    expect(legacy.problems).toEqual([]);
  });
  it('reads packages, units, accounts and where the mail stack keeps things', () => {
    expect(legacy.packages.postfix).toMatch(/^3\.7/);
    expect(legacy.packages.corosync).toBeUndefined();
    expect(legacy.units.postfix).toEqual({ enabled: 'enabled', active: 'active' });
    expect(legacy.units.corosync).toEqual({ enabled: 'not-found', active: 'inactive' });
    expect(legacy.users.find((u) => u.name === 'vmail')).toMatchObject({ uid: 5000, gid: 5000, home: '/srv/vmail' });
    expect(legacy.mailConfig).toMatchObject({ mailLocation: 'maildir:/srv/vmail/%d/%n', queueDirectory: '/var/spool/postfix', mailUid: 'vmail', firstMailbox: 'info@example-gmbh.test', aliasDatabases: ['hash:/etc/aliases'], postmapTables: [] });
  });
  it('lists the config files with checksums, owners and symlinks, never the derived map databases', () => {
    const f = (p: string) => legacy.configFiles.find((x) => x.path === p);
    expect(legacy.configFiles.length).toBeGreaterThan(50);
    expect(f('/etc/dovecot/dovecot-sql.conf.ext')).toMatchObject({ kind: 'file', mode: '0640', owner: 'root:dovecot' });
    expect(f('/etc/dovecot/dovecot-sql.conf.ext')?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(f('/etc/ssl/lab/mail.key')).toMatchObject({ mode: '0600' });
    expect(f('/etc/mysql/my.cnf')).toMatchObject({ kind: 'link', linkTarget: '/etc/alternatives/my.cnf' });
    expect(legacy.configFiles.some((x) => x.path.endsWith('.db'))).toBe(false);
  });
  it('sees a bare secondary as bare and its shared devices', () => {
    expect(secondary.packages.postfix).toBeUndefined();
    expect(secondary.configFiles).toEqual([]);
    expect(secondary.blockDevices.some((b) => b.path === '/dev/loop0' && b.type === 'loop')).toBe(true);
    expect(secondary.users.find((u) => u.name === 'messagebus')?.uid).toBe(100);
  });
});

describe('the probe script itself', () => {
  it('is valid POSIX sh and only reads (no write, remove or service command in it)', () => {
    expect(spawnSync('dash', ['-n'], { input: inventoryProbe.command }).status).toBe(0);
    expect(inventoryProbe.command).not.toMatch(/\b(rm|mv|cp|tee|mkdir|touch|chmod|chown|systemctl (start|stop|restart|enable|disable)|apt-get|dd|mkfs|sed -i)\b/);
    expect(inventoryProbe.command).not.toMatch(/[^2&]>\s*\/(?!dev\/null)/);
  });
  it('runs on this machine and gives a valid inventory (tools that are missing leave their part empty)', () => {
    const r = spawnSync('sh', ['-c', inventoryProbe.command], { encoding: 'utf8', timeout: 60_000 });
    const inv = inventoryProbe.parse(r.stdout, 'secondary');
    expect(NodeInventorySchema.safeParse(inv).success).toBe(true);
    expect(inv.hostname).not.toBe('unknown');
    expect(inv.problems).toEqual([]);
  });
});

describe('the parser never throws', () => {
  const sections = ['date', 'hostname', 'os', 'addr', 'link', 'drbd', 'vgs', 'lvs', 'lsblk', 'byid', 'mounts', 'watchdog', 'packages', 'passwd', 'group', 'units', 'mailconf', 'files', 'end'];
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (raw) => {
        expect(NodeInventorySchema.safeParse(inventoryProbe.parse(raw, 'primary')).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('on real sections with garbage lines and cut anywhere', () => {
    const real = fixture('legacy');
    fc.assert(
      fc.property(fc.nat({ max: real.length }), fc.array(fc.tuple(fc.constantFrom(...sections), fc.string({ maxLength: 200 })), { maxLength: 20 }), (cut, junk) => {
        const raw = real.slice(0, cut) + junk.map(([s, l]) => `\n@@mhs:${s}\n${l}`).join('');
        const inv = inventoryProbe.parse(raw, 'primary');
        expect(NodeInventorySchema.safeParse(inv).success).toBe(true);
        if (cut < real.lastIndexOf('@@mhs:end') && !junk.some(([s]) => s === 'end')) expect(inv.problems).toContain('inventory output ended early (the script did not finish)');
      }),
      { numRuns: 300 },
    );
  });
});
