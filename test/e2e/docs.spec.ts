/**
 * The Dokumentation step in Chromium against the real handlers (bridge): what is still missing, a chapter
 * addition, export with progress to a real PDF (checked with pdftotext), the preview drawn by pdf.js from
 * the real bytes, the project fields the proposal needs; German and English.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Project } from '../../shared/project/schema';
import { seedProject } from '../support/documents/seedProject';
import { expect, shot, test } from './fixtures';

async function openProjectFile(page: Page, file: string, project: Project, button: string, label: string) {
  writeFileSync(file, JSON.stringify(project, null, 2));
  await page.getByRole('button', { name: button }).click();
  await page.getByLabel(label).fill(file);
  await page.keyboard.press('Enter');
  await expect(page.locator('.file-line')).toContainText(file);
}

async function exportTo(page: Page, pdf: string, button: string, label: string, submit: string) {
  await page.getByRole('button', { name: button }).click();
  const input = page.getByLabel(label);
  await expect(input).toHaveValue(/\.pdf$/);
  await input.fill(pdf);
  await page.getByRole('button', { name: submit, exact: true }).click();
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

/** Autosave writes the open project file shortly after a change; wait until it holds what we expect. */
async function savedProject(file: string, ok: (p: Project) => boolean): Promise<Project> {
  await expect.poll(() => ok(JSON.parse(readFileSync(file, 'utf8')) as Project), { timeout: 10_000 }).toBe(true);
  return JSON.parse(readFileSync(file, 'utf8')) as Project;
}

test('German: pending list, a chapter addition, export of the report with progress, the page count and the preview', async ({ app: page, workDir }) => {
  test.setTimeout(120_000);
  const file = path.join(workDir, 'mailcluster.mhs.json');
  await openProjectFile(page, file, seedProject({ actualHours: true }), 'Projekt öffnen …', 'Pfad der Projektdatei');
  await page.locator('.sidebar').getByRole('button', { name: /Dokumentation/ }).click();
  await expect(page.getByRole('heading', { name: 'Dokumentation', level: 1 })).toBeVisible();

  // The report is chosen; the list says what the PDF will say is missing, chapter by chapter.
  await expect(page.getByRole('radio', { name: /Projektdokumentation/ })).toBeChecked();
  const pending = page.locator('.docs-pending');
  await expect(pending).toContainText('5.1 Ablauf der Inbetriebnahme');
  await expect(pending).toContainText('Die Inbetriebnahme ist noch nicht gelaufen');
  await expect(pending).toContainText('7.3 Lessons Learned');
  await shot(page, 'docs-step-de');

  // The apprentice's own lessons go into 7.3; the pending note for it disappears.
  await page.locator('.docs-chapter summary', { hasText: '7.3 Lessons Learned' }).click();
  await page.getByLabel('Text für „7.3 Lessons Learned“').fill('Ich habe gelernt, das Fencing vor allem anderen zu testen.');
  await expect(pending).not.toContainText('7.3 Lessons Learned');

  const pdf = path.join(workDir, 'Projektdokumentation.pdf');
  await exportTo(page, pdf, 'Als PDF exportieren …', 'Pfad der PDF-Datei', 'Exportieren');
  const result = page.getByTestId('docs-result');
  await expect(result).toContainText(`Gespeichert: ${pdf}`, { timeout: 60_000 });
  await expect(page.locator('.docs-export')).toContainText(/Haupttext \(Kapitel 1–7\): \d+ von höchstens 15 Seiten|Der Haupttext hat \d+ Seiten/);
  await shot(page, 'docs-exported-de');
  expect(existsSync(pdf)).toBe(true);
  const text = pdfText(pdf);
  expect(text).toContain('7.3 Lessons Learned');
  expect(text).toContain('Ich habe gelernt, das Fencing vor allem anderen zu testen.');
  expect(text).toContain('Müller & Söhne Maschinenbau GmbH');

  // The export and the addition are in the project file (autosave), never a secret.
  const saved = await savedProject(file, (p) => !!p.documents?.lastExports?.report);
  expect(saved.documents.lastExports.report).toMatchObject({ lang: 'de', path: pdf });
  expect(saved.documents.additions['report.lessons']?.text).toContain('Fencing');
  await expect(page.locator('.sidebar .step-link', { hasText: 'Dokumentation' }).locator('.state-inProgress')).toBeVisible();

  // Preview: the first pages drawn from the real PDF.
  await page.getByRole('button', { name: 'Vorschau erzeugen' }).click();
  await expect(page.getByTestId('docs-pages').locator('canvas')).toHaveCount(3, { timeout: 30_000 });
  await expect(page.locator('.docs-preview')).toContainText(/Die ersten 3 von \d+ Seiten/);
  await page.locator('.docs-preview').scrollIntoViewIfNeeded();
  await shot(page, 'docs-preview-de');
});

test.describe('English', () => {
  test.use({ osLocale: 'en-GB' });

  test('English: proposal fields in the Project step, the proposal exported as approved, the handbook from the project', async ({ app: page, workDir }) => {
    test.setTimeout(120_000);
    const file = path.join(workDir, 'cluster-en.mhs.json');
    const project = seedProject();
    project.meta.processModel = undefined;
    project.meta.processModelReason = '';
    project.meta.requirements = [];
    await openProjectFile(page, file, project, 'Open project …', 'Path of the project file');

    // The Project step takes the process model with its reason and a requirement.
    await page.getByLabel('Process model', { exact: true }).selectOption('vModel');
    await page.getByLabel('Why this process model?').fill('Every design step gets its own test level.');
    await page.getByRole('button', { name: '+ Requirement' }).click();
    await page.getByRole('textbox', { name: 'Requirement 1' }).fill('No accepted mail is lost in a failover');
    await page.getByRole('form', { name: 'For the proposal and the project report' }).scrollIntoViewIfNeeded();
    await shot(page, 'docs-project-fields-en');

    await page.locator('.sidebar').getByRole('button', { name: /Documentation/ }).click();
    await page.getByRole('radio', { name: /Project proposal/ }).check({ force: true });
    await page.getByLabel('Language of the document').selectOption('en');
    await page.getByLabel(/Store as the approved proposal/).check();
    const proposal = path.join(workDir, 'proposal.pdf');
    await exportTo(page, proposal, 'Export as PDF …', 'Path of the PDF file', 'Export');
    await expect(page.getByTestId('docs-result')).toContainText(`Saved: ${proposal}`, { timeout: 60_000 });
    await expect(page.locator('.docs-export')).toContainText('Approved proposal stored on');
    const text = pdfText(proposal);
    expect(text).toContain('4 Process model');
    expect(text).toContain('V-model');
    expect(text).toContain('Every design step gets its own test level.');
    expect(text).toContain('No accepted mail is lost in a failover');
    const saved = await savedProject(file, (p) => !!p.documents?.approvedProposal);
    expect(saved.documents.approvedProposal).toMatchObject({ lang: 'en', requirements: [{ text: 'No accepted mail is lost in a failover' }] });
    expect(saved.meta.processModel).toBe('vModel');

    await page.getByRole('radio', { name: /Operations handbook/ }).check({ force: true });
    const handbook = path.join(workDir, 'handbook.pdf');
    await exportTo(page, handbook, 'Export as PDF …', 'Path of the PDF file', 'Export');
    await expect(page.getByTestId('docs-result')).toContainText(`Saved: ${handbook}`, { timeout: 60_000 });
    await expect(page.locator('.docs-export')).toContainText('Made from the project file.');
    await shot(page, 'docs-handbook-en');
    const hb = pdfText(handbook);
    expect(hb).toContain('Operations handbook');
    expect(hb).toContain('crm node standby mail01');
    expect(hb).toContain('the project file (the cluster was not queried)');
  });
});
