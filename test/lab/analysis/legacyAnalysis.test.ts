/**
 * The Ist-Analyse against the lab's legacy mail server (LAB_TIER=ct|vm), through the app's own dispatcher:
 * it must find the server as the lab built it (services, Postfix/Dovecot/MariaDB, the domains and
 * mailboxes where Dovecot's mail_location puts them (the lab deliberately does not use /var/vmail), the mail
 * log history, and in the vm tier the RAID10 and LVM with free extents), over every login path, and its
 * mail-log statistics must match pflogsumm's whole report on the same logs.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Facts } from '../../../shared/analysis/facts';
import { createDispatcher, type Dispatch } from '../../../main/handlers/dispatch';
import { createNodeServices } from '../../../main/nodeServices';
import { fingerprintSha256 } from '../../../main/ssh/knownHosts';
import { parseLogFiles } from '../../../main/analysis/maillog/readLogs';
import { compareReport, compareTotals, parseGrandTotals, parseSaslFailures, parseUserList, runPflogsumm } from '../../support/maillog/pflogsumm';
import { shQuote } from '../../../shared/shell/quote';
import { DOMAINS, mailboxes } from '../lib/accounts.js';
import type { Tier } from '../lib/config.js';
import { status, up } from '../lib/lab.js';
import { keyLogin, sshRun } from '../lib/ssh.js';
import type { LabStatus, NodeStatus } from '../lib/status.js';

const tier = (process.env.LAB_TIER ?? 'ct') as Tier;
let st: LabStatus;
let legacy: NodeStatus;
let dispatch: Dispatch;
const projectId = randomUUID();

beforeAll(async () => {
  st = status(tier) ?? (await up(tier, ['legacy']));
  const n = st.nodes.find((x) => x.name === 'legacy');
  if (!n) throw new Error('legacy node not in the lab');
  legacy = n;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-lab-analysis-'));
  dispatch = createDispatcher({ services: createNodeServices({ userDataDir: dir, transport: 'bridge' }), emit: () => {} });
});

function accept() {
  return Object.values(legacy.ssh.hostKeys).map((line) => ({
    host: legacy.ssh.host,
    port: legacy.ssh.port,
    fingerprint: fingerprintSha256(Buffer.from(line.split(' ')[1] ?? '', 'base64')),
  }));
}

async function analyse(role: 'primary' | 'secondary' | 'witness', target: object): Promise<Facts> {
  const t0 = Date.now();
  const r = await dispatch('analysis.run', { runId: randomUUID(), projectId, role, target, acceptHostKeys: accept().slice(0, 4) });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  process.stderr.write(`analysis of legacy (${tier}, ${JSON.stringify(target).slice(0, 60)}...) took ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return (r.value as { facts: Facts }).facts;
}

describe(`Ist-Analyse of the lab's legacy server (${tier})`, () => {
  let facts: Facts;
  beforeAll(async () => {
    facts = await analyse('primary', { host: legacy.ssh.host, port: legacy.ssh.port, user: 'root', auth: { method: 'key', keyPath: st.credentials.clientKey } });
  });

  it('as root by key: finds the mail server as the lab built it', () => {
    const units = Object.fromEntries((facts.services?.units ?? []).map((u) => [u.name, u]));
    for (const s of ['postfix', 'dovecot', 'mariadb']) {
      expect(units[s]?.active, `${s} active`).toBe('active');
      expect(units[s]?.enabled, `${s} enabled`).toBe('enabled');
    }
    expect(facts.os?.versionId).toBe('12');
    expect(facts.postfix?.version).toMatch(/^3\.7/);
    expect(facts.dovecot?.version).toMatch(/^2\.3/);
    expect(facts.mariadb?.version).toMatch(/10\.11/);
    expect(facts.postfix?.mysqlMaps?.length).toBeGreaterThan(0);
    expect(facts.postfix?.submissionEnabled).toBe(true);
    expect(facts.postfix?.role).toBe('smarthost');
    expect(facts.postfix?.tls?.inboundEnabled).toBe(true);

    const domains = Object.fromEntries((facts.data?.domains ?? []).map((d) => [d.domain, d]));
    for (const d of DOMAINS) {
      expect(domains[d]?.mailboxes, `mailboxes of ${d}`).toBe(mailboxes().filter((m) => m.email.endsWith(`@${d}`)).length);
      expect(domains[d]?.messages, `messages of ${d}`).toBeGreaterThan(0);
    }
    expect(facts.data?.totalMessages).toBeGreaterThan(1000);
    expect(facts.data?.vmailBytes).toBeGreaterThan(1_000_000);
    expect(facts.mailVolume?.days?.length).toBeGreaterThanOrEqual(1);
    expect(facts.mailVolume?.totals?.received).toBeGreaterThan(0);
    expect(facts.mailVolume?.files?.some((f) => f.endsWith('.gz'))).toBe(true);

    if (tier === 'vm') {
      const raid10 = facts.storage?.raids?.find((r) => r.level === 'raid10');
      expect(raid10, 'an mdadm RAID10').toBeTruthy();
      expect(raid10?.raidDevices).toBe(4);
      expect(raid10?.degraded).toBeFalsy();
      expect(facts.storage?.vgs?.some((v) => (v.freeBytes ?? 0) > 0), 'free extents in the VG').toBe(true);
      expect(facts.storage?.lvs?.length).toBeGreaterThan(0);
    }
  });

  it('measures the mailboxes where Dovecot says they are, not at /var/vmail', async () => {
    const store = legacy.mailStore;
    expect(store?.root, 'status.json names the mail store').toBeTruthy();
    expect(store?.root).not.toBe('/var/vmail');
    expect(facts.dovecot?.mailLocation).toBe(store?.mailLocation);
    const du = await sshRun(legacy, keyLogin(st, 'root'), `du -sb ${shQuote(store?.root ?? '/nonexistent')}`);
    expect(facts.data?.vmailBytes).toBe(Number(du.stdout.split('\t')[0]));
    const files = await sshRun(legacy, keyLogin(st, 'root'), `find ${shQuote(store?.root ?? '/nonexistent')} -type f \\( -path '*/cur/*' -o -path '*/new/*' \\) | wc -l`);
    expect(facts.data?.totalMessages).toBe(Number(files.stdout.trim()));
  });

  it('its mail-log statistics match pflogsumm\'s whole report on the same log files', async () => {
    // The files in the order the collector reads them, byte for byte (base64 across the wire).
    const logs = await sshRun(legacy, keyLogin(st, 'root'), 'for f in $(ls -1 /var/log/mail.log /var/log/mail.log.[0-9]* 2>/dev/null | sort -t. -k3,3nr); do zcat -f "$f"; done | base64 -w0');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'mhs-lab-pflog-')), 'mail.log');
    writeFileSync(file, Buffer.from(logs.stdout.trim(), 'base64'));
    const report = await runPflogsumm([file]);
    const now = new Date();
    const parser = await parseLogFiles([file], { referenceYear: now.getFullYear(), referenceMonth: now.getMonth() });
    expect(compareReport(parser, report)).toEqual([]);
    // The facts the app stored over SSH say the same.
    const mv = facts.mailVolume;
    const { saslAuthFailures: _sasl, ...distinct } = mv?.summary ?? {};
    expect(compareTotals({ ...mv?.totals, ...distinct }, parseGrandTotals(report))).toEqual([]);
    expect(mv?.summary?.saslAuthFailures).toBe(parseSaslFailures(report));
    expect(mv?.topSenders?.byCount.map((x) => x.address)).toEqual(parseUserList(report, 'Senders by message count').slice(0, 10).map((e) => e.address));
    expect(mv?.topRecipients?.bySize.map((x) => x.address)).toEqual(parseUserList(report, 'Recipients by message size').slice(0, 10).map((e) => e.address));
  });

  // The login paths are the same code on both tiers; under TCG each analysis costs over a minute of CI, so the vm
  // tier runs them only with LAB_FULL=1.
  it.runIf(tier === 'ct' || process.env.LAB_FULL === '1')('as the admin user with a sudo password, and as the password user, gets the same core facts', async () => {
    const admin = st.credentials.admin;
    await dispatch('secrets.set', { projectId, role: 'secondary', kind: 'password', value: admin.password });
    const viaSudo = await analyse('secondary', { host: legacy.ssh.host, port: legacy.ssh.port, user: admin.user, auth: { method: 'password' } });
    expect(viaSudo.notes?.some((n) => n.key === 'analysis:notes.withoutSudo'), JSON.stringify(viaSudo.notes)).toBe(false);
    expect(viaSudo.collectors, JSON.stringify(viaSudo.notes)).toEqual(facts.collectors && Object.fromEntries(Object.entries(facts.collectors).map(([k, v]) => [k, expect.objectContaining({ status: v.status })])));
    expect(viaSudo.data?.totalMessages).toBe(facts.data?.totalMessages);

    const pw = st.credentials.passwordUser;
    await dispatch('secrets.set', { projectId, role: 'witness', kind: 'password', value: pw.password });
    const plain = await analyse('witness', { host: legacy.ssh.host, port: legacy.ssh.port, user: pw.user, auth: { method: 'password' } });
    expect(plain.hardware?.cpuThreads).toBe(facts.hardware?.cpuThreads);
    expect(plain.os?.versionId).toBe('12');
  });
});
