/**
 * The message catalogue. Components never hold UI text: they call `t(key, params)`. A language is added by
 * writing a catalogue (any subset of the English keys: missing ones fall back to English) and one entry in
 * LOCALES with its text direction; no component changes.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { enShell, type EnglishMessages } from './en';
import type { Message } from './types';

export type MessageKey = keyof EnglishMessages;
export type Params = Record<string, string | number>;

export interface Locale {
  code: string;
  /** Intl locale used for numbers, money and plurals. */
  intl: string;
  dir: 'ltr' | 'rtl';
  messages: Partial<Record<MessageKey, Message>>;
}

export const LOCALES: Record<string, Locale> = {
  en: { code: 'en', intl: 'en-GB', dir: 'ltr', messages: { ...enShell } },
};

/**
 * Adds messages that load with a lazy chunk (the facilitator screens' catalogue), so tablets in kiosk mode
 * never download them.
 */
export function addMessages(code: string, messages: Partial<Record<MessageKey, Message>>): void {
  const locale = LOCALES[code];
  if (locale) Object.assign(locale.messages, messages);
}

export function availableLanguages(wanted: readonly string[]): string[] {
  return wanted.filter((code) => code in LOCALES);
}

function interpolate(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export interface Translator {
  (key: MessageKey, params?: Params): string;
  locale: Locale;
  /** Whole pence as money, e.g. £1,250.00 (or £1,250 when whole pounds). */
  money: (pence: number) => string;
  number: (n: number) => string;
}

export function makeTranslator(code: string): Translator {
  const locale = LOCALES[code] ?? LOCALES.en!;
  const plurals = new Intl.PluralRules(locale.intl);
  const moneyWhole = new Intl.NumberFormat(locale.intl, {
    style: 'currency',
    currency: 'GBP',
    maximumFractionDigits: 0,
  });
  const moneyPence = new Intl.NumberFormat(locale.intl, {
    style: 'currency',
    currency: 'GBP',
    minimumFractionDigits: 2,
  });
  const numbers = new Intl.NumberFormat(locale.intl);
  const fallback: Partial<Record<MessageKey, Message>> = LOCALES.en!.messages;
  const t = ((key: MessageKey, params: Params = {}) => {
    const message = locale.messages[key] ?? fallback[key] ?? key;
    if (typeof message === 'string') return interpolate(message, params);
    const count = Number(params.count ?? 0);
    const form = plurals.select(count);
    return interpolate(message[form] ?? message.other, { ...params, count: numbers.format(count) });
  }) as Translator;
  t.locale = locale;
  t.money = (pence) => (pence % 100 === 0 ? moneyWhole.format(pence / 100) : moneyPence.format(pence / 100));
  t.number = (n) => numbers.format(n);
  return t;
}

export const I18nContext = createContext<Translator>(makeTranslator('en'));

export function useT(): Translator {
  return useContext(I18nContext);
}
