// Lab smoke test for one tier (LAB_TIER=ct|vm, LAB_NODES=legacy,secondary,witness): real nodes, real
// protocols. Brings the lab up unless it is already running, and ends by taking it down and checking
// that nothing is left behind.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, status, up } from '../lib/lab.js';
import { leftovers } from '../lib/leftovers.js';
import { Imap, Pop3, Smtp, queueIdOf } from '../lib/proto.js';
import { keyLogin, sshRun } from '../lib/ssh.js';
import { loadState, statusFile } from '../lib/state.js';
import { parseLabStatus } from '../lib/statusSchema.js';
import { sleep } from '../lib/util.js';
import { ctx, has, node, refresh, root, tier, wanted } from './context.js';
import { ctNodeTests } from './ctNodes.js';
import { networkTests } from './network.js';
import { packageTests } from './packages.js';
import { primitiveTests } from './primitives.js';

const token = randomBytes(6).toString('hex');
const timings = ctx.timings;

beforeAll(async () => {
  const t0 = Date.now();
  if (!status(tier)) await up(tier, wanted);
  const st = refresh();
  timings.upSeconds = st.upSeconds ?? (Date.now() - t0) / 1000;
});

afterAll(() => {
  process.stderr.write(`lab smoke (${tier}) timings: ${JSON.stringify(timings)}\n`);
});

describe(`lab ${tier}`, () => {
  it('publishes a status.json (schema 2) with every node running', () => {
    const file = parseLabStatus(JSON.parse(readFileSync(statusFile(tier), 'utf8')));
    expect(file.schema).toBe(2);
    expect(file.tier).toBe(tier);
    expect(file.state).toBe('running');
    expect(file.nodes.map((n) => n.name).sort()).toEqual([...wanted].sort());
    for (const n of file.nodes) {
      expect(n.running).toBe(true);
      expect(n.power).toBe('running');
      expect(n.ssh.host).toBe('127.0.0.1');
      expect(n.address).toMatch(/^10\.77\.0\.\d+$/);
      expect(Object.keys(n.ssh.hostKeys)).toContain('ed25519');
    }
    expect(existsSync(file.credentials.clientKey)).toBe(true);
    expect(existsSync(file.credentials.knownHosts)).toBe(true);
    // Every node has its own host keys.
    const keys = file.nodes.map((n) => n.ssh.hostKeys.ed25519);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lets root in by key, labadmin by key and password with a sudo password, labuser by password', async () => {
    for (const n of wanted) {
      const nd = node(n);
      const r = await sshRun(nd, keyLogin(ctx.st, 'root'), 'id -u; hostname; sshd -T | grep -i ^permitrootlogin');
      expect(r.stdout.split('\n').slice(0, 2)).toEqual(['0', n]);
      expect(r.stdout).toContain('permitrootlogin without-password');
      const ak = await sshRun(nd, keyLogin(ctx.st, 'labadmin'), 'id -un');
      expect(ak.stdout.trim()).toBe('labadmin');
      const ap = await sshRun(nd, { username: 'labadmin', password: ctx.st.credentials.admin.password }, "sudo -n true; echo nopw=$?; sudo -S -p '' id -u", `${ctx.st.credentials.admin.password}\n`);
      expect(ap.stdout).toContain('nopw=1');
      expect(ap.stdout.trim().split('\n').pop()).toBe('0');
      const up2 = await sshRun(nd, { username: 'labuser', password: ctx.st.credentials.passwordUser.password }, 'id -un; sudo -n true 2>/dev/null; echo sudo=$?');
      expect(up2.stdout).toContain('labuser');
      expect(up2.stdout).toContain('sudo=1');
      await expect(sshRun(nd, { username: 'labuser', password: 'wrong-password' }, 'true')).rejects.toThrow();
    }
  });

  // Before anything installs packages on the nodes (the vm SBD test installs sbd).
  describe('package repository', packageTests);
  describe('networks', networkTests);

  it.runIf(has('legacy'))('legacy: MariaDB holds the mail accounts', async () => {
    const r = await root('legacy', 'mariadb -N -e "SELECT COUNT(*) FROM mailserver.virtual_domains; SELECT COUNT(*) FROM mailserver.virtual_users; SELECT COUNT(*) FROM mailserver.virtual_aliases"; systemctl is-enabled postfix dovecot mariadb');
    const [d, u, a, ...en] = r.stdout.trim().split('\n');
    expect(Number(d)).toBeGreaterThanOrEqual(3);
    expect(Number(u)).toBeGreaterThanOrEqual(30);
    expect(Number(a)).toBeGreaterThanOrEqual(5);
    expect(en).toEqual(['enabled', 'enabled', 'enabled']);
  });

  it.runIf(has('legacy'))('legacy: the mailbox root and a rotated mail.log hold real history', async () => {
    const m = node('legacy').mailStore?.root as string;
    const r = await root(
      'legacy',
      `ls ${m} | grep -v lost+found | wc -l; ls -d ${m}/*/* | grep -v lost+found | wc -l; find ${m} -type f \\( -path "*/new/*" -o -path "*/cur/*" \\) | wc -l; du -sm ${m} | cut -f1; ls /var/log/mail.log*; zcat /var/log/mail.log.2.gz | grep -c "status=sent"`,
    );
    const lines = r.stdout.trim().split('\n');
    expect(Number(lines[0])).toBeGreaterThanOrEqual(3);
    expect(Number(lines[1])).toBeGreaterThanOrEqual(30);
    expect(Number(lines[2])).toBeGreaterThanOrEqual(2000);
    expect(Number(lines[3])).toBeGreaterThanOrEqual(100);
    expect(lines).toContain('/var/log/mail.log');
    expect(lines).toContain('/var/log/mail.log.1');
    expect(lines).toContain('/var/log/mail.log.2.gz');
    expect(Number(lines[lines.length - 1])).toBeGreaterThan(100);
  });

  it.runIf(has('legacy'))('legacy: accepts mail on 25 and on 587 (STARTTLS + SASL), serves it over IMAP and POP3', async () => {
    const svc = node('legacy').services;
    const box = ctx.st.credentials.mailbox;
    // Port 25: a local recipient is accepted and queued, an unknown one is rejected.
    const { smtp, banner } = await Smtp.open('127.0.0.1', svc.smtp!.port);
    expect(banner.lines[0]).toMatch(/^220 mail\.example-gmbh\.test ESMTP/);
    const caps = await smtp.ehlo('smoke.kunden-example.test');
    expect(caps).toContain('STARTTLS');
    const r25 = await smtp.send('smoke@kunden-example.test', [box.user], `Subject: smoke-25-${token}\nFrom: <smoke@kunden-example.test>\nTo: <${box.user}>\n\nport 25 ${token}\n`);
    expect(queueIdOf(r25.reply)).toBeTruthy();
    const unknown = await smtp.send('smoke@kunden-example.test', [`nobody-${token}@example-gmbh.test`], 'Subject: x\n\nx\n');
    expect(unknown.rejected).toHaveLength(1);
    await smtp.quit();

    const { smtp: sub } = await Smtp.open('127.0.0.1', svc.submission!.port);
    const before = await sub.ehlo('smoke-laptop');
    expect(before.some((c) => c.startsWith('AUTH'))).toBe(false);
    await expect(sub.cmd('MAIL FROM:<x@example-gmbh.test>', 250)).rejects.toThrow();
    await sub.startTls('smoke-laptop');
    expect(sub.c.isTls).toBe(true);
    await expect(sub.authPlain(box.user, 'wrong')).rejects.toThrow(/535/);
    await sub.authPlain(box.user, box.password);
    const r587 = await sub.send(box.user, [box.user], `Subject: smoke-587-${token}\nFrom: <${box.user}>\nTo: <${box.user}>\n\nport 587 ${token}\n`);
    expect(queueIdOf(r587.reply)).toBeTruthy();
    await sub.quit();

    // IMAPS: both mails arrive in the INBOX.
    let found: string[] = [];
    for (let i = 0; i < 60 && found.length < 2; i++) {
      const { imap } = await Imap.open('127.0.0.1', svc.imaps!.port);
      await imap.login(box.user, box.password);
      await imap.cmd('SELECT INBOX');
      const s = await imap.cmd(`UID SEARCH SUBJECT ${token}`);
      found = (s.find((l) => l.startsWith('* SEARCH')) ?? '* SEARCH').split(' ').slice(2).filter(Boolean);
      if (found.length === 2) {
        const body = await imap.cmd(`UID FETCH ${found[0]} BODY.PEEK[TEXT]`);
        expect(body.join('\n')).toContain(token);
      }
      await imap.logout();
      if (found.length < 2) await sleep(500);
    }
    expect(found).toHaveLength(2);
    await expect(
      (async () => {
        const { imap } = await Imap.open('127.0.0.1', svc.imaps!.port);
        try {
          await imap.login(box.user, 'wrong');
        } finally {
          imap.c.close();
        }
      })(),
    ).rejects.toThrow(/NO/);

    // POP3S: the newest messages are ours.
    const { pop } = await Pop3.open('127.0.0.1', svc.pop3s!.port);
    await pop.cmd(`USER ${box.user}`);
    await pop.cmd(`PASS ${box.password}`);
    const stat = await pop.cmd('STAT');
    const count = Number(stat.split(' ')[1]);
    expect(count).toBeGreaterThanOrEqual(2);
    const heads = [...(await pop.multi(`TOP ${count} 0`)), ...(await pop.multi(`TOP ${count - 1} 0`))].join('\n');
    expect(heads).toContain(`smoke-25-${token}`);
    expect(heads).toContain(`smoke-587-${token}`);
    await pop.quit();
  });

  it.runIf(has('legacy') && has('secondary'))('legacy and secondary see the same shared disk', async () => {
    const dev = ctx.st.sharedDisk?.nodeDevice;
    expect(dev).toBeTruthy();
    const offset = 3; // MiB, away from where an SBD header or a file system would start
    const w = await root('legacy', `printf 'lab-shared-${token}' | dd of=${dev} bs=1M seek=${offset} conv=fsync,notrunc 2>/dev/null; echo rc=$?`);
    expect(w.stdout).toContain('rc=0');
    const r = await root('secondary', `dd if=${dev} bs=1M skip=${offset} count=1 2>/dev/null | head -c 64 | tr -d '\\0'; echo`);
    expect(r.stdout.trim()).toBe(`lab-shared-${token}`);
  });

  it.runIf(tier === 'vm' && has('legacy'))('vm legacy: mail data on LVM over an mdadm RAID10 of four disks, free extents left', async () => {
    const r = await root(
      'legacy',
      'cat /proc/mdstat; echo ---; mdadm --detail /dev/$(awk \'/^md[0-9]+ : .*raid10/ { print $1; exit }\' /proc/mdstat) | grep -E "Raid Level|Active Devices|State :"; echo ---; vgs --noheadings --units m -o vg_name,vg_size,vg_free,pv_count vg_mail; echo ---; findmnt -n -o SOURCE /srv/vmail; findmnt -n -o SOURCE /var/lib/mysql; echo ---; find /srv/vmail -type f -path "*/cur/*" -o -type f -path "*/new/*" | wc -l',
    );
    const [mdstat, detail, vgs, mounts, count] = r.stdout.split('---\n');
    expect(mdstat).toMatch(/md\d+ : active raid10/);
    expect(mdstat).toMatch(/\[4\/4\] \[UUUU\]/);
    expect(detail).toMatch(/Raid Level : raid10/);
    expect(detail).toMatch(/Active Devices : 4/);
    const [vg, size, free] = (vgs ?? '').trim().split(/\s+/);
    expect(vg).toBe('vg_mail');
    expect(parseFloat(free ?? '0')).toBeGreaterThan(200);
    expect(parseFloat(size ?? '0')).toBeGreaterThan(parseFloat(free ?? '0'));
    expect((mounts ?? '').trim().split('\n')).toEqual(['/dev/mapper/vg_mail-vmail', '/dev/mapper/vg_mail-mysql']);
    expect(Number((count ?? '').trim())).toBeGreaterThanOrEqual(2000);
  });

  it.runIf(tier === 'vm')('vm: Debian kernel with DRBD 8.4, a blank DRBD disk and the softdog watchdog', async () => {
    for (const n of wanted.filter((x) => x !== 'witness')) {
      const r = await root(n, 'uname -r; modprobe drbd && head -1 /proc/drbd; blockdev --getsize64 /dev/disk/by-id/virtio-lab-drbd; ls -l /dev/watchdog; lsmod | grep -c softdog');
      const lines = r.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/-amd64$/);
      expect(lines[1]).toMatch(/^version: 8\.4\./);
      expect(Number(lines[2])).toBe(512 * 1024 * 1024);
      expect(lines[3]).toMatch(/\/dev\/watchdog/);
      expect(Number(lines[4])).toBeGreaterThanOrEqual(1);
    }
  });

  it.runIf(tier === 'vm' && has('legacy') && has('secondary') && process.env.LAB_SKIP_FENCE !== '1')(
    'vm: SBD fencing on the shared disk really resets the other node (softdog)',
    async () => {
      const dev = '/dev/disk/by-id/virtio-lab-sbd';
      const install = 'apt-get update -q >/tmp/apt.log 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends sbd >>/tmp/apt.log 2>&1; echo rc=$?';
      const t0 = Date.now();
      const [a, b] = await Promise.all([root('legacy', install), root('secondary', install)]);
      timings.sbdInstallSeconds = (Date.now() - t0) / 1000;
      expect(a.stdout).toContain('rc=0');
      expect(b.stdout).toContain('rc=0');
      const c = await root('legacy', `sbd -d ${dev} -1 10 -4 20 create >/dev/null 2>&1; sbd -d ${dev} dump | grep -i "timeout (watchdog)"`);
      expect(c.stdout).toMatch(/10/);
      const bootBefore = (await root('secondary', 'cat /proc/sys/kernel/random/boot_id')).stdout.trim();
      // The watcher alone (no Pacemaker here) with the softdog watchdog; it must not reset the node by itself.
      const w = await root(
        'secondary',
        `SBD_PACEMAKER=no SBD_SYNC_RESOURCE_STARTUP=no SBD_WATCHDOG_DEV=/dev/watchdog sbd -d ${dev} -n secondary -W watch 2>&1; echo watch-rc=$?; ` +
          `for i in $(seq 60); do sbd -d ${dev} list | grep -q secondary && break; sleep 1; done; sbd -d ${dev} list; ps -eo comm,args | grep [s]bd`,
      );
      expect(w.stdout + w.stderr).toMatch(/secondary\s+clear/);
      expect((await root('secondary', 'cat /proc/sys/kernel/random/boot_id')).stdout.trim()).toBe(bootBefore);
      const t1 = Date.now();
      const m = await root('legacy', `sbd -d ${dev} list; sbd -d ${dev} message secondary reset; echo rc=$?`);
      expect(m.stdout).toContain('secondary');
      expect(m.stdout).toContain('rc=0');
      let bootAfter = bootBefore;
      for (let i = 0; i < 120 && bootAfter === bootBefore; i++) {
        await sleep(3000);
        try {
          bootAfter = (await root('secondary', 'cat /proc/sys/kernel/random/boot_id')).stdout.trim();
        } catch {
          /* rebooting */
        }
      }
      timings.sbdFenceToSshSeconds = (Date.now() - t1) / 1000;
      expect(bootAfter).not.toBe(bootBefore);
      // The slot still holds the reset that legacy sent (nothing started a watcher after the reboot).
      expect((await root('legacy', `sbd -d ${dev} list`)).stdout).toMatch(/secondary\s+reset\s+legacy/);
    },
    900_000,
  );

  describe.runIf(tier === 'ct')('ct nodes as servers', ctNodeTests);

  describe('failure primitives', primitiveTests);

  it.skipIf(process.env.LAB_KEEP_UP === '1')('down stops everything the lab started and leaves nothing behind', async () => {
    // Every process the lab ever recorded, including nodes restarted by the primitives.
    const recorded = loadState(tier)?.procs ?? [];
    const t0 = Date.now();
    await down(tier);
    timings.downSeconds = (Date.now() - t0) / 1000;
    expect(recorded.length).toBeGreaterThan(0);
    expect(await leftovers(tier, recorded)).toEqual([]);
    expect(existsSync(statusFile(tier))).toBe(false);
  });
});
