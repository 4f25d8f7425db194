import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/domain/limits';
import type { SessionSettings } from '../../../src/domain/types';
import {
  poolableTotal,
  requireDate,
  requirePence,
  requireText,
  requireWholeNumber,
  validateProposalInput,
  withoutBidiControls,
} from '../../../src/domain/validate';
import { validateMethod, validateSettings } from '../../../src/domain/validateSettings';
import { expectValidation, validSettings } from '../helpers/session';

const themes = validSettings().themes;

describe('requireText', () => {
  it('Given text with spaces around it, when checked, then it comes back trimmed', () => {
    expect(requireText('  Play park  ', 'title', 20)).toBe('Play park');
  });

  it('Given an empty or blank required text, when checked, then it is refused as required', () => {
    expectValidation(() => requireText('', 'title', 20), 'required', 'title');
    expectValidation(() => requireText('   ', 'title', 20), 'required', 'title');
  });

  it('Given a blank optional text, when checked, then it is accepted as empty', () => {
    expect(requireText('  ', 'where', 20, false)).toBe('');
  });

  it('Given text holding bidi embeddings, overrides or isolates, when checked, then they are taken out before the trim and the limit', () => {
    // "Bus pass U+202E costs £1,000": left in, the override reversed the staff sentence around the title.
    expect(requireText('Bus pass \u202Ecosts £1,000', 'title', 120)).toBe('Bus pass costs £1,000');
    expect(requireText('\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069 Play park \u202E', 'title', 9)).toBe(
      'Play park',
    );
    expectValidation(() => requireText('\u202E\u2069', 'title', 20), 'required', 'title');
  });

  it('Given Arabic and Urdu text with the marks their writers use (RLM, LRM, ALM), when checked, then it comes back whole', () => {
    const arabic = 'نادي الشباب 2\u200F';
    const urdu = 'نوجوانوں کا کلب \u061C٣٠٠ \u200Eok';
    expect(requireText(arabic, 'title', 120)).toBe(arabic);
    expect(requireText(urdu, 'title', 120)).toBe(urdu);
    expect(withoutBidiControls('Zoë’s café 👩🏽‍🍳')).toBe('Zoë’s café 👩🏽‍🍳');
  });

  it('Given something that is not text, when checked, then it is refused as required', () => {
    expectValidation(() => requireText(42, 'title', 20), 'required', 'title');
    expectValidation(() => requireText(undefined, 'where', 20, false), 'required', 'where');
  });

  it('Given text exactly at the limit, when checked, then it passes; one character more is tooLong', () => {
    expect(requireText('x'.repeat(20), 'title', 20)).toHaveLength(20);
    const error = expectValidation(() => requireText('x'.repeat(21), 'title', 20), 'tooLong', 'title');
    expect(error.params).toEqual({ max: 20 });
  });
});

describe('requirePence', () => {
  it('Given zero and the largest allowed amount, when checked, then both pass', () => {
    expect(requirePence(0, 'cost')).toBe(0);
    expect(requirePence(LIMITS.maxPence, 'cost')).toBe(LIMITS.maxPence);
  });

  it('Given a negative amount, when checked, then it is negativeMoney', () => {
    expectValidation(() => requirePence(-1, 'cost'), 'negativeMoney', 'cost');
  });

  it('Given fractions of a penny, NaN, Infinity or a string, when checked, then each is notWholePence', () => {
    for (const bad of [0.5, 12.01, Number.NaN, Number.POSITIVE_INFINITY, '100']) {
      expectValidation(() => requirePence(bad, 'cost'), 'notWholePence', 'cost');
    }
  });

  it('Given one penny over the limit, when checked, then it is tooMuchMoney', () => {
    expectValidation(() => requirePence(LIMITS.maxPence + 1, 'cost'), 'tooMuchMoney', 'cost');
  });
});

describe('requireWholeNumber', () => {
  it('Given the bounds themselves, when checked, then they pass', () => {
    expect(requireWholeNumber(1, 'n', 1, 5)).toBe(1);
    expect(requireWholeNumber(5, 'n', 1, 5)).toBe(5);
  });

  it('Given a number just outside the range, when checked, then it is outOfRange with the bounds', () => {
    expect(expectValidation(() => requireWholeNumber(0, 'n', 1, 5), 'outOfRange', 'n').params).toEqual({
      min: 1,
      max: 5,
    });
    expectValidation(() => requireWholeNumber(6, 'n', 1, 5), 'outOfRange', 'n');
  });

  it('Given NaN or a fraction, when checked, then it is notWholeNumber', () => {
    expectValidation(() => requireWholeNumber(Number.NaN, 'n', 1, 5), 'notWholeNumber', 'n');
    expectValidation(() => requireWholeNumber(2.5, 'n', 1, 5), 'notWholeNumber', 'n');
  });
});

describe('requireDate', () => {
  it('Given a real calendar date including a leap day, when checked, then it passes', () => {
    expect(requireDate('2025-04-12', 'date')).toBe('2025-04-12');
    expect(requireDate('2024-02-29', 'date')).toBe('2024-02-29');
  });

  it('Given impossible dates or other formats, when checked, then each is badDate', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '2025-04-31', '12/04/2025', '2025-4-12', '', 20250412]) {
      expectValidation(() => requireDate(bad, 'date'), 'badDate', 'date');
    }
  });
});

describe('validateMethod', () => {
  it('Given each method with valid numbers, when checked, then it comes back unchanged', () => {
    expect(validateMethod({ kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 5 })).toEqual({
      kind: 'dots',
      dotsPerParticipant: 5,
      maxDotsPerProposal: 5,
    });
    expect(validateMethod({ kind: 'budget', minSharePercent: 100 })).toEqual({
      kind: 'budget',
      minSharePercent: 100,
    });
    expect(validateMethod({ kind: 'ranking', maxRanked: LIMITS.maxRanked })).toEqual({
      kind: 'ranking',
      maxRanked: LIMITS.maxRanked,
    });
  });

  it('Given more dots per proposal than dots in all, when checked, then maxDotsPerProposal is outOfRange', () => {
    expectValidation(
      () => validateMethod({ kind: 'dots', dotsPerParticipant: 3, maxDotsPerProposal: 4 }),
      'outOfRange',
      'method.maxDotsPerProposal',
    );
  });

  it('Given out-of-range settings for each method, when checked, then the right field is named', () => {
    expectValidation(
      () => validateMethod({ kind: 'dots', dotsPerParticipant: LIMITS.maxDots + 1, maxDotsPerProposal: 1 }),
      'outOfRange',
      'method.dotsPerParticipant',
    );
    expectValidation(
      () => validateMethod({ kind: 'budget', minSharePercent: 101 }),
      'outOfRange',
      'method.minSharePercent',
    );
    expectValidation(
      () => validateMethod({ kind: 'ranking', maxRanked: 0 }),
      'outOfRange',
      'method.maxRanked',
    );
  });

  it('Given no method or an unknown kind, when checked, then method is required', () => {
    expectValidation(() => validateMethod(undefined), 'required', 'method');
    expectValidation(() => validateMethod({ kind: 'lottery' }), 'required', 'method');
  });
});

describe('validateSettings', () => {
  it('Given valid settings with padded text and a repeated language, when checked, then they are normalised', () => {
    const clean = validateSettings(
      validSettings({ title: '  Spring workshop ', languages: ['en', 'cy', 'en'], isEnded: true }),
    );
    expect(clean.title).toBe('Spring workshop');
    expect(clean.languages).toEqual(['en', 'cy']);
    expect(clean.isEnded).toBe(true);
    expect(clean.potPence).toBe(validSettings().potPence);
  });

  it('Given the money map, when the poolable total is taken, then only poolable streams add up', () => {
    const streams = validSettings().fundingStreams;
    const expected = streams.filter((s) => s.isPoolable).reduce((sum, s) => sum + s.annualPence, 0);
    expect(poolableTotal(streams)).toBe(expected);
    expect(poolableTotal(streams)).toBeLessThan(streams.reduce((sum, s) => sum + s.annualPence, 0));
  });

  it('Given a pot exactly the poolable total, when checked, then it passes; one penny more is potOverPoolable', () => {
    const poolable = poolableTotal(validSettings().fundingStreams);
    expect(validateSettings(validSettings({ potPence: poolable })).potPence).toBe(poolable);
    const error = expectValidation(
      () => validateSettings(validSettings({ potPence: poolable + 1 })),
      'potOverPoolable',
      'potPence',
    );
    expect(error.params).toEqual({ poolable });
  });

  it('Given a pot of zero, when checked, then it is potNotPositive', () => {
    expectValidation(() => validateSettings(validSettings({ potPence: 0 })), 'potNotPositive', 'potPence');
  });

  it('Given a funding stream with a negative amount, when checked, then that stream’s amount is named', () => {
    const streams = validSettings().fundingStreams.map((s, i) => (i === 1 ? { ...s, annualPence: -5 } : s));
    expectValidation(
      () => validateSettings(validSettings({ fundingStreams: streams })),
      'negativeMoney',
      'fundingStreams.1.annualPence',
    );
  });

  it('Given two themes whose names differ only in case, when checked, then the second is duplicateName', () => {
    const dup = [
      { id: 't1', name: 'Safety' },
      { id: 't2', name: ' SAFETY ' },
    ];
    expectValidation(
      () => validateSettings(validSettings({ themes: dup })),
      'duplicateName',
      'themes.1.name',
    );
  });

  it('Given no themes, or one more than the limit, when checked, then tooFew / tooMany', () => {
    expectValidation(() => validateSettings(validSettings({ themes: [] })), 'tooFew', 'themes');
    const many = Array.from({ length: LIMITS.maxThemes + 1 }, (_, i) => ({
      id: `t${i}`,
      name: `Theme ${i}`,
    }));
    expectValidation(() => validateSettings(validSettings({ themes: many })), 'tooMany', 'themes');
  });

  it('Given an unknown language code or none at all, when checked, then unknownLanguage / tooFew', () => {
    const error = expectValidation(
      () => validateSettings(validSettings({ languages: ['en', 'xx'] })),
      'unknownLanguage',
      'languages',
    );
    expect(error.params).toEqual({ language: 'xx' });
    expectValidation(() => validateSettings(validSettings({ languages: [] })), 'tooFew', 'languages');
  });

  it('Given a bad date, an over-long title or an empty venue, when checked, then that field is named', () => {
    expectValidation(() => validateSettings(validSettings({ date: '2025-02-30' })), 'badDate', 'date');
    expectValidation(
      () => validateSettings(validSettings({ title: 'x'.repeat(LIMITS.sessionTitleLength + 1) })),
      'tooLong',
      'title',
    );
    expectValidation(() => validateSettings(validSettings({ venue: ' ' })), 'required', 'venue');
  });

  it('Given an about-you question with one option, when checked, then its options are tooFew', () => {
    const aboutYou = [{ id: 'q', text: 'Do you drive?', options: ['Yes'] }];
    expectValidation(() => validateSettings(validSettings({ aboutYou })), 'tooFew', 'aboutYou.0.options');
  });

  it('Given a PIN record with no hash, when checked, then it is badPin', () => {
    const pin = { saltB64: 'c2FsdA==', iterations: 1000 } as unknown as SessionSettings['pin'];
    expectValidation(() => validateSettings(validSettings({ pin })), 'badPin', 'pin');
  });
});

describe('validateProposalInput', () => {
  const input = {
    title: ' Youth club ',
    description: ' Fridays ',
    themeId: 'theme-young',
    costPence: 250_000,
    where: '',
  };

  it('Given a valid idea, when checked, then it comes back trimmed', () => {
    expect(validateProposalInput(input, themes)).toEqual({
      ...input,
      title: 'Youth club',
      description: 'Fridays',
    });
  });

  it('Given an empty or over-long title, when checked, then required / tooLong on title', () => {
    expectValidation(() => validateProposalInput({ ...input, title: '' }, themes), 'required', 'title');
    expectValidation(
      () => validateProposalInput({ ...input, title: 'x'.repeat(LIMITS.titleLength + 1) }, themes),
      'tooLong',
      'title',
    );
  });

  it('Given a theme the session does not have, when checked, then it is unknownTheme', () => {
    expectValidation(
      () => validateProposalInput({ ...input, themeId: 'theme-x' }, themes),
      'unknownTheme',
      'themeId',
    );
  });

  it('Given a negative, fractional or NaN cost, when checked, then the cost is refused', () => {
    expectValidation(
      () => validateProposalInput({ ...input, costPence: -100 }, themes),
      'negativeMoney',
      'costPence',
    );
    expectValidation(
      () => validateProposalInput({ ...input, costPence: 9.99 }, themes),
      'notWholePence',
      'costPence',
    );
    expectValidation(
      () => validateProposalInput({ ...input, costPence: Number.NaN }, themes),
      'notWholePence',
      'costPence',
    );
  });
});
