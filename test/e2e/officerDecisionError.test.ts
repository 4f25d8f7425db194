/**
 * The officer's decision on an idea shows one error at a time, beside the one box the chosen status shows (the
 * amount for Funded, the reason for Not taken forward): Save stops at the first field that is wrong, and the form
 * keeps that one error (statusForm.test.ts checks every status with every kind of amount and reason). So its
 * clearing the error on any edit is the kiosk's and the session form's rule (45c6659, 15e8eb5) already: the
 * edited box's error goes, and the status, the only other control, is the box's partner, as a method is for its
 * numbers on the session form: choosing another status hides the box and takes its error with it. Once the
 * amount is edited, its "Read as" line takes over. In Chromium against the real council server, with axe.
 */
import type { Locator } from 'playwright-core';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { description } from './support/describedBy';
import { enrolOfficer, syncSessionWithOneIdea } from './support/officer';
import { useBrowserAndCouncil } from './support/setup';
import { newTablet, type Tablet } from './support/tablet';

const app = useBrowserAndCouncil('codesign-officer-decision-error-');
const NOT_MONEY = 'Please enter an amount of money, like 250 or 12.50.';
const REASON_NEEDED = 'Please say why this proposal is not being taken forward: residents will read it.';
let sessionId = '';
let ideaId = '';
let officer: Tablet | undefined;

/** Every error the form shows: beside a field, over the choices, or as an alert; and the controls marked invalid. */
async function errorsShown(form: Locator): Promise<{ messages: string[]; invalid: number }> {
  return {
    messages: await form.locator('.field__error, [role="alert"]').allTextContents(),
    invalid: await form.locator('[aria-invalid="true"]').count(),
  };
}

function isFocused(control: Locator): Promise<boolean> {
  return control.evaluate((el) => el === document.activeElement);
}

beforeAll(async () => {
  ({ sessionId, ideaId } = await syncSessionWithOneIdea(app, {
    title: 'Eastbrook decisions',
    neighbourhood: 'Eastbrook',
  }));
  officer = await newTablet(app.browser);
  await enrolOfficer(officer.page, app);
}, 60_000);

afterAll(async () => {
  await officer?.context.close();
});

describe('the officer’s decision shows one error at a time, and it stands down with its box', () => {
  it('Given a decision refused for its amount, then for its reason, when the box or the status is edited, then that error goes, the amount’s reading takes over, and nothing typed is lost', async () => {
    const { page, errors } = officer!;
    await page.goto(`${app.url}#/officer/session/${sessionId}`);
    await page.locator(`[data-idea="${ideaId}"]`).locator('summary').click();
    const form = page.getByRole('form', { name: 'Youth club on Fridays', exact: true });
    const save = form.getByRole('button', { name: /^Save/ });
    const funded = form.getByRole('radio', { name: 'Funded', exact: true });
    const notTaken = form.getByRole('radio', { name: 'Not taken forward', exact: true });
    const amount = form.getByLabel('Amount funded');
    const reason = form.getByLabel('Why is it not being taken forward?');

    // Funded with words for an amount: one error, beside the amount, the only box shown.
    await funded.check();
    await amount.fill('lots');
    await save.click();
    await form.locator('.field__error').filter({ hasText: NOT_MONEY }).waitFor();
    expect(await errorsShown(form)).toEqual({ messages: [NOT_MONEY], invalid: 1 });
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByRole('textbox').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // When the amount is retyped: its error goes, focus stays, and the line says how it is read.
    await amount.fill('1,00,000');
    expect(await errorsShown(form)).toEqual({ messages: [], invalid: 0 });
    expect(await isFocused(amount)).toBe(true);
    expect(await description(amount)).toContain('Read as £100,000');
    expect(await description(amount)).not.toContain(NOT_MONEY);

    // Refused again, then the status (the box's partner) is changed: the box and its error go together.
    await amount.fill('lots');
    await save.click();
    await form.locator('.field__error').filter({ hasText: NOT_MONEY }).waitFor();
    await notTaken.check();
    expect(await amount.count()).toBe(0);
    expect(await errorsShown(form)).toEqual({ messages: [], invalid: 0 });

    // Not taken forward with no reason: one error, beside the reason, the only box shown.
    await save.click();
    await form.locator('.field__error').filter({ hasText: REASON_NEEDED }).waitFor();
    expect(await errorsShown(form)).toEqual({ messages: [REASON_NEEDED], invalid: 1 });
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByRole('textbox').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // When the reason is typed: its error goes as it is typed, focus stays.
    await reason.pressSequentially('The hall');
    expect(await errorsShown(form)).toEqual({ messages: [], invalid: 0 });
    expect(await isFocused(reason)).toBe(true);

    // Back to Funded: what was typed is still there, with its reading and no error from before.
    await funded.check();
    expect(await amount.inputValue()).toBe('lots');
    expect(await errorsShown(form)).toEqual({ messages: [], invalid: 0 });
    await amount.fill('12,000');
    await save.click();
    await form.locator('[data-save-state="saved"]').waitFor();
    expect(await errorsShown(form)).toEqual({ messages: [], invalid: 0 });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
