import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { estimateCosts } from '../../shared/planning/costs';
import { planningInputsFromProject } from '../../shared/planning/fromProject';
import { CostsInputSchema, type Offer } from '../../shared/planning/costsSchema';
import { failoverBudget } from '../../shared/planning/failover';
import { rankAlternatives } from '../../shared/planning/matrix';
import { defaultWeights } from '../../shared/planning/matrixDefaults';
import { QuorumFencingChoiceSchema } from '../../shared/planning/quorumSchema';
import { sizeSecondaryNode } from '../../shared/planning/sizing';
import { defaultTasks } from '../../shared/planning/timePlanSchema';
import { seedGrowth, seedOffers, seedPrimary } from '../support/planning/seed';
import { newProject } from '../../shared/project/schema';
import { expect, shot, test } from './fixtures';

/** What the engines compute for the seed primary: the UI must show exactly these figures. */
const seed = sizeSecondaryNode({ primary: seedPrimary, growth: seedGrowth });
const de = (n: number, digits: number) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: digits }).format(n);
const en = (n: number, digits: number) => new Intl.NumberFormat('en', { maximumFractionDigits: digits }).format(n);

/** The seed offers as the form takes them: the fastest NIC pair only. */
const asEntered = (o: Offer): Offer => ({ ...o, spec: { ...o.spec, nics: [[...o.spec.nics].sort((a, b) => b.speedGbps - a.speedGbps)[0]!] } });
const [dell, budget] = seedOffers.map(asEntered) as [Offer, Offer];

async function addOffer(page: Page, o: Offer) {
  await page.getByRole('button', { name: '+ Angebot hinzufügen' }).click();
  const f = page.getByRole('form', { name: 'Neues Angebot' });
  await f.getByLabel('Hersteller').fill(o.vendor);
  await f.getByLabel('Modell', { exact: true }).fill(o.model);
  await f.getByLabel('CPU-Modell').fill(o.spec.cpuModel);
  await f.getByLabel('CPU-Kerne').fill(String(o.spec.cores));
  await f.getByLabel('Threads').fill(String(o.spec.threads));
  await f.getByLabel('RAM', { exact: true }).fill(String(o.spec.ramGb));
  await f.getByLabel('Anzahl Festplatten').fill(String(o.spec.disks.count));
  await f.getByLabel('Größe je Festplatte').fill(String(o.spec.disks.sizeGb));
  await f.getByLabel('Art der Festplatten').selectOption(o.spec.disks.type);
  await f.getByLabel('RAID-Level').selectOption(o.spec.disks.raidLevel);
  await f.getByLabel('Schnellste Netzwerkkarten (Anzahl)').fill(String(o.spec.nics[0]!.count));
  await f.getByLabel('Geschwindigkeit').fill(String(o.spec.nics[0]!.speedGbps));
  await f.getByLabel('Preis (netto)').fill(String(o.priceEur));
  await f.getByLabel('Leistungsaufnahme (optional)').fill(String(o.powerW));
  await f.getByLabel('Höheneinheiten (optional)').fill(String(o.rackUnits));
  await f.getByRole('button', { name: 'Angebot speichern' }).click();
  await expect(f).toBeHidden();
}

async function step(page: Page, name: RegExp) {
  await page.locator('.sidebar').getByRole('button', { name }).click();
}

async function fillSeedPrimary(page: Page) {
  const form = page.getByRole('form', { name: 'Daten des bestehenden Servers' });
  await form.getByLabel('CPU-Modell').fill(seedPrimary.cpuModel);
  await form.getByLabel('CPU-Kerne').fill('8');
  await form.getByLabel('Threads').fill('16');
  await form.getByLabel('Arbeitsspeicher (RAM)').fill('32');
  await form.getByLabel('Anzahl Festplatten').fill('4');
  await form.getByLabel('Größe je Festplatte').fill('2000');
  await form.getByLabel('Art der Festplatten').selectOption('sas');
  await form.getByLabel('RAID-Level').selectOption('raid10');
  await form.getByLabel('Netzwerkkarten (Anzahl)').fill('2');
  await form.getByLabel('Geschwindigkeit je Netzwerkkarte').fill('1');
  await form.getByLabel('Postfächer (/var/vmail)').fill('1500');
  await form.getByLabel('MariaDB-Datenbanken').fill('40');
  await form.getByLabel('Mail-Warteschlange (Spool)').fill('10');
  await form.getByLabel('MariaDB-Pufferspeicher').fill('8');
  await form.getByLabel('Mails pro Tag').fill('20000');
}

test('planning steps in German: sizing, matrix, quorum/fencing, costs, time plan; saved and reopened', async ({ app: page, workDir }) => {
  test.setTimeout(150_000);
  const file = path.join(workDir, 'planung.mhs.json');
  await page.getByRole('button', { name: 'Neues Projekt' }).click();
  await page.getByLabel('Projekttitel').fill('HA-Mailserver Planung');
  await page.getByLabel('Projektbeginn').fill('2026-11-02');

  // --- Sizing ---
  await step(page, /Sizing/);
  await expect(page.getByRole('heading', { name: 'Sizing', level: 1 })).toBeVisible();
  await expect(page.getByText('Sobald die Daten des bestehenden Servers vollständig sind')).toBeVisible();
  await fillSeedPrimary(page);
  const compare = page.getByRole('table', { name: 'Bestehender Server und empfohlener zweiter Knoten' });
  await expect(compare).toBeVisible();
  await page.getByRole('heading', { name: 'Sizing', level: 1 }).scrollIntoViewIfNeeded();
  await shot(page, 'planning-sizing-form-de');
  await compare.scrollIntoViewIfNeeded();
  await shot(page, 'planning-sizing-compare-de');
  await expect(compare.locator('tr[data-row=usableGb] td.rec')).toContainText(`${de(seed.disks.usableGb.value, 0)} GB`);
  await expect(compare.locator('tr[data-row=usableGb] td').first()).toContainText(`${de(seed.primary.usableGb.value, 0)} GB`);
  await expect(compare.locator('tr[data-row=ramGb] td.rec')).toContainText(`${de(seed.ram.recommendedGb.value, 0)} GB`);
  const meta = page.locator('[data-figure=metadataSectors]');
  await expect(meta).toContainText(de(seed.drbd.metadataSectors.value, 0));
  await expect(page.locator('[data-figure=metadataMb]')).toContainText(`${de(seed.drbd.metadataGb.value * 1000, 1)} MB`);
  await expect(page.locator('[data-figure=initialSync]')).toContainText(`${de(seed.drbd.initialSyncHours.value, 1)} h`);
  await expect(page.locator('[data-figure=resyncRate]')).toContainText(`${de(seed.drbd.resyncRate.value, 0)} MB/s`);
  // The trace shows the LINBIT formula and its inputs.
  await meta.getByLabel('Wie berechnet: Metadaten (Sektoren)').click();
  await expect(meta.locator('.trace-pop')).toContainText('ceil(Cs/2^18)*8*N+72');
  await expect(meta.locator('.trace-pop')).toContainText(de(seed.drbd.metadataSectors.inputs.Cs as number, 2));
  await shot(page, 'planning-sizing-de');
  await meta.getByLabel('Wie berechnet: Metadaten (Sektoren)').click();
  await page.locator('.chart').first().scrollIntoViewIfNeeded();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await shot(page, 'planning-sizing-chart-de');
  await expect(page.locator('.step-link.current .state-done')).toBeVisible();
  // An array the engine rejects (RAID10 with an odd disk count) is explained and marks the step.
  const disks = page.getByRole('form', { name: 'Daten des bestehenden Servers' }).getByLabel('Anzahl Festplatten');
  await disks.fill('5');
  await expect(page.getByRole('alert').filter({ hasText: 'RAID10 braucht mindestens 4 Platten (RAID10 eine gerade Anzahl); angegeben sind 5.' })).toBeVisible();
  await expect(page.locator('.step-link.current .state-attention')).toBeVisible();
  await disks.fill('4');
  await expect(page.locator('[data-figure=metadataSectors]')).toContainText(de(seed.drbd.metadataSectors.value, 0));

  // --- Architektur & Quorum: weights ---
  await step(page, /Architektur/);
  await expect(page.getByRole('heading', { name: 'Architektur & Quorum', level: 1 })).toBeVisible();
  const sum = page.getByTestId('weight-sum');
  await expect(sum).toContainText('100 %');
  await page.getByLabel('Verfügbarkeit', { exact: true }).fill('30');
  await expect(sum).toContainText('105 %');
  await expect(page.getByText('Die Gewichte ergeben zusammen 105 % statt 100 %.')).toBeVisible();
  await expect(page.getByText('Keine Rangfolge, solange die Gewichte nicht 100 % ergeben.')).toBeVisible();
  await expect(page.locator('.step-link.current .state-attention')).toBeVisible();
  await shot(page, 'planning-architecture-weights-error-de');
  await page.getByLabel('Kosten', { exact: true }).fill('5');
  await expect(sum).toContainText('100 %');
  await expect(page.getByText('Die Gewichte ergeben zusammen')).toBeHidden();

  // --- the matrix: ranking from the engine with the edited weights, one choice per decision ---
  const weights = { ...defaultWeights, availability: 30, cost: 5 };
  const ranking = rankAlternatives({ weights });
  const arch = ranking.find((r) => r.decision === 'architecture')!;
  const best = arch.options[0]!;
  await expect(page.locator(`tr[data-option=${best.option}] td.sum`)).toContainText(de(best.weightedSum.value, 2));
  await page.getByRole('radio', { name: 'Aktiv/Passiv wählen' }).check();
  await page.locator('tr[data-option=activePassive]').getByRole('button', { name: /Begründungen/ }).click();
  const why = page.getByLabel(/^Kosten \(\d+ Punkte\) – Begründung$/);
  await why.fill('Vorhandene Hardware wird weiter genutzt; nur ein zweiter Server nötig.');
  await shot(page, 'planning-architecture-matrix-de');
  await page.locator('tr[data-option=activePassive]').getByRole('button', { name: /Begründungen/ }).click();
  await page.getByRole('figure', { name: 'Nutzwert je Option, aufgeteilt nach Kriterien' }).scrollIntoViewIfNeeded();
  await shot(page, 'planning-architecture-chart-de');
  for (const [tab, option] of [['Datenreplikation', 'DRBD (Block-Replikation)'], ['Cluster-Software', 'Pacemaker/Corosync'], ['Anzahl der Knoten', '2 Knoten + Quorum-Device']] as const) {
    await page.getByRole('tab', { name: tab }).click();
    await page.getByRole('radio', { name: `${option} wählen` }).check();
  }
  await expect(page.getByText('Gewählt:')).toBeVisible();

  // --- quorum & fencing: the rules are enforced ---
  const rule = (name: string) => page.locator(`[data-reason="planning:quorumFencing.rules.${name}"]`);
  await expect(page.getByText('Die Auswahl verstößt gegen keine Regel.')).toBeVisible();
  const twoNode = page.locator('tr[data-qf=twoNode]').getByRole('checkbox');
  await twoNode.check();
  await expect(rule('twoNodeAndQdevice')).toBeVisible();
  await expect(page.getByText('Die Auswahl verstößt gegen mindestens eine Regel')).toBeVisible();
  await expect(page.locator('.step-link.current .state-attention')).toBeVisible();
  await twoNode.uncheck();
  await expect(rule('twoNodeAndQdevice')).toBeHidden();
  const none = page.locator('tr[data-qf=none]').getByRole('checkbox');
  const ipmi = page.locator('tr[data-qf=ipmi]').getByRole('checkbox');
  const drbdFencing = page.locator('tr[data-qf=drbdResourceFencing]').getByRole('checkbox');
  await none.check();
  // "No fencing" excludes every fencing method.
  await expect(ipmi).not.toBeChecked();
  await expect(drbdFencing).not.toBeChecked();
  await expect(page.getByRole('group', { name: 'Risikoübernahme: Betrieb ohne Fencing' })).toBeVisible();
  await expect(rule('riskAcceptanceMissing')).toBeVisible();
  await page.getByLabel('Wer übernimmt das Risiko? (Name, Funktion)').fill('Karl Berger, Geschäftsführer');
  await page.getByLabel('Datum', { exact: true }).fill('2026-11-20');
  await page.getByLabel('Begründung', { exact: true }).fill('Nur für die Testphase im Labor.');
  await expect(rule('riskAcceptanceMissing')).toBeHidden();
  await expect(rule('noFencingAccepted')).toBeVisible();
  await shot(page, 'planning-architecture-fencing-de');
  await ipmi.check();
  await expect(none).not.toBeChecked();
  await expect(page.getByRole('group', { name: 'Risikoübernahme: Betrieb ohne Fencing' })).toBeHidden();
  await drbdFencing.check();
  await expect(page.getByText('Die Auswahl verstößt gegen keine Regel.')).toBeVisible();

  // --- failover budget from the engine ---
  const choice = QuorumFencingChoiceSchema.parse({ riskAcceptance: { who: 'x', when: '2026-11-20', reason: 'y' } });
  const budgetMs = failoverBudget(choice, 'unplanned').totalMs.value;
  await expect(page.locator('[data-budget=unplanned]')).toContainText(`${de(budgetMs / 1000, 1)} s`);
  // A measured InnoDB recovery of 25 s instead of the assumed 10 s moves the total.
  await page.getByText('Zeitannahmen anpassen').click();
  await page.getByLabel('MariaDB-Wiederherstellung nach Absturz').fill('25');
  const slower = failoverBudget({ ...choice, timing: { ...choice.timing, innodbRecoveryMs: 25_000 } }, 'unplanned').totalMs.value;
  expect(slower).toBeGreaterThan(budgetMs);
  await expect(page.locator('[data-budget=unplanned]')).toContainText(`${de(slower / 1000, 1)} s`);
  await page.getByRole('heading', { name: '4. Zeitbudget eines Failovers' }).scrollIntoViewIfNeeded();
  await shot(page, 'planning-architecture-budget-de');
  await expect(page.locator('.step-link.current .state-done')).toBeVisible();

  // --- costs: two offers checked against the sizing, one chosen, amortisation ---
  await step(page, /Kosten/);
  await expect(page.getByRole('heading', { name: 'Kosten & Zeitplan', level: 1 })).toBeVisible();
  await addOffer(page, dell);
  await addOffer(page, budget);
  const rows = page.locator('table.offers tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).locator('.pill.bad')).toHaveCount(2);
  await expect(rows.nth(0).locator('.pill.bad')).toHaveCount(0);
  await shot(page, 'planning-costs-offers-de');
  await page.getByRole('radio', { name: `Angebot ${dell.vendor} ${dell.model} wählen` }).check();
  // Edit an offer, then remove it.
  await page.getByRole('button', { name: `Angebot ${budget.vendor} ${budget.model} bearbeiten` }).click();
  const edit = page.getByRole('form', { name: 'Angebot bearbeiten' });
  await expect(edit.getByLabel('Preis (netto)')).toHaveValue(String(budget.priceEur));
  await edit.getByLabel('Preis (netto)').fill('3900');
  await edit.getByRole('button', { name: 'Angebot speichern' }).click();
  await expect(rows.nth(1)).toContainText('3.900 €');
  await page.getByRole('button', { name: `Angebot ${budget.vendor} ${budget.model} entfernen` }).click();
  await expect(rows).toHaveCount(1);
  await page.getByRole('button', { name: '+ Position hinzufügen' }).click();
  await page.getByLabel('Bezeichnung').fill('10-GbE-DAC-Kabel');
  await page.getByLabel('Betrag').fill('60');
  const expected = estimateCosts({
    costs: CostsInputSchema.parse({ offers: [{ ...dell, id: 'a' }, { ...budget, id: 'b' }], chosenOfferId: 'a', otherOneTime: [{ label: 'DAC', amountEur: 60 }] }),
    requirements: seed.requirements,
    plannedHours: defaultTasks().reduce((s, t) => s + t.plannedHours, 0),
    hourlyRateEur: 35,
    overheadPct: 20,
    horizonYears: seedGrowth.horizonYears,
  });
  if (expected.amortisation.kind !== 'years') throw new Error('seed example should amortise');
  await expect(page.locator('[data-figure=amortisation]')).toContainText(`${de(expected.amortisation.years.value, 1)} Jahr`);
  await expect(page.locator('[data-figure=investment]')).toContainText(de(expected.oneTime.total.value, 0));
  await shot(page, 'planning-costs-de');
  await page.getByRole('figure', { name: 'Kostenaufteilung' }).scrollIntoViewIfNeeded();
  await shot(page, 'planning-costs-charts-de');

  // --- time plan: Gantt, actual hours, Soll-Ist (reached with the keyboard) ---
  await page.getByRole('tab', { name: 'Kosten und Amortisation' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Zeitplan (Soll-Ist)' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Zeitplan (Soll-Ist)' })).toBeFocused();
  await expect(page.locator('.gantt .recharts-bar-rectangle').first()).toBeVisible();
  await page.locator('tr[data-task=istAnalysis] td').nth(1).getByRole('spinbutton').fill('2.5');
  await page.locator('tr[data-task=sizing] td').nth(1).getByRole('spinbutton').fill('1');
  await expect(page.locator('tr[data-task=istAnalysis] td').nth(2)).toHaveText('+0,5');
  await expect(page.locator('tr[data-task=sizing] td').nth(2)).toHaveText('-0,5');
  await expect(page.locator('td[data-figure=actual]')).toContainText('3,5 h');
  await expect(page.locator('td[data-figure=planned]')).toContainText('40 h');
  // More than 40 planned hours: the engine's warning, and the step needs attention.
  const report = page.locator('tr[data-task=projectReport] td').nth(0).getByRole('spinbutton');
  await report.fill('8');
  await expect(page.locator('td[data-figure=planned]')).toContainText('43 h');
  await expect(page.locator('[data-reason="planning:timePlan.warnings.plannedOverLimit"]')).toBeVisible();
  await expect(page.getByText('über 40 Stunden!')).toBeVisible();
  await expect(page.locator('.step-link.current .state-attention')).toBeVisible();
  await report.fill('5');
  await expect(page.locator('td[data-figure=planned]')).toContainText('40 h');
  await page.getByRole('heading', { name: 'Kosten & Zeitplan', level: 1 }).scrollIntoViewIfNeeded();
  await shot(page, 'planning-timeplan-de');
  await page.getByRole('heading', { name: 'Gantt-Diagramm' }).scrollIntoViewIfNeeded();
  await shot(page, 'planning-gantt-de');
  await expect(page.locator('.step-link.current .state-done')).toBeVisible();
  // The actual hours feed the labour cost of the Soll-Ist comparison.
  await page.getByRole('tab', { name: 'Kosten und Amortisation' }).click();
  const withActual = estimateCosts({
    costs: CostsInputSchema.parse({ offers: [{ ...dell, id: 'a' }], chosenOfferId: 'a' }),
    plannedHours: 40, actualHours: 3.5, hourlyRateEur: 35, overheadPct: 20, horizonYears: 5,
  });
  await expect(page.locator('[data-figure=labourActual]')).toContainText(`${de(withActual.labourActual!.value, 0)} €`);

  // --- save, reload, reopen: every decision is still there ---
  await page.keyboard.press('Control+s');
  await page.getByLabel('Pfad der Projektdatei').fill(file);
  await page.getByRole('button', { name: 'Speichern', exact: true }).last().click();
  await expect(page.getByRole('status').first()).toContainText('Gespeichert um');
  const onDisk = JSON.parse(readFileSync(file, 'utf8'));
  expect(onDisk.planning.sizing.primary.disks).toEqual(seedPrimary.disks);
  expect(onDisk.planning.matrix.chosen).toEqual({ architecture: 'activePassive', replication: 'drbd', clusterSoftware: 'pacemaker', nodeCount: 'twoPlusQdevice' });

  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  await page.getByRole('button', { name: /HA-Mailserver Planung/ }).click();
  await step(page, /Sizing/);
  await expect(page.locator('[data-figure=metadataSectors]')).toContainText(de(seed.drbd.metadataSectors.value, 0));
  await step(page, /Architektur/);
  await expect(page.getByLabel('Verfügbarkeit', { exact: true })).toHaveValue('30');
  await expect(page.getByRole('radio', { name: 'Aktiv/Passiv wählen' })).toBeChecked();
  await page.locator('tr[data-option=activePassive]').getByRole('button', { name: /Begründungen/ }).click();
  await expect(why).toHaveValue('Vorhandene Hardware wird weiter genutzt; nur ein zweiter Server nötig.');
  await page.getByRole('tab', { name: 'Anzahl der Knoten' }).click();
  await expect(page.getByRole('radio', { name: '2 Knoten + Quorum-Device wählen' })).toBeChecked();
  await step(page, /Kosten/);
  await expect(page.getByRole('radio', { name: `Angebot ${dell.vendor} ${dell.model} wählen` })).toBeChecked();
  await page.getByRole('tab', { name: 'Zeitplan (Soll-Ist)' }).click();
  await expect(page.locator('tr[data-task=istAnalysis] td').nth(1).getByRole('spinbutton')).toHaveValue('2.5');
  for (const s of ['Sizing', 'Architektur', 'Kosten']) {
    await expect(page.locator('.sidebar').getByRole('button', { name: new RegExp(s) }).locator('.state-done')).toBeVisible();
  }
});

test.describe('English', () => {
  test.use({ osLocale: 'en-GB' });
test('planning steps in English: figures in English number format', async ({ app: page }) => {
  await page.getByRole('button', { name: 'New project' }).click();
  await step(page, /Sizing/);
  const form = page.getByRole('form', { name: 'Data of the existing server' });
  await form.getByLabel('CPU model').fill(seedPrimary.cpuModel);
  await form.getByLabel('CPU cores').fill('8');
  await form.getByLabel('Threads').fill('16');
  await form.getByLabel('Memory (RAM)').fill('32');
  await form.getByLabel('Number of disks').fill('4');
  await form.getByLabel('Size per disk').fill('2000');
  await form.getByLabel('Network cards (count)').fill('2');
  await form.getByLabel('Speed per network card').fill('1');
  await form.getByLabel('Mailboxes (/var/vmail)').fill('1500');
  await form.getByLabel('MariaDB databases').fill('40');
  await form.getByLabel('Mail queue (spool)').fill('10');
  await form.getByLabel('MariaDB buffer pool').fill('8');
  await form.getByLabel('Mails per day').fill('20000');
  await expect(page.locator('[data-figure=metadataSectors]')).toContainText(`${en(seed.drbd.metadataSectors.value, 0)} sectors`);
  await expect(page.locator('[data-figure=dataAtHorizon]')).toContainText(`${en(seed.storage.dataAtHorizonGb.value, 0)} GB`);
  await shot(page, 'planning-sizing-en');
  await step(page, /Architecture/);
  await page.getByLabel('Availability', { exact: true }).fill('20');
  await expect(page.getByText('The weights add up to 95 % instead of 100 %.')).toBeVisible();
  await shot(page, 'planning-architecture-en');
  await page.locator('table.qf').first().scrollIntoViewIfNeeded();
  await expect(page.locator('tr[data-qf=qdevice]')).toContainText('Quorum');
  await shot(page, 'planning-quorum-en');
  await step(page, /Costs/);
  await page.getByRole('tab', { name: 'Time plan (planned vs actual)' }).click();
  await expect(page.locator('td[data-figure=planned]')).toContainText('40 h');
  await shot(page, 'planning-timeplan-en');
  await page.getByRole('tab', { name: 'Costs and payback' }).click();
  await expect(page.getByText('Offers are checked once the data of the existing server')).toHaveCount(0);
  await expect(page.locator('[data-figure=labour]')).toContainText(`${en(40 * 35 * 1.2, 0)} €`);
  await shot(page, 'planning-costs-en');
});
});

/** What an Ist-Analyse of the seed server would have stored (sizes in bytes, link speeds in Mbit/s). */
const seedFacts = {
  source: 'ssh',
  hardware: { cpuModel: 'Intel(R) Xeon(R) CPU E5-2620 v4 @ 2.10GHz', cpuCores: 8, cpuThreads: 16, memTotalBytes: 33_500_000_000, nics: [{ name: 'eno1', speedMbps: 1000 }, { name: 'eno2', speedMbps: 1000 }] },
  storage: {
    blockDevices: ['sda', 'sdb', 'sdc', 'sdd'].map((name) => ({ name, type: 'disk', sizeBytes: 2_000_398_934_016, rotational: true })),
    raids: [{ name: 'md0', level: 'raid10', raidDevices: 4, devices: ['sda', 'sdb', 'sdc', 'sdd'], sizeBytes: 4_000_000_000_000 }],
  },
  data: { vmailBytes: 1_500_000_000_000, datadirBytes: 40_000_000_000, spoolBytes: 10_000_000_000 },
  mariadb: { innodbBufferPoolSizeBytes: 8 * 2 ** 30 },
  mailVolume: { days: [19_000, 21_000].map((received, i) => ({ date: `2026-11-0${i + 1}`, received, delivered: received, forwarded: 0, deferred: 0, deferrals: 0, bounced: 0, rejected: 0, bytesReceived: 0, bytesDelivered: 0 })) },
};

test('sizing takes the primary from the Ist-Analyse facts, and a hand entry overrides them', async ({ app: page, workDir }) => {
  // The file is written before the app has any project open, so no autosave can race with it.
  const file = path.join(workDir, 'facts.mhs.json');
  const fresh = newProject(randomUUID(), new Date());
  // 1.5 hours spent in the Ist-Analyse step, as the app records it.
  const steps = { ...fresh.steps, analysis: { ...fresh.steps.analysis, status: 'done' as const, secondsSpent: 5400 } };
  const project = { ...fresh, meta: { ...fresh.meta, title: 'Aus der Ist-Analyse' }, steps, facts: seedFacts };
  writeFileSync(file, JSON.stringify(project, null, 2));
  await page.getByRole('button', { name: 'Projekt öffnen …' }).click();
  await page.getByLabel('Pfad der Projektdatei').fill(file);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Datei: ${file}`)).toBeVisible();

  const inputs = planningInputsFromProject(project);
  expect(inputs.primarySource).toBe('facts');
  const fromFacts = sizeSecondaryNode({ primary: inputs.primary!, growth: inputs.planning.growth });
  await step(page, /Sizing/);
  await expect(page.getByText('Diese Werte stammen aus der Ist-Analyse.')).toBeVisible();
  const form = page.getByRole('form', { name: 'Daten des bestehenden Servers' });
  await expect(form.getByLabel('CPU-Modell')).toHaveValue(seedFacts.hardware.cpuModel);
  await expect(form.getByLabel('Arbeitsspeicher (RAM)')).toHaveValue(String(inputs.primary!.ramGb));
  // lsblk cannot tell SAS from SATA: the guess is named, and the engine's result follows the facts.
  await expect(page.locator('[data-reason="planning:notes.factsGuessed"]')).toBeVisible();
  await expect(form.getByLabel('Art der Festplatten')).toHaveValue('hdd');
  await expect(page.locator('[data-figure=metadataSectors]')).toContainText(de(fromFacts.drbd.metadataSectors.value, 0));
  await expect(page.locator('tr[data-row=iops] td').first()).toContainText(`${de(fromFacts.primary.iops.value, 0)} IOPS`);
  await shot(page, 'planning-sizing-facts-de');

  // Correcting the guessed disk type stores a hand entry, which wins over the facts.
  await form.getByLabel('Art der Festplatten').selectOption('sas');
  await expect(page.getByText('Diese Werte stammen aus der Ist-Analyse.')).toBeHidden();
  const corrected = sizeSecondaryNode({ primary: { ...inputs.primary!, disks: { ...inputs.primary!.disks, type: 'sas' } }, growth: inputs.planning.growth });
  expect(corrected.primary.iops.value).toBeGreaterThan(fromFacts.primary.iops.value);
  await expect(page.locator('tr[data-row=iops] td').first()).toContainText(`${de(corrected.primary.iops.value, 0)} IOPS`);
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').first()).toContainText('Gespeichert um');
  expect(JSON.parse(readFileSync(file, 'utf8')).planning.sizing.primary.disks.type).toBe('sas');

  // The time spent in the app's steps is the hint next to the matching task of the time plan.
  await step(page, /Kosten/);
  await page.getByRole('tab', { name: 'Zeitplan (Soll-Ist)' }).click();
  await expect(page.locator('tr[data-task=istAnalysis] .app-time')).toHaveText('1,5 h im Schritt „Ist-Analyse“');
});
