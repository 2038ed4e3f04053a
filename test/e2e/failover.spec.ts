/**
 * The Failover-Tests step in Chromium against the real handlers (bridge), for what needs no lab: preparation
 * (settings land in the project, passwords only in the secret store), the catalogue with what each case does,
 * a preview refused with a translated reason when the project has no cluster, and the results of real runs
 * recorded on the lab's ct cluster (test/support/failover/runs: an acceptance run, and a later run of standby,
 * killService and hardCrash after the plan update, stored as a drill): the Soll-Ist table, the time line, the
 * mail proof, the log findings, and the drill compared with the acceptance run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { FailoverRunSchema, type FailoverRun } from '../../shared/failover/schema';
import { sollIst } from '../../shared/failover/runs';
import { ProjectSchema, newProject, type Project } from '../../shared/project/schema';
import { expect, shot, test } from './fixtures';

const RUNS = path.resolve(import.meta.dirname, '../support/failover/runs');
const run = (f: string): FailoverRun => FailoverRunSchema.parse(JSON.parse(readFileSync(path.join(RUNS, f), 'utf8')));

function project(runs: FailoverRun[] = [], acceptanceRunId?: string): Project {
  const p = newProject('4d3c2b1a-0f9e-4d8c-a7b6-5a4938271605', new Date('2026-12-01T10:00:00Z'));
  p.meta.title = 'Mailcluster Beispiel GmbH';
  p.commission.settings.vip = '10.77.0.10/24';
  p.failover.runs = runs;
  if (acceptanceRunId) p.failover.acceptanceRunId = acceptanceRunId;
  return ProjectSchema.parse(p);
}

async function open(page: Page, file: string, p: Project) {
  writeFileSync(file, JSON.stringify(p, null, 2));
  await page.getByRole('button', { name: 'Projekt öffnen …' }).click();
  await page.getByLabel('Pfad der Projektdatei').fill(file);
  await page.keyboard.press('Enter');
  await expect(page.locator('.file-line')).toContainText(file);
  await page.locator('.sidebar').getByRole('button', { name: /Failover-Tests/ }).click();
  await expect(page.getByRole('heading', { name: 'Failover-Tests', level: 1 })).toBeVisible();
}

test('preparation: settings go into the project, the mailbox password only into the secret store; the catalogue explains every case', async ({ app: page, workDir }) => {
  const file = path.join(workDir, 'prep.mhs.json');
  await open(page, file, project());
  await page.getByLabel('Postfach-Login (Adresse)').fill('probe@example-gmbh.test');
  const pw = page.getByLabel('Postfach-Passwort');
  await pw.fill('Geheim-2026!');
  const secret = page.locator('.field', { has: pw });
  await expect(secret).toContainText('noch nicht gespeichert');
  await secret.getByRole('button', { name: 'Speichern' }).click();
  await expect(secret.locator('.field-msg')).toHaveText('gespeichert');
  await expect(pw).toHaveValue('');
  await page.getByLabel('RTO geplanter Wechsel').fill('5');
  await shot(page, 'failover-prepare-de');
  await page.keyboard.press('Control+s');
  await expect(page.locator('.save-status')).toContainText('Gespeichert um');
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  expect(saved.failover.settings.mailbox.user).toBe('probe@example-gmbh.test');
  expect(saved.failover.settings.targets.plannedRtoMs).toBe(5000);
  expect(readFileSync(file, 'utf8')).not.toContain('Geheim-2026!');

  await page.getByRole('tab', { name: 'Tests durchführen' }).click();
  const cases = page.getByRole('list', { name: 'Failover-Fälle' });
  await expect(cases.locator('li')).toHaveCount(12);
  const crash = cases.locator('li[data-case=hardCrash]');
  await crash.getByText('Was er tut und erwartet').click();
  await expect(crash).toContainText('Corosync erkennt den Verlust nach Token + Consensus');
  // Without a preview nothing can start.
  await expect(page.getByRole('button', { name: /Fall\/Fälle starten/ })).toBeDisabled();
  // A project without cluster nodes: the real handler refuses with a translated reason.
  await page.getByRole('button', { name: 'Cluster prüfen' }).click();
  await expect(page.getByRole('dialog')).toContainText('mindestens zwei Cluster-Knoten');
  await shot(page, 'failover-run-no-cluster-de');
});

test('results of the lab acceptance run: Soll-Ist per case, the time line with outage lanes, mails and events, the mail proof and the log findings', async ({ app: page, workDir }) => {
  const acc = run('ct-acceptance.json');
  await open(page, path.join(workDir, 'results.mhs.json'), project([acc], acc.id));
  await page.getByRole('tab', { name: 'Ergebnisse' }).click();
  const table = page.getByTestId('fo-sollist');
  await expect(table.locator('tbody tr')).toHaveCount(acc.cases.length);
  // Every row says what the engine says about the stored run.
  for (const r of sollIst(acc)) await expect(table.locator(`tr[data-case=${r.caseId}] td`).last()).toHaveText(r.verdict === 'pass' ? 'bestanden' : r.verdict === 'fail' ? 'nicht bestanden' : r.verdict === 'notApplicable' ? 'nicht anwendbar' : 'abgebrochen');
  await table.locator('tr[data-case=hardCrash] th button').click();
  const detail = page.locator('.fo-detail[data-case=hardCrash]');
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('Harter Absturz des aktiven Knotens');
  const chart = detail.locator('[data-chart=timeline]');
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(chart.locator('.recharts-line-curve').first()).toBeVisible();
  await expect(detail.getByRole('list', { name: 'Cluster-Ereignisse' })).toContainText('membership');
  await expect(detail.locator('.fo-dl')).toContainText('verloren');
  await detail.scrollIntoViewIfNeeded();
  await shot(page, 'failover-results-hardcrash-de');
  await detail.locator('.fo-findings').scrollIntoViewIfNeeded();
  await shot(page, 'failover-results-findings-de');
});

test('a drill beside the acceptance run: what got slower, what broke', async ({ app: page, workDir }) => {
  const acc = run('ct-acceptance.json');
  const drill = run('ct-drill.json');
  await open(page, path.join(workDir, 'compare.mhs.json'), project([acc, drill], acc.id));
  await page.getByRole('tab', { name: 'Übung vs. Abnahme' }).click();
  const t = page.getByTestId('fo-compare');
  await expect(t.locator('tbody tr').first()).toBeVisible();
  for (const id of drill.cases.map((c) => c.caseId)) await expect(t.locator(`tr[data-case=${id}]`)).toBeVisible();
  // The later run was measured after the plan update: the crash got faster, the killed service is a new case.
  await expect(t.locator('tr[data-case=hardCrash]')).toContainText('schneller');
  await expect(t.locator('tr[data-case=killService]')).toContainText('neuer Fall');
  await shot(page, 'failover-compare-de');
});

test.describe('English', () => {
  test.use({ osLocale: 'en-GB' });
  test('results in English', async ({ app: page, workDir }) => {
    const acc = run('ct-acceptance.json');
    const file = path.join(workDir, 'en.mhs.json');
    writeFileSync(file, JSON.stringify(project([acc], acc.id), null, 2));
    await page.getByRole('button', { name: 'Open project …' }).click();
    await page.getByLabel('Path of the project file').fill(file);
    await page.keyboard.press('Enter');
    await page.locator('.sidebar').getByRole('button', { name: /Failover tests/ }).click();
    await page.getByRole('tab', { name: 'Results' }).click();
    await expect(page.getByTestId('fo-sollist')).toContainText('Planned vs. measured');
    await shot(page, 'failover-results-en');
  });
});
