import { expect, shot, test } from './fixtures';

const STEPS_DE = ['Projekt', 'Ist-Analyse', 'Sizing', 'Architektur & Quorum', 'Kosten & Zeitplan', 'Installation', 'Failover-Tests', 'Dokumentation'];
const STEPS_EN = ['Project', 'Current-state analysis', 'Sizing', 'Architecture & quorum', 'Costs & schedule', 'Installation', 'Failover tests', 'Documentation'];
const IDS = ['project', 'analysis', 'sizing', 'architecture', 'costs', 'install', 'failover', 'docs'];

test('German OS locale: all eight steps in German, reachable by click and keyboard', async ({ app: page }) => {
  await shot(page, 'welcome-de');
  await page.getByRole('button', { name: 'Neues Projekt' }).click();
  const nav = page.getByRole('navigation', { name: 'Schritte des Assistenten' });
  for (const [i, name] of STEPS_DE.entries()) {
    await nav.getByRole('button', { name: new RegExp(`^${i + 1}\\s*${name.replace(/[&]/g, '\\$&')}`) }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await shot(page, `step-${i + 1}-${IDS[i]}-de`);
  }
  // Keyboard: Alt+1 jumps to the first step, Alt+PageDown moves on.
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1, name: 'Projekt' })).toBeVisible();
  await page.keyboard.press('Alt+PageDown');
  await expect(page.getByRole('heading', { level: 1, name: 'Ist-Analyse' })).toBeVisible();
  // Arrow keys move focus within the step list; Enter opens the focused step.
  await nav.getByRole('button', { name: /^2/ }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Sizing' })).toBeVisible();
});

test.describe('English OS locale', () => {
  test.use({ osLocale: 'en-GB' });
  test('defaults to English and shows all steps in English', async ({ app: page }) => {
    await expect(page.getByRole('heading', { name: 'Welcome to Mail HA Studio' })).toBeVisible();
    await shot(page, 'welcome-en');
    await page.getByRole('button', { name: 'New project' }).click();
    const nav = page.getByRole('navigation', { name: 'Wizard steps' });
    for (const [i, name] of STEPS_EN.entries()) {
      await nav.getByRole('button', { name: new RegExp(`^${i + 1}`) }).click();
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await shot(page, `step-${i + 1}-${IDS[i]}-en`);
    }
  });
});

test('the language switch changes the UI and is remembered', async ({ app: page }) => {
  await expect(page.getByRole('heading', { name: 'Willkommen bei Mail HA Studio' })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to Mail HA Studio' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  await expect(page.getByRole('heading', { name: 'Welcome to Mail HA Studio' })).toBeVisible();
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.getByRole('heading', { name: 'Willkommen bei Mail HA Studio' })).toBeVisible();
});
