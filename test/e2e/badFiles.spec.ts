import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, shot, test } from './fixtures';

const cases = [
  { name: 'garbage', content: 'this is not json at all \u00e4\u00f6\u00fc', message: /kein gültiges JSON/ },
  { name: 'truncated', content: '{"format":"mail-ha-studio/project","formatVersion":3,"id":"3b241101-e2bb-4255-8caf-4136c566a962","meta":{"customer":"Mül', message: /unvollständig/ },
  { name: 'newer', content: JSON.stringify({ format: 'mail-ha-studio/project', formatVersion: 99, id: 'x' }), message: /neueren Version.*Format 99/ },
  {
    name: 'hand-edited',
    content: JSON.stringify({
      format: 'mail-ha-studio/project', formatVersion: 3, id: '3b241101-e2bb-4255-8caf-4136c566a962',
      createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z',
      meta: { customer: 'X', rates: { engineer: 'viel' } },
    }),
    message: /ungültige Angabe.*meta\.rates\.engineer/,
  },
];

for (const c of cases) {
  test(`a ${c.name} project file opens with a clear error and stays untouched`, async ({ app: page, workDir }) => {
    const file = path.join(workDir, `${c.name}.mhs.json`);
    writeFileSync(file, c.content);
    await page.getByRole('button', { name: 'Projekt öffnen …' }).click();
    await page.getByLabel('Pfad der Projektdatei').fill(file);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Das hat nicht geklappt' });
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('.error-message')).toHaveText(c.message);
    await shot(page, `error-${c.name}-de`);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(page.getByRole('heading', { name: 'Willkommen bei Mail HA Studio' })).toBeVisible();
    expect(readFileSync(file, 'utf8')).toBe(c.content);
  });
}

test('opening a missing file names the path', async ({ app: page, workDir }) => {
  const file = path.join(workDir, 'nope.mhs.json');
  await page.getByRole('button', { name: 'Projekt öffnen …' }).click();
  await page.getByLabel('Pfad der Projektdatei').fill(file);
  await page.keyboard.press('Enter');
  await expect(page.locator('.error-message')).toHaveText(`Die Datei ${file} gibt es nicht.`);
});
