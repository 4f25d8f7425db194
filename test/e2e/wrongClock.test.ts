/**
 * A tablet whose clock was reset (a dead battery sets one to 1 January 2000): the facilitator's dashboard says the
 * session holds records stamped later than this tablet's clock, so the date and time can be set before residents
 * take part (src/domain/clockCheck.ts). The clock is Playwright's, on the page: no real waiting.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { smallTargets } from './support/targets';
import { filesTablet, openDemo, unlock, type FilesTablet } from './pages/files';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();
let tablet: FilesTablet | undefined;

afterAll(async () => {
  await tablet?.context.close();
});

describe('a tablet whose clock is wrong', () => {
  it('Given the demo made with the right time, When the tablet’s clock goes back to 2000 and the dashboard opens, Then it asks to check the date and time, naming when the records were stamped', async () => {
    tablet = await filesTablet(app.browser);
    const { page } = tablet;
    const made = new Date('2026-12-07T10:00:00Z');
    await page.clock.install({ time: made });
    await openDemo(page, app.url);
    const warning = page.getByRole('region', { name: 'Check this tablet’s date and time', exact: true });
    expect(await warning.count()).toBe(0);

    await page.clock.setSystemTime(new Date('2000-01-01T09:00:00Z'));
    await page.reload();
    await unlock(page);
    await warning.waitFor();
    const text = (await warning.textContent()) ?? '';
    expect(text).toContain('This tablet’s clock says 1 January 2000');
    expect(text).toMatch(/records stamped as late as 7 December 2026 at \d\d:\d\d/);
    expect(text).toContain('the first of them from this tablet');
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTargets(page, 44)).toEqual([]);

    // Set right again: the warning goes with the next look at the dashboard.
    await page.clock.setSystemTime(new Date('2026-12-07T11:00:00Z'));
    await page.reload();
    await unlock(page);
    await page.getByRole('region', { name: 'So far', exact: true }).waitFor();
    expect(await warning.count()).toBe(0);
    expect(tablet.errors).toEqual([]);
  }, 120_000);
});
