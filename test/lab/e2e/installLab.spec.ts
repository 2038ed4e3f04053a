/**
 * The Installation step in Chromium against the lab's ct tier, as an apprentice goes through it: the
 * analysed legacy server, the secondary and the witness entered, host keys checked against the lab's
 * published fingerprints, inventory, links and storage, the dry run, the run with its confirmations (in
 * German interrupted once, the page reloaded like a restarted app, and resumed), the summary and the cluster
 * status view. Once in German and once in English, each on a fresh lab. Screenshots in test-results/screenshots.
 *
 * Commissions the lab: it runs only when asked (LAB_INSTALL_E2E=1; too long for CI, see renderer/steps/install/README.md),
 * never as part of the lab's Ist-Analyse e2e run.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { fingerprintSha256 } from '../../../main/ssh/knownHosts';
import { newProject, ProjectSchema } from '../../../shared/project/schema';
import { labPlanning } from '../../support/install/labProject';
import { expect, shot, test } from '../../e2e/fixtures';
import type { Tier } from '../lib/config.js';
import { labNode, readLabStatus, type LabStatus } from '../lib/statusSchema.js';

const tier = (process.env.LAB_TIER ?? 'ct') as Tier;
const ROOT = path.resolve(import.meta.dirname, '../../..');
/** The English run's project, kept for the handover test (a later app start on the commissioned lab). */
const HANDOVER = path.join(os.tmpdir(), `mhs-install-lab-${process.env.MHS_LAB_INSTANCE ?? '0'}.mhs.json`);

test.skip(tier !== 'ct' || process.env.LAB_INSTALL_E2E !== '1', 'commissions the ct lab three times (~30 min, more than CI can give it): run it with LAB_INSTALL_E2E=1 (see renderer/steps/install/README.md)');

/** A fresh lab: whatever an earlier run (or CI hook) commissioned is gone. */
function freshLab(): LabStatus {
  const lab = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'test/lab/cli.ts', ...args, '--tier', tier], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
  lab('down');
  lab('up');
  const st = readLabStatus(tier);
  expect(st.state).toBe('running');
  return st;
}

function fingerprints(st: LabStatus): Set<string> {
  return new Set(st.nodes.flatMap((n) => Object.values(n.ssh.hostKeys).map((l) => fingerprintSha256(Buffer.from(l.split(' ')[1] ?? '', 'base64')))));
}

/** A new project with only the planning steps' decisions for the ct lab; everything else is done in the UI. */
function plannedProject(title: string, lang: 'de' | 'en') {
  const p = newProject(crypto.randomUUID(), new Date());
  const reason = lang === 'de' ? 'Container teilen sich den Kernel des Hosts und lassen sich nicht fencen.' : 'Containers share the host kernel and cannot be fenced.';
  return ProjectSchema.parse({ ...p, meta: { ...p.meta, title, customer: 'Example GmbH' }, planning: labPlanning(p.planning, reason) });
}

const T = {
  de: {
    open: 'Projekt öffnen …', pathLabel: 'Pfad der Projektdatei', analysis: /Ist-Analyse/, connForm: 'SSH-Verbindung zum bestehenden Mailserver', host: 'Servername oder IP-Adresse', port: 'SSH-Port', user: 'Benutzername', method: 'Anmeldung mit', key: 'Privater Schlüssel (Datei)', sudo: 'sudo-Passwort (optional)',
    startAnalysis: 'Analyse starten', hkUnknown: 'Neuer Server – Fingerabdruck prüfen', hkAccept: 'Fingerabdruck stimmt – verbinden', results: /Ergebnisse/,
    secondary: 'SSH-Verbindung: Zweitserver', witness: 'SSH-Verbindung: Zeuge (qnetd)', next: 'Weiter: Inventar erfassen', invTable: 'Inventar je Server',
    vip: 'Virtuelle IP mit Präfix', useName: 'Als Namen der VIP übernehmen', shared: 'Gemeinsamer Datenträger (LUN)', planTab: /Plan & Trockenlauf/, runTab: /4 Ausführung/, statusTab: /5 Clusterstatus/,
    dryStart: 'Trockenlauf starten', dryDone: /passt zu diesem Plan/, steps: 'Schritte des Plans', start: 'Installation starten', cancel: 'Abbrechen', resume: 'Fortsetzen',
    yes: 'Ja, ausführen', ponrUnderstood: 'Ich habe verstanden, was jetzt geschieht.', ponrYes: 'Umschaltung starten', summary: 'Zusammenfassung', refresh: 'Jetzt aktualisieren',
    secretsOk: 'Alle Geheimnisse gesetzt.', generate: /erzeugen$/, link0: 'Link 0: Adresse von Zweitserver', install: /Installation/,
  },
  en: {
    open: 'Open project …', pathLabel: 'Path of the project file', analysis: /Current-state analysis/, connForm: 'SSH connection to the existing mail server', host: 'Server name or IP address', port: 'SSH port', user: 'User name', method: 'Log in with', key: 'Private key (file)', sudo: 'sudo password (optional)',
    startAnalysis: 'Start analysis', hkUnknown: 'New server – check the fingerprint', hkAccept: 'Fingerprint matches – connect', results: /Results/,
    secondary: 'SSH connection: Secondary', witness: 'SSH connection: Witness (qnetd)', next: 'Next: read the inventory', invTable: 'Inventory per server',
    vip: 'Virtual IP with prefix', useName: 'Use as the VIP\'s name', shared: 'Shared disk (LUN)', planTab: /Plan & dry run/, runTab: /4 Run/, statusTab: /5 Cluster status/,
    dryStart: 'Start dry run', dryDone: /belongs to this plan/, steps: 'Steps of the plan', start: 'Start installation', cancel: 'Cancel', resume: 'Resume',
    yes: 'Yes, run it', ponrUnderstood: 'I understand what happens now.', ponrYes: 'Start the cut-over', summary: 'Summary', refresh: 'Refresh now',
    secretsOk: 'All secrets are set.', generate: /^Generate/, link0: 'Link 0: address of Secondary', install: /Installation/,
  },
};
type Texts = (typeof T)['de'];

/** The lab's admin login (key, sudo with its password) into a connection form, as printed in status.json. */
async function fillLogin(form: Locator, t: Texts, node: LabStatus['nodes'][number], st: LabStatus) {
  await form.getByLabel(t.host).fill(node.ssh.host);
  await form.getByLabel(t.port).fill(String(node.ssh.port));
  await form.getByLabel(t.user).fill(st.credentials.admin.user);
  await form.getByLabel(t.method).selectOption('key');
  await form.getByLabel(t.key).fill(st.credentials.clientKey);
  await form.getByLabel(t.sudo).fill(st.credentials.admin.password);
}

async function openProject(page: Page, t: Texts, file: string) {
  await page.getByRole('button', { name: t.open }).click();
  await page.getByLabel(t.pathLabel).fill(file);
  await page.keyboard.press('Enter');
  await expect(page.locator('.file-line')).toContainText(file);
}

/** Accepts every host-key dialog whose fingerprint the lab published (and fails on any other). */
async function acceptKnownKeys(page: Page, t: Texts, known: Set<string>, settle: () => Promise<boolean>) {
  const dialog = page.getByRole('dialog', { name: t.hkUnknown });
  const asked: string[] = [];
  for (const t0 = Date.now(); Date.now() - t0 < 300_000; ) {
    if (await settle()) return;
    if (await dialog.isVisible()) {
      expect(known).toContain(await dialog.getByTestId('hostkey-fingerprint').innerText());
      // The next node's question may follow at once in the same dialog; the same node must not be asked twice.
      const who = await dialog.locator('p').first().innerText();
      expect(asked, `asked twice: ${who}`).not.toContain(who);
      asked.push(who);
      await dialog.getByRole('button', { name: t.hkAccept }).click();
      await expect.poll(async () => !(await dialog.isVisible()) || (await dialog.locator('p').first().innerText()) !== who).toBe(true);
    }
    await page.waitForTimeout(500);
  }
  throw new Error('the inventory did not settle');
}

/** Answers the run's questions (each destructive step, the point of no return) until it has an outcome. */
async function answerUntilDone(page: Page, t: Texts, lang: string, limitMs: number, stopAfterSteps?: number, reloadAtQuestion?: () => Promise<void>): Promise<string> {
  const dialog = page.locator('dialog.ins-confirm[open]');
  const outcome = page.locator('[data-outcome]');
  const t0 = Date.now();
  let shotDestructive = false;
  while (Date.now() - t0 < limitMs) {
    if (await outcome.count()) return (await outcome.getAttribute('data-outcome')) ?? '';
    if (stopAfterSteps !== undefined && (await page.locator('.ins-run-step[data-mark=done], .ins-run-step[data-mark=skipped]').count()) >= stopAfterSteps) {
      await page.getByRole('button', { name: t.cancel, exact: true }).click();
      stopAfterSteps = undefined;
    }
    if (await dialog.count()) {
      const kind = await dialog.getAttribute('data-kind');
      const id = await dialog.getAttribute('data-confirm');
      if (reloadAtQuestion) {
        // The window goes away while main waits for the answer: the reloaded one asks the same question again.
        await reloadAtQuestion();
        reloadAtQuestion = undefined;
        await expect(page.locator(`dialog.ins-confirm[open][data-confirm="${id}"]`)).toBeVisible({ timeout: 30_000 });
        await shot(page, `lab-ct-install-question-after-reload-${lang}`);
      }
      if (kind === 'pointOfNoReturn') {
        await expect(dialog.getByRole('button', { name: t.ponrYes })).toBeDisabled();
        await shot(page, `lab-ct-install-ponr-${lang}`);
        await dialog.getByLabel(t.ponrUnderstood).check();
        await dialog.getByRole('button', { name: t.ponrYes }).click();
      } else if (kind === 'destructive') {
        if (!shotDestructive) await shot(page, `lab-ct-install-destructive-${lang}`);
        shotDestructive = true;
        await dialog.getByRole('button', { name: t.yes }).click();
      } else throw new Error(`unexpected question: ${kind}`);
      // The next question may follow at once: wait for this one to go, not for the dialog to close.
      await expect(page.locator(`dialog.ins-confirm[open][data-confirm="${id}"]`)).toHaveCount(0);
    }
    await page.waitForTimeout(300);
  }
  throw new Error('the run did not end in time');
}

/**
 * On a fresh lab, as far as the Run tab: the planned project opened, the Ist-Analyse of legacy, the other
 * nodes entered, inventory with every host key checked, VIP and storage, the dry run. Returns the lab.
 */
async function prepareToRun(page: Page, lang: 'de' | 'en', file: string): Promise<LabStatus> {
  const t = T[lang];
  const st = freshLab();
  const known = fingerprints(st);
  writeFileSync(file, JSON.stringify(plannedProject(lang === 'de' ? 'Labor ct: Mailcluster' : 'Lab ct: mail cluster', lang), null, 2));
  if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
  await openProject(page, t, file);

  // --- Ist-Analyse of the legacy server, as the admin user with sudo ---
  const legacy = labNode(st, 'legacy');
  await page.locator('.sidebar').getByRole('button', { name: t.analysis }).click();
  const conn = page.getByRole('form', { name: t.connForm });
  await fillLogin(conn, t, legacy, st);
  await conn.getByRole('button', { name: t.startAnalysis }).click();
  const hk = page.getByRole('dialog', { name: t.hkUnknown });
  await expect(hk).toBeVisible({ timeout: 60_000 });
  expect(known).toContain(await hk.getByTestId('hostkey-fingerprint').innerText());
  await hk.getByRole('button', { name: t.hkAccept }).click();
  await expect(page.getByRole('tab', { name: t.results, selected: true })).toBeVisible({ timeout: 300_000 });

  // --- Installation: the other nodes ---
  await page.locator('.sidebar').getByRole('button', { name: t.install }).click();
  for (const [formName, node] of [[t.secondary, 'secondary'], [t.witness, 'witness']] as const) {
    await fillLogin(page.getByRole('form', { name: formName }), t, labNode(st, node), st);
  }
  await shot(page, `lab-ct-install-hosts-${lang}`);
  await page.getByRole('button', { name: t.next }).click();
  const inv = page.getByRole('table', { name: t.invTable });
  await acceptKnownKeys(page, t, known, async () => (await inv.locator('tr[data-state=ok]').count()) === 3);
  await expect(inv.locator('tr[data-role=witness]')).toContainText('witness');

  // --- Links, service address, storage ---
  // With the VIP known, the network it lives in is the client network: the dedicated one becomes link 0.
  await page.getByLabel(t.vip).fill(`${st.vip.address}/${st.networks.client.prefix}`);
  await expect(page.getByLabel(t.link0)).toHaveValue(labNode(st, 'secondary').interfaces.find((i) => i.network === 'cluster')!.address);
  await page.getByRole('button', { name: t.useName }).click();
  await page.getByLabel(t.shared).selectOption(st.sharedDisk!.nodeDevice);
  await shot(page, `lab-ct-install-network-${lang}`);

  // --- Plan and dry run ---
  await page.getByRole('tab', { name: t.planTab }).click();
  await page.getByRole('button', { name: t.dryStart }).click();
  await expect(page.locator('.ins-dry [role=status]')).toHaveText(t.dryDone, { timeout: 300_000 });
  await shot(page, `lab-ct-install-plan-${lang}`);
  const withDiff = page.getByRole('region', { name: t.steps }).locator('.ins-step-row', { has: page.locator('.pill') }).first();
  const firstDiffStep = page.getByRole('region', { name: t.steps }).locator('[data-step^="configs."]').first();
  await (await firstDiffStep.count() ? firstDiffStep : withDiff).getByRole('button').first().click();
  await page.locator('.ins-diff').first().scrollIntoViewIfNeeded();
  await shot(page, `lab-ct-install-diff-${lang}`);

  await page.getByRole('tab', { name: t.runTab }).click();
  const secretsCheck = page.locator('[data-check=secrets]');
  if ((await secretsCheck.getAttribute('data-ok')) !== 'true') {
    await secretsCheck.getByRole('button').click();
    for (const b of await page.getByRole('region', { name: /Geheimnisse|Secrets/ }).getByRole('button', { name: t.generate }).all()) await b.click();
    await page.getByRole('tab', { name: t.runTab }).click();
  }
  await expect(page.locator('[data-check=secrets]')).toHaveAttribute('data-ok', 'true');
  return st;
}

test('rollback before the cut-over (de): the run is cancelled early, the rollback shows its own preview, asks, and undoes', async ({ app: page, workDir }) => {
  test.setTimeout(30 * 60_000);
  const t = T.de;
  await prepareToRun(page, 'de', path.join(workDir, 'rollback-de.mhs.json'));
  await page.getByRole('button', { name: t.start }).click();
  expect(await answerUntilDone(page, t, 'de-rollback', 15 * 60_000, 4)).toBe('cancelled');
  const card = page.locator('#ins-rollback');
  await card.getByRole('button', { name: 'Vorschau der Rücknahme' }).click();
  const preview = card.getByRole('region', { name: 'Schritte der Rücknahme' });
  await expect(preview).toBeVisible({ timeout: 120_000 });
  await expect(preview.locator('.ins-step-row').first()).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'lab-ct-install-rollback-preview-de');
  await card.getByRole('button', { name: /Schritte? zurücknehmen …/ }).click();
  const dialog = page.locator('dialog.ins-confirm[open][data-kind=rollback]');
  await expect(dialog).toBeVisible({ timeout: 60_000 });
  await shot(page, 'lab-ct-install-rollback-confirm-de');
  await dialog.getByRole('button', { name: 'Ja, zurücknehmen' }).click();
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'completed', { timeout: 10 * 60_000 });
  await expect(page.locator('[data-outcome]')).toContainText('Zurückgenommen: der Altserver läuft wieder allein wie vorher.');
  // Rolled back is not done: the sidebar asks for attention, and a new run may start.
  await expect(page.locator('.step-link.current .state-attention')).toBeVisible();
  await expect(page.getByRole('button', { name: t.start })).toBeEnabled();
  await shot(page, 'lab-ct-install-rolledback-de');
});

for (const lang of ['de', 'en'] as const) {
  test(`Installation on the ct lab (${lang}): hosts, inventory, links, dry run, run with confirmations, status`, async ({ app: page, workDir }) => {
    test.setTimeout(45 * 60_000);
    const t = T[lang];
    const file = path.join(workDir, `install-${lang}.mhs.json`);
    const st = await prepareToRun(page, lang, file);
    const reopen = async () => {
      await page.reload();
      await page.waitForSelector('body[data-ready=true]');
      await openProject(page, t, file);
      await page.locator('.sidebar').getByRole('button', { name: t.install }).click();
    };

    // --- Run ---
    const t0 = Date.now();
    await page.getByRole('button', { name: t.start }).click();
    await expect(page.locator('.ins-progress')).toBeVisible();

    if (lang === 'de') {
      // Interrupted after a few steps, then the window is reloaded as if the app had been restarted.
      expect(await answerUntilDone(page, t, lang, 15 * 60_000, 4)).toBe('cancelled');
      await reopen();
      const banner = page.getByTestId('resume-banner');
      await expect(banner).toBeVisible();
      await shot(page, `lab-ct-install-resume-${lang}`);
      await banner.getByRole('button', { name: t.resume }).click();
    }
    await page.waitForTimeout(5000);
    await shot(page, `lab-ct-install-running-${lang}`);
    expect(await answerUntilDone(page, t, lang, 30 * 60_000, undefined, lang === 'de' ? reopen : undefined)).toBe('completed');
    console.log(`commissioning in the UI (${lang}): ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const summary = page.getByTestId('run-summary');
    await expect(summary.getByRole('heading', { name: t.summary })).toBeVisible();
    await expect(summary.locator('[data-figure=outage]')).toHaveText(/\d/);
    await summary.scrollIntoViewIfNeeded();
    await shot(page, `lab-ct-install-summary-${lang}`);

    // --- The running cluster ---
    await page.getByRole('tab', { name: t.statusTab }).click();
    const status = page.getByTestId('cluster-status');
    await expect(status).toBeVisible({ timeout: 120_000 });
    await expect(status.getByTestId('cluster-resources').locator('tr[data-resource=p_vip]')).toContainText(labNode(st, 'legacy').hostname);
    await expect(status.locator('tr[data-node]')).toHaveCount(2);
    await expect(status.locator('[data-level=danger]')).toHaveCount(0);
    await shot(page, `lab-ct-install-status-${lang}`);
    if (lang === 'en') {
      await page.keyboard.press('Control+s');
      await expect(page.locator('.save-status')).toContainText(/Saved/);
      copyFileSync(file, HANDOVER);
    }
  });
}

test('after the handover: the project opened in a new app shows the running cluster without running anything; drift, config sync preview, no cleanup before accepted tests', async ({ app: page }) => {
  test.skip(!existsSync(HANDOVER), 'needs the English run before it (same lab)');
  test.setTimeout(10 * 60_000);
  const t = T.de;
  const st = readLabStatus(tier);
  const known = fingerprints(st);
  await openProject(page, t, HANDOVER);
  await page.locator('.sidebar').getByRole('button', { name: t.install }).click();
  await expect(page.locator('.step-link.current .state-done')).toBeVisible();

  // A new app knows no host keys and no passwords: the sudo passwords are entered again, nothing else.
  await page.getByRole('form', { name: 'Anmeldedaten des Altservers' }).getByLabel('sudo-Passwort (optional)').fill(st.credentials.admin.password);
  await page.getByRole('form', { name: 'Anmeldedaten des Altservers' }).getByRole('button', { name: 'Speichern' }).click();
  for (const f of [t.secondary, t.witness]) await page.getByRole('form', { name: f }).getByLabel(t.sudo).fill(st.credentials.admin.password);
  await page.getByRole('tab', { name: t.statusTab }).click();
  const status = page.getByTestId('cluster-status');
  await acceptKnownKeys(page, t, known, async () => (await status.count()) > 0 && (await status.locator('tr[data-node]').count()) === 2 && (await page.locator('.ins-cluster .error-text').count()) === 0);
  await expect(status.getByTestId('cluster-resources').locator('tr[data-resource=p_vip]')).toContainText(labNode(st, 'legacy').hostname);
  await expect(page.locator('[data-outcome]')).toHaveCount(0);
  await shot(page, 'lab-ct-install-handover-status-de');

  // Drift: the configs the secondary took over are still equal.
  await page.getByRole('button', { name: 'Jetzt vergleichen' }).click();
  await expect(page.locator('#ins-drift [role=status]')).toContainText(/gleich|weich/, { timeout: 120_000 });
  // Config sync: first its dry run, shown step by step.
  await page.locator('#ins-configSync').getByRole('button', { name: 'Vorschau (Trockenlauf)' }).click();
  await expect(page.locator('#ins-configSync').locator('.ins-steps, .ok-line')).toBeVisible({ timeout: 120_000 });
  await page.locator('#ins-drift').scrollIntoViewIfNeeded();
  await shot(page, 'lab-ct-install-handover-drift-de');
  // The old data on legacy stays until the failover tests are accepted.
  await expect(page.locator('#ins-cleanup').getByRole('button', { name: 'Vorschau (Trockenlauf)' })).toBeDisabled();
  await expect(page.locator('#ins-cleanup')).toContainText('Wird erst angeboten, wenn die Failover-Tests abgenommen sind.');
});
