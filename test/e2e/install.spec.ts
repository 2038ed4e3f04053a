/**
 * The Installation step in Chromium against the real handlers (bridge), for what needs no lab: what is
 * missing on an empty project, the node forms with their validation and secrets, and the plan view made by
 * the real generator from the lab's real facts and inventory (test/e2e/installFixtures).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { generatePlan, planErrors } from '../../shared/commission/generate';
import { ProjectSchema, type Project } from '../../shared/project/schema';
import { labProject } from '../support/install/labProject';
import { expect, shot, test } from './fixtures';

async function openInstall(page: Page) {
  await page.locator('.sidebar').getByRole('button', { name: /Installation/ }).click();
  await expect(page.getByRole('heading', { name: 'Installation', level: 1 })).toBeVisible();
}

/** Writes the project before any is open (so no autosave can race it) and opens it. */
async function openProjectFile(page: Page, file: string, project: Project, button = 'Projekt öffnen …', label = 'Pfad der Projektdatei') {
  writeFileSync(file, JSON.stringify(project, null, 2));
  await page.getByRole('button', { name: button }).click();
  await page.getByLabel(label).fill(file);
  await page.keyboard.press('Enter');
  await expect(page.locator('.file-line')).toContainText(file);
}

const tab = (page: Page, name: RegExp) => page.getByRole('tab', { name });

test('empty project: the step lists what is missing before a plan, and each item leads to where it is fixed', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Neues Projekt' }).click();
  await page.getByLabel('Projekttitel').fill('Installation leer');
  await openInstall(page);
  await expect(page.locator('.step-link.current .state-notStarted')).toBeVisible();
  await shot(page, 'install-hosts-empty-de');

  await tab(page, /Plan & Trockenlauf/).click();
  const list = page.getByRole('region', { name: /Punkte offen, bevor ein Plan entstehen kann/ });
  await expect(list).toBeVisible();
  await expect(list).toContainText('Es gibt noch keine Ist-Analyse des Primärsystems.');
  await expect(list).toContainText('Für Zweitserver ist kein Server eingetragen.');
  await expect(list).toContainText('Die Dienst-IP (VIP) des Clusters fehlt.');
  // The count in the heading is the generator's, as the tab label shows it too.
  const fresh = ProjectSchema.parse({ ...labProject({ withInventory: false, withSettings: false }), facts: undefined, hosts: {}, planning: {} });
  const expected = planErrors(fresh, undefined).length;
  await expect(list.locator('li')).toHaveCount(expected);
  await expect(tab(page, new RegExp(`Plan & Trockenlauf \\(${expected}\\)`))).toBeVisible();
  await shot(page, 'install-plan-errors-de');

  // A missing server leads to the Servers tab, a missing VIP to its card, no analysis to the Ist-Analyse step.
  await list.locator('li', { hasText: 'Für Zweitserver ist kein Server eingetragen.' }).getByRole('button').click();
  await expect(tab(page, /1 Server/)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('form', { name: 'SSH-Verbindung: Zweitserver' })).toBeVisible();
  await tab(page, /Plan & Trockenlauf/).click();
  await list.getByRole('button', { name: 'Beheben: Dienstadresse' }).first().click();
  await expect(page.getByRole('heading', { name: 'Dienstadresse (virtuelle IP)' })).toBeInViewport();
  await tab(page, /Plan & Trockenlauf/).click();
  await list.locator('li', { hasText: 'Es gibt noch keine Ist-Analyse' }).getByRole('button', { name: 'Beheben: Ist-Analyse' }).click();
  await expect(page.getByRole('heading', { name: 'Ist-Analyse', level: 1 })).toBeVisible();
});

test('node forms: validation as in the Ist-Analyse, a valid target goes into the project, secrets never', async ({ app: page, workDir }) => {
  const file = path.join(workDir, 'hosts.mhs.json');
  await openProjectFile(page, file, labProject({ hosts: { primary: { host: '127.0.0.1', port: 2201, user: 'root', auth: { method: 'key', keyPath: '/tmp/none' } } }, withInventory: false }));
  await openInstall(page);
  await expect(page.getByText('Aus der Ist-Analyse:')).toContainText('root@127.0.0.1:2201');
  // qdevice: the plan needs the witness, so its form is there too.
  const sec = page.getByRole('form', { name: 'SSH-Verbindung: Zweitserver' });
  const wit = page.getByRole('form', { name: 'SSH-Verbindung: Zeuge (qnetd)' });
  await expect(wit).toBeVisible();
  await expect(page.getByRole('form', { name: 'SSH-Verbindung: Dritter Knoten' })).toHaveCount(0);

  await sec.getByLabel('Servername oder IP-Adresse').fill('-oProxyCommand=evil');
  await sec.getByLabel('SSH-Port').fill('70000');
  await sec.getByLabel('SSH-Port').blur();
  await expect(sec.getByRole('alert').first()).toBeVisible();
  await expect(sec.locator('.field-error')).toHaveCount(2);
  await shot(page, 'install-hosts-invalid-de');

  await sec.getByLabel('Servername oder IP-Adresse').fill('10.0.0.12');
  await sec.getByLabel('SSH-Port').fill('2222');
  await sec.getByLabel('Benutzername').fill('labadmin');
  await sec.getByLabel('Anmeldung mit').selectOption('password');
  await sec.getByLabel('Passwort', { exact: true }).fill('Geheim-1234');
  await expect(sec.locator('.field-error')).toHaveCount(0);
  await expect(sec.getByText('eingetragen')).toBeVisible();

  // Commissioning secrets: generated in main, only the status comes back.
  const secrets = page.getByRole('region', { name: 'Geheimnisse für die Installation' });
  await expect(secrets.getByTestId('secret-haclusterPassword')).toHaveText('nicht gesetzt');
  await secrets.getByRole('button', { name: 'Passwort des Cluster-Benutzers hacluster erzeugen' }).click();
  await expect(secrets.getByTestId('secret-haclusterPassword')).toHaveText('gesetzt');
  await secrets.getByRole('button', { name: 'Passwort des MariaDB-Replikationsbenutzers selbst festlegen' }).click();
  await secrets.getByLabel(/Passwort des MariaDB-Replikationsbenutzers \(mindestens 8 Zeichen\)/).fill('kurz');
  await expect(secrets.getByText('Mindestens 8 Zeichen.')).toBeVisible();
  await secrets.getByLabel(/Passwort des MariaDB-Replikationsbenutzers \(mindestens 8 Zeichen\)/).fill('Replica-Secret-77');
  await secrets.getByRole('button', { name: 'Speichern' }).click();
  await expect(secrets.getByTestId('secret-mariadbReplicaPassword')).toHaveText('gesetzt');
  await shot(page, 'install-hosts-filled-de');

  // Saved: the target is in the project file, no password and no commissioning secret is.
  await page.keyboard.press('Control+s');
  await expect(page.locator('.save-status')).toContainText(/Gespeichert/);
  const text = readFileSync(file, 'utf8');
  const saved = ProjectSchema.parse(JSON.parse(text));
  expect(saved.hosts.secondary).toEqual({ host: '10.0.0.12', port: 2222, user: 'labadmin', auth: { method: 'password' } });
  expect(text).not.toContain('Geheim-1234');
  expect(text).not.toContain('Replica-Secret-77');
  expect(saved.steps.install.status).toBe('inProgress');
});

for (const lang of ['de', 'en'] as const) {
  test(`plan view from the lab's stored inventory (${lang}): links, phases, commands, files, the red risk notice`, async ({ app: page, workDir }) => {
    test.setTimeout(90_000);
    const project = labProject();
    const plan = generatePlan(project, project.commission.inventory!);
    const en = lang === 'en';
    if (en) await page.getByRole('button', { name: 'English' }).click();
    await openProjectFile(page, path.join(workDir, `plan-${lang}.mhs.json`), project, en ? 'Open project …' : 'Projekt öffnen …', en ? 'Path of the project file' : 'Pfad der Projektdatei');
    await page.locator('.sidebar').getByRole('button', { name: /Installation/ }).click();

    // Networks: the dedicated cluster network (host1, 10.78.0.0/24) is proposed as link 0, the client network as link 1.
    await tab(page, en ? /Inventory & networks/ : /Inventar & Netze/).click();
    const inv = page.getByRole('table', { name: en ? 'Inventory per server' : 'Inventar je Server' });
    await expect(inv.locator('tr[data-role=primary]')).toContainText('legacy');
    await expect(inv.locator('tr[data-role=secondary]')).toContainText('secondary');
    await expect(inv.locator('tr[data-role=secondary]')).toContainText('debian 12 (bookworm)');
    const link0 = page.locator('fieldset[data-link="0"]');
    await expect(link0).toContainText('10.78.0.0/24');
    await expect(link0.getByLabel(en ? 'Link 0: address of Secondary' : 'Link 0: Adresse von Zweitserver')).toHaveValue('10.78.0.12');
    await expect(page.locator('fieldset[data-link="1"]').getByLabel(en ? 'Link 1: address of Legacy server' : 'Link 1: Adresse von Altserver')).toHaveValue('10.77.0.11');
    await expect(page.getByLabel(en ? 'Shared disk (LUN)' : 'Gemeinsamer Datenträger (LUN)')).toHaveValue('/dev/loop1');
    await shot(page, `install-network-${lang}`);

    await tab(page, en ? /Plan & dry run/ : /Plan & Trockenlauf/).click();
    const danger = page.locator('.ins-notices [data-level=danger]');
    await expect(danger).toContainText(en ? 'No fencing (STONITH off)' : 'Ohne Fencing (STONITH aus)');
    await expect(danger).toHaveCSS('background-color', 'rgb(253, 236, 234)');
    const overview = page.getByRole('table', { name: en ? 'Phases of the plan with expected duration' : 'Phasen des Plans mit erwarteter Dauer' });
    const phases = [...new Set(plan.steps.map((s) => s.phase))];
    await expect(overview.locator('tbody tr')).toHaveCount(phases.length);
    await expect(overview.locator('tfoot')).toContainText(String(plan.steps.length));
    await expect(overview.locator('tr[data-phase=cutover]')).toContainText(en ? 'No way back' : 'Kein Zurück');
    await shot(page, `install-plan-${lang}`);

    // A step expands to its exact commands and the file as it will be written.
    const steps = page.getByRole('region', { name: en ? 'Steps of the plan' : 'Schritte des Plans' });
    const corosync = plan.steps.find((s) => s.id === 'cluster.corosyncConf@primary')!;
    const row = steps.locator(`[data-step="${corosync.id}"]`);
    await row.getByRole('button').first().click();
    await expect(row).toContainText(corosync.title[lang]);
    await expect(row).toContainText(en ? 'Writes /etc/corosync/corosync.conf' : 'Schreibt /etc/corosync/corosync.conf');
    await row.getByText(en ? /Show the file content/ : /Dateiinhalt anzeigen/).click();
    await expect(row.locator('.ins-file')).toContainText('10.78.0.11');
    await row.scrollIntoViewIfNeeded();
    await shot(page, `install-plan-step-${lang}`);

    // A step that feeds a secret on stdin shows a named placeholder, never a value; the point of no return is marked.
    const secretStep = plan.steps.find((s) => s.apply.some((a) => a.kind === 'run' && a.stdin?.includes('{{secret:')));
    if (secretStep) {
      const r = steps.locator(`[data-step="${secretStep.id}"]`);
      await r.getByRole('button').first().click();
      await expect(r.locator('.ins-secret').first()).toContainText(en ? 'secret:' : 'geheim:');
    }
    const ponr = plan.steps.find((s) => s.pointOfNoReturn)!;
    await expect(steps.locator(`[data-step="${ponr.id}"] .ins-ponr-line`)).toBeVisible();

    // Without a dry run the run tab does not start.
    await tab(page, en ? /4 Run/ : /4 Ausführung/).click();
    await expect(page.locator('[data-check=dry][data-ok=false]')).toBeVisible();
    await expect(page.getByRole('button', { name: en ? 'Start installation' : 'Installation starten' })).toBeDisabled();
    await shot(page, `install-run-blocked-${lang}`);
  });
}
