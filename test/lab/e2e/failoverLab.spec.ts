/**
 * The Failover-Tests step in Chromium against the commissioned ct lab cluster (issue 9), as an apprentice runs
 * the planned standby after the handover: the project opened, the sudo passwords entered in the Installation
 * step (a new app knows none), the test mailbox's password saved, the cluster checked, only "Geplanter Standby"
 * chosen, the commands read and confirmed, the probes watched live, then what the results show: the time line
 * (recharts) with each protocol's outage bar and the mail curves, sent/accepted/delivered with 0 lost, the
 * verdict and the Soll-Ist table, and the run saved in the project file. Screenshots (1366x768) in
 * test-results/screenshots.
 *
 * Needs the ct lab up and commissioned (CI: test/lab/ci.d/ct/45-failover-e2e.sh after 22-commission-resume);
 * otherwise it skips with the reason, or fails when LAB_FAILOVER_E2E_REQUIRED=1 (the hook).
 * LAB_FAILOVER_JUDGE=report (the hook, as 40-failover): the verdict is checked against the saved run but not
 * required to be "bestanden" (the outage goal measures the shared CI machine's load as much as the cluster).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { sollIst } from '../../../shared/failover/runs';
import type { FailoverRun } from '../../../shared/failover/schema';
import { parseProjectText, serializeProject } from '../../../shared/project/parse';
import { expect, shot, SHOTS, test } from '../../e2e/fixtures';
import { failoverHarness } from '../failover/harness';
import { failoverLabProject } from '../failover/labProject';
import type { Tier } from '../lib/config.js';
import { readLabStatus, type LabStatus } from '../lib/statusSchema.js';

const tier = (process.env.LAB_TIER ?? 'ct') as Tier;
const required = process.env.LAB_FAILOVER_E2E_REQUIRED === '1';
const judge = process.env.LAB_FAILOVER_JUDGE !== 'report';
const DOWN = '#b3261e';

test.skip(tier !== 'ct', 'the Failover-Tests e2e runs the planned standby on the ct lab (LAB_TIER=ct); the vm tier is covered by the failover catalogue');

/** Skips (or fails, when the hook requires it) with the reason the lab cannot run the case. */
function unavailable(reason: string): never {
  if (required) throw new Error(reason);
  test.skip(true, reason);
  throw new Error(reason);
}

/** The running lab whose cluster runs the mail services on exactly one node, or a skip that says why not. */
async function commissionedLab(): Promise<{ st: LabStatus; servicesOn: string }> {
  let st: LabStatus;
  try {
    st = readLabStatus(tier);
  } catch (e) {
    return unavailable((e as Error).message);
  }
  if (st.state !== 'running') unavailable(`the ${tier} lab is not running (state ${st.state})`);
  // The same read-only preview the step's "Cluster prüfen" runs, through the real handlers.
  const h = await failoverHarness(st);
  const on = await h.preview(['standby']).then((p) => p.servicesOn, (e: Error) => unavailable(`the ${tier} lab has no cluster to test (${e.message}); commission it first (test/lab/failover/commissionLab.ts)`));
  if (on.length !== 1) unavailable(`the ${tier} lab cluster is not commissioned (mail services on: ${on.join(', ') || 'no node'})`);
  return { st, servicesOn: on[0]! };
}

async function openProject(page: Page, file: string) {
  await page.getByRole('button', { name: 'Projekt öffnen …' }).click();
  await page.getByLabel('Pfad der Projektdatei').fill(file);
  await page.keyboard.press('Enter');
  await expect(page.locator('.file-line')).toContainText(file);
}

test('Failover-Tests in German: planned standby on the commissioned ct lab, watched live, with chart, mail proof, verdict and Soll-Ist, saved in the project', async ({ app: page, workDir }) => {
  test.setTimeout(9 * 60_000);
  const { st, servicesOn } = await commissionedLab();
  const pw = st.credentials.admin.password;
  const mailboxPw = st.credentials.mailbox.password;

  // The laptop that commissioned the cluster knows its host keys (the handover test checks them in the dialog).
  mkdirSync(path.join(workDir, 'userdata'), { recursive: true });
  copyFileSync(st.credentials.knownHosts, path.join(workDir, 'userdata', 'known_hosts'));
  const file = path.join(workDir, 'mailcluster-labor.mhs.json');
  writeFileSync(file, serializeProject(failoverLabProject(st, (p) => {
    p.meta.title = 'Mailcluster Labor (ct)';
    p.failover.settings.selectedCases = [];
  })));
  await openProject(page, file);

  // A new app knows no passwords: the nodes' sudo password in the Installation step, as after the handover.
  await page.locator('.sidebar').getByRole('button', { name: /Installation/ }).click();
  const primary = page.getByRole('form', { name: 'Anmeldedaten des Altservers' });
  await primary.getByLabel('sudo-Passwort (optional)').fill(pw);
  await primary.getByRole('button', { name: 'Speichern' }).click();
  for (const f of ['SSH-Verbindung: Zweitserver', 'SSH-Verbindung: Zeuge (qnetd)']) await page.getByRole('form', { name: f }).getByLabel('sudo-Passwort (optional)').fill(pw);
  // The status view sends them and shows the cluster the test will disturb.
  await page.getByRole('tab', { name: /5 Clusterstatus/ }).click();
  const status = page.getByTestId('cluster-status');
  await expect(status.locator('tr[data-node]')).toHaveCount(2, { timeout: 120_000 });

  await page.locator('.sidebar').getByRole('button', { name: /Failover-Tests/ }).click();
  await expect(page.getByRole('heading', { name: 'Failover-Tests', level: 1 })).toBeVisible();
  const secret = page.locator('.field', { has: page.getByLabel('Postfach-Passwort') });
  await expect(page.getByLabel('Postfach-Login (Adresse)')).toHaveValue(st.credentials.mailbox.user);
  await page.getByLabel('Postfach-Passwort').fill(mailboxPw);
  await secret.getByRole('button', { name: 'Speichern' }).click();
  await expect(secret.locator('.field-msg')).toHaveText('gespeichert');
  await shot(page, 'lab-ct-failover-prepare-de');

  // The cluster check: what kind of cluster, where the services run, what each case will run.
  await page.getByRole('tab', { name: 'Tests durchführen' }).click();
  await page.getByRole('button', { name: 'Cluster prüfen' }).click();
  await expect(page.getByTestId('fo-profile')).toHaveText('Container, Speicher: gemeinsame LUN, Fencing: nein, Quorum: Quorum-Gerät', { timeout: 120_000 });
  await expect(page.getByRole('region', { name: 'Der zu testende Cluster' })).toContainText(`Dienste auf ${servicesOn}`);
  // Only the planned standby: every other ticked case unticked.
  const cases = page.getByRole('list', { name: 'Failover-Fälle' });
  for (const li of await cases.locator('li.fo-case').all()) {
    const box = li.locator('input[type=checkbox]');
    const want = (await li.getAttribute('data-case')) === 'standby';
    if ((await box.isChecked()) !== want && (await box.isEnabled())) await box.setChecked(want);
  }
  await expect(cases.locator('input[type=checkbox]:checked')).toHaveCount(1);
  await expect(cases.locator('li[data-case=standby] input[type=checkbox]')).toBeChecked();
  // The fencing cases say why the container tier cannot run them.
  await expect(cases.locator('li[data-case=fenceTest] .fo-reason')).toContainText('Fencing');
  await page.getByLabel('Bezeichnung').fill('Abnahme Labor');
  await shot(page, 'lab-ct-failover-cases-de');
  await page.getByRole('button', { name: '1 Fall/Fälle starten …' }).click();

  // Nothing runs before the user has read the exact commands and said so.
  const confirm = page.getByRole('dialog', { name: /Failover-Fall\/Fälle ausführen/ });
  await expect(confirm).toContainText(`Die Dienste laufen jetzt auf ${servicesOn}`);
  await expect(confirm.locator('section')).toHaveCount(1);
  await expect(confirm.locator('.fo-cmd').first()).toContainText(`[${servicesOn}]`);
  await expect(confirm).toContainText('standby');
  await expect(confirm.getByRole('button', { name: 'Starten' })).toBeDisabled();
  await shot(page, 'lab-ct-failover-confirm-de');
  await confirm.getByLabel(/Ich habe die Befehle gelesen/).check();
  await confirm.getByRole('button', { name: 'Starten' }).click();

  // Live: the probes, the mail counter, where the services are; an outage shows as it happens.
  const live = page.locator('.fo-live');
  await expect(live).toHaveAttribute('data-phase', 'running');
  const smtpRow = live.locator('.fo-strip-row[data-protocol=smtp]');
  await expect(smtpRow).toHaveAttribute('data-ok', 'yes', { timeout: 120_000 });
  await expect(live.getByTestId('fo-mails')).toHaveText(/Mails: [1-9]\d* von \d+ angenommen/, { timeout: 60_000 });
  await shot(page, 'lab-ct-failover-live-baseline-de');
  let sawDown = false;
  let shotFault = false;
  const t0 = Date.now();
  while ((await live.getAttribute('data-phase')) === 'running') {
    if (Date.now() - t0 > 7 * 60_000) throw new Error('the standby case did not finish in 7 minutes');
    if (!sawDown && (await smtpRow.locator('.fo-cells i.down').count()) > 0) {
      sawDown = true;
      if (!shotFault) await shot(page, 'lab-ct-failover-live-outage-de');
      shotFault = true;
    }
    await page.waitForTimeout(250);
  }
  await expect(live).toHaveAttribute('data-phase', 'done');
  await expect(live.locator('#fo-live-title')).toHaveText('Test beendet');
  const progress = live.locator('.fo-case-progress li[data-case=standby]');
  await expect(progress).not.toHaveAttribute('data-verdict', '');
  await shot(page, 'lab-ct-failover-live-done-de');

  // The run is in the project file (main saves it after the case), without any password; a copy stays with
  // the screenshots for whoever reads a failure. An autosave of the renderer's copy from before the last
  // failover.run event can put the running revision back for a moment (seen once); its next autosave heals it.
  await expect.poll(() => parseProjectText(readFileSync(file, 'utf8')).project.failover.runs[0]?.status, { timeout: 30_000 }).toBe('done');
  const text = readFileSync(file, 'utf8');
  expect(text).not.toContain(pw);
  expect(text).not.toContain(mailboxPw);
  writeFileSync(path.join(SHOTS, 'lab-ct-failover-project.mhs.json'), text);
  const saved = parseProjectText(text).project.failover.runs;
  expect(saved).toHaveLength(1);
  const run: FailoverRun = saved[0]!;
  expect(run.status).toBe('done');
  expect(run.label).toBe('Abnahme Labor');
  expect(run.cases.map((c) => c.caseId)).toEqual(['standby']);
  const c = run.cases[0]!;
  const verdict = { pass: 'bestanden', fail: 'nicht bestanden', notApplicable: 'nicht anwendbar', aborted: 'abgebrochen' }[c.verdict.value];
  await expect(progress).toHaveAttribute('data-verdict', c.verdict.value);
  await expect(progress).toContainText(verdict);
  const m = c.mails!.tally;
  expect(m.accepted).toBeGreaterThan(10);
  expect(m.lost).toEqual([]);
  // A mail delivered twice: Postfix's LMTP client killed by the stop after Dovecot stored the mail but before
  // its 250 was read (a known race, see failover README). Judged in full runs; in the CI hook it is printed.
  if (judge) expect(m.duplicated).toEqual([]);
  else if (m.duplicated.length) process.stderr.write(`duplicated (reported, LAB_FAILOVER_JUDGE=report): ${JSON.stringify(m.duplicated)}\n`);
  expect(c.verdict.value).not.toBe('aborted');
  if (judge) expect(c.verdict.value, JSON.stringify(c.verdict.checks.filter((x) => !x.ok))).toBe('pass');
  const smtp = c.outages.find((o) => o.protocol === 'smtp')!;
  // A standby stops Postfix on one node and starts it on the other: SMTP was down, and the strip showed it
  // (live points come every 500 ms; a window under 1.5 s may fall between two of them).
  expect(smtp.maxMs).toBeGreaterThan(0);
  if (smtp.maxMs >= 1500) expect(sawDown, `SMTP was down ${smtp.maxMs} ms but the live strip never showed it`).toBe(true);

  // Results: the Soll-Ist table says what the engine says about the saved run.
  await page.getByRole('tab', { name: 'Ergebnisse' }).click();
  const table = page.getByTestId('fo-sollist');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  const [row] = sollIst(run);
  const cells = table.locator('tr[data-case=standby] td');
  await expect(cells.last()).toHaveText(verdict);
  await expect(cells.nth(4)).toHaveText(`${m.accepted} angenommen, 0 verloren, ${m.duplicated.length} doppelt`);
  expect(row!.lost).toBe(0);
  await expect(page.locator('.fo-run-pick select option:checked')).toContainText('Abnahme Labor');

  const detail = page.locator('.fo-detail[data-case=standby]');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(`Geplanter Standby: ${verdict}`);
  await expect(detail.locator('.fo-checks')).toContainText(/Dienste von \S+ nach \S+ gewechselt/);
  // The time line: one lane per probed protocol (a long name wraps into two tspans), each with its red outage
  // bar; the three mail curves.
  const chart = detail.locator('[data-chart=timeline]');
  for (const o of c.outages) await expect(chart.locator('.recharts-wrapper').first()).toContainText({ smtp: /SMTP\s*\(25\)/, submission: /Submission\s*\(587\)/, imap: /IMAP/, pop3: /POP3/, sql: /SQL/ }[o.protocol]);
  const downBars = chart.locator(`.recharts-bar-rectangle path[fill="${DOWN}"]`);
  const windows = c.outages.reduce((n, o) => n + o.windows.length, 0);
  expect(c.outages.find((o) => o.protocol === 'imap')!.windows.length).toBeGreaterThan(0);
  await expect(downBars).toHaveCount(windows);
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(3);
  // The mail proof: every accepted mail delivered exactly once.
  const dl = detail.locator('.fo-dl');
  const dd = (label: string) => dl.locator(`dt:text-is("${label}") + dd`);
  await expect(dd('gesendet')).toHaveText(String(m.sent));
  await expect(dd('angenommen')).toHaveText(String(m.accepted));
  await expect(dd('zugestellt')).toHaveText(String(m.delivered));
  await expect(dd('verloren')).toHaveText('0');
  await expect(dd('doppelt')).toHaveText('0');
  await shot(page, 'lab-ct-failover-results-de');
  await chart.scrollIntoViewIfNeeded();
  await shot(page, 'lab-ct-failover-timeline-de');
  await dl.scrollIntoViewIfNeeded();
  await shot(page, 'lab-ct-failover-mailproof-de');
});
