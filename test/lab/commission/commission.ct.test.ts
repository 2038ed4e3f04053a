/**
 * Commissioning on the ct lab through the app's own CLI, as a newcomer would do it: the analysed legacy
 * server plus a bare secondary and the witness become a cluster (shared LUN, qdevice, no fencing with a
 * recorded risk acceptance). Proves: the dry run shows the plan; a rollback before the cut-over returns every
 * node to the same state dump as before; the full run ends in a running cluster; every mail legacy had is
 * readable over IMAP on the VIP with equal counts and checksums; a mail sent to the VIP is delivered; a standby
 * of the active node moves everything and mail still flows. Leaves the commissioned cluster for the
 * failover and documents hooks. Needs a fresh lab (MHS_LAB_FRESH=1 takes it down and up first).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../lib/lab.js';
import { readLabStatus, type LabStatus } from '../lib/statusSchema.js';
import { cli, cliEnv, makeLabProject, type CliEnv } from './cliProject';
import { allOverImap, arrived, digestsOnDisk, legacyCertificate, rootRun, sendToVip, type MailboxDigests } from './mailEvidence';
import { diffDumps, stateDump, type NodeDump } from './stateDump';

let st: LabStatus;
let e: CliEnv;
let file: string;
let before: Record<string, NodeDump>;
let mails: MailboxDigests;
let ca: string;
const times: Record<string, number> = {};
const log = (s: string) => process.stderr.write(`[commission ct] ${s}\n`);

async function fresh(): Promise<LabStatus> {
  if (process.env.MHS_LAB_FRESH === '1') {
    await down('ct').catch(() => undefined);
    return up('ct', ['legacy', 'secondary', 'witness']);
  }
  try {
    return readLabStatus('ct');
  } catch {
    return up('ct', ['legacy', 'secondary', 'witness']);
  }
}

beforeAll(async () => {
  st = await fresh();
  const legacy = st.nodes.find((n) => n.name === 'legacy')!;
  const used = await rootRun(st, legacy, '[ -e /etc/corosync/corosync.conf ] && echo used || echo fresh');
  if (used.trim() !== 'fresh') throw new Error('the ct lab is not fresh (legacy has corosync.conf); run with MHS_LAB_FRESH=1');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-commission-ct-'));
  e = cliEnv(st, dir);
  file = path.join(dir, 'lab.mhs.json');
  const t0 = Date.now();
  await makeLabProject(e, file, ['replication=shared', 'quorum=qdevice', 'fencing=none', 'risk.by=Lea Auszubildende', 'risk.reason=Laborcluster in Containern ohne Watchdog', `shared.device=${st.sharedDisk!.nodeDevice}`]);
  times.setup = Date.now() - t0;
  before = await stateDump(st);
  mails = await digestsOnDisk(st);
  ca = await legacyCertificate(st);
  log(`project ready in ${(times.setup / 1000).toFixed(1)} s; legacy holds ${Object.values(mails).flat().length} mails in ${Object.keys(mails).length} mailboxes`);
}, 1_800_000);

// The nodes' host keys were accepted once by `analyse` and `hosts add`; commission finds them in the app's known_hosts.
const commission = (args: string[], onLine?: (l: string) => 'kill' | void) => cli(e, ['commission', '--project', file, ...args], onLine);

describe('commissioning the ct lab (shared LUN, qdevice, no fencing)', () => {
  it('dry run: shows every step, its commands and diffs, and the red no-fencing notice; changes nothing', async () => {
    const r = await commission(['--dry-run']);
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    expect(r.stdout).toContain('!! No fencing (STONITH off)');
    for (const id of ['prepare.helpers@primary', 'packages.mail@secondary', 'configs.sync@secondary', 'cutover.open@primary', 'hardening.rootLogin@witness']) expect(r.stdout).toContain(id);
    expect(r.stdout).toContain('+++ /etc/corosync/corosync.conf');
    expect(diffDumps(before, await stateDump(st))).toEqual([]);
  }, 900_000);

  it('rollback before the cut-over restores the standalone server (same state dump on every node)', async () => {
    const t0 = Date.now();
    const r = await commission(['--yes'], (l) => (/done cutover\.push@primary/.test(l) ? 'kill' : undefined));
    expect(r.killed, r.stderr.slice(-2000)).toBe(true);
    times.untilPush = Date.now() - t0;
    const t1 = Date.now();
    const rb = await commission(['--yes', '--rollback']);
    times.rollback = Date.now() - t1;
    expect(rb.code, rb.stderr.slice(-3000)).toBe(0);
    const after = await stateDump(st);
    expect(diffDumps(before, after)).toEqual([]);
    log(`run until the push ${(times.untilPush / 1000).toFixed(0)} s, rollback ${(times.rollback / 1000).toFixed(0)} s`);
  }, 3_600_000);

  it('commissions the cluster: legacy and the bare secondary serve the mail on the VIP', async () => {
    const t0 = Date.now();
    const r = await commission(['--yes']);
    times.commission = Date.now() - t0;
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    const outage = /Mail outage of the legacy server during the cut-over: ([\d.]+) s/.exec(r.stderr);
    expect(outage).not.toBeNull();
    times.outage = Number(outage![1]) * 1000;
    const crm = await rootRun(st, st.nodes.find((n) => n.name === 'legacy')!, 'crm_mon -1 -r');
    for (const rsc of ['p_fs', 'p_bind_vmail', 'p_bind_mysql', 'p_bind_spool', 'p_vip', 'p_mariadb', 'p_postfix', 'p_dovecot']) expect(crm).toMatch(new RegExp(`${rsc}\\s.*Started legacy`));
    log(`commissioning ${(times.commission / 60000).toFixed(1)} min, legacy mail outage ${(times.outage / 1000).toFixed(1)} s`);
  }, 3_600_000);

  it('every mail legacy had is readable over IMAP on the VIP, counts and checksums equal', async () => {
    const imap = await allOverImap(st, ca);
    // The plan's own delivery test (verify.delivery) adds one mail to its test mailbox, the first Dovecot lists.
    const planTest = 'info@example-gmbh.test';
    expect(Object.values(mails).flat().length).toBeGreaterThan(1000);
    expect(Object.keys(imap).sort()).toEqual(Object.keys(mails).sort());
    for (const [box, digests] of Object.entries(mails)) {
      if (box === planTest) {
        expect(imap[box], box).toEqual(expect.arrayContaining(digests));
        expect(imap[box]!.length, box).toBe(digests.length + 1);
      } else expect(imap[box], box).toEqual(digests);
    }
  }, 900_000);

  it('delivers a mail sent to the VIP afterwards', async () => {
    const token = await sendToVip(st, st.credentials.mailbox.user);
    expect(await arrived(st, st.credentials.mailbox.user, token, ca)).toBe(true);
  }, 300_000);

  it('standby of the active node moves everything to the secondary and mail still flows', async () => {
    const legacy = st.nodes.find((n) => n.name === 'legacy')!;
    const t0 = Date.now();
    await rootRun(st, legacy, 'crm node standby legacy');
    try {
      await rootRun(st, legacy, 'n=0; until crm_mon -1 -r 2>/dev/null | grep -Eq "p_postfix[[:space:]].*Started secondary"; do n=$((n+1)); [ $n -lt 180 ] || exit 1; sleep 1; done');
      times.standby = Date.now() - t0;
      const crm = await rootRun(st, legacy, 'crm_mon -1 -r');
      for (const rsc of ['p_fs', 'p_vip', 'p_mariadb', 'p_postfix', 'p_dovecot']) expect(crm).toMatch(new RegExp(`${rsc}\\s.*Started secondary`));
      const token = await sendToVip(st, st.credentials.mailbox.user);
      expect(await arrived(st, st.credentials.mailbox.user, token, ca)).toBe(true);
      const imap = await allOverImap(st, ca);
      for (const [box, digests] of Object.entries(mails)) expect(imap[box], box).toEqual(expect.arrayContaining(digests));
    } finally {
      await rootRun(st, legacy, 'crm node online legacy');
    }
    log(`standby moved the group in ${((times.standby ?? 0) / 1000).toFixed(1)} s`);
  }, 900_000);
});
