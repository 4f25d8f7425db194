import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/domain/errors';
import { LOCALES, makeTranslator, type MessageKey } from '../../src/ui/i18n';
import { enShell } from '../../src/ui/i18n/en';
import { errorsOffice } from '../../src/ui/i18n/en/errorsOffice';
import { facilitator } from '../../src/ui/i18n/en/facilitator';

const en = { ...enShell, ...errorsOffice, ...facilitator };

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
    expect(t('home.ideaCount', { count: 1 })).toBe('1 idea');
    expect(t('home.ideaCount', { count: 1200 })).toBe('1,200 ideas');
    expect(t.money(250_000)).toBe('£2,500');
    expect(t.money(1250)).toBe('£12.50');
  });

  it('Given a right-to-left language is added as data only, Then direction and fallback work without code changes', () => {
    LOCALES.test = { code: 'test', intl: 'ar', dir: 'rtl', messages: { 'common.save': 'حفظ' } };
    try {
      const t = makeTranslator('test');
      expect(t.locale.dir).toBe('rtl');
      expect(t('common.save')).toBe('حفظ');
      expect(t('common.cancel' satisfies MessageKey)).toBe('Cancel');
    } finally {
      delete LOCALES.test;
    }
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
});
