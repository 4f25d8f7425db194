/**
 * A language named after "in", as the facilitator's wording form and dashboard put it in a sentence. A session may
 * hold a language the app has no screens in (Somali, Bengali: the domain accepts them, and a session file or the
 * server can bring them); its wording rows still say "in Somali", not "Wording Somali".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '../../../src/ui/facilitator/messages';
import { loadLanguage, makeTranslator, PART } from '../../../src/ui/i18n';
import { inLanguage, languageName } from '../../../src/ui/i18n/languageName';

beforeAll(async () => {
  await loadLanguage('cy', PART.staff);
});

describe('a language after "in"', () => {
  it('Given one of the app’s languages, then the catalogue says it, mutated in Welsh', () => {
    expect(inLanguage(makeTranslator('en'), 'cy')).toBe('in Welsh');
    expect(inLanguage(makeTranslator('cy'), 'cy')).toBe('yn Gymraeg');
  });

  it('Given a session language the app has no screens in (Somali), then the sentence still says "in" before its name', () => {
    const en = makeTranslator('en');
    expect(inLanguage(en, 'so')).toBe(`in ${languageName(en, 'so')}`);
    expect(en('fac.form.wordingLegend', { inLanguage: inLanguage(en, 'so') })).toBe('Wording in Somali');
    const cy = makeTranslator('cy');
    expect(inLanguage(cy, 'so')).toBe(`yn ${languageName(cy, 'so')}`);
  });
});
