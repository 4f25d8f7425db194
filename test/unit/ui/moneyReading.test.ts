/**
 * The line under a money field (moneyReading): "Read as £100,000" in the screen's money words as the amount is
 * typed, the error saving would give when it cannot be read, nothing while empty.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { requireFundedAmount } from '../../../src/domain/statusRules';
import { requirePotAmount, requireStreamAmount } from '../../../src/domain/validateSettings';
import { moneyReading } from '../../../src/ui/components/moneyReading';
import { addMessages, loadLanguage, makeTranslator } from '../../../src/ui/i18n';
import { errorsOffice } from '../../../src/ui/i18n/en/errorsOffice';
import { facilitator } from '../../../src/ui/i18n/en/facilitator';
import { kioskLater } from '../../../src/ui/i18n/en/kioskLater';
import { statuses } from '../../../src/ui/i18n/en/statuses';

beforeAll(async () => {
  addMessages('en', { ...facilitator, ...kioskLater, ...errorsOffice, ...statuses });
  await loadLanguage('cy');
});

describe('a money field’s reading', () => {
  const t = makeTranslator('en');

  it('Given the lakh grouping or one decimal typed, Then it says the amount as the app reads it, in money words', () => {
    expect(moneyReading(t, '1,00,000', 'fac.form.moneyReadAs')).toEqual({
      text: 'Read as £100,000',
      isProblem: false,
    });
    expect(moneyReading(t, '1000.5', 'fac.form.moneyReadAs')).toEqual({
      text: 'Read as £1,000.50',
      isProblem: false,
    });
  });

  it('Given nothing typed, Then there is no line', () => {
    expect(moneyReading(t, '', 'fac.form.moneyReadAs')).toBeUndefined();
    expect(moneyReading(t, '  ', 'fac.form.moneyReadAs')).toBeUndefined();
  });

  it('Given a text the app cannot read, Then the line is the error saving would give', () => {
    expect(moneyReading(t, '1,0,0,0', 'fac.form.moneyReadAs')).toEqual({
      text: 'Please enter an amount of money, like 250 or 12.50.',
      isProblem: true,
    });
    expect(moneyReading(t, '-20', 'fac.form.moneyReadAs')).toEqual({
      text: 'The amount cannot be below zero.',
      isProblem: true,
    });
  });

  it('Given a resident’s kiosk in Welsh, Then the reading is in Welsh with the amount in money words', () => {
    expect(moneyReading(makeTranslator('cy'), '2,500', 'kiosk.addIdea.costReadAs')?.text).toBe(
      'Mae’r llechen yn darllen hyn fel £2,500.',
    );
  });

  // A review of a1230d1: the officer's "200000000" (£200 million, past LIMITS.maxFundedPence) read "Read as
  // £200,000,000" while Save refused it, and a pot of "0" read "Read as £0": a line saying how an amount of public
  // money will be stored must never say so of an amount saving refuses.
  it('Given an amount the field’s save refuses though it reads, Then the line is the save’s error, not "Read as"', () => {
    const funded = (pence: number) => requireFundedAmount(pence, 'amountPence');
    expect(moneyReading(t, '200,000,000', 'status.editor.amountReadAs', funded)).toEqual({
      text: 'That is more than £100,000,000, far more than any one proposal in a neighbourhood gets. Please check the amount: it may have a few zeros too many.',
      isProblem: true,
    });
    expect(moneyReading(t, '0.00', 'status.editor.amountReadAs', funded)).toEqual({
      text: 'The amount funded must be more than zero.',
      isProblem: true,
    });
    expect(moneyReading(t, '100,000,000', 'status.editor.amountReadAs', funded)).toEqual({
      text: 'Read as £100,000,000',
      isProblem: false,
    });
    const pot = (pence: number) => requirePotAmount(pence, 'potPence');
    expect(moneyReading(t, '£0', 'fac.form.moneyReadAs', pot)?.isProblem).toBe(true);
    expect(moneyReading(t, '£0', 'fac.form.moneyReadAs', pot)?.text).not.toContain('Read as');
    const newStream = (pence: number) =>
      requireStreamAmount({ id: 's1', annualPence: pence }, 'fundingStreams.0.annualPence', []);
    expect(moneyReading(t, '0', 'fac.form.moneyReadAs', newStream)).toEqual({
      text: 'A funding stream must be more than zero: type what this public body spends here each year, or remove the stream.',
      isProblem: true,
    });
    // A stream stored at £0 before the rule keeps it, and the line says how it reads.
    const keptStream = (pence: number) =>
      requireStreamAmount({ id: 's1', annualPence: pence }, 'fundingStreams.0.annualPence', [
        { id: 's1', publicBody: 'Council', service: 'Parks', annualPence: 0, isPoolable: true },
      ]);
    expect(moneyReading(t, '0', 'fac.form.moneyReadAs', keptStream)).toEqual({
      text: 'Read as £0',
      isProblem: false,
    });
  });

  it('Given amounts past the app’s limit or in other digits and spaces, Then the line and the save agree', () => {
    // £10 billion is the most any amount may be (LIMITS.maxPence); one penny more is refused, and said so.
    expect(moneyReading(t, '10,000,000,000', 'fac.form.moneyReadAs')?.text).toBe('Read as £10,000,000,000');
    expect(moneyReading(t, '10,000,000,000.01', 'fac.form.moneyReadAs')?.isProblem).toBe(true);
    // Arabic-Indic digits, a no-break space pasted between thousands, a space after the pound sign.
    expect(moneyReading(t, '١٢٠٠', 'fac.form.moneyReadAs')?.text).toBe('Read as £1,200');
    expect(moneyReading(t, '1\u00A0000', 'fac.form.moneyReadAs')?.text).toBe('Read as £1,000');
    expect(moneyReading(t, '£ 1 000', 'fac.form.moneyReadAs')?.text).toBe('Read as £1,000');
    expect(moneyReading(t, '1.005', 'fac.form.moneyReadAs')?.isProblem).toBe(true);
  });
});
