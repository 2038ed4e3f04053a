import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, shot, test } from './fixtures';

test('create a project, fill the Projekt step, save, reload and reopen it', async ({ app: page, workDir }) => {
  const file = path.join(workDir, 'mailcluster.mhs.json');
  await page.getByRole('button', { name: 'Neues Projekt' }).click();
  await expect(page.getByRole('heading', { name: 'Projekt', level: 1 })).toBeVisible();

  await page.getByLabel('Auftraggeber / Kunde').fill('Müller & Söhne GmbH');
  await page.getByLabel('Projekttitel').fill('Hochverfügbarer Mailserver');
  await page.getByLabel('Verantwortliche Person').fill('Jana Kühn (Auszubildende)');
  await page.getByLabel('Projektbeginn').fill('2026-11-02');
  await page.getByLabel('Projektende').fill('2026-12-18');
  await page.getByLabel('Ist-Zustand').fill('Ein einzelner Server (Xeon E5-2620 v4, 32 GB RAM, RAID10).\nKeine Redundanz.');
  await page.getByLabel('Soll-Zustand').fill('Zwei-Knoten-Cluster mit DRBD, Corosync und Pacemaker.');
  await page.getByLabel('Stundensatz Fachkraft').fill('88.5');
  await page.getByLabel('Gemeinkostenzuschlag').fill('25');
  await expect(page.locator('.step-link.current .state-done')).toBeVisible();
  await shot(page, 'project-step-filled-de');

  await page.keyboard.press('Control+s');
  await page.getByLabel('Pfad der Projektdatei').fill(file);
  await shot(page, 'project-save-prompt-de');
  await page.getByRole('button', { name: 'Speichern', exact: true }).last().click();
  await expect(page.getByText(`Datei: ${file}`)).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Gespeichert um');

  const onDisk = JSON.parse(readFileSync(file, 'utf8'));
  expect(onDisk.meta.customer).toBe('Müller & Söhne GmbH');
  expect(onDisk.meta.rates).toEqual({ engineer: 88.5, apprentice: 35, overheadPercent: 25 });

  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  await expect(page.getByRole('heading', { name: 'Willkommen bei Mail HA Studio' })).toBeVisible();
  await shot(page, 'welcome-recent-de');
  await page.getByRole('button', { name: /Hochverfügbarer Mailserver/ }).click();

  await expect(page.getByLabel('Auftraggeber / Kunde')).toHaveValue('Müller & Söhne GmbH');
  await expect(page.getByLabel('Verantwortliche Person')).toHaveValue('Jana Kühn (Auszubildende)');
  await expect(page.getByLabel('Projektende')).toHaveValue('2026-12-18');
  await expect(page.getByLabel('Ist-Zustand')).toHaveValue('Ein einzelner Server (Xeon E5-2620 v4, 32 GB RAM, RAID10).\nKeine Redundanz.');
  await expect(page.getByLabel('Stundensatz Fachkraft')).toHaveValue('88.5');
});

test('autosave writes to the open file without pressing save', async ({ app: page, workDir }) => {
  const file = path.join(workDir, 'auto.mhs.json');
  await page.getByRole('button', { name: 'Neues Projekt' }).click();
  await expect(page.getByRole('heading', { name: 'Projekt', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Speichern unter …' }).click();
  const pathField = page.getByLabel('Pfad der Projektdatei');
  await expect(pathField).toHaveValue(/Projekt\.mhs\.json$/);
  await pathField.fill(file);
  await expect(pathField).toHaveValue(file);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Datei: ${file}`)).toBeVisible();
  await page.getByLabel('Projekttitel').fill('Autosave-Test');
  await expect.poll(() => JSON.parse(readFileSync(file, 'utf8')).meta.title, { timeout: 10_000 }).toBe('Autosave-Test');
});

test('unsaved work survives a reload as a recovery copy', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Neues Projekt' }).click();
  await page.getByLabel('Projekttitel').fill('Nie gespeichert');
  await expect(page.getByRole('status')).toContainText('Sicherungskopie um', { timeout: 10_000 });
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  await expect(page.getByRole('heading', { name: 'Nicht gespeicherte Projekte' })).toBeVisible();
  await shot(page, 'welcome-recovery-de');
  await page.getByRole('button', { name: 'Wiederherstellen' }).click();
  await expect(page.getByLabel('Projekttitel')).toHaveValue('Nie gespeichert');
});

test('invalid input is marked and never saved over the last good state', async ({ app: page, workDir }) => {
  const file = path.join(workDir, 'valid.mhs.json');
  await page.getByRole('button', { name: 'Neues Projekt' }).click();
  await page.getByLabel('Projektbeginn').fill('2026-12-10');
  await page.getByLabel('Projektende').fill('2026-12-01');
  await page.getByLabel('Projektende').blur();
  await expect(page.getByText('Das Projektende liegt vor dem Projektbeginn.')).toBeVisible();
  await expect(page.locator('.step-link.current .state-attention')).toBeVisible();
  await page.getByRole('button', { name: 'Speichern unter …' }).click();
  await page.getByLabel('Pfad der Projektdatei').fill(file);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Nicht gespeichert');
  await shot(page, 'project-invalid-de');
});
