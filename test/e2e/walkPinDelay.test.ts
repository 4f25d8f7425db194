/**
 * The wait between wrong PIN tries cannot be dodged. A try is counted (in the device database, in one transaction)
 * before its PIN is checked, and tries go one at a time: a double tap is one try, not two checks; a try in a second
 * tab of the same tablet waits for the tries the first tab made. Where the tablet refuses to store a wrong try (a
 * full disk, private mode), the count is kept for as long as the app runs, so leaving the PIN screen and coming
 * back still waits, with no warning about storage shown to the facilitator.
 *
 * Page time is the test's (page.clock): paused before the try that starts a wait, the wait never ends by itself.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { installDiskFull, refusedWrites, setDiskFull } from './support/diskFull';
import { DEMO, newTablet, usePage } from './support/tablet';
import { Home } from './pages/Home';
import { PinScreen, WAIT_MESSAGE, WRONG_PIN_MESSAGE } from './pages/PinScreen';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();
const SLOWED_DOWN = 'To keep the session safe, you must wait a little longer before each new try.';

/** Counts the PINs the page checks (each check derives a PBKDF2 key from what was typed). Before the app loads. */
async function countPinChecks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __pinChecks: number };
    w.__pinChecks = 0;
    const subtle = crypto.subtle;
    const importKey = subtle.importKey.bind(subtle) as (...args: unknown[]) => Promise<CryptoKey>;
    subtle.importKey = ((...args: unknown[]) => {
      if (args[2] === 'PBKDF2') w.__pinChecks += 1;
      return importKey(...args);
    }) as typeof subtle.importKey;
  });
}

function pinChecks(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __pinChecks: number }).__pinChecks);
}

/** The demo's PIN screen, with page time the test's (installed before the app loads). */
async function demoPinScreen(page: Page): Promise<{ home: Home; pin: PinScreen }> {
  await page.clock.install();
  const home = new Home(page);
  await home.goto(app.url);
  await home.openDemo();
  const pin = new PinScreen(page);
  await pin.waitUntilShown();
  return { home, pin };
}

/** Two wrong tries (no wait yet), then page time stops: the next wrong try starts a wait of 1 s that never ends. */
async function twoWrongTriesThenStopTime(page: Page, pin: PinScreen): Promise<void> {
  for (const wrong of ['0000', '1111']) expect(await pin.submitWrong(wrong)).toBe(WRONG_PIN_MESSAGE);
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
}

async function waitShown(page: Page, pin: PinScreen): Promise<{ wait: string; isUnlockDisabled: boolean }> {
  await pin.waitMessage.waitFor();
  return {
    wait: (await pin.waitMessage.textContent()) ?? '',
    isUnlockDisabled: await pin.unlockButton.isDisabled(),
  };
}

describe('the wait between wrong PIN tries', () => {
  it('Given two wrong tries, when a wrong PIN is submitted twice in the same moment (a double tap), then it is checked and counted once and the next try waits 1 second', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await countPinChecks(page);
      const { pin } = await demoPinScreen(page);
      await twoWrongTriesThenStopTime(page, pin);
      const checksBefore = await pinChecks(page);

      await pin.field.fill('2222');
      await page.evaluate(() => {
        for (const el of document.querySelectorAll<HTMLElement>('[role=alert]')) el.dataset.seen = 'yes';
        const form = document.querySelector('form');
        form?.requestSubmit();
        form?.requestSubmit();
      });
      const refusal = page.locator('[role=alert]:not([data-seen])');
      await refusal.waitFor();

      expect(await pinChecks(page)).toBe(checksBefore + 1);
      expect(await refusal.textContent()).toBe(`${WRONG_PIN_MESSAGE} ${SLOWED_DOWN}`);
      const shown = await waitShown(page, pin);
      expect(shown.wait).toMatch(WAIT_MESSAGE);
      expect(shown.wait).toContain('wait 1 second ');
      expect(shown.isUnlockDisabled).toBe(true);
      expect(await axeViolations(page, { clockStopped: true })).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the PIN screen open in two tabs, when one tab’s wrong try starts a wait, then the right PIN typed in the other tab waits too, said once with focus kept, and unlocks once the wait is over', async () => {
    const { context, page: first, errors } = await newTablet(app.browser);
    const { page: second, errors: secondErrors } = usePage(await context.newPage());
    try {
      for (const page of [first, second]) await page.clock.install();
      const home = new Home(first);
      await home.goto(app.url);
      const sessionId = await home.openDemo();
      await second.goto(`${app.url}#/session/${sessionId}`);
      const firstPin = new PinScreen(first);
      const secondPin = new PinScreen(second);
      await firstPin.waitUntilShown();
      await secondPin.waitUntilShown();

      // The tab in front is the one tapped (a tab behind draws slowly).
      await first.bringToFront();
      for (const wrong of ['0000', '1111']) expect(await firstPin.submitWrong(wrong)).toBe(WRONG_PIN_MESSAGE);
      // Both tabs' time stops at the same moment, as one tablet's clock would.
      const now = await Promise.all([first, second].map((p) => p.evaluate(() => Date.now())));
      for (const page of [first, second]) await page.clock.pauseAt(Math.max(...now) + 1_000);
      expect(await firstPin.submitWrong('2222')).toBe(`${WRONG_PIN_MESSAGE} ${SLOWED_DOWN}`);

      // The second tab read no tries when it opened; its try is counted after the first tab's three.
      await second.bringToFront();
      // Enter in the field: focus does not move, so only an alert tells a screen reader why nothing opened.
      await secondPin.field.fill(DEMO.pin);
      await secondPin.field.press('Enter');
      const shown = await waitShown(second, secondPin);
      expect(shown.wait).toContain('wait 1 second ');
      expect(shown.isUnlockDisabled).toBe(true);
      expect(await secondPin.heading.isVisible()).toBe(true);
      // Said once, not as a wrong PIN (it was not checked); focus kept in the field.
      expect(await second.locator('[role=alert]').allTextContents()).toEqual([SLOWED_DOWN]);
      expect(await secondPin.field.getAttribute('aria-invalid')).toBeNull();
      expect(await secondPin.field.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await axeViolations(second, { clockStopped: true })).toEqual([]);

      await second.clock.runFor(1_000);
      await second.clock.resume();
      await secondPin.unlock(DEMO.pin, DEMO.title);
      expect([...errors, ...secondErrors]).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a tablet that refuses to store anything, when three wrong tries start a wait and the facilitator goes back to the first screen and returns, then the PIN screen still waits, with no warning', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await installDiskFull(context);
      const { home, pin } = await demoPinScreen(page);
      await setDiskFull(page, true);

      await twoWrongTriesThenStopTime(page, pin);
      expect(await pin.submitWrong('2222')).toBe(`${WRONG_PIN_MESSAGE} ${SLOWED_DOWN}`);
      expect((await waitShown(page, pin)).wait).toContain('wait 1 second ');
      expect(await refusedWrites(page)).toBeGreaterThan(0);
      // Space comes back before the screen is left (opening the session again on a full disk has its own test,
      // diskFullReopen.test.ts): none of the three wrong tries was stored.
      await setDiskFull(page, false);

      await page.getByRole('link', { name: 'Back to the first screen' }).click();
      await home.demoButton.waitFor();
      await page.goBack();
      await pin.waitUntilShown();

      const shown = await waitShown(page, pin);
      expect(shown.wait).toContain('wait 1 second ');
      expect(shown.isUnlockDisabled).toBe(true);
      expect(await page.locator('[role=alert]').count()).toBe(0);
      expect(await axeViolations(page, { clockStopped: true })).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
