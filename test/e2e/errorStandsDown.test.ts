/**
 * An error from a failed save is about what the box held then. Once the person edits that field, its error stands
 * down (its message and aria-invalid go, and a money field's reading line takes over); other fields keep theirs
 * until they are edited or the form is saved again, and the summary at the top says only what still stands.
 * Before, every error stayed until the next save: beside a fresh "The tablet reads this as £…", or over a new
 * problem. Focus stays in the box being typed in, and nothing typed is lost. In Chromium, with axe: the resident's
 * new idea and comment at the kiosk, the facilitator's session form and "Fix a typo".
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { description } from './support/describedBy';
import { useBrowserAndApp } from './support/setup';
import { newTablet, openDemoDashboard, openSessionForm } from './support/tablet';
import { Kiosk } from './pages/Kiosk';
import { SessionForm, validSession } from './pages/SessionForm';

const app = useBrowserAndApp();
const REQUIRED = 'Please fill this in.';
const NOT_MONEY = 'Please enter an amount of money, like 250 or 12.50.';
const CHECK_ANSWERS = 'Please check the highlighted answers.';

/** Whether the keyboard is in this control. */
function isFocused(control: Locator): Promise<boolean> {
  return control.evaluate((el) => el === document.activeElement);
}

/** What the session form's summary lists, one line a problem. */
function summaryItems(form: SessionForm): Promise<string[]> {
  return form.errorSummary.getByRole('listitem').allTextContents();
}

describe('an error from a failed save stands down once its field is edited', () => {
  it('Given a resident’s idea refused for its title, theme and cost, when the title is retyped, then only the title’s error goes; the cost and theme keep theirs until edited', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Add your idea');
      await kiosk.fillIdea({ title: '', description: 'Somewhere dry after school.', cost: 'abc' });
      await kiosk.tap('Add my idea');
      const alert = page.getByRole('alert').filter({ hasText: CHECK_ANSWERS });
      await alert.waitFor();
      const form = new SessionForm(page);
      expect(await form.errorNextTo(kiosk.ideaTitle)).toBe(REQUIRED);
      expect(await form.errorNextTo(kiosk.ideaCost)).toBe(NOT_MONEY);
      const themeError = kiosk.themes.locator('.field__error');
      expect(await themeError.count()).toBe(1);
      await expect.poll(() => isFocused(kiosk.ideaTitle)).toBe(true);

      // When the title is typed, key by key: its error goes, focus stays, the others stay.
      await kiosk.ideaTitle.pressSequentially('Youth club');
      expect(await kiosk.ideaTitle.inputValue()).toBe('Youth club');
      expect(await kiosk.ideaTitle.getAttribute('aria-invalid')).toBeNull();
      expect(await form.errorNextTo(kiosk.ideaTitle)).toBe('');
      expect(await isFocused(kiosk.ideaTitle)).toBe(true);
      expect(await form.errorNextTo(kiosk.ideaCost)).toBe(NOT_MONEY);
      expect(await kiosk.ideaCost.getAttribute('aria-invalid')).toBe('true');
      expect(await themeError.count()).toBe(1);
      expect(await alert.isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);

      // When the cost is retyped: the line says how it is read, not the error from before.
      await kiosk.ideaCost.fill('1,00,000');
      expect(await form.errorNextTo(kiosk.ideaCost)).toBe('');
      expect(await kiosk.ideaCost.getAttribute('aria-invalid')).toBeNull();
      expect(await description(kiosk.ideaCost)).toContain('The tablet reads this as £100,000.');
      expect(await description(kiosk.ideaCost)).not.toContain(NOT_MONEY);
      expect(await themeError.count()).toBe(1);

      // When a theme is chosen, the last error goes, and the alert with it.
      await kiosk.themes.getByRole('radio', { name: 'Young people', exact: true }).check();
      expect(await themeError.count()).toBe(0);
      expect(await alert.count()).toBe(0);
      expect(await kiosk.ideaDescription.inputValue()).toBe('Somewhere dry after school.');
      expect(await axeViolations(page)).toEqual([]);

      await kiosk.tap('Add my idea');
      await kiosk.waitFor('Youth club');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given an empty comment refused, when the resident types one, then the error goes as they type', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Read the ideas');
      await kiosk.openIdea('Play area for under-5s');
      await kiosk.tap('Add my comment');
      await page.locator('.field__error').filter({ hasText: REQUIRED }).waitFor();
      const form = new SessionForm(page);
      expect(await kiosk.commentBox.getAttribute('aria-invalid')).toBe('true');

      await kiosk.commentBox.pressSequentially('Yes');
      expect(await form.errorNextTo(kiosk.commentBox)).toBe('');
      expect(await kiosk.commentBox.getAttribute('aria-invalid')).toBeNull();
      expect(await isFocused(kiosk.commentBox)).toBe(true);
      expect(await kiosk.commentBox.inputValue()).toBe('Yes');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the session form refused for its title, venue and two streams, when fields are retyped and a stream removed, then each error stands down with its own field and the summary follows', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const form = await openSessionForm(page, app.url);
      const session = validSession('Westgate priorities');
      const [first, second] = session.streams;
      await form.fill({
        ...session,
        title: '',
        venue: '',
        streams: [
          { ...first!, amount: '12abc' },
          { ...second!, service: '' },
        ],
      });
      await form.submit();
      await form.errorSummary.waitFor();
      const summary = (): Promise<string[]> => summaryItems(form);
      expect(await summary()).toEqual([
        `Session title: ${REQUIRED}`,
        `Venue: ${REQUIRED}`,
        `Amount each year, Funding stream 1: ${NOT_MONEY}`,
        `Service, Funding stream 2: ${REQUIRED}`,
      ]);
      const title = form.field('Session title');
      const venue = form.field('Venue');

      // The title, typed key by key: its error goes from the box and the summary; focus stays; the rest stay.
      await title.click();
      await title.pressSequentially('Westgate');
      expect(await title.inputValue()).toBe('Westgate');
      expect(await title.getAttribute('aria-invalid')).toBeNull();
      expect(await form.errorNextTo(title)).toBe('');
      expect(await isFocused(title)).toBe(true);
      expect(await form.errorNextTo(venue)).toBe(REQUIRED);
      expect(await venue.getAttribute('aria-invalid')).toBe('true');
      expect(await summary()).toEqual([
        `Venue: ${REQUIRED}`,
        `Amount each year, Funding stream 1: ${NOT_MONEY}`,
        `Service, Funding stream 2: ${REQUIRED}`,
      ]);
      expect(await axeViolations(page)).toEqual([]);

      // The first stream removed: its error goes with it, and the second stream, now the first, keeps its own.
      await page.getByRole('button', { name: 'Remove funding stream 1', exact: true }).click();
      expect(await form.streamField(1, 'Public body').inputValue()).toBe(second!.publicBody);
      expect(await form.errorNextTo(form.streamField(1, 'Service'))).toBe(REQUIRED);
      expect(await form.errorNextTo(form.streamField(1, 'Amount each year'))).toBe('');
      expect(await summary()).toEqual([`Venue: ${REQUIRED}`, `Service, Funding stream 1: ${REQUIRED}`]);

      // A stream's amount retyped after a failed save says how it is read, with no error from before.
      await form.streamField(1, 'Service').fill('Policing');
      const amount = form.streamField(1, 'Amount each year');
      await amount.fill('1,00,000');
      expect(await description(amount)).toContain('Read as £100,000');
      expect(await amount.getAttribute('aria-invalid')).toBeNull();

      // The last error fixed: the summary goes, and focus stays in the venue.
      await venue.fill('Westgate Library');
      expect(await form.errorSummary.count()).toBe(0);
      expect(await isFocused(venue)).toBe(true);
      expect(await venue.getAttribute('aria-invalid')).toBeNull();
      expect(await form.field('PIN').inputValue()).toBe(session.pin);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given “Fix a typo” refused for an empty title, when the description is typed in, then the title’s error stays until the title is typed', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await openDemoDashboard(page, app.url);
      const card = page.getByRole('article', { name: 'Lunch club for older people', exact: true });
      await card.getByRole('button', { name: 'Fix a typo' }).click();
      const title = card.getByLabel('Title', { exact: true });
      const more = card.getByLabel(/^Description/);
      await title.fill('');
      await card.getByRole('button', { name: 'Save the correction', exact: true }).click();
      await card.locator('.field__error').filter({ hasText: REQUIRED }).waitFor();
      const form = new SessionForm(page);
      expect(await title.getAttribute('aria-invalid')).toBe('true');

      await more.fill('On Tuesdays and Thursdays.');
      expect(await form.errorNextTo(title)).toBe(REQUIRED);
      expect(await title.getAttribute('aria-invalid')).toBe('true');

      await title.pressSequentially('Lunch club');
      expect(await form.errorNextTo(title)).toBe('');
      expect(await title.getAttribute('aria-invalid')).toBeNull();
      expect(await isFocused(title)).toBe(true);
      expect(await more.inputValue()).toBe('On Tuesdays and Thursdays.');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given errors two fields made together (the PINs, the pot over the poolable money, the most dots on one idea), when the other field of each pair is edited, then its error goes and the summary follows', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const form = await openSessionForm(page, app.url);
      await form.fill({
        ...validSession('Westgate pairs'),
        pot: '70000',
        dots: '5',
        maxPerIdea: '8',
        pin: '2468',
        pinConfirm: '1357',
      });
      await form.submit();
      await form.errorSummary.waitFor();
      const summary = (): Promise<string[]> => summaryItems(form);
      const pot = form.field('The pot residents decide on');
      const maxPerIdea = form.field('Most dots one resident can put on one idea');
      const confirm = form.field('Type the PIN again');
      expect(await summary()).toHaveLength(3);
      expect(await form.errorNextTo(pot)).toContain('£60,000');

      // The PIN retyped to be the one confirmed: "not the same" goes from the confirmation.
      const pin = form.field('PIN');
      await pin.fill('1357');
      expect(await form.errorNextTo(confirm)).toBe('');
      expect(await confirm.getAttribute('aria-invalid')).toBeNull();
      expect(await isFocused(pin)).toBe(true);
      expect(await summary()).toHaveLength(2);

      // The first stream raised: the pot's error, with the old total in it, goes; the hint says the new total.
      await form.streamField(1, 'Amount each year').fill('80000');
      expect(await form.errorNextTo(pot)).toBe('');
      expect(await pot.getAttribute('aria-invalid')).toBeNull();
      expect(await description(pot)).toContain('£80,000');

      // More dots in all: the most on one idea is no longer over them.
      await form.field('Dots for each resident').fill('10');
      expect(await form.errorNextTo(maxPerIdea)).toBe('');
      expect(await form.errorSummary.count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);

      await form.submit();
      await page.getByRole('heading', { level: 1, name: 'Westgate pairs', exact: true }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the PIN and its confirmation that do not match, when the confirmation is retyped, then its error goes', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const form = await openSessionForm(page, app.url);
      await form.fill({ ...validSession('Westgate PIN'), pin: '2468', pinConfirm: '1357' });
      await form.submit();
      await form.errorSummary.waitFor();
      const confirm = form.field('Type the PIN again');
      expect(await confirm.getAttribute('aria-invalid')).toBe('true');
      await confirm.fill('2468');
      expect(await confirm.getAttribute('aria-invalid')).toBeNull();
      expect(await form.errorNextTo(confirm)).toBe('');
      expect(await form.errorSummary.count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
