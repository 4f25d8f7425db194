/**
 * A session with the council key (issue 12 §8): a resident's about-you answer is sealed on the tablet before it is
 * written, so nothing the browser stores (the session's y-indexeddb updates, the app's own database) holds it.
 */
import { describe, expect, it } from 'vitest';
import { generateCouncilKey } from '../../src/domain/answersCrypto';
import { newTablet, openDemoDashboard } from './support/tablet';
import { Kiosk } from './pages/Kiosk';
import { useBrowserAndApp } from './support/setup';
import { storedOccurrences } from './support/stored';

const app = useBrowserAndApp();

const AGE = 'How old are you?';
const ANSWER = '65 or over';

describe('sealed about-you answers on the tablet', () => {
  it('Given a session with no council key, when a resident answers, then the browser stores the answer (as before: the search finds it)', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      const before = await storedOccurrences(page, ANSWER);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn({ [AGE]: ANSWER });
      await kiosk.finish();
      await kiosk.nextPerson();
      // Written to IndexedDB by the turn's saves: polled, so a save still committing is waited for.
      await expect.poll(() => storedOccurrences(page, ANSWER)).toBeGreaterThan(before);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the council key pasted into the session form, when a resident answers, then the browser stores no more copies of the answer than the question itself holds', async () => {
    const made = await generateCouncilKey('2026-12-06T08:00:00Z');
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.openEditForm();
      const field = page.locator('[data-field="councilKey"]');
      await field.fill(made.publicText);
      await page.getByText('Residents’ answers will be sealed on the tablet').waitFor();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.locator('[data-save-state="saved"]').waitFor();
      await page.getByRole('link', { name: 'Back to the session' }).click();
      await dashboard.waitUntilShown();
      const before = await storedOccurrences(page, ANSWER);
      expect(before).toBeGreaterThan(0); // the question's options are stored: the search finds the text

      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn({ [AGE]: ANSWER });
      await kiosk.finish();
      await kiosk.nextPerson();

      expect(await storedOccurrences(page, ANSWER)).toBe(before);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
