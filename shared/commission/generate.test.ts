import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labInventory, labProject } from '../../test/support/commission/labFixture';
import { seedInventory, seedProject } from '../../test/support/commission/seedFixture';
import { canonicalJson } from './hash';
import { generatePlan, planErrors } from './generate';
import type { Inventory } from './inventorySchema';
import { phaseIds, type Plan, type Step } from './types';
import type { Project } from '../project/schema';

const ct = () => generatePlan(labProject('ct'), labInventory('ct'));
const seed = () => generatePlan(seedProject(), seedInventory());
const vm = () => generatePlan(labProject('vm'), labInventory('vm'));

function commands(s: Step): string[] {
  return [
    ...(s.check ? [s.check.command] : []),
    ...s.apply.flatMap((a) => (a.kind === 'run' ? [a.command] : [])),
    ...s.verify.map((v) => v.command),
    ...(s.rollback ?? []).flatMap((a) => (a.kind === 'run' ? [a.command] : [])),
  ];
}

function shapeChecks(name: string, make: () => Plan) {
  describe(`${name}: the plan's shape`, () => {
    const plan = make();
    it('has unique step ids in the <concern>.<what>@<node> form, on the plan nodes only', () => {
      const ids = plan.steps.map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const s of plan.steps) {
        expect(s.id).toMatch(/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9-]+)+@(primary|secondary|witness|node3)$/);
        expect(s.id.endsWith(`@${s.node}`)).toBe(true);
        expect(plan.summary.nodes).toContain(s.node);
      }
    });
    it('runs the phases in order', () => {
      const order = plan.steps.map((s) => phaseIds.indexOf(s.phase));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(new Set(plan.steps.map((s) => s.phase))).toEqual(new Set(phaseIds.filter((p) => p !== 'replication' || plan.summary.replication === 'drbd')));
    });
    it('explains every step in German and English', () => {
      for (const s of plan.steps) {
        for (const l of [s.title, s.explanation]) {
          expect(l.de.trim().length, `${s.id} de`).toBeGreaterThan(5);
          expect(l.en.trim().length, `${s.id} en`).toBeGreaterThan(5);
        }
        expect(s.explanation.de, `${s.id} is translated`).not.toBe(s.explanation.en);
      }
    });
    it('has exactly one point of no return: the last step of the cut-over, timing the outage', () => {
      const ponr = plan.steps.filter((s) => s.pointOfNoReturn);
      expect(ponr.map((s) => s.id)).toEqual(['cutover.open@primary']);
      const cut = plan.steps.filter((s) => s.phase === 'cutover');
      expect(cut.at(-1)!.id).toBe('cutover.open@primary');
      expect(plan.steps.find((s) => s.timer?.start)?.id).toBe('cutover.stopLegacy@primary');
      expect(ponr[0]!.timer?.stop).toBe('legacyMailOutage');
      expect(ponr[0]!.destructive).toBe(true);
    });
    it('gives every command to sh as a syntactically valid script', () => {
      for (const s of plan.steps)
        for (const c of commands(s)) {
          const r = spawnSync('dash', ['-n'], { input: c, encoding: 'utf8' });
          expect(r.status, `${s.id}: ${c}\n${r.stderr}`).toBe(0);
        }
    });
    it('writes the helper scripts and every shell script it ships as valid sh/bash', () => {
      for (const s of plan.steps)
        for (const a of s.apply)
          if (a.kind === 'write' && a.content.startsWith('#!/bin/')) {
            const shell = a.content.startsWith('#!/bin/bash') ? 'bash' : 'dash';
            const r = spawnSync(shell, ['-n'], { input: a.content, encoding: 'utf8' });
            expect(r.status, `${a.path}: ${r.stderr}`).toBe(0);
          }
    });
    it('keeps secrets out of commands and marks what carries them', () => {
      for (const s of plan.steps) {
        for (const c of commands(s)) expect(c).not.toMatch(/\{\{secret:/);
        for (const a of s.apply) {
          if (a.kind === 'write' && a.content.includes('{{secret:')) expect(a.secret, `${s.id} ${a.path}`).toBe(true);
          const refs = [...JSON.stringify(a).matchAll(/\{\{secret:(\w+)\}\}/g)].map((m) => m[1]);
          for (const r of refs) expect(s.secrets, s.id).toContain(r);
        }
      }
    });
    it('hashes the canonical JSON of its steps with sha256, the same in every runtime', () => {
      expect(plan.hash).toBe(createHash('sha256').update(canonicalJson(plan.steps)).digest('hex'));
      expect(make().hash).toBe(plan.hash);
    });
    it('gives every step an expected duration, and parallel groups only steps on different nodes in a row', () => {
      for (const s of plan.steps) expect(s.expectedDurationS, s.id).toBeGreaterThan(0);
      const groups = new Map<string, Step[]>();
      for (const s of plan.steps) if (s.parallelGroup) groups.set(s.parallelGroup, [...(groups.get(s.parallelGroup) ?? []), s]);
      for (const [g, members] of groups) {
        expect(new Set(members.map((m) => m.node)).size, g).toBe(members.length);
        const at = members.map((m) => plan.steps.indexOf(m));
        expect(at.at(-1)! - at[0]!, `${g} is consecutive`).toBe(members.length - 1);
      }
      expect(groups.get('packages')?.length).toBe(plan.summary.nodes.length);
    });
  });
}

shapeChecks('lab ct (shared LUN, qdevice, no fencing)', ct);
shapeChecks('seed (RAID10 + LVM, DRBD 8.4, two_node, IPMI)', seed);
shapeChecks('lab vm (RAID10 + LVM, DRBD 8.4 on a new LV, two_node, SBD)', vm);

describe('the lab plan (ct)', () => {
  const plan = ct();
  const step = (id: string) => plan.steps.find((s) => s.id === id)!;

  it('follows the planning decisions', () => {
    expect(plan.summary).toMatchObject({ replication: 'shared', quorum: 'qdevice', fencing: ['none'], nodes: ['primary', 'secondary', 'witness'], vip: '10.77.0.10/24', vipName: 'mail.example-gmbh.test' });
  });

  it('says in red that it runs without fencing, naming who accepted the risk', () => {
    const red = plan.notices.filter((n) => n.level === 'danger');
    expect(red).toHaveLength(1);
    expect(red[0]!.text.de).toContain('Lea Auszubildende');
    expect(red[0]!.text.en).toContain('2026-12-01');
  });

  it('moves the data the facts name, not Debian defaults', () => {
    const pre = step('dataCopy.preCopy@primary');
    const runs = pre.apply.map((a) => (a.kind === 'run' ? a.command : ''));
    expect(runs.some((c) => c.includes(' /srv/vmail/ /srv/mail/vmail/'))).toBe(true);
    expect(runs.some((c) => c.includes(' /var/lib/mysql/ /srv/mail/mysql/'))).toBe(true);
    expect(runs.some((c) => c.includes(' /var/spool/postfix/ /srv/mail/postfix/'))).toBe(true);
    for (const a of pre.apply) expect(a.kind === 'run' && a.progress).toBe('rsync');
  });

  it('gives the secondary the primary accounts ids, moving its own system accounts out of the way', () => {
    const s = step('prepare.accounts@secondary');
    const cmds = s.apply.map((a) => (a.kind === 'run' ? a.command : ''));
    expect(cmds).toContain('/usr/local/lib/mail-ha-studio/mhs-accounts move-user accounts-secondary messagebus 999');
    expect(cmds).toContain('/usr/local/lib/mail-ha-studio/mhs-accounts user accounts-secondary vmail 5000 5000 /srv/vmail /usr/sbin/nologin');
    expect(cmds.indexOf('/usr/local/lib/mail-ha-studio/mhs-accounts move-user accounts-secondary messagebus 999')).toBeLessThan(cmds.findIndex((c) => c.includes(' user accounts-secondary mysql 100')));
    expect(s.destructive).toBe(true);
    expect(plan.steps.indexOf(s)).toBeLessThan(plan.steps.indexOf(step('packages.mail@secondary')));
  });

  it('installs the mail stack on the secondary as the primary runs it, and keeps it out of systemd', () => {
    const s = step('packages.mail@secondary');
    const install = s.apply[0]!;
    expect(install.kind === 'run' && install.command).toMatch(/mhs-apt install mail-secondary .*dovecot-lmtpd.*mariadb-server.*postfix-mysql/);
    expect(s.apply[1]!.kind === 'run' && s.apply[1]!.command).toBe('systemctl disable mariadb.service dovecot.service postfix.service');
  });

  it('takes over the configuration from the primary, secret files only by transfer marked secret', () => {
    const s = step('configs.sync@secondary');
    const transfers = s.apply.filter((a) => a.kind === 'transfer');
    expect(transfers.length).toBeGreaterThan(40);
    const sql = transfers.find((a) => a.kind === 'transfer' && a.toPath === '/etc/dovecot/dovecot-sql.conf.ext');
    expect(sql).toMatchObject({ from: 'primary', secret: true, owner: 'root:dovecot' });
    expect(transfers.find((a) => a.kind === 'transfer' && a.toPath === '/etc/ssl/lab/mail.key')).toMatchObject({ secret: true });
    expect(s.apply.some((a) => a.kind === 'run' && a.command === 'postalias hash:/etc/aliases')).toBe(true);
  });

  it('uses the dedicated network for link 0 and the witness on the clients network', () => {
    const conf = step('cluster.corosyncConf@primary').apply[0]!;
    expect(conf.kind === 'write' && conf.content).toContain('ring0_addr: 10.78.0.11');
    expect(conf.kind === 'write' && conf.content).toContain('ring1_addr: 10.77.0.11');
    expect(conf.kind === 'write' && conf.content).toContain('host: 10.77.0.13');
  });

  it('detects a lost node after 2.2 s on the LAN (token 1000 ms) and says why in the step', () => {
    const s = step('cluster.corosyncConf@primary');
    const conf = s.apply[0]!;
    expect(conf.kind === 'write' && conf.content).toMatch(/\ttoken: 1000\n/);
    expect(conf.kind === 'write' && conf.content).not.toContain('consensus');
    expect(s.explanation.de).toContain('Token + Consensus = 2,2 s');
    expect(s.explanation.de).toContain('ergäbe 6,6 s');
    expect(s.explanation.en).toContain('token + consensus = 2.2 s');
    const slow = generatePlan(labProject('ct', (p) => { p.planning.quorumFencing.timing.tokenMs = 3000; }), labInventory('ct')).steps.find((x) => x.id === 'cluster.corosyncConf@primary')!;
    expect(slow.explanation.de).toContain('Token + Consensus = 6,6 s');
    expect(slow.explanation.de).toContain('genügen 1000 ms (2,2 s)');
  });

  it('validates the Pacemaker configuration against a copy and pushes it in one replace', () => {
    expect(step('resources.config@primary').verify[0]!.command).toContain('CIB_file="$t/cib.xml" cibadmin --replace');
    const push = step('cutover.push@primary').apply[0]!;
    expect(push.kind === 'run' && push.command.match(/cibadmin --replace --scope configuration/g)?.length).toBe(2);
  });

  it('starts Dovecot after MariaDB and Postfix after both, so logins and maps find the database and Postfix Dovecot\'s auth and LMTP sockets', () => {
    const write = step('resources.config@primary').apply.find((a) => a.kind === 'write');
    const xml = write?.kind === 'write' ? write.content : '';
    const order = [...xml.matchAll(/<primitive id="(p_[a-z_]+)"/g)].map((m) => m[1]).filter((r) => ['p_mariadb', 'p_dovecot', 'p_postfix'].includes(r!));
    expect(order).toEqual(['p_mariadb', 'p_dovecot', 'p_postfix']);
    const before = (then: string) => [...xml.matchAll(new RegExp(`<rsc_order id="[^"]*" first="([a-z_]+)" first-action="start" then="${then}"`, 'g'))].map((m) => m[1]);
    // Every service after all bind mounts (Dovecot's LMTP and auth sockets live in Postfix's spool) and the VIP.
    const base = ['p_bind_vmail', 'p_bind_mysql', 'p_bind_spool', 'p_vip'];
    expect(before('p_postfix')).toEqual([...base, 'p_mariadb', 'p_dovecot']);
    // Dovecot's passdb is SQL (the lab's and the usual virtual-mailbox setup): after MariaDB, never beside it.
    expect(before('p_dovecot')).toEqual([...base, 'p_mariadb']);
    expect(before('p_mariadb')).toEqual(base);
    for (const b of base.slice(0, 3)) expect(before(b)).toEqual(['g_mail']);
    // Postfix drains before it stops (no mail delivered twice), Dovecot's processes all get SIGTERM at once.
    expect(xml).toContain('name="drain_dir" value="/var/spool/postfix/active"');
    expect(xml).toContain('name="drain_ports" value="25 465 587"');
    const stop = step('cutover.stopLegacy@primary').apply.find((a) => a.kind === 'run' && a.command.startsWith('systemctl stop'));
    expect(stop?.kind === 'run' && stop.command).toBe('systemctl stop postfix.service dovecot.service');
  });

  it('takes rsyslog\'s listener out of Postfix\'s spool on every node that runs the mail, so the bind always unmounts', () => {
    for (const n of ['primary', 'secondary']) {
      const w = step(`resources.syslog@${n}`).apply.find((a) => a.kind === 'write');
      expect(w?.kind === 'write' && w.path).toBe('/etc/rsyslog.d/postfix.conf');
      expect(w?.kind === 'write' && w.content).not.toMatch(/^\$AddUnixListenSocket/m);
    }
  });

  it('marks as destructive every step that changes what legacy already had', () => {
    const destructive = plan.steps.filter((s) => s.destructive).map((s) => s.id);
    expect(destructive).toEqual(
      expect.arrayContaining(['cutover.disableUnits@primary', 'cutover.stopLegacy@primary', 'cutover.postfixVip@primary', 'cutover.open@primary', 'hardening.firewall@primary', 'hardening.rootLogin@primary']),
    );
    for (const id of ['packages.ha@primary', 'packages.mail@secondary', 'configs.sync@secondary', 'storage.mkfs@primary', 'dataCopy.preCopy@primary', 'cutover.postfixVip@secondary']) expect(step(id).destructive, id).toBe(false);
    // Every file legacy had that a step writes makes the step destructive.
    const legacyFiles = new Set(labInventory('ct').nodes.primary!.configFiles.map((f) => f.path));
    for (const s of plan.steps.filter((x) => x.node === 'primary'))
      for (const a of s.apply) if ((a.kind === 'write' && legacyFiles.has(a.path)) || (s.backupPaths ?? []).some((p) => legacyFiles.has(p))) expect(s.destructive, s.id).toBe(true);
  });

  it('proves the admin login over a new connection before switching root login off', () => {
    for (const r of ['primary', 'secondary', 'witness']) {
      const proof = step(`hardening.adminLogin@${r}`);
      const off = step(`hardening.rootLogin@${r}`);
      expect(proof.verify[0]!.freshSession).toBe(true);
      expect(plan.steps.indexOf(proof)).toBeLessThan(plan.steps.indexOf(off));
      expect(Math.max(...plan.steps.filter((s) => s.id.startsWith('hardening.adminLogin')).map((s) => plan.steps.indexOf(s)))).toBeLessThan(plan.steps.indexOf(off));
      expect(off.verify.some((v) => v.freshSession)).toBe(true);
    }
  });

  it('keeps root login where the app itself logs in as root, and says so', () => {
    const p = labProject('ct', (x) => (x.hosts.witness!.user = 'root'));
    const plan2 = generatePlan(p, labInventory('ct'));
    expect(plan2.steps.some((s) => s.id === 'hardening.rootLogin@witness')).toBe(false);
    expect(plan2.notices.some((n) => n.level === 'warning' && n.text.en.includes('Root login stays allowed on the witness'))).toBe(true);
  });

  it('checks the firewall from another node: open ports answer, MariaDB stays silent', () => {
    const seen = step('hardening.firewallSeen.primary@witness');
    expect(seen.verify[0]!.command).toContain('mhs-net port 10.77.0.11 3306; [ $? -eq 2 ]');
    expect(seen.verify[0]!.command).toContain('mhs-net port 10.77.0.11 22; [ $? -ne 2 ]');
  });
});

describe('the seed server plan (DRBD 8.4 on a new LV, two nodes)', () => {
  const plan = seed();
  const step = (id: string) => plan.steps.find((s) => s.id === id)!;
  it('cuts the DRBD LV from the free extents on both nodes', () => {
    const lv = step('storage.lv@primary').apply[0]!;
    // All free extents of the primary's VG (2.2 TB), whole 4 MiB extents, the secondary has more.
    const size = Math.floor(2.2e12 / 2 ** 22) * 2 ** 22;
    expect(lv.kind === 'run' && lv.command).toBe(`lvcreate -y -Wy -Zy -L ${size}b -n drbd_mail vg_data`);
    expect(step('storage.lv@secondary')).toBeDefined();
    expect(plan.summary.drbdVersion).toBe('8.4');
  });
  it('renders 8.4 syntax with resource-level fencing and waits for the initial sync with progress', () => {
    const res = step('replication.config@primary').apply[1]!;
    expect(res.kind === 'write' && res.content).toContain('fencing resource-and-stonith;');
    expect(res.kind === 'write' && res.content).toContain('after-resync-target "/usr/lib/drbd/crm-unfence-peer.sh";');
    const wait = step('cutover.drbdSynced@primary').apply[0]!;
    expect(wait.kind === 'run' && wait.progress).toBe('drbdSync');
  });
  it('fences through the BMCs, the BMC password only in secret content and stdin', () => {
    const cib = step('resources.config@primary');
    const w = cib.apply[0]!;
    expect(w.kind === 'write' && w.secret).toBe(true);
    expect(w.kind === 'write' && w.content).toContain('{{secret:ipmiPasswordPrimary}}');
    expect(cib.secrets).toEqual(['ipmiPasswordPrimary', 'ipmiPasswordSecondary']);
    const reach = step('fencing.ipmiReach@primary').apply[0]!;
    expect(reach.kind === 'run' && reach.command).toBe('fence_ipmilan');
    expect(reach.kind === 'run' && reach.stdin).toContain('password={{secret:ipmiPasswordSecondary}}');
  });
  it('uses two_node without a quorum device', () => {
    const conf = step('cluster.corosyncConf@primary').apply[0]!;
    expect(conf.kind === 'write' && conf.content).toContain('two_node: 1');
    expect(conf.kind === 'write' && conf.content).not.toContain('device {');
  });
});

describe('planErrors: what is missing before a plan can be made', () => {
  const keys = (p: Project, inv: Inventory | undefined = labInventory('ct')) => planErrors(p, inv).map((e) => e.key);
  const none: Inventory = { nodes: {} };
  const cases: [string, (p: Project) => void, string][] = [
    ['no VIP', (p) => delete p.commission.settings.vip, 'commission:errors.noVip'],
    ['no VIP name', (p) => delete p.commission.settings.vipName, 'commission:errors.noVipName'],
    ['no secondary host', (p) => delete p.hosts.secondary, 'commission:errors.noHost'],
    ['no fencing without a recorded risk acceptance', (p) => delete p.planning.quorumFencing.riskAcceptance, 'planning:quorumFencing.rules.riskAcceptanceMissing'],
    ['two_node and a quorum device', (p) => (p.planning.quorumFencing.twoNode = true), 'planning:quorumFencing.rules.twoNodeAndQdevice'],
    ['a fencing method the commissioning does not set up', (p) => (p.planning.quorumFencing.fencing = ['pdu']), 'commission:errors.fencingUnsupported'],
    ['IPMI without the BMCs', (p) => (p.planning.quorumFencing.fencing = ['ipmi']), 'commission:errors.ipmiMissing'],
    ['application replication', (p) => (p.planning.matrix.chosen.replication = 'appReplication'), 'commission:errors.replicationUnsupported'],
    ['a shared device the nodes do not have', (p) => (p.commission.settings.sharedDevice = '/dev/sdz'), 'commission:errors.deviceNotFound'],
    ['a VIP already in use', (p) => (p.commission.settings.vip = '10.77.0.12/24'), 'commission:errors.vipInUse'],
    ['a mount point inside the mail store', (p) => (p.commission.settings.mountPoint = '/srv/vmail/cluster'), 'commission:errors.dataDirMountPoint'],
    ['SBD without a disk', (p) => ((p.planning.quorumFencing.fencing = ['sbdDisk']), delete p.planning.quorumFencing.riskAcceptance), 'commission:errors.sbdDeviceMissing'],
  ];
  for (const [what, change, key] of cases) it(`names ${what}`, () => expect(keys(labProject('ct', change))).toContain(key));

  it('names missing inventories and facts', () => {
    expect(keys(labProject('ct'), none)).toContain('commission:errors.noInventory');
    expect(keys(labProject('ct', (p) => delete p.facts))).toContain('commission:errors.noFacts');
  });
  it('names a secondary on another Debian release and a human account in the way', () => {
    const inv = labInventory('ct');
    inv.nodes.secondary!.osCodename = 'trixie';
    inv.nodes.secondary!.users.push({ name: 'anna', uid: 5000, gid: 5000 });
    const k = keys(labProject('ct'), inv);
    expect(k).toContain('commission:errors.osMismatch');
    expect(k).toContain('commission:errors.uidTaken');
  });
  it('throws the first one from generatePlan as a translated error code', () => {
    expect(() => generatePlan(labProject('ct', (p) => delete p.commission.settings.vip), labInventory('ct'))).toThrow(/commission:errors\.noVip/);
  });
  it('has a German and an English text for every key it can return', () => {
    const dir = path.resolve(import.meta.dirname, '../i18n/locales');
    const src = ['inputs/resolve.ts', 'inputs/storage.ts', 'inputs/accounts.ts', 'inputs/dataDirs.ts', 'inputs/packages.ts', 'generate.ts'].map((f) => readFileSync(path.join(import.meta.dirname, f), 'utf8')).join('\n');
    const used = [...new Set([...src.matchAll(/commission:errors\.(\w+)/g)].map((m) => m[1]!))];
    for (const lang of ['de', 'en']) {
      const json = JSON.parse(readFileSync(path.join(dir, lang, 'commission.json'), 'utf8')) as { errors: Record<string, string> };
      for (const k of used) expect(json.errors[k], `${lang} commission:errors.${k}`).toBeTruthy();
    }
  });
});
