/**
 * Money fields say how the app reads what is typed, before saving: "1,00,000" (the lakh grouping) is £100,000,
 * "1000.5" is £1,000.50. Before, the facilitator, the officer or the resident learned it only after saving.
 * The line is part of the field's description (aria-describedby), not a live region speaking at every key; it is
 * absent while the field is empty, and says the error saving would give while the text cannot be read (without
 * marking the field invalid before anything is saved). In Chromium against the real council server: the
 * facilitator's session form, the officer's decision on an idea, and the resident's new idea, each with axe.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { description } from './support/describedBy';
import { settleLayout, TABLET_SIZES, topsOf } from './support/layout';
import { enrolOfficer, syncSessionWithOneIdea } from './support/officer';
import { useBrowserAndCouncil } from './support/setup';
import { newTablet, openDemoDashboard, openSessionForm, type Tablet } from './support/tablet';
import { smallTargets } from './support/targets';
import { Kiosk } from './pages/Kiosk';

const app = useBrowserAndCouncil('codesign-money-read-as-');
const NOT_MONEY = 'Please enter an amount of money, like 250 or 12.50.';
const FUNDED_OVER_LIMIT =
  'That is more than £100,000,000, far more than any one proposal in a neighbourhood gets. Please check the amount: it may have a few zeros too many.';
const STREAM_NOT_POSITIVE =
  'A funding stream must be more than zero: type what this public body spends here each year, or remove the stream.';
let sessionId = '';
let ideaId = '';
let officer: Tablet | undefined;

/** The reading line of the field around a control (none: ''). */
async function readingOf(control: Locator): Promise<string> {
  return control.evaluate((el) => el.closest('.field')?.querySelector('.field__reading')?.textContent ?? '');
}

/** Whether the reading line is among what a screen reader hears as the control's description. */
async function isDescribedByReading(control: Locator): Promise<boolean> {
  return control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .some((id) => document.getElementById(id)?.classList.contains('field__reading') === true),
  );
}

/** Ids used by more than one element on the page. */
async function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
    return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  });
}

/** No live region on the page holds the reading (it would be spoken at every key press). */
async function liveRegionsSaying(control: Locator, text: string): Promise<number> {
  return control.evaluate(
    (_, words) =>
      [...document.querySelectorAll('[aria-live], [role="status"], [role="alert"]')].filter((el) =>
        (el.textContent ?? '').includes(words),
      ).length,
    text,
  );
}

beforeAll(async () => {
  ({ sessionId, ideaId } = await syncSessionWithOneIdea(app, {
    title: 'Eastbrook money',
    neighbourhood: 'Eastbrook',
  }));
  officer = await newTablet(app.browser);
  await enrolOfficer(officer.page, app);
}, 60_000);

afterAll(async () => {
  await officer?.context.close();
});

describe('money fields say how the amount is read', () => {
  it('Given the facilitator’s session form, when amounts are typed, then each says how it is read, and the error while it cannot be', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const form = await openSessionForm(page, app.url);
      await form.waitUntilShown();
      const pot = form.field('The pot residents decide on');
      const amount = form.streamField(1, 'Amount each year');
      expect(await readingOf(pot)).toBe('');

      await pot.fill('1,00,000');
      expect(await readingOf(pot)).toBe('Read as £100,000');
      expect(await isDescribedByReading(pot)).toBe(true);
      expect(await description(pot)).toContain('Read as £100,000');
      expect(await liveRegionsSaying(pot, 'Read as')).toBe(0);

      await amount.fill('1000.5');
      expect(await readingOf(amount)).toBe('Read as £1,000.50');
      expect(await description(amount)).toContain('Read as £1,000.50');

      await amount.fill('1,0,0,0');
      expect(await readingOf(amount)).toBe(NOT_MONEY);
      expect(await description(amount)).toContain(NOT_MONEY);
      // Said, not yet an error: nothing has been saved.
      expect(await amount.getAttribute('aria-invalid')).toBeNull();
      expect(await axeViolations(page)).toEqual([]);

      await pot.fill('');
      expect(await readingOf(pot)).toBe('');
      expect(await isDescribedByReading(pot)).toBe(false);

      // An amount that reads but that saving refuses is never said as "Read as £0" (review of a1230d1).
      await pot.fill('0');
      expect(await readingOf(pot)).toBe('The pot must be more than zero.');
      await amount.fill('0');
      expect(await readingOf(amount)).toBe(STREAM_NOT_POSITIVE);

      // Streams added and removed: every id on the form stays unique, and each reading describes its own box.
      await page.getByRole('button', { name: 'Add a funding stream' }).click();
      await page.getByRole('button', { name: 'Add a funding stream' }).click();
      await form.streamField(2, 'Amount each year').fill('2,000');
      await form.streamField(3, 'Amount each year').fill('3,000');
      await page.getByRole('button', { name: 'Remove funding stream 1', exact: true }).click();
      await page.getByRole('button', { name: 'Add a funding stream' }).click();
      await form.streamField(3, 'Amount each year').fill('4,000');
      expect(await duplicateIds(page)).toEqual([]);
      expect(await description(form.streamField(1, 'Amount each year'))).toContain('Read as £2,000');
      expect(await description(form.streamField(2, 'Amount each year'))).toContain('Read as £3,000');
      expect(await description(form.streamField(3, 'Amount each year'))).toContain('Read as £4,000');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the session form on a tablet, when the amount says how it is read, a name nears its limit or saving refuses the row, then the three boxes of the funding stream keep one top', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const form = await openSessionForm(page, app.url);
      await form.waitUntilShown();
      const row = [
        form.streamField(1, 'Public body'),
        form.streamField(1, 'Service'),
        form.streamField(1, 'Amount each year'),
      ];
      /** The three tops, at each tablet size (wide, portrait, and the 768 px portrait tablet). */
      const topsAtEachSize = async (): Promise<number[][]> => {
        const out: number[][] = [];
        for (const size of [...TABLET_SIZES, { width: 768, height: 1024 }]) {
          await page.setViewportSize(size);
          await settleLayout(page);
          out.push(await topsOf(row));
        }
        return out;
      };
      const lineUp = (tops: number[][]): number[][] => tops.map((t) => t.map(() => t[0] ?? 0));

      // Empty: the name boxes' quiet character counts are empty, the amount's reading absent.
      let tops = await topsAtEachSize();
      expect(tops).toEqual(lineUp(tops));

      await form.streamField(1, 'Amount each year').fill('2500');
      tops = await topsAtEachSize();
      expect(tops).toEqual(lineUp(tops));

      // Near the 100-character limit the public body's count shows.
      await form.streamField(1, 'Public body').fill('Eastbrook '.repeat(9) + 'Coun');
      expect(await description(form.streamField(1, 'Public body'))).toContain('6 characters left');
      tops = await topsAtEachSize();
      expect(tops).toEqual(lineUp(tops));

      await form.streamField(1, 'Service').fill('');
      await form.submitButton.click();
      await form.errorSummary.waitFor();
      expect(await form.streamField(1, 'Service').getAttribute('aria-invalid')).toBe('true');
      tops = await topsAtEachSize();
      expect(tops).toEqual(lineUp(tops));

      expect(await smallTargets(page, 44)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the officer’s decision on an idea, when Funded is chosen and an amount typed, then it says how the amount is read', async () => {
    const { page, errors } = officer!;
    await page.goto(`${app.url}#/officer/session/${sessionId}`);
    const idea = page.locator(`[data-idea="${ideaId}"]`);
    await idea.locator('summary').click();
    const form = page.getByRole('form', { name: 'Youth club on Fridays', exact: true });
    await form.getByRole('radio', { name: 'Funded', exact: true }).check();
    const amount = form.getByLabel('Amount funded');
    expect(await readingOf(amount)).toBe('');

    await amount.fill('12,000.5');
    expect(await readingOf(amount)).toBe('Read as £12,000.50');
    expect(await description(amount)).toContain('Read as £12,000.50');
    await amount.fill('1,00,000');
    expect(await readingOf(amount)).toBe('Read as £100,000');
    expect(await liveRegionsSaying(amount, 'Read as')).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await amount.fill('12abc');
    expect(await readingOf(amount)).toBe(NOT_MONEY);
    expect(await description(amount)).toContain(NOT_MONEY);
    expect(await amount.getAttribute('aria-invalid')).toBeNull();

    // £200 million reads, but Save refuses it (LIMITS.maxFundedPence): the line says Save's error, never "Read
    // as £200,000,000" (review of a1230d1); once Save has said it, it is said once, as the field's error.
    await amount.fill('200000000');
    expect(await readingOf(amount)).toBe(FUNDED_OVER_LIMIT);
    await form.getByRole('button', { name: /^Save/ }).click();
    await form.locator('.field__error').filter({ hasText: FUNDED_OVER_LIMIT }).waitFor();
    expect(await readingOf(amount)).toBe('');
    expect((await description(amount)).split(FUNDED_OVER_LIMIT).length - 1).toBe(1);
    await amount.fill('0');
    expect(await readingOf(amount)).toBe('The amount funded must be more than zero.');
    expect(errors).toEqual([]);
  });

  it('Given a resident adding an idea at the kiosk, when a cost is typed, then it says how the tablet reads it', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Add your idea');
      const cost = kiosk.ideaCost;
      expect(await readingOf(cost)).toBe('');

      await cost.fill('1,00,000');
      expect(await readingOf(cost)).toBe('The tablet reads this as £100,000.');
      expect(await description(cost)).toContain('The tablet reads this as £100,000.');
      expect(await liveRegionsSaying(cost, 'reads this as')).toBe(0);
      await cost.fill('5000.5');
      expect(await readingOf(cost)).toBe('The tablet reads this as £5,000.50.');
      expect(await axeViolations(page)).toEqual([]);

      await cost.fill('abc');
      expect(await readingOf(cost)).toBe(NOT_MONEY);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
