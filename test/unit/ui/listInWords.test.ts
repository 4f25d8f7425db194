/**
 * "A, B and C" in the screen's language. Chromium has no Welsh list data: Intl.ListFormat('cy-GB') quietly
 * answers in English ("Tabled 1, Tabled 2, and Tabled 3"), so without the data the list is written from the
 * catalogue's `list.and`. Node has the data, so the browser's gap is passed in as `hasListData: false`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { listInWords, startsWithVowelSound } from '../../../src/ui/facilitator/files/words';
import { loadLanguage, makeTranslator } from '../../../src/ui/i18n';

beforeAll(async () => {
  await Promise.all(['cy', 'pl', 'ur', 'ar'].map((code) => loadLanguage(code)));
});

describe('a list in words', () => {
  it('Given a Welsh screen on a browser without Welsh list data, then the list is joined the Welsh way, with no English in it', () => {
    const t = makeTranslator('cy');
    expect(listInWords(t, ['Tabled 1', 'Tabled 2', 'Tabled 3'], { hasListData: false })).toBe(
      'Tabled 1, Tabled 2 a Tabled 3',
    );
    expect(listInWords(t, ['Saesneg', 'Pwyleg'], { hasListData: false })).toBe('Saesneg a Pwyleg');
    expect(listInWords(t, ['Saesneg'], { hasListData: false })).toBe('Saesneg');
    expect(listInWords(t, [], { hasListData: false })).toBe('');
  });

  it('Given a Welsh list whose last item starts with a vowel sound, then "and" is "ac", not "a"', () => {
    const t = makeTranslator('cy');
    expect(listInWords(t, ['Saesneg', 'Wrdw'], { hasListData: false })).toBe('Saesneg ac Wrdw');
    expect(listInWords(t, ['Pwyleg', 'Saesneg', 'Arabeg'], { hasListData: false })).toBe(
      'Pwyleg, Saesneg ac Arabeg',
    );
    expect(listInWords(t, ['3 syniad', '8 sylw'], { hasListData: false })).toBe('3 syniad ac 8 sylw');
    expect(listInWords(t, ['3 syniad', '1 bleidlais'], { hasListData: false })).toBe(
      '3 syniad ac 1 bleidlais',
    );
    expect(listInWords(t, ['3 syniad', '14 sylw'], { hasListData: false })).toBe('3 syniad a 14 sylw');
    expect(listInWords(t, ['Arabeg', 'Cymraeg'], { hasListData: false })).toBe('Arabeg a Cymraeg');
    // Other languages' "and" does not change.
    expect(listInWords(makeTranslator('en'), ['Welsh', 'Urdu'], { hasListData: false })).toBe(
      'Welsh and Urdu',
    );
    expect(listInWords(makeTranslator('pl'), ['A', 'E'], { hasListData: false })).toBe('A i E');
  });

  it('Given a Welsh list of the app’s own words (language names), then the last one takes the spirant mutation after "a"; names people typed stay as typed', () => {
    const t = makeTranslator('cy');
    const ours = { hasListData: false, ownWords: true };
    expect(listInWords(t, ['Saesneg', 'Cymraeg'], ours)).toBe('Saesneg a Chymraeg');
    expect(listInWords(t, ['Saesneg', 'Cymraeg', 'Pwyleg'], ours)).toBe('Saesneg, Cymraeg a Phwyleg');
    expect(listInWords(t, ['Cymraeg', 'Arabeg'], ours)).toBe('Cymraeg ac Arabeg');
    expect(listInWords(t, ['Cymraeg', 'Saesneg'], ours)).toBe('Cymraeg a Saesneg');
    expect(listInWords(t, ['Tabled 1', 'Tabled 3'], { hasListData: false })).toBe('Tabled 1 a Tabled 3');
    expect(listInWords(makeTranslator('en'), ['English', 'Polish'], ours)).toBe('English and Polish');
  });

  it('Given the start of a word or number, then a vowel sound is a Welsh vowel letter or a number read from "un" or "wyth"', () => {
    for (const yes of [
      '“Oriel y dref”',
      '(8 sylw)',
      'Arabeg',
      'Éire',
      'ûn',
      'Wrdw',
      'ynys',
      ' Oriel',
      '1 syniad',
      '11 sylw',
      '8',
      '85 dot',
      '8,000',
    ]) {
      expect(startsWithVowelSound(yes), yes).toBe(true);
    }
    for (const no of ['Cymraeg', 'Tabled 3', 'Hywel', '2 syniad', '10 sylw', '18 dot', '1,000', '', '  ']) {
      expect(startsWithVowelSound(no), no).toBe(false);
    }
  });

  it('Given any of our languages without list data, then every item is there once, in order, and the join is the language’s own', () => {
    const items = ['A1', 'B2', 'C3', 'D4'];
    for (const code of ['en', 'cy', 'pl', 'ur', 'ar']) {
      const t = makeTranslator(code);
      const text = listInWords(t, items, { hasListData: false });
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
    expect(listInWords(makeTranslator('en'), items, { hasListData: false })).toBe('A1, B2, C3 and D4');
  });

  it('Given a browser with the language’s list data, then Intl writes the list', () => {
    const t = makeTranslator('en');
    expect(listInWords(t, ['A', 'B', 'C'])).toBe(
      new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(['A', 'B', 'C']),
    );
  });
});
