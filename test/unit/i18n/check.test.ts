/**
 * The catalogue rules (src/ui/i18n/check.ts) on small made-up catalogues: each kind of problem is found, in
 * words, and a right translation next to it is not blamed.
 */
import { describe, expect, it } from 'vitest';
import {
  checkLanguage,
  checkMessage,
  checkPart,
  jsonImports,
  lengthLimit,
  pluralCategories,
  requiredParts,
  residentParts,
  wiringProblems,
  type EnglishPart,
  type LanguageToCheck,
} from '../../../src/ui/i18n/check';

const welsh: LanguageToCheck = { code: 'cy', intl: 'cy-GB', name: 'Cymraeg', isStaff: true };
const polish: LanguageToCheck = { code: 'pl', intl: 'pl-PL', name: 'Polski', isStaff: false };
const urdu: LanguageToCheck = { code: 'ur', intl: 'ur-PK', name: 'اردو', isStaff: false };

const kiosk: EnglishPart = {
  part: 'kiosk',
  messages: {
    'kiosk.start': 'Start',
    'kiosk.lead': 'Help decide how {pot} is spent in {neighbourhood}.',
    'kiosk.ideas': { one: '{count} idea', other: '{count} ideas' },
    'kiosk.dots': {
      one: 'You have {count} dot.',
      other: 'You have {count} dots. Put up to {max} on one idea.',
    },
    'kiosk.max': 'You can put up to {max} dots on one idea.',
  },
};
const facilitator: EnglishPart = { part: 'facilitator', messages: { 'fac.heading': 'Facilitator mode' } };

/** A right Polish kiosk part, to spoil one message at a time. */
const polishKiosk = {
  'kiosk.start': 'Start',
  'kiosk.lead': 'Pomóż zdecydować, jak wydać {pot} w {neighbourhood}.',
  'kiosk.ideas': {
    one: '{count} pomysł',
    few: '{count} pomysły',
    many: '{count} pomysłów',
    other: '{count} pomysłu',
  },
  'kiosk.dots': {
    one: 'Masz jedną kropkę.',
    few: 'Masz {count} kropki. Najwyżej {max} na jednym pomyśle.',
    many: 'Masz {count} kropek. Najwyżej {max} na jednym pomyśle.',
    other: 'Masz {count} kropki. Najwyżej {max} na jednym pomyśle.',
  },
  'kiosk.max': 'Na jednym pomyśle możesz postawić najwyżej {max} kropek.',
};

const en = (key: string) => kiosk.messages[key]!;
const without = (o: object, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

describe('the catalogue rules (check.ts)', () => {
  it('Given the locales, Then the plural forms needed are the CLDR ones, in CLDR order', () => {
    expect(pluralCategories('cy-GB')).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect(pluralCategories('ar')).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect(pluralCategories('pl-PL')).toEqual(['one', 'few', 'many', 'other']);
    expect(pluralCategories('ur-PK')).toEqual(['one', 'other']);
  });

  it('Given a right Polish part, Then it has no problems', () => {
    expect(checkPart(kiosk, polishKiosk, polish)).toEqual([]);
  });

  it('Given a key missing and a key English does not have, Then both are named', () => {
    expect(
      checkPart(kiosk, { ...without(polishKiosk, 'kiosk.start'), 'kiosk.old': 'Stary' }, polish),
    ).toEqual([
      { part: 'kiosk', key: 'kiosk.start', text: 'has no translation.' },
      {
        part: 'kiosk',
        key: 'kiosk.old',
        text: 'is not a key of the English text (renamed or removed there?): remove it.',
      },
    ]);
  });

  it('Given a text that lacks a placeholder or adds one, Then the placeholder is named', () => {
    expect(
      checkMessage(en('kiosk.lead'), 'Pomóż zdecydować, jak wydać pieniądze w {neighbourhood}.', polish),
    ).toEqual(['lacks {pot}: keep every {…} of the English as it is.']);
    expect(checkMessage(en('kiosk.lead'), 'Wydaj {pot} w {neighbourhood} ({town}).', polish)).toEqual([
      'has {town}, which the English does not have: use only {pot}, {neighbourhood}.',
    ]);
    expect(checkMessage(en('kiosk.start'), 'Start {count}', polish)).toEqual([
      'has {count}, which the English does not have: use only no {…}.',
    ]);
  });

  it('Given plural forms, Then "one" may leave the number out but "few" may not, and each form keeps the others', () => {
    expect(
      checkMessage(en('kiosk.ideas'), { ...polishKiosk['kiosk.ideas'], one: 'Jeden pomysł' }, polish),
    ).toEqual([]);
    expect(
      checkMessage(en('kiosk.ideas'), { ...polishKiosk['kiosk.ideas'], few: 'Kilka pomysłów' }, polish),
    ).toEqual([
      'the "few" form lacks {count}, which the English "other" form has: keep every {…} of the English as it is.',
    ]);
    const noMax = { ...polishKiosk['kiosk.dots'], many: 'Masz {count} kropek.' };
    expect(checkMessage(en('kiosk.dots'), noMax, polish)).toEqual([
      'the "many" form lacks {max}, which the English "other" form has: keep every {…} of the English as it is.',
    ]);
  });

  it('Given Welsh forms, Then zero follows English "one" and two follows "other" (two must keep {max})', () => {
    const forms = {
      zero: 'Does gennych chi ddim dotiau.',
      one: 'Mae gennych un dot.',
      two: 'Mae gennych ddau ddot. Hyd at {max} ar un syniad.',
      few: 'Mae gennych {count} dot. Hyd at {max} ar un syniad.',
      many: 'Mae gennych {count} dot. Hyd at {max} ar un syniad.',
      other: 'Mae gennych {count} dot. Hyd at {max} ar un syniad.',
    };
    expect(checkMessage(en('kiosk.dots'), forms, welsh)).toEqual([]);
    expect(checkMessage(en('kiosk.dots'), { ...forms, two: 'Mae gennych ddau ddot.' }, welsh)).toEqual([
      'the "two" form lacks {max}, which the English "other" form has: keep every {…} of the English as it is.',
    ]);
  });

  it('Given a plural form the language needs is missing, or one it never uses is there, Then each is named', () => {
    expect(checkMessage(en('kiosk.ideas'), without(polishKiosk['kiosk.ideas'], 'many'), polish)).toEqual([
      'needs the plural form "many" (Polski uses one, few, many, other).',
    ]);
    expect(
      checkMessage(en('kiosk.ideas'), { ...polishKiosk['kiosk.ideas'], zero: 'Brak pomysłów' }, polish),
    ).toEqual(['has a "zero" form, which Polski does not use (it uses one, few, many, other): remove it.']);
    expect(checkMessage(en('kiosk.ideas'), '{count} pomysłów', polish)).toEqual([
      'needs plural forms (one, few, many, other), because the English changes with the number; write one text per form.',
    ]);
  });

  it('Given a sentence made plural, Then "by" must name one of its English placeholders', () => {
    const byMax = {
      by: 'max',
      one: 'Na jednym pomyśle możesz postawić jedną kropkę.',
      few: 'Na jednym pomyśle możesz postawić najwyżej {max} kropki.',
      many: 'Na jednym pomyśle możesz postawić najwyżej {max} kropek.',
      other: 'Na jednym pomyśle możesz postawić najwyżej {max} kropki.',
    };
    expect(checkMessage(en('kiosk.max'), byMax, polish)).toEqual([]);
    expect(checkMessage(en('kiosk.max'), { ...byMax, by: 'limit' }, polish)).toEqual([
      'chooses its plural form by {limit}, but the English has no {limit}: choose by one of {max}.',
      // and so "one" may no longer leave {max} out
      'the "one" form lacks {max}: keep every {…} of the English as it is.',
    ]);
    expect(checkMessage(en('kiosk.max'), without(byMax, 'by'), polish)).toEqual([
      'chooses its plural form by {count}, but the English has no {count}: choose by one of {max}.',
      'the "one" form lacks {max}: keep every {…} of the English as it is.',
    ]);
    expect(checkMessage(en('kiosk.ideas'), { ...polishKiosk['kiosk.ideas'], by: 'max' }, polish)).toContain(
      'chooses its plural form by {max}; the English chooses by {count}: keep that.',
    );
  });

  it('Given an empty text or an empty form, Then it is called empty', () => {
    expect(checkMessage(en('kiosk.start'), '  ', polish)).toEqual(['is empty.']);
    expect(checkMessage(en('kiosk.ideas'), { one: '{count} idea', other: '' }, urdu)).toEqual([
      'the "other" form is empty.',
    ]);
  });

  it('Given a text longer than the budget, Then the limit is said; a text at the limit passes', () => {
    // "Help decide how {pot} is spent in {neighbourhood}." is 50 characters: limit max(125, 90) = 125.
    expect(lengthLimit(50)).toBe(125);
    expect(lengthLimit(5)).toBe(45);
    const filler = (n: number) => `{pot} {neighbourhood} ${'a'.repeat(n - 22)}`;
    expect(checkMessage(en('kiosk.lead'), filler(125), polish)).toEqual([]);
    expect(checkMessage(en('kiosk.lead'), filler(126), polish)).toEqual([
      'is 126 characters long; the limit is 125 (2.5 times the English, at least the English plus 40), so it would not fit the screen.',
    ]);
    // Characters as people count them: 45 Urdu letters fit "Start" (5 characters, limit 45).
    expect(checkMessage(en('kiosk.start'), 'ش'.repeat(45), urdu)).toEqual([]);
  });

  it('Given a value that is not text, Then it says so', () => {
    expect(checkMessage(en('kiosk.start'), 42, polish)).toEqual(['is not text.']);
    expect(checkMessage(en('kiosk.ideas'), { ...polishKiosk['kiosk.ideas'], few: 3 }, polish)).toEqual([
      'has a "few" form that is not text.',
    ]);
  });

  it('Given resident and staff parts, Then Welsh needs every English part and Polish the resident ones only', () => {
    const parts = ['common', 'kiosk', 'facilitator'];
    expect(requiredParts(parts, new Set(['common', 'kiosk']), welsh)).toEqual(parts);
    expect(requiredParts(parts, new Set(['common', 'kiosk']), polish)).toEqual(['common', 'kiosk']);
  });

  it('Given a language folder, Then a missing file, an untouched part and a part the language does not use are named', () => {
    const english = [kiosk, facilitator];
    const resident = new Set(['kiosk']);
    expect(checkLanguage(english, resident, welsh, {})).toEqual([
      { part: 'kiosk', key: null, text: 'has no file yet.' },
      { part: 'facilitator', key: null, text: 'has no file yet.' },
    ]);
    expect(checkLanguage(english, resident, polish, { kiosk: {}, facilitator: {}, extra: {} })).toEqual([
      { part: 'kiosk', key: null, text: 'has none of its 5 texts translated yet.' },
      {
        part: 'facilitator',
        key: null,
        text: 'is not used: Polski is offered on resident screens only, so it needs just the resident parts.',
      },
      { part: 'extra', key: null, text: 'has no English part of that name (en/extra.ts): remove it.' },
    ]);
    expect(checkLanguage(english, resident, polish, { kiosk: polishKiosk })).toEqual([]);
  });

  it('Given bundle files, Then resident parts are what any resident.ts loads, and a bundle that misses one is named', () => {
    const plResident = "import type { Translation } from '../types';\nimport kiosk from './kiosk.json';\n";
    const urResident = "import kiosk from './kiosk.json';\nimport kioskEarlier from './kioskEarlier.json';\n";
    expect(jsonImports(urResident)).toEqual(['kiosk', 'kioskEarlier']);
    const resident = new Set(residentParts([plResident, urResident]));
    expect([...resident]).toEqual(['kiosk', 'kioskEarlier']);
    const earlier: EnglishPart = {
      part: 'kioskEarlier',
      messages: { 'kiosk.earlier.title': 'Earlier ideas' },
    };
    const english = [kiosk, earlier, facilitator];
    expect(wiringProblems(english, resident, polish, { 'resident.ts': plResident })).toEqual([
      {
        part: 'kioskEarlier',
        key: null,
        text: 'is not loaded by pl/resident.ts: import kioskEarlier.json there.',
      },
    ]);
    expect(wiringProblems(english, resident, welsh, { 'resident.ts': urResident })).toEqual([
      {
        part: 'facilitator',
        key: null,
        text: 'is not loaded by cy/staff.ts (the file is missing): import facilitator.json there.',
      },
    ]);
    expect(
      wiringProblems(english, resident, welsh, {
        'resident.ts': urResident,
        'staff.ts': "import facilitator from './facilitator.json';",
      }),
    ).toEqual([]);
  });
});
