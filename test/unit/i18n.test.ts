import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/domain/errors';
import {
  addMessages,
  isolate,
  LOCALES,
  loadLanguage,
  makeTranslator,
  type MessageKey,
  type Translator,
} from '../../src/ui/i18n';
import type { Message } from '../../src/ui/i18n/types';
import { enShell } from '../../src/ui/i18n/en';
import { errorsOffice } from '../../src/ui/i18n/en/errorsOffice';
import { facilitator } from '../../src/ui/i18n/en/facilitator';
import { paper } from '../../src/ui/i18n/en/paper';
import { room } from '../../src/ui/i18n/en/room';
// The kiosk's later steps' English (idea counts, the menu) registers as their chunk loads; these tests use it.
import '../../src/ui/kiosk/laterMessages';

const en = { ...enShell, ...errorsOffice, ...facilitator };

/** A made-up language registered for one test only: data, no code change. */
function withTestLocale(
  intl: string,
  dir: 'ltr' | 'rtl',
  messages: Partial<Record<MessageKey, Message>>,
  run: (t: Translator) => void,
): void {
  LOCALES.test = { code: 'test', intl, dir, name: 'Test', isStaff: false, messages };
  try {
    run(makeTranslator('test'));
  } finally {
    delete LOCALES.test;
  }
}

describe('message catalogue', () => {
  it('Given every error the domain can raise, Then English has words for it', () => {
    for (const code of ERROR_CODES) {
      expect(en).toHaveProperty(`error.${code}`);
    }
  });

  it('Given the facilitator screens’ messages load with their chunk, Then the shell falls back to the key until then', async () => {
    const t = makeTranslator('en');
    expect(enShell).not.toHaveProperty('fac.dash.heading');
    await import('../../src/ui/facilitator/messages');
    expect(t('fac.dash.heading')).toBe(facilitator['fac.dash.heading']);
  });

  it('Given a message with placeholders and plurals, Then they are filled in', () => {
    const t = makeTranslator('en');
    expect(t('error.tooLong', { max: 120 })).toBe('This is too long: please keep it to 120 characters.');
    // Every number is written the language's way, not only {count}.
    expect(t('error.tooLong', { max: 12000 })).toBe('This is too long: please keep it to 12,000 characters.');
    expect(t('kiosk.ideas.count', { count: 1 })).toBe('1 idea');
    expect(t('kiosk.ideas.count', { count: 1200 })).toBe('1,200 ideas');
    expect(t.money(250_000)).toBe('£2,500');
    expect(t.money(1250)).toBe('£12.50');
  });

  it('Given a right-to-left language is added as data only, Then direction and fallback work without code changes', () => {
    withTestLocale('ar', 'rtl', { 'common.save': 'حفظ' }, (t) => {
      expect(t.locale.dir).toBe('rtl');
      expect(t('common.save')).toBe('حفظ');
      expect(t('common.cancel' satisfies MessageKey)).toBe('Cancel');
    });
  });

  it('Given every English message, Then none is empty and placeholders are well formed', () => {
    for (const [key, message] of Object.entries(en)) {
      const texts = typeof message === 'string' ? [message] : Object.values(message);
      for (const text of texts) {
        expect(text.trim(), key).not.toBe('');
        for (const p of text.match(/\{[^}]*\}/g) ?? []) expect(p, key).toMatch(/^\{\w+\}$/);
      }
    }
  });

  it('Given Welsh is fetched, Then a count uses the Welsh form its number needs and money is formatted for cy-GB', async () => {
    await loadLanguage('cy');
    const t = makeTranslator('cy');
    const welsh = LOCALES.cy!.messages['kiosk.ideas.count'];
    expect(typeof welsh).toBe('object');
    const forms = welsh as Record<string, string>;
    for (const n of [0, 1, 2, 3, 6, 100]) {
      const category = new Intl.PluralRules('cy-GB').select(n);
      expect(t('kiosk.ideas.count', { count: n })).toBe(
        (forms[category] ?? forms.other!).replace('{count}', String(n)),
      );
    }
    expect(t('kiosk.welcome.start')).not.toBe('Start');
    expect(t.money(250_000)).toBe(
      new Intl.NumberFormat('cy-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 }).format(
        2500,
      ),
    );
  });

  it('Given money in Polish and Arabic, Then it says £ where the language has it, and Arabic’s UK£ stays whole in right-to-left text', async () => {
    await Promise.all([loadLanguage('pl'), loadLanguage('ar')]);
    const pl = makeTranslator('pl').money(800_000);
    expect(pl).toContain('£');
    expect(pl).not.toContain('GBP');
    // The currency is an isolate of its own (LRI … PDI), so the bidi algorithm cannot tear "£" from "UK", which
    // showed "£UK 8,000" on an Arabic screen; the figure is untouched.
    const ar = makeTranslator('ar').money(800_000);
    const currency = /\u2066([^\u2069]*)\u2069/.exec(ar);
    expect(currency?.[1]).toMatch(/£/);
    expect(ar.replace(/[\u2066\u2069]/g, '')).toBe(
      new Intl.NumberFormat('ar', {
        style: 'currency',
        currency: 'GBP',
        currencyDisplay: 'narrowSymbol',
        maximumFractionDigits: 0,
      }).format(8000),
    );
    expect(makeTranslator('ar').money(1250)).toMatch(/\u2066[^\u2069]*£[^\u2069]*\u2069/);
    // Left-to-right languages have no isolate marks in their money.
    expect(makeTranslator('en').money(800_000)).toBe('£8,000');
  });

  it('Given a plural chosen by another parameter, Then that number picks the form and is formatted', () => {
    const messages = {
      'error.tooMany': {
        by: 'max',
        one: 'jeden: {max}',
        few: 'kilka: {max}',
        many: 'wiele: {max}',
        other: 'inne: {max}',
      },
    };
    withTestLocale('pl-PL', 'ltr', messages, (t) => {
      expect(t('error.tooMany', { max: 1 })).toBe('jeden: 1');
      expect(t('error.tooMany', { max: 3 })).toBe('kilka: 3');
      expect(t('error.tooMany', { max: 5 })).toBe('wiele: 5');
      expect(t('error.tooMany', { max: 1500 })).toBe(`wiele: ${new Intl.NumberFormat('pl-PL').format(1500)}`);
    });
  });

  it('Given a right-to-left language, Then names and amounts in a sentence are isolated so they cannot reorder it', () => {
    withTestLocale('ar', 'rtl', { 'kiosk.hub.addIdeaText': 'أخبرنا عن {neighbourhood}' }, (t) => {
      expect(t('kiosk.hub.addIdeaText', { neighbourhood: 'Northmoor' })).toBe(
        'أخبرنا عن \u2068Northmoor\u2069',
      );
      expect(makeTranslator('en')('kiosk.hub.addIdeaText', { neighbourhood: 'Northmoor' })).toBe(
        'Tell us what would make Northmoor better.',
      );
    });
  });

  describe('residents’ words inside a left-to-right sentence (English, Welsh)', () => {
    const FSI = '\u2068';
    const PDI = '\u2069';
    const ARABIC = 'نادي الشباب 2';

    beforeAll(async () => {
      // The staff parts load with their screens' chunks; here they are added as those chunks add them.
      addMessages('en', { ...facilitator, ...paper, ...room });
      await loadLanguage('cy', 'staff');
    });

    it('Given an Arabic title in the English and Welsh staff sentences, Then it is isolated, so the figures after it stay in the sentence’s order', () => {
      for (const code of ['en', 'cy']) {
        const t = makeTranslator(code);
        expect(t('paper.form.idea', { number: 24, title: ARABIC, cost: t.money(50_000) })).toBe(
          `24. ${FSI}${ARABIC}${PDI} (£500)`,
        );
        expect(t('fac.hide.done', { title: ARABIC })).toContain(`“${FSI}${ARABIC}${PDI}”`);
      }
    });

    it('Given a title or a device name holding a right-to-left override, Then it is isolated, and the override ends with it', () => {
      const t = makeTranslator('en');
      expect(t('fac.hide.done', { title: 'Bus pass \u202Ecosts £1,000' })).toBe(
        `“${FSI}Bus pass \u202Ecosts £1,000${PDI}” is now hidden.`,
      );
      expect(
        t('room.log.receivedAdded', {
          when: '09:25',
          device: 'Tablet\u202E',
          way: 'file',
          size: '3 KB',
          count: 23,
        }),
      ).toBe(`09:25: received from ${FSI}Tablet\u202E${PDI} by file (3 KB), 23 new records.`);
    });

    it('Given plain left-to-right words, Then they are put in as they are (nothing in them can reorder the sentence)', () => {
      const t = makeTranslator('en');
      expect(t('fac.hide.done', { title: 'Lunch club (£500)' })).toBe('“Lunch club (£500)” is now hidden.');
      expect(isolate('Café 12, “Northmoor”')).toBe('Café 12, “Northmoor”');
    });

    it('Given words with a stray closing isolate, Then it cannot close the isolate around them early, and one left open is closed inside', () => {
      expect(isolate(`a${PDI}\u202Eb`)).toBe(`${FSI}a\u202Eb${PDI}`);
      expect(isolate(`\u2067a`)).toBe(`${FSI}\u2067a${PDI}${PDI}`);
      expect(isolate(`${FSI}a${PDI}; ${FSI}b${PDI}`)).toBe(`${FSI}${FSI}a${PDI}; ${FSI}b${PDI}${PDI}`);
      withTestLocale('ar', 'rtl', { 'kiosk.hub.addIdeaText': 'أخبرنا عن {neighbourhood}' }, (t) => {
        expect(t('kiosk.hub.addIdeaText', { neighbourhood: `North${PDI}moor` })).toBe(
          `أخبرنا عن ${FSI}Northmoor${PDI}`,
        );
      });
    });
  });
});
