/**
 * The Ist-Analyse step in Chromium against the lab's real legacy mail server, then the Sizing step fed by
 * what it found: the path an apprentice takes on the first day, with screenshots.
 */
import { expect, shot, test } from '../../e2e/fixtures';
import { fingerprintSha256 } from '../../../main/ssh/knownHosts';
import { DOMAINS } from '../lib/accounts.js';
import type { Tier } from '../lib/config.js';
import { readLabStatus } from '../lib/statusSchema.js';

const tier = (process.env.LAB_TIER ?? 'ct') as Tier;

test(`Ist-Analyse of the lab's legacy server (${tier}) in the app, then sizing from its facts`, async ({ app: page }) => {
  const st = readLabStatus(tier);
  expect(st.state, `lab ${tier} must be up (npm run lab -- up --tier ${tier})`).toBe('running');
  const legacy = st.nodes.find((n) => n.name === 'legacy')!;
  const fingerprints = Object.values(legacy.ssh.hostKeys).map((l) => fingerprintSha256(Buffer.from(l.split(' ')[1] ?? '', 'base64')));

  await page.getByRole('button', { name: 'Neues Projekt' }).click();
  await page.getByLabel('Projekttitel').fill(`Labor ${tier}: Altserver`);
  await page.locator('.sidebar').getByRole('button', { name: /Ist-Analyse/ }).click();
  const conn = page.getByRole('form', { name: 'SSH-Verbindung zum bestehenden Mailserver' });
  await conn.getByLabel('Servername oder IP-Adresse').fill(legacy.ssh.host);
  await conn.getByLabel('SSH-Port').fill(String(legacy.ssh.port));
  await conn.getByLabel('Benutzername').fill('root');
  await conn.getByLabel('Anmeldung mit').selectOption('key');
  await conn.getByLabel('Privater Schlüssel (Datei)').fill(st.credentials.clientKey);
  await conn.getByRole('button', { name: 'Analyse starten' }).click();

  const hk = page.getByRole('dialog', { name: 'Neuer Server – Fingerabdruck prüfen' });
  await expect(hk).toBeVisible({ timeout: 60_000 });
  expect(fingerprints).toContain(await hk.getByTestId('hostkey-fingerprint').innerText());
  await hk.getByRole('button', { name: 'Fingerabdruck stimmt – verbinden' }).click();
  await expect(page.locator('.ana-col[data-status=running]').first()).toBeVisible({ timeout: 60_000 });
  await shot(page, `lab-${tier}-analysis-running-de`);

  await expect(page.getByRole('tab', { name: /Ergebnisse/, selected: true })).toBeVisible({ timeout: 480_000 });
  await expect(page.getByText('Erfasst per SSH')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Betriebssystem und Versionen' })).toContainText('Debian GNU/Linux 12');
  for (const d of DOMAINS) await expect(page.locator('[data-card=data]')).toContainText(d);
  if (tier === 'vm') await expect(page.getByRole('region', { name: /Speicher/ }).first()).toContainText(/raid10|RAID 10|RAID10/i);
  await shot(page, `lab-${tier}-analysis-results-de`);
  await page.locator('[data-card=mail]').scrollIntoViewIfNeeded();
  await shot(page, `lab-${tier}-analysis-mail-de`);

  // Every command the analysis ran is in the audit log, as root on the lab's relay port.
  await page.getByRole('tab', { name: 'Befehlsprotokoll' }).click();
  await expect(page.locator('.ana-audit-table')).toContainText('lsblk');

  // The Sizing step takes the primary from these facts.
  await page.locator('.sidebar').getByRole('button', { name: /Sizing/ }).click();
  const primary = page.getByRole('region', { name: 'Bestehender Server', exact: true });
  await expect(primary.getByText('aus der Ist-Analyse (über SSH erfasst)')).toBeVisible();
  // What the analysis measured on this server: 2,4xx mails a day from its log. On ct every value is measured and
  // the card folds them into one line; the vm's virtio disks only allow a guessed disk type, so the card stays
  // open for the user to check it, with the figures in the fields.
  if (tier === 'ct') {
    await expect(primary.getByTestId('primary-summary')).toContainText(/2\.4\d\d Mails pro Tag/);
  } else {
    await expect(primary.getByText('1 Wert geschätzt')).toBeVisible();
    await expect(primary.getByLabel('Art der Festplatten')).toHaveAccessibleDescription(/geschätzt/);
    await expect(primary.locator('input[name="primary.mailsPerDay"]')).toHaveValue(/^24\d\d$/);
  }
  await expect(page.locator('[data-figure=metadataSectors]')).toBeVisible();
  await shot(page, `lab-${tier}-sizing-from-facts-de`);
});
