/**
 * Dates in a language the browser has no date data for (Chromium has no Welsh): written from the catalogue's
 * month names and patterns, never in another language. The browser's own path is covered by the e2e tests
 * (test/e2e/welshStaff.test.ts reads a Welsh date off the officer screen in Chromium).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dayInWords, momentInWords, momentText, sessionDate } from '../../../src/ui/format/dates';
import { loadLanguage, makeTranslator } from '../../../src/ui/i18n';

beforeAll(async () => {
  await Promise.all(['cy', 'pl', 'ur', 'ar'].map((code) => loadLanguage(code)));
});

describe('dates from our own words', () => {
  it('Given a Welsh screen, when a day is written from the catalogue, then it reads the Welsh way', () => {
    const t = makeTranslator('cy');
    expect(dayInWords(t, { day: 24, month: 11, year: 2026 })).toBe('24 Tachwedd 2026');
    expect(momentInWords(t, { day: 3, month: 1, year: 2027, hour: 9, minute: 5 })).toBe(
      '3 Ionawr 2027 am 09:05',
    );
  });

  it('Given every language, when each month is written, then each has its own name and the year is not grouped', () => {
    for (const code of ['en', 'cy', 'pl', 'ur', 'ar']) {
      const t = makeTranslator(code);
      const names = Array.from({ length: 12 }, (_, i) => dayInWords(t, { day: 1, month: i + 1, year: 2026 }));
      expect(new Set(names).size, code).toBe(12);
      for (const name of names) {
        expect(name, code).toContain('2026');
        expect(name, code).not.toContain('date.');
      }
    }
  });

  it('Given an English screen, when Intl has the data, then dates and moments come from Intl in the British style', () => {
    const t = makeTranslator('en');
    expect(sessionDate(t, '2026-12-12')).toBe('12 December 2026');
    expect(momentText(t, '2026-12-12T14:30:00Z', 'UTC')).toBe('12 December 2026 at 14:30');
    expect(sessionDate(t, 'not a date')).toBe('not a date');
  });
});
