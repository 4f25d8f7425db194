/**
 * "A, B and C" in the screen's language. Chromium has no Welsh list data: Intl.ListFormat('cy-GB') quietly
 * answers in English ("Tabled 1, Tabled 2, and Tabled 3"), so without the data the list is written from the
 * catalogue's `list.and`. Node has the data, so the browser's gap is passed in as `hasListData: false`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { listInWords } from '../../../src/ui/facilitator/files/words';
import { loadLanguage, makeTranslator } from '../../../src/ui/i18n';

beforeAll(async () => {
  await Promise.all(['cy', 'pl', 'ur', 'ar'].map((code) => loadLanguage(code)));
});

describe('a list in words', () => {
  it('Given a Welsh screen on a browser without Welsh list data, then the list is joined the Welsh way, with no English in it', () => {
    const t = makeTranslator('cy');
    expect(listInWords(t, ['Tabled 1', 'Tabled 2', 'Tabled 3'], false)).toBe('Tabled 1, Tabled 2 a Tabled 3');
    expect(listInWords(t, ['Saesneg', 'Pwyleg'], false)).toBe('Saesneg a Pwyleg');
    expect(listInWords(t, ['Saesneg'], false)).toBe('Saesneg');
    expect(listInWords(t, [], false)).toBe('');
  });

  it('Given any of our languages without list data, then every item is there once, in order, and the join is the language’s own', () => {
    const items = ['A1', 'B2', 'C3', 'D4'];
    for (const code of ['en', 'cy', 'pl', 'ur', 'ar']) {
      const t = makeTranslator(code);
      const text = listInWords(t, items, false);
      expect(text, code).not.toContain('list.and');
      const at = items.map((item) => text.indexOf(item));
      expect(
        at.every((i) => i >= 0),
        code,
      ).toBe(true);
      expect(
        [...at].sort((a, b) => a - b),
        code,
      ).toEqual(at);
    }
    expect(listInWords(makeTranslator('en'), items, false)).toBe('A1, B2, C3 and D4');
  });

  it('Given a browser with the language’s list data, then Intl writes the list', () => {
    const t = makeTranslator('en');
    expect(listInWords(t, ['A', 'B', 'C'])).toBe(
      new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(['A', 'B', 'C']),
    );
  });
});
