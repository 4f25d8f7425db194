import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors';
import { loadLanguage, makeTranslator } from '../../src/ui/i18n';
import {
  describeError,
  describeErrorToResident,
  ErrorInWords,
  fieldErrors,
  saveFailedInWords,
} from '../../src/ui/errors';

describe('errors in words', () => {
  const t = makeTranslator('en');

  it('Given a budget error carrying pence, Then the sentence shows money, not raw numbers', () => {
    const text = describeError(
      t,
      new ValidationError('budgetOverPot', 'ballot', { pot: 25_000_000, spent: 25_000_100 }),
    );
    expect(text).toBe('That is more than the pot of £250,000. Take an idea off first.');
    expect(
      describeError(t, new ValidationError('potOverPoolable', 'potPence', { poolable: 6_200_050 })),
    ).toContain('£62,000.50');
  });

  it('Given a full disk, Then the tablet says so in plain words', () => {
    expect(describeError(t, new DOMException('x', 'QuotaExceededError'))).toBe(t('storage.quota'));
  });

  it('Given a full disk during a resident’s turn, Then the resident is asked to get the facilitator, in one message said once, in every language', async () => {
    const full = new DOMException('x', 'QuotaExceededError');
    // A walk saw "…Nothing has been lost.. Nothing you typed has been lost." and "Free some space" at the kiosk.
    expect(saveFailedInWords(t, full, true)).toBe(
      'This tablet is out of storage space, so this was not saved. Please ask the facilitator for help. Nothing you typed has been lost.',
    );
    expect(fieldErrors(t, full, describeErrorToResident)).toEqual({ form: saveFailedInWords(t, full, true) });
    expect(saveFailedInWords(t, full)).toBe(t('storage.quota'));
    await Promise.all(['cy', 'pl', 'ur', 'ar'].map((code) => loadLanguage(code)));
    for (const code of ['en', 'cy', 'pl', 'ur', 'ar']) {
      const tr = makeTranslator(code);
      for (const text of [saveFailedInWords(tr, full, true), saveFailedInWords(tr, full)]) {
        expect(text, code).not.toMatch(/\.\.|۔۔/);
      }
      expect(saveFailedInWords(tr, full, true), code).toBe(tr('storage.quotaResident'));
    }
    // Any other refusal is the reason inside the usual sentence.
    expect(saveFailedInWords(t, new Error('The browser closed the database'))).toBe(
      'This could not be saved on the tablet: The browser closed the database. Nothing you typed has been lost.',
    );
  });

  it('Given a refusal whose own words end a sentence (the browser’s "The connection was closed."), Then the app’s sentence around it still reads right, in every language', async () => {
    await Promise.all(['cy', 'pl', 'ur', 'ar'].map((code) => loadLanguage(code)));
    expect(saveFailedInWords(t, new DOMException('The connection was closed.', 'AbortError'))).toBe(
      'This could not be saved on the tablet: The connection was closed. Nothing you typed has been lost.',
    );
    for (const reason of [
      'The connection was closed.',
      'Out of order!',
      'Is the disk there?',
      'Closing…',
      'بند ہو گیا۔ ',
    ]) {
      for (const code of ['en', 'cy', 'pl', 'ur', 'ar']) {
        const text = saveFailedInWords(makeTranslator(code), new Error(reason));
        expect(text, `${code}: ${reason}`).not.toMatch(/[.!?…۔][.۔]/u);
        expect(text, code).toContain(reason.replace(/[.!?…۔ ]+$/u, ''));
      }
    }
  });

  it('Given a field error, Then it is filed under that field', () => {
    expect(fieldErrors(t, new ValidationError('required', 'title'))).toEqual({
      title: 'Please fill this in.',
    });
    expect(fieldErrors(t, new Error('boom'))).toEqual({ form: 'boom' });
  });

  it('Given an error thrown with its words still to find, Then it is put into words in the language shown', async () => {
    await Promise.all([loadLanguage('cy'), loadLanguage('cy', 'staff')]);
    const e = new ErrorInWords((t) => t('session.notFound'), 'session missing');
    expect(fieldErrors(t, e)).toEqual({ form: 'This session is not on this tablet.' });
    expect(describeError(makeTranslator('cy'), e)).toBe(makeTranslator('cy')('session.notFound'));
    expect(makeTranslator('cy')('session.notFound')).not.toBe(t('session.notFound'));
  });
});
