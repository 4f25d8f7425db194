// The session's own words in every language it offers: a resident who chooses Cymraeg reads the consent and the
// questions about them in Cymraeg where the facilitator gave them, and their answer counts with everyone else's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endSession, updateSettings } from '../../../src/doc/sessionCommands';
import { viewSession } from '../../../src/doc/session';
import { checkRecord } from '../../../src/doc/recordShapes';
import { effectiveSettings } from '../../../src/domain/settings';
import type { SettingsEdit, Wording } from '../../../src/domain/types';
import { validateSettings } from '../../../src/domain/validateSettings';
import { consentFor, isFullyWorded, questionsFor, writtenIn } from '../../../src/domain/wording';
import { changedWording, settingsPatch } from '../../../src/ui/facilitator/SessionFormScreen';
import { emptyForm, formFromSettings, readForm } from '../../../src/ui/facilitator/formModel';
import '../../../src/ui/facilitator/messages';
import { loadLanguage, makeTranslator } from '../../../src/ui/i18n';
import { createdSession, expectValidation, testContext, validSettings } from '../helpers/session';

const welsh: Wording = {
  consentText: 'Defnyddir eich syniadau i gynllunio gwasanaethau.',
  aboutYou: {
    age: {
      text: 'Faint yw eich oed?',
      options: ['Dan 18', '18 i 64', '65 neu hŷn'],
      of: ['Under 18', '18 to 64', '65 or over'],
    },
  },
};

describe('the wording a resident reads', () => {
  it('Given a Welsh wording, when a Welsh turn reads the consent and the questions, then they are in Welsh and marked cy, with the answers as typed', () => {
    const s = validSettings({ wordingLanguage: 'en', translations: { cy: welsh } });
    expect(consentFor(s, 'cy')).toEqual({ text: welsh.consentText, lang: 'cy' });
    const [age] = questionsFor(s, 'cy');
    expect(age?.text).toEqual({ text: 'Faint yw eich oed?', lang: 'cy' });
    expect(age?.options.map((o) => [o.value, o.label.text, o.label.lang])).toEqual([
      ['Under 18', 'Dan 18', 'cy'],
      ['18 to 64', '18 i 64', 'cy'],
      ['65 or over', '65 neu hŷn', 'cy'],
    ]);
    // English turns, and Arabic ones with no wording, read what was typed, marked as English.
    expect(consentFor(s, 'en')).toEqual({ text: s.consentText, lang: 'en' });
    expect(consentFor(s, 'ar')).toEqual({ text: s.consentText, lang: 'en' });
    expect(questionsFor(s, 'ar')[0]?.options[0]?.label).toEqual({ text: 'Under 18', lang: 'en' });
  });

  it('Given the question’s options renamed, moved or added after they were translated, when a Welsh turn reads it, then each label stays on the option it was typed for and the others are shown as typed (an answer is never a different option)', () => {
    const s = validSettings({
      translations: { cy: welsh },
      aboutYou: [
        { id: 'age', text: 'How old are you?', options: ['65 or over', 'Under 18', '18 to 39', '40 to 64'] },
      ],
    });
    const [age] = questionsFor(s, 'cy');
    expect(age?.text.text).toBe('Faint yw eich oed?');
    expect(age?.options.map((o) => [o.value, o.label.text, o.label.lang])).toEqual([
      ['65 or over', '65 neu hŷn', 'cy'],
      ['Under 18', 'Dan 18', 'cy'],
      ['18 to 39', '18 to 39', 'en'],
      ['40 to 64', '40 to 64', 'en'],
    ]);
    expect(isFullyWorded(s, 'cy')).toBe(false);
  });

  it('Property: whatever the options and the labels, a label is only ever shown on the option it was typed for', () => {
    const option = fc.constantFrom('A', 'B', 'C', 'D', 'E');
    fc.assert(
      fc.property(
        fc.uniqueArray(option, { minLength: 2, maxLength: 5 }),
        fc.array(fc.tuple(option, fc.string({ minLength: 1, maxLength: 3 })), { maxLength: 6 }),
        (options, typed) => {
          const of = typed.map(([o]) => o);
          const labels = typed.map(([o, l]) => `${o}:${l}`);
          const s = validSettings({
            aboutYou: [{ id: 'q', text: 'Q', options }],
            translations: { cy: { aboutYou: { q: { options: labels, of } } } },
          });
          for (const shown of questionsFor(s, 'cy')[0]!.options) {
            if (shown.label.lang === 'cy') expect(shown.label.text.startsWith(`${shown.value}:`)).toBe(true);
            else expect(shown.label.text).toBe(shown.value);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('Given a session made before the setting (no wording language), when it is read, then its words are taken as its first language and a wording in that language is not used', () => {
    const s = validSettings({ languages: ['cy', 'en'], translations: { cy: welsh } });
    expect(writtenIn(s)).toBe('cy');
    expect(consentFor(s, 'cy')).toEqual({ text: s.consentText, lang: 'cy' });
  });
});

describe('whether a language has all its wording (the facilitator dashboard says which do not)', () => {
  it('Given the Welsh consent, question and options, then Welsh is fully worded; one option left empty, or no wording, and it is not', () => {
    const s = validSettings({ wordingLanguage: 'en', translations: { cy: welsh } });
    expect(isFullyWorded(s, 'en')).toBe(true);
    expect(isFullyWorded(s, 'cy')).toBe(true);
    expect(isFullyWorded(s, 'ar')).toBe(false);
    const oneShort = {
      ...welsh,
      aboutYou: {
        age: {
          text: 'Faint yw eich oed?',
          options: ['Dan 18', '65 neu hŷn'],
          of: ['Under 18', '65 or over'],
        },
      },
    };
    expect(isFullyWorded(validSettings({ translations: { cy: oneShort } }), 'cy')).toBe(false);
  });
});

describe('the wording in the settings', () => {
  const t = makeTranslator('en');

  it('Given wording with spaces and empty parts, when the settings are checked, then it is trimmed and what is empty is left out', () => {
    const checked = validateSettings(
      validSettings({
        wordingLanguage: 'en',
        translations: {
          cy: {
            consentText: '  Cytuno  ',
            aboutYou: {
              age: { text: ' ', options: ['', ' Dan 18 ', ''], of: ['Under 18', '18 to 64', '65 or over'] },
            },
          },
          ar: { consentText: '' },
        },
      }),
    );
    expect(checked.translations).toEqual({
      cy: { consentText: 'Cytuno', aboutYou: { age: { options: ['Dan 18'], of: ['18 to 64'] } } },
      ar: {},
    });
    expect(checked.wordingLanguage).toBe('en');
  });

  it('Given a consent too long, when checked, then it is refused by name; a typed-in language the app does not know is left out and read as the first language', () => {
    const odd = validateSettings(validSettings({ wordingLanguage: 'xx' }));
    expect(odd).not.toHaveProperty('wordingLanguage');
    expect(writtenIn(validSettings({ wordingLanguage: 'xx', languages: ['cy', 'en'] }))).toBe('cy');
    expectValidation(
      () => validateSettings(validSettings({ translations: { cy: { consentText: 'a'.repeat(3001) } } })),
      'tooLong',
      'translations.cy.consentText',
    );
  });

  it('Given a session typed in English that stops offering English, when the form is saved and a Welsh turn reads it, then the words are still English where no Welsh is given, and Welsh where it is', () => {
    const s = validSettings({ wordingLanguage: 'en', translations: { cy: { consentText: 'Cytuno' } } });
    const form = formFromSettings(t, s);
    const read = readForm(t, { ...form, languages: ['cy'] }, null);
    expect(read.errors).toEqual({});
    expect(read.settings?.wordingLanguage).toBe('en');
    const saved = validateSettings({ ...s, ...read.settings! });
    expect(consentFor(saved, 'cy')).toEqual({ text: 'Cytuno', lang: 'cy' });
    expect(questionsFor(saved, 'cy')[0]?.text).toEqual({ text: 'How old are you?', lang: 'en' });
  });

  it('Given a new session form on a Welsh screen, then its default consent (in Welsh) is said to be typed in Welsh', async () => {
    await loadLanguage('cy', 'staff');
    expect(emptyForm(makeTranslator('cy')).wordingLanguage).toBe('cy');
    expect(emptyForm(t).wordingLanguage).toBe('en');
  });

  it('Given a new session form on a Welsh screen, when it is saved as it stands, then residents are offered Welsh and English and each reads the consent in their own language', async () => {
    await loadLanguage('cy', 'staff');
    const cy = makeTranslator('cy');
    const form = emptyForm(cy);
    const filled = {
      ...form,
      title: 'Cwrdd',
      neighbourhood: 'Grangetown',
      date: '2027-01-12',
      venue: 'Neuadd',
      streams: [{ ...form.streams[0]!, publicBody: 'Cyngor', service: 'Parciau', amount: '1000' }],
      pot: '1000',
    };
    const read = readForm(cy, filled, { isChanging: true, pin: '4821', confirm: '4821' });
    expect(read.errors).toEqual({});
    const s = validateSettings({ ...validSettings(), ...read.settings!, aboutYou: [] });
    expect(s.languages).toEqual(['cy', 'en']);
    expect(consentFor(s, 'cy')).toEqual({ text: cy('fac.form.consentDefault'), lang: 'cy' });
    expect(consentFor(s, 'en')).toEqual({ text: t('fac.form.consentDefault'), lang: 'en' });
    expect(cy('fac.form.consentDefault')).not.toBe(t('fac.form.consentDefault'));
    expect(isFullyWorded(s, 'en')).toBe(true);
    // An English screen offers English only, as before.
    expect(emptyForm(t).languages).toEqual(['en']);
  });

  it('Given wording that is not text, when a settings edit arrives from outside, then its shape is refused', () => {
    const edit = (translations: unknown) => ({
      id: 'e1',
      deviceId: 'd',
      at: 1,
      values: { translations },
    });
    expect(checkRecord('settings', 'e1', edit({ cy: welsh }))).toEqual([]);
    expect(checkRecord('settings', 'e1', edit({ cy: 'Cytuno' })).map((p) => p.problem)).toEqual([
      'wrongType',
    ]);
    expect(
      checkRecord('settings', 'e1', edit({ cy: { aboutYou: { age: { options: [1] } } } })).map(
        (p) => p.field,
      ),
    ).toEqual(['values.translations.cy.aboutYou.age.options.0']);
  });

  it('Given the form with a Welsh label too long and the original options then reordered, when it is read, then that answer’s field says so, and once fixed each label is saved with its own option', () => {
    const form = formFromSettings(t, validSettings({ wordingLanguage: 'en' }));
    const labels = { 'Under 18': 'Dan 18', '65 or over': 'x'.repeat(81) };
    const typed = { consentText: 'Cytuno', questions: { age: { text: 'Oed?', labels } } };
    const read = readForm(t, { ...form, translations: { cy: typed } }, null);
    expect(read.settings).toBeNull();
    expect(Object.keys(read.errors)).toEqual(['translations.cy.aboutYou.age.options.2']);

    const fixed = {
      ...typed,
      questions: { age: { text: 'Oed?', labels: { ...labels, '65 or over': '65 neu hŷn' } } },
    };
    const reordered = form.questions.map((q) => ({ ...q, options: '65 or over\nUnder 18\n18 to 64' }));
    const saved = readForm(t, { ...form, questions: reordered, translations: { cy: fixed } }, null);
    expect(saved.errors).toEqual({});
    expect(saved.settings?.translations?.cy?.aboutYou?.age).toEqual({
      text: 'Oed?',
      options: ['65 neu hŷn', 'Dan 18'],
      of: ['65 or over', 'Under 18'],
    });
  });

  it('Given settings with a wording, when they go through the form and back, then the same wording is saved, and only a changed language is sent', () => {
    const s = validSettings({
      wordingLanguage: 'en',
      translations: { cy: welsh, ar: { consentText: 'نص' } },
    });
    const form = formFromSettings(t, s);
    const read = readForm(t, form, null);
    expect(read.errors).toEqual({});
    expect(read.settings?.translations).toEqual(s.translations);
    expect(changedWording(read.settings?.translations, s.translations)).toBeNull();
    const edited = readForm(
      t,
      { ...form, translations: { ...form.translations, ar: { consentText: 'نص جديد', questions: {} } } },
      null,
    );
    expect(changedWording(edited.settings?.translations, s.translations)).toEqual({
      ar: { consentText: 'نص جديد' },
    });
  });
});

describe('what a save of the edit form sends', () => {
  const t = makeTranslator('en');

  it('Given a session made before the setting, offered in English and Welsh with a Welsh wording, when a facilitator turns English off and saves, then the words stay English (the setting is written) and Welsh residents read the Welsh wording', () => {
    const current = validSettings({
      languages: ['en', 'cy'],
      translations: { cy: { consentText: 'Cytuno' } },
    });
    const form = formFromSettings(t, current);
    const read = readForm(t, { ...form, languages: ['cy'] }, null);
    const patch = settingsPatch(read.settings!, current, {
      loaded: current.translations,
      isWithCouncil: false,
    });
    expect(patch).toMatchObject({ languages: ['cy'], wordingLanguage: 'en' });
    const after = { ...current, ...patch };
    expect(consentFor(after, 'cy')).toEqual({ text: 'Cytuno', lang: 'cy' });
    // Saved unchanged, such a session sends nothing.
    const same = readForm(t, form, null).settings!;
    expect(settingsPatch(same, current, { loaded: current.translations, isWithCouncil: false })).toEqual({});
  });

  it('Given another facilitator’s Welsh wording saved while this form was open, when this facilitator changes only the title and saves, then the Welsh wording saved meanwhile is kept', () => {
    const atOpen = validSettings({
      wordingLanguage: 'en',
      translations: { cy: { consentText: 'Cytuno v1' } },
    });
    const form = formFromSettings(t, atOpen);
    const loaded = readForm(t, form, null).settings?.translations;
    const now = { ...atOpen, translations: { cy: { consentText: 'Cytuno v2' } } };
    const read = readForm(t, { ...form, title: 'A new title' }, null);
    const patch = settingsPatch(read.settings!, now, { loaded, isWithCouncil: false });
    expect(patch).toEqual({ title: 'A new title' });
  });
});

describe('wording typed apart on two devices', () => {
  it('Given an edit whose wording has a blank answer it labels or a blank question id (shapes let both through), when the session is later edited or ended, then they are left out and nothing is refused', () => {
    const a = createdSession(validSettings({ wordingLanguage: 'en' }));
    a.doc.transact(() =>
      a.doc.getMap('settings').set('e-blank', {
        id: 'e-blank',
        deviceId: 'device-x',
        at: a.clock.now() + 1,
        values: {
          translations: {
            so: { aboutYou: { age: { options: ['x'], of: [' '] }, '  ': { text: 'y' } } },
            cy: welsh,
          },
        },
      }),
    );
    a.clock.advance(5);
    expect(validateSettings(viewSession(a.doc)!.settings).translations).toEqual({ so: {}, cy: welsh });
    updateSettings(a.doc, { title: 'Still editable' }, a.ctx);
    endSession(a.doc, a.ctx);
    expect(viewSession(a.doc)?.settings).toMatchObject({ title: 'Still editable', isEnded: true });
  });

  it('Given an edit carrying wording for a language this app does not know (a newer app’s or a forger’s), when the settings are checked and later edited, then it is left out and nothing is refused', () => {
    const a = createdSession(validSettings({ wordingLanguage: 'en' }));
    a.doc.transact(() =>
      a.doc.getMap('settings').set('e-x', {
        id: 'e-x',
        deviceId: 'device-x',
        at: a.clock.now() + 1,
        values: { translations: { xx: { consentText: 'x' }, cy: welsh } },
      }),
    );
    a.clock.advance(5);
    expect(validateSettings(viewSession(a.doc)!.settings).translations).toEqual({ cy: welsh });
    updateSettings(a.doc, { title: 'Still editable' }, a.ctx);
    expect(viewSession(a.doc)?.settings.title).toBe('Still editable');
  });

  it('Given a Welsh wording saved on one device and an Arabic one on another, when the two merge, then both are kept', () => {
    const a = createdSession(validSettings({ wordingLanguage: 'en' }));
    const b = testContext('device-b', { startAt: a.clock.now() + 5 });
    updateSettings(a.doc, { translations: { cy: welsh } }, a.ctx);
    updateSettings(a.doc, { translations: { ar: { consentText: 'نص' } } }, b.ctx);
    const settings = viewSession(a.doc)?.settings;
    expect(settings?.translations).toEqual({ cy: welsh, ar: { consentText: 'نص' } });
  });

  it('Property: whatever the order of the edits, each language has the wording of the latest edit that carried it', () => {
    const langs = ['cy', 'ar', 'pl'] as const;
    const editArb = fc.record({
      at: fc.integer({ min: 1, max: 50 }),
      wording: fc.dictionary(
        fc.constantFrom(...langs),
        fc.string({ maxLength: 4 }).map((c) => ({ consentText: c })),
      ),
    });
    fc.assert(
      fc.property(fc.array(editArb, { maxLength: 8 }), (raw) => {
        const edits: SettingsEdit[] = raw.map((r, i) => ({
          id: `e${String(i).padStart(2, '0')}`,
          deviceId: 'd',
          at: r.at,
          values: { translations: r.wording },
        }));
        const shuffled = [...edits].reverse();
        const merged = effectiveSettings(shuffled)?.translations ?? {};
        const inOrder = [...edits].sort((x, y) => x.at - y.at || x.id.localeCompare(y.id));
        for (const lang of langs) {
          const last = inOrder.filter((e) => e.values.translations?.[lang] !== undefined).at(-1);
          expect(merged[lang]).toEqual(last?.values.translations?.[lang]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
