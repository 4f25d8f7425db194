/**
 * Enrolling a device says that it worked. On the first screen the enrolment form simply disappeared: no words that
 * the device is now enrolled, and focus (on "Enrol this device", which went with the form) was lost to the page, so
 * a keyboard or screen-reader user heard nothing and started again at the top. Now, where the form was, the device's
 * enrolment is said ("Enrolled with … as a facilitator device since …") and focus is on those words: on the first
 * screen and in the dashboard's "Council sync".
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createEnrolCode } from '../../src/server/devices';
import { Home } from './pages/Home';
import { axeViolations } from './support/axe';
import { newTablet, openNewSessionDashboard } from './support/tablet';
import { useBrowserAndCouncil } from './support/setup';

const app = useBrowserAndCouncil('codesign-walk-enrol-');

const ENROLLED = /^Enrolled with http:\/\/127\.0\.0\.1:\d+ as a facilitator device since /;

function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return !el || el === document.body ? '(nothing: the page itself)' : (el.textContent ?? '').trim();
  });
}

/** Types the code and presses Enter, as a keyboard user does; waits for the form to go. */
async function enrolWithKeyboard(
  region: Locator,
  name: string,
  role: 'facilitator' | 'officer' = 'facilitator',
): Promise<void> {
  const code = createEnrolCode(app.server.store!, role, name).code;
  await region.getByLabel('Enrolment code', { exact: true }).fill(code);
  await region.getByLabel('Enrolment code', { exact: true }).press('Enter');
  await region.getByLabel('Enrolment code', { exact: true }).waitFor({ state: 'detached' });
}

describe('enrolling says it worked', () => {
  it('Given the first screen of a device that is not enrolled, when a code is typed and sent, then the enrolment is said where the form was and has focus', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await new Home(page).goto(app.url);
      const council = page.getByRole('region', { name: 'Sessions from the council' });
      await enrolWithKeyboard(council, 'Walk home tablet');

      await expect.poll(() => council.locator('.sync-enrolled').textContent()).toMatch(ENROLLED);
      await expect.poll(() => focusedText(page)).toMatch(ENROLLED);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given an officer’s code, when it is sent on the first screen, then the device is said to be enrolled as an officer, in good English', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await new Home(page).goto(app.url);
      const council = page.getByRole('region', { name: 'Sessions from the council' });
      await enrolWithKeyboard(council, 'Walk office laptop', 'officer');

      await expect
        .poll(() => focusedText(page))
        .toMatch(
          /^Enrolled with http:\/\/127\.0\.0\.1:\d+ as an officer device since .+: it reads every session it is given and sends only decisions on ideas and paper ballots typed in on it\.$/,
        );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the dashboard’s Council sync on a device that is not enrolled, when a code is typed and sent, then focus is on the words saying it is enrolled', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await openNewSessionDashboard(page, app.url);
      const panel = page.getByRole('region', { name: 'Council sync' });
      await enrolWithKeyboard(panel, 'Walk dashboard tablet');

      await expect.poll(() => focusedText(page)).toMatch(ENROLLED);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
