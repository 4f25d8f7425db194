/**
 * A resident typing an idea's title sees its 120-character limit while typing, not only after pressing "Add my
 * idea". The count under the field is its description (read when the field is focused); a polite live region
 * speaks only as the title comes near the limit or goes over it, not on every key. An over-long title is kept as
 * typed, and Add says plainly what is wrong, as before.
 *
 * A session's title (Create or Edit session) counts the same way; once saving has refused an over-long title, the
 * field says so once, in the error above it, not again in the count below it (found in a walk: two messages).
 */
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { description } from './support/describedBy';
import { newTablet, openDemoDashboard, openSessionForm } from './support/tablet';
import { Kiosk } from './pages/Kiosk';
import { validSession } from './pages/SessionForm';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

describe('the title’s length limit while typing', () => {
  it('Given a resident adding an idea, when they type a title towards and past 120 characters, then the count shows all along, is spoken only near and over the limit, and Add keeps the text and says why', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Add your idea');
      const title = kiosk.ideaTitle;
      const spoken = page.locator('.field', { has: title }).locator('[aria-live="polite"]');

      // Given an empty title, the limit is shown and described, and nothing is said.
      expect(await description(title)).toContain('120 characters left');
      await expect.poll(() => spoken.textContent()).toBe('');
      expect(await axeViolations(page)).toEqual([]);

      // When a few words are typed, the count follows, silently.
      await title.pressSequentially('Benches');
      expect(await description(title)).toContain('113 characters left');
      expect(await spoken.textContent()).toBe('');

      // When the title comes within 20 of the limit, it is said once; the next key is not announced again.
      await title.fill('a'.repeat(101));
      await title.press('End');
      await expect.poll(() => spoken.textContent()).toBe('19 characters left');
      await title.pressSequentially('b');
      expect(await description(title)).toContain('18 characters left');
      expect(await spoken.textContent()).toBe('19 characters left');

      // When it goes over, that is said, and the count says by how much.
      const tooLong = 'c'.repeat(125);
      await title.fill(tooLong);
      const over = '5 characters too many. Please make it shorter.';
      await expect.poll(() => spoken.textContent()).toBe(over);
      expect(await description(title)).toContain(over);
      expect(await axeViolations(page)).toEqual([]);

      // Then Add refuses it plainly and keeps every character typed.
      await kiosk.tap('Add my idea');
      await page.getByText('This is too long: please keep it to 120 characters.').waitFor();
      expect(await title.inputValue()).toBe(tooLong);
      expect(await kiosk.step('Add your idea').count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the Create session form, when a title of 125 characters is saved, then the field says once that it is too long, and keeps it', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const form = await openSessionForm(page, app.url);
      const tooLong = 'd'.repeat(125);
      await form.fill({ ...validSession('Eastbrook'), title: tooLong });
      const title = form.field('Session title');
      const field = page.locator('.field', { has: title });
      const over = '5 characters too many. Please make it shorter.';
      const tooLongError = 'This is too long: please keep it to 120 characters.';
      // While typing, the count says it.
      expect(await description(title)).toContain(over);

      await form.submit();
      await form.errorSummary.waitFor();

      // Then one message in the field, and it is what the field is described by.
      await expect.poll(() => field.textContent()).toContain(tooLongError);
      expect(await field.textContent()).not.toContain('too many');
      expect((await field.textContent())?.split(tooLongError).length).toBe(2);
      expect(await description(title)).toBe(
        `Residents see this first, for example “Northmoor: what should the pot pay for?” | ${tooLongError}`,
      );
      expect(await title.inputValue()).toBe(tooLong);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
