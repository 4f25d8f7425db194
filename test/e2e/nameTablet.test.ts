/**
 * "Name this tablet" in facilitator mode: the name is stored in the session (it survives a reload), the
 * dashboard says how the tablet is shown, and the tablet's session files carry it (header and file name).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { smallTargets } from './support/targets';
import { FilesDashboard, filesTablet, openDemo, unlock, type FilesTablet } from './pages/files';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();
let tablet: FilesTablet | undefined;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'codesign-name-'));
});

afterAll(async () => {
  await tablet?.context.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('naming a tablet', () => {
  it('Given facilitator mode, when the facilitator names the tablet, then it is saved, shown, kept after a reload and carried by its session files', async () => {
    tablet = await filesTablet(app.browser);
    const { page } = tablet;
    await openDemo(page, app.url);
    const section = page.getByRole('region', { name: 'Name this tablet', exact: true });
    const field = section.getByLabel('This tablet’s name', { exact: false });
    // Until named, the tablet is shown by its own default name, "Tablet" and the start of its id.
    expect(await section.textContent()).toMatch(/This tablet is shown as “Tablet [0-9a-f]{4}”/);

    // An empty name is refused beside the field; what was typed stays.
    await field.fill('   ');
    await section.getByRole('button', { name: 'Save the name', exact: true }).click();
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    expect(await section.locator('.field__error').textContent()).toBe('Please fill this in.');

    await field.fill('Tablet 3 (blue case)');
    await section.getByRole('button', { name: 'Save the name', exact: true }).click();
    await section.locator('[data-save-state="saved"]').waitFor();
    await expect
      .poll(() => section.textContent())
      .toContain('This tablet is shown as “Tablet 3 (blue case)”');
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTargets(page, 44)).toEqual([]);

    // Kept in the session: after a reload the dashboard still shows it.
    await page.reload();
    await unlock(page);
    await expect
      .poll(() => section.textContent())
      .toContain('This tablet is shown as “Tablet 3 (blue case)”');
    expect(await field.inputValue()).toBe('Tablet 3 (blue case)');

    // The tablet's session file carries the name.
    const files = new FilesDashboard(page);
    const download = await files.saveFile(join(dir, 'named.codesign'));
    expect(download.suggestedFilename()).toMatch(
      /^northmoor-\d{4}-\d{2}-\d{2}-\d{4}-tablet-3-blue-case\.codesign$/,
    );
    expect(tablet.errors).toEqual([]);
  }, 120_000);
});
