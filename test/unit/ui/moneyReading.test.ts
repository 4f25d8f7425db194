/**
 * The line under a money field (moneyReading): "Read as £100,000" in the screen's money words as the amount is
 * typed, the error saving would give when it cannot be read, nothing while empty.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { moneyReading } from '../../../src/ui/components/moneyReading';
import { addMessages, loadLanguage, makeTranslator } from '../../../src/ui/i18n';
import { facilitator } from '../../../src/ui/i18n/en/facilitator';
import { kioskLater } from '../../../src/ui/i18n/en/kioskLater';

beforeAll(async () => {
  addMessages('en', { ...facilitator, ...kioskLater });
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
});
