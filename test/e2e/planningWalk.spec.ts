import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { planProject, type ProjectPlan } from '../../shared/planning/planProject';
import { expect, shot, test } from './fixtures';

/**
 * An apprentice's walk: the seed's server (Xeon E5-2620 v4, 32 GB, 4 x 2 TB SAS RAID 10, Debian 12, Postfix,
 * Dovecot, MariaDB) typed once by hand in the Ist-Analyse and planned to the end, offline, at 1366x768.
 * Every figure the UI shows is checked against planProject() of the very file the app saved, the same
 * composition the CLI and the documents use; nothing here computes a figure itself.
 */

const de = (n: number, d = 0) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: d }).format(n);
const en = (n: number, d = 0) => new Intl.NumberFormat('en', { maximumFractionDigits: d }).format(n);

async function step(page: Page, name: RegExp) {
  await page.locator('.sidebar').getByRole('button', { name }).click();
}

/** The page itself never scrolls: main is the one scroll container, and a step opens at its top. */
async function expectOneScrollContainer(page: Page) {
  const doc = (await page.evaluate("({ scroll: document.scrollingElement.scrollHeight, view: window.innerHeight, top: document.getElementById('main').scrollTop })")) as { scroll: number; view: number; top: number };
  expect(doc.scroll).toBeLessThanOrEqual(doc.view);
  expect(doc.top).toBe(0);
}

/** The element starts inside the 768-pixel window without scrolling. */
async function expectAboveFold(l: Locator) {
  const box = await l.boundingBox();
  expect(box, 'element is rendered').not.toBeNull();
  expect(box!.y).toBeLessThan(768 - 120);
}

function planOfFile(file: string): ProjectPlan {
  return planProject(JSON.parse(readFileSync(file, 'utf8')));
}

async function saveAs(page: Page, expectedSuggestion: string, file?: string) {
  await page.getByRole('button', { name: /Speichern unter|Save as/ }).click();
  const input = page.getByRole('dialog').getByRole('textbox');
  await expect(input).toHaveValue(expectedSuggestion);
  if (file) await input.fill(file);
  await page.getByRole('dialog').getByRole('button', { name: /^(Speichern|Save)$/ }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.locator('.save-status')).toContainText(` ${file ?? expectedSuggestion}`);
}

test('German: the seed server typed once by hand, planned to the end without retyping', async ({ app: page, workDir }) => {
  test.setTimeout(240_000);
  process.env.XDG_DOCUMENTS_DIR = path.join(workDir, 'Dokumente');

  // --- Projekt ---
  await page.getByRole('button', { name: 'Neues Projekt' }).click();
  await page.getByLabel('Auftraggeber / Kunde').fill('Kanzlei Müller');
  await page.getByLabel('Projekttitel').fill('Hochverfügbarer Mailserver');
  await page.getByLabel('Projektbeginn').fill('2026-11-02');

  // --- Ist-Analyse by hand: every value the planning needs, once ---
  await step(page, /Ist-Analyse/);
  await page.getByRole('tab', { name: 'Von Hand erfassen' }).click();
  const form = page.getByRole('form', { name: 'Eckdaten von Hand erfassen' });
  const typed: [string, string][] = [
    ['CPU-Modell', 'Intel Xeon E5-2620 v4'], ['CPU-Kerne', '8'], ['Threads', '16'], ['Arbeitsspeicher (RAM)', '32'],
    ['Netzwerkkarten (Anzahl)', '2'], ['Geschwindigkeit je Netzwerkkarte', '1'],
    ['Anzahl Festplatten', '4'], ['Größe je Festplatte', '2000'],
    ['Postfächer (Mailspeicher)', '1500'], ['MariaDB-Datenbanken', '40'], ['Mail-Warteschlange (Spool)', '10'], ['MariaDB-Pufferspeicher', '8'], ['Mails pro Tag', '20000'],
  ];
  for (const [label, value] of typed) await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByLabel('Art der Festplatten').selectOption('sas');
  await form.getByLabel('RAID-Level').selectOption('raid10');
  // The RAID rule is the planning's: RAID 10 needs an even number of disks.
  await form.getByLabel('Anzahl Festplatten', { exact: true }).fill('5');
  await expect(form.getByText('RAID 10 braucht eine gerade Anzahl von mindestens 4 Platten; angegeben sind 5.')).toBeVisible();
  await form.getByLabel('Anzahl Festplatten', { exact: true }).fill('4');
  await shot(page, 'walk-de-01-manual-form');
  await form.getByRole('button', { name: '15 Änderungen übernehmen' }).click();
  await form.getByRole('button', { name: 'Zu den Ergebnissen' }).click();

  // Results invent nothing and do not call missing services "no findings".
  const results = page.locator('.ana-results');
  await expect(results.getByTestId('data-array')).toHaveText('Datenplatten (beschrieben): 4 × 2 TB SAS (10.000 U/min), RAID 10');
  await expect(results).not.toContainText('md0');
  await expect(results).not.toContainText('/dev/sd');
  await expect(results.getByRole('table', { name: 'Festplatten' })).toHaveCount(0);
  await expect(results.getByTestId('mail-stated')).toHaveText('Angegeben: 20.000 empfangene Mails pro Tag (kein Mail-Log gelesen).');
  await expect(page.getByRole('region', { name: 'Datenmengen' })).not.toContainText('Keine Daten');
  await expect(page.getByTestId('ana-gaps')).toContainText('Noch nicht erfasst: Postfix, Dovecot.');
  await expect(page.getByText('Keine Auffälligkeiten')).toHaveCount(0);
  await expect(page.locator('.step-link.current .state-inProgress')).toBeVisible();
  await shot(page, 'walk-de-02-results-gaps');

  // The versions complete the picture; now the step is done.
  await page.getByRole('tab', { name: 'Von Hand erfassen' }).click();
  await form.getByLabel('Debian-Version').fill('12');
  await form.getByLabel('Postfix-Version').fill('3.7.11');
  await form.getByLabel('Dovecot-Version').fill('2.3.19.1');
  await form.getByLabel('MariaDB-Version').fill('10.11.6');
  await form.getByRole('button', { name: '4 Änderungen übernehmen' }).click();
  await form.getByRole('button', { name: 'Zu den Ergebnissen' }).click();
  await expect(page.getByTestId('ana-gaps')).toHaveCount(0);
  await expect(page.locator('.step-link.current .state-done')).toBeVisible();
  const tick = page.locator('[data-chart=data] .recharts-cartesian-axis-tick-value[text-anchor=end]');
  await page.locator('[data-chart=data]').scrollIntoViewIfNeeded();
  await expect(tick.first()).toBeVisible();
  const dataTicks = await tick.allTextContents();
  expect(dataTicks.length).toBeGreaterThan(2);
  expect(new Set(dataTicks).size).toBe(dataTicks.length);
  await shot(page, 'walk-de-03-results-done');
  await page.locator('#main').evaluate((m) => m.scrollTo({ top: 0 }));

  // --- Save as: a full path in the documents folder, umlauts kept; the header says where ---
  const file = path.join(workDir, 'Dokumente', 'Kanzlei-Müller-Hochverfügbarer-Mailserver.mhs.json');
  await saveAs(page, file);
  await expect(page.locator('.save-status')).toContainText(`in ${file}`);
  const plan = planOfFile(file);
  expect(plan.inputs.primarySource).toBe('facts');
  const s = plan.sizing?.ok ? plan.sizing.value : null;
  if (!s) throw new Error('the saved project must size');

  // --- Sizing: nothing typed again; the facts are there, the results above the fold ---
  await step(page, /Sizing/);
  await expectOneScrollContainer(page);
  await expect(page.getByTestId('primary-summary')).toContainText('Intel Xeon E5-2620 v4 · 8 Kerne / 16 Threads · 32 GB RAM · 4 × 2.000 GB SAS (10.000 U/min), RAID 10 · 2 × 1 Gbit/s · Daten: Postfächer 1.500 GB, Datenbanken 40 GB, Warteschlange 10 GB · 20.000 Mails pro Tag');
  await expect(page.getByText('aus der Ist-Analyse (von Hand eingegeben)')).toBeVisible();
  const rec = page.getByRole('region', { name: 'Empfehlung für den zweiten Knoten' });
  await expectAboveFold(rec);
  await expectAboveFold(page.getByRole('table', { name: 'Bestehender Server und empfohlener zweiter Knoten' }));
  const v = s.drbd.volume;
  await expect(rec.locator('[data-figure=drbdVolumeStrip]')).toContainText(`${de(v.volumeGb.value)} GB (begrenzt durch den bestehenden Server)`);
  await expect(rec.locator('[data-figure=outgrownStrip] dd')).toHaveText(`bis Jahr ${v.outgrown!.year} (${v.outgrown!.calendarYear}), dann zu klein`);
  await shot(page, 'walk-de-04-sizing-top');

  // DRBD for the real disks: the primary's 4 TB (less the OS reserve) limits it, not the forecast.
  expect(v.volumeGb.value).toBe(3950);
  const drbd = page.getByRole('region', { name: 'DRBD auf beiden Knoten' });
  await drbd.scrollIntoViewIfNeeded();
  await expect(drbd.locator('[data-figure=drbdVolume]')).toContainText('3.950 GB');
  await expect(drbd.locator('[data-figure=metadataSectors]')).toContainText(`${de(s.drbd.metadataSectors.value)} Sektoren`);
  await expect(drbd.getByTestId('drbd-growth')).toContainText(`Ab Jahr 4 (2030) zu klein. Beide Knoten brauchen dann ${de(v.remedy!.kind === 'biggerDisks' ? v.remedy!.neededUsableGb : 0)} GB nutzbaren Speicher`);
  // "Wie berechnet?" reads as a formula in German with named inputs, units and values.
  const meta = drbd.locator('[data-figure=metadataSectors]');
  await meta.getByLabel('Wie berechnet: Metadaten (Sektoren)').click();
  const pop = meta.locator('.trace-pop');
  await expect(pop).toContainText('= ⌈Größe des Datenträgers in Sektoren zu 512 Byte ÷ 2¹⁸⌉ × 8 × Anzahl Gegenstellen + 72');
  await expect(pop).toContainText('= ⌈7.714.843.750 Sektoren ÷ 2¹⁸⌉ × 8 × 1 + 72');
  await expect(pop).not.toContainText('Cs');
  // The neighbour's icon stays clickable: opening it closes this one.
  const nextIcon = drbd.locator('[data-figure=metadataMb]').getByLabel('Wie berechnet: Metadaten');
  await expect(nextIcon).toBeVisible();
  await shot(page, 'walk-de-05-sizing-popover');
  await nextIcon.click();
  await expect(pop).toHaveCount(0);
  await expect(drbd.locator('[data-figure=metadataMb] .trace-pop')).toContainText('MB');
  await page.keyboard.press('Escape');
  await expect(drbd.locator('.trace-pop')).toHaveCount(0);

  // Sync time for today's link and the recommended one, each disk- or network-bound.
  const sync = page.getByRole('region', { name: 'Replikation und Erstsynchronisation' });
  await sync.scrollIntoViewIfNeeded();
  const [today, recommended] = s.drbd.links;
  await expect(sync.locator('tr[data-link=current]')).toContainText(`${de(today!.initialSyncHours.value, 1)} h`);
  await expect(sync.locator('tr[data-link=current]')).toContainText('begrenzt durch das Netz');
  await expect(sync.locator('tr[data-link=recommended]')).toContainText(`${de(recommended!.initialSyncHours.value, 1)} h`);
  await expect(sync.locator('tr[data-link=recommended]')).toContainText('begrenzt durch die Platten');
  await shot(page, 'walk-de-06-sizing-drbd-sync');
  // Tick labels of the forecast never repeat.
  // (recharts draws tick labels in their own layer; the y axis' are the right-aligned ones)
  const ticks = await page.locator('figure[aria-label="Speicherprognose pro Jahr"] .recharts-cartesian-axis-tick-value[text-anchor=end]').allTextContents();
  expect(ticks.length).toBeGreaterThan(2);
  expect(new Set(ticks).size).toBe(ticks.length);

  // A correction in Sizing is an explicit, visible override with the collected value beside it.
  await page.getByRole('button', { name: /Werte prüfen und korrigieren/ }).click();
  await page.getByRole('heading', { name: 'Sizing', level: 1 }).scrollIntoViewIfNeeded();
  const mails = page.getByLabel('Mails pro Tag', { exact: true });
  await mails.fill('25000');
  await expect(page.getByText('korrigiert, Ist-Analyse: 20.000 Mails pro Tag')).toBeVisible();
  await expect(page.getByText('1 Wert korrigiert')).toBeVisible();
  await shot(page, 'walk-de-07-sizing-override');
  await page.getByRole('button', { name: 'Mails pro Tag auf den Wert der Ist-Analyse zurücksetzen' }).click();
  await expect(mails).toHaveValue('20000');
  await expect(page.getByText('1 Wert korrigiert')).toHaveCount(0);
  await expect(page.locator('.step-link.current .state-done')).toBeVisible();

  // --- Architektur & Quorum ---
  await step(page, /Architektur/);
  await expectOneScrollContainer(page);
  for (const [tab, option] of [['Architektur', 'Aktiv/Passiv'], ['Datenreplikation', 'DRBD (Block-Replikation)'], ['Cluster-Software', 'Pacemaker/Corosync'], ['Anzahl der Knoten', '2 Knoten + Quorum-Device']] as const) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await page.getByRole('radio', { name: `${option} wählen` }).check();
  }
  await shot(page, 'walk-de-08-architecture');
  // The planned switchover stops the old node first, in the table and in the bar's stacking order.
  const budget = page.getByRole('heading', { name: '4. Zeitbudget eines Failovers' });
  await budget.scrollIntoViewIfNeeded();
  const rows = await page.locator('table.budget tbody th').allTextContents();
  expect(rows.indexOf('Dienste auf dem alten Knoten stoppen')).toBeLessThan(rows.indexOf('Dovecot starten'));
  expect(rows.indexOf('Dienste auf dem alten Knoten stoppen')).toBeLessThan(rows.indexOf('DRBD hochstufen (Primary)'));
  const legend = await page.locator('figure[aria-label="Abschnitte der Ausfallzeit (Sekunden)"] .recharts-legend-item-text').allTextContents();
  expect(legend.indexOf('Dienste auf dem alten Knoten stoppen')).toBeLessThan(legend.indexOf('Dovecot starten'));
  await page.locator('[data-budget=unplanned]').getByLabel(/Wie berechnet/).click();
  await expect(page.locator('[data-budget=unplanned] .trace-pop')).toContainText('Summe der Abschnitte');
  await page.keyboard.press('Escape');
  await shot(page, 'walk-de-09-architecture-budget');
  await page.locator('.sidebar').getByRole('button', { name: /Kosten/ }).scrollIntoViewIfNeeded();

  // --- Kosten & Zeitplan: no amortisation before an offer; one name for the support contract ---
  await step(page, /Kosten/);
  await expectOneScrollContainer(page);
  await expect(page.locator('[data-figure=amortisation]')).toContainText('noch nicht berechenbar');
  await expect(page.getByText('Ein Angebot für den zweiten Knoten erfassen und auswählen')).toBeVisible();
  await expect(page.getByRole('spinbutton', { name: 'Wartungsvertrag' })).toBeVisible();
  await expect(page.locator('[data-figure=support] dt')).toHaveText('Wartungsvertrag');
  await shot(page, 'walk-de-10-costs-no-offer');
  await page.getByRole('button', { name: '+ Angebot hinzufügen' }).click();
  const offer = page.getByRole('form', { name: 'Neues Angebot' });
  for (const [label, value] of [['Hersteller', 'Dell'], ['CPU-Modell', 'Intel Xeon Silver 4314'], ['CPU-Kerne', '16'], ['Threads', '32'], ['Anzahl Festplatten', '6'], ['Größe je Festplatte', '2000'],
    ['Schnellste Netzwerkkarten (Anzahl)', '2'], ['Geschwindigkeit', '10'], ['Preis (netto)', '7800'], ['Leistungsaufnahme (optional)', '350'], ['Höheneinheiten (optional)', '1']] as const) {
    await offer.getByLabel(label, { exact: true }).fill(value);
  }
  await offer.getByLabel('Modell', { exact: true }).fill('PowerEdge R650xs');
  await offer.getByLabel('RAM', { exact: true }).fill('64');
  await offer.getByLabel('Art der Festplatten').selectOption('sas');
  await offer.getByLabel('RAID-Level').selectOption('raid10');
  await offer.getByRole('button', { name: 'Angebot speichern' }).click();
  await page.getByRole('radio', { name: 'Angebot Dell PowerEdge R650xs wählen' }).check();
  await page.keyboard.press('Control+s');
  await expect(page.locator('.save-status')).toContainText('Gespeichert um');
  const withOffer = planOfFile(file);
  const ce = withOffer.costs.ok ? withOffer.costs.value : null;
  if (ce?.amortisation.kind !== 'years') throw new Error('the seed example amortises once an offer is chosen');
  await expect(page.locator('[data-figure=amortisation]')).toContainText(`${de(ce.amortisation.years.value, 1)} Jahr`);
  await expect(page.locator('[data-figure=investment]')).toContainText(de(ce.oneTime.total.value));
  await page.locator('[data-figure=amortisation]').getByLabel(/Wie berechnet/).click();
  await expect(page.locator('[data-figure=amortisation] .trace-pop')).toContainText('= Investition ÷ (vermiedene Ausfallkosten − laufende Kosten)');
  await shot(page, 'walk-de-11-costs-amortisation');
  await page.keyboard.press('Escape');

  // The IHK hour limit follows the chosen examination rules.
  await page.getByRole('tab', { name: 'Zeitplan (Soll-Ist)' }).click();
  await expect(page.locator('td[data-figure=planned]')).toContainText('40 h');
  await expect(page.getByText('innerhalb von 40 Stunden')).toBeVisible();
  await page.getByLabel('Stundengrenze des Projekts').selectOption('ihk1997');
  await expect(page.locator('[data-reason="planning:timePlan.warnings.plannedOverLimit.ihk1997"]')).toContainText('Nach der Prüfungsordnung von 1997 hat das FISI-Abschlussprojekt höchstens 35 Stunden.');
  await expect(page.locator('.step-link.current .state-attention')).toBeVisible();
  await shot(page, 'walk-de-12-timeplan-1997');
  await page.getByLabel('Stundengrenze des Projekts').selectOption('ihk2020');
  await expect(page.locator('.step-link.current .state-done')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(page.locator('.save-status')).toContainText('Gespeichert um');

  // --- Reopen: moving between steps does not rewrite the file ---
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  await page.getByRole('button', { name: /Hochverfügbarer Mailserver/ }).click();
  const before = readFileSync(file, 'utf8');
  const mtime = statSync(file).mtimeMs;
  for (const name of [/Ist-Analyse/, /Sizing/, /Architektur/, /Kosten/, /Projekt/]) await step(page, name);
  await page.waitForTimeout(2500);
  expect(statSync(file).mtimeMs).toBe(mtime);
  expect(readFileSync(file, 'utf8')).toBe(before);
  for (const name of ['Ist-Analyse', 'Sizing', 'Architektur', 'Kosten']) {
    await expect(page.locator('.sidebar').getByRole('button', { name: new RegExp(name) }).locator('.state-done')).toBeVisible();
  }
});

test.describe('English', () => {
  test.use({ osLocale: 'en-GB' });

  test("in a browser the UI speaks the browser's language, whatever the serving machine's locale", async ({ browser, bridge }) => {
    // The bridge runs on an English machine; the person opens it in a German browser.
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(bridge.appUrl);
    await page.waitForSelector('body[data-ready=true]');
    await expect(page.getByRole('button', { name: 'Neues Projekt' }).first()).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await context.close();
  });

  test('English: the same walk reads in English, with English numbers and plural forms', async ({ app: page, workDir }) => {
    test.setTimeout(180_000);
    process.env.XDG_DOCUMENTS_DIR = path.join(workDir, 'Documents');
    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByLabel('Customer').fill('Weber Law Office');
    await page.getByLabel('Project title').fill('Highly available mail server');
    await page.getByLabel('Project start').fill('2026-11-02');
    await step(page, /Current-state analysis/);
    await page.getByRole('tab', { name: 'Enter by hand' }).click();
    const form = page.getByRole('form', { name: 'Enter key facts by hand' });
    for (const [label, value] of [['CPU model', 'Intel Xeon E5-2620 v4'], ['CPU cores', '8'], ['Threads', '16'], ['Memory (RAM)', '32'], ['Network cards (count)', '2'], ['Speed per network card', '1'],
      ['Number of disks', '4'], ['Size per disk', '2000'], ['Mailboxes (mail store)', '1500'], ['MariaDB databases', '40'], ['Mail queue (spool)', '10'], ['MariaDB buffer pool', '8'], ['Mails per day', '20000'],
      ['Debian version', '12'], ['Postfix version', '3.7.11'], ['Dovecot version', '2.3.19.1'], ['MariaDB version', '10.11.6']] as const) {
      await form.getByLabel(label, { exact: true }).fill(value);
    }
    await form.getByLabel('Disk type').selectOption('sas');
    await form.getByLabel('RAID level').selectOption('raid10');
    await form.getByRole('button', { name: 'Apply 19 changes' }).click();
    await form.getByRole('button', { name: 'Go to results' }).click();
    await expect(page.getByTestId('data-array')).toHaveText('Data disks (as described): 4 × 2 TB SAS (10,000 rpm), RAID 10');
    await shot(page, 'walk-en-01-results');
    const file = path.join(workDir, 'Documents', 'Weber-Law-Office-Highly-available-mail-server.mhs.json');
    await saveAs(page, file);
    const plan = planOfFile(file);
    const s = plan.sizing?.ok ? plan.sizing.value : null;
    if (!s) throw new Error('the saved project must size');

    await step(page, /Sizing/);
    await expect(page.getByTestId('primary-summary')).toContainText('8 cores / 16 threads · 32 GB RAM · 4 × 2,000 GB SAS (10,000 rpm), RAID 10 · 2 × 1 Gbit/s · data: mailboxes 1,500 GB, databases 40 GB, queue 10 GB');
    const rec = page.getByRole('region', { name: 'Recommendation for the second node' });
    await expectAboveFold(rec);
    await expect(rec.locator('[data-figure=drbdVolumeStrip]')).toContainText('3,950 GB (limited by the existing server)');
    await shot(page, 'walk-en-02-sizing-top');
    const drbd = page.getByRole('region', { name: 'DRBD on both nodes' });
    await drbd.scrollIntoViewIfNeeded();
    await expect(drbd.locator('[data-figure=metadataSectors]')).toContainText(`${en(s.drbd.metadataSectors.value)} sectors`);
    await drbd.locator('[data-figure=metadataSectors]').getByLabel(/How is this calculated/).click();
    await expect(drbd.locator('.trace-pop')).toContainText('= ⌈size of the device in 512-byte sectors ÷ 2¹⁸⌉ × 8 × number of peers + 72');
    await shot(page, 'walk-en-03-sizing-popover');
    await page.keyboard.press('Escape');
    const comparison = page.getByRole('table', { name: 'Existing server and recommended second node' });
    await expect(comparison.locator('tr[data-row=cores] td').first()).toHaveText('8 cores');

    await step(page, /Architecture/);
    await page.getByRole('heading', { name: '4. Failover time budget' }).scrollIntoViewIfNeeded();
    const rows = await page.locator('table.budget tbody th').allTextContents();
    expect(rows.indexOf('Stop services on the old node')).toBeLessThan(rows.indexOf('Start Dovecot'));
    await shot(page, 'walk-en-04-budget');

    await step(page, /Costs/);
    await expect(page.locator('[data-figure=amortisation]')).toContainText('cannot be computed yet');
    await expect(page.locator('[data-figure=support] dt')).toHaveText('Support contract');
    await shot(page, 'walk-en-05-costs');
    await page.getByRole('tab', { name: 'Time plan (planned vs actual)' }).click();
    await page.getByLabel('Hour limit of the project').selectOption('custom');
    await page.getByLabel('Own limit').fill('38');
    await expect(page.locator('[data-reason="planning:timePlan.warnings.plannedOverLimit.custom"]')).toContainText('40 hours are planned; the chosen limit is 38 hours.');
    await shot(page, 'walk-en-06-timeplan-custom');
  });
});
