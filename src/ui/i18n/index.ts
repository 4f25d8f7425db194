/**
 * The message catalogue. Components never hold UI text: they call `t(key, params)`.
 *
 * English is the source and always present (its shell part is in the first download). Every other language is
 * data: JSON files per English part under `./<code>/`, bundled by `./<code>/resident.ts` (what a resident can
 * meet) and, for languages staff screens offer, `./<code>/staff.ts`. Those load on demand, so a tablet downloads
 * only the languages its session uses; all are in the service worker's precache, so they work offline.
 * Each language's `status.json` says whether its translation is a draft or reviewed (./review.ts).
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { enShell, type EnglishMessages } from './en';
import type { Message } from './types';

export type MessageKey = keyof EnglishMessages;
export type Params = Record<string, string | number>;
export type Messages = Partial<Record<MessageKey, Message>>;

export interface Locale {
  code: string;
  /** Intl locale used for numbers, money, dates and plurals. */
  intl: string;
  dir: 'ltr' | 'rtl';
  /** The language's name in itself, as residents look for it: Cymraeg, Polski, اردو, العربية. */
  name: string;
  /** Whether facilitator, officer and admin screens can be shown in it (English and Welsh). */
  isStaff: boolean;
  messages: Messages;
}

export const LOCALES: Record<string, Locale> = {
  en: { code: 'en', intl: 'en-GB', dir: 'ltr', name: 'English', isStaff: true, messages: { ...enShell } },
  cy: { code: 'cy', intl: 'cy-GB', dir: 'ltr', name: 'Cymraeg', isStaff: true, messages: {} },
  pl: { code: 'pl', intl: 'pl-PL', dir: 'ltr', name: 'Polski', isStaff: false, messages: {} },
  ur: { code: 'ur', intl: 'ur-PK', dir: 'rtl', name: 'اردو', isStaff: false, messages: {} },
  ar: { code: 'ar', intl: 'ar', dir: 'rtl', name: 'العربية', isStaff: false, messages: {} },
};

export const PART = { resident: 'resident', staff: 'staff' } as const;
export type Part = (typeof PART)[keyof typeof PART];

// Literal imports, so the bundler makes one chunk per language and part.
const LOADERS: Record<string, Partial<Record<Part, () => Promise<{ messages: Messages }>>>> = {
  cy: { resident: () => import('./cy/resident'), staff: () => import('./cy/staff') },
  pl: { resident: () => import('./pl/resident') },
  ur: { resident: () => import('./ur/resident') },
  ar: { resident: () => import('./ar/resident') },
};

const loaded = new Map<string, Promise<void>>();

/** True when the language's part is already in memory (English always is, or falls back to its keys). */
export function isLoaded(code: string, part: Part = PART.resident): boolean {
  return code === 'en' || !LOADERS[code]?.[part] || loaded.has(`${code}:${part}:done`);
}

/**
 * Fetches a language's messages (once). Rejects when the chunk cannot be fetched (offline before the app was
 * cached); the caller keeps the language it had.
 */
export function loadLanguage(code: string, part: Part = PART.resident): Promise<void> {
  const load = LOADERS[code]?.[part];
  const locale = LOCALES[code];
  if (!load || !locale) return Promise.resolve();
  const id = `${code}:${part}`;
  let pending = loaded.get(id);
  if (!pending) {
    pending = load().then(
      (m) => {
        Object.assign(locale.messages, m.messages);
        loaded.set(`${id}:done`, Promise.resolve());
      },
      (error: unknown) => {
        loaded.delete(id);
        throw error;
      },
    );
    loaded.set(id, pending);
  }
  return pending;
}

/**
 * Adds English messages that load with a lazy chunk (the facilitator screens' catalogue), so tablets in kiosk
 * mode never download them.
 */
export function addMessages(code: string, messages: Messages): void {
  const locale = LOCALES[code];
  if (locale) Object.assign(locale.messages, messages);
}

/** The session's languages this app has, in the session's order (a Welsh session can put Welsh first). */
export function availableLanguages(wanted: readonly string[]): string[] {
  return wanted.filter((code) => code in LOCALES);
}

/** Languages staff screens can be shown in. */
export function staffLanguages(): Locale[] {
  return Object.values(LOCALES).filter((l) => l.isStaff);
}

function interpolate(text: string, params: Params, isolate: boolean, numbers: Intl.NumberFormat): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    // Numbers in the language's own way of writing them (1,200 / 1 200 / ١٬٢٠٠); texts as given.
    const param = params[name];
    const value = typeof param === 'number' ? numbers.format(param) : String(param);
    // In a right-to-left sentence, a name or amount (often left to right: "Northmoor", "£5,000") is isolated,
    // as <bdi> would, so it cannot reorder the words around it.
    return isolate ? `\u2068${value}\u2069` : value;
  });
}

export interface Translator {
  (key: MessageKey, params?: Params): string;
  locale: Locale;
  /** Whole pence as money, e.g. £1,250.00 (or £1,250 when whole pounds), in the language's own digits. */
  money: (pence: number) => string;
  number: (n: number) => string;
}

export function makeTranslator(code: string): Translator {
  const locale = LOCALES[code] ?? LOCALES.en!;
  const plurals = new Intl.PluralRules(locale.intl);
  // "£" where the language has it (Polish wrote "8000 GBP"). In a right-to-left language the currency is an
  // isolate of its own: Arabic's "8,000 UK£" otherwise showed as "£UK 8,000", the "£" torn from its "UK".
  const currency = (options: Intl.NumberFormatOptions): ((n: number) => string) => {
    const f = new Intl.NumberFormat(locale.intl, {
      style: 'currency',
      currency: 'GBP',
      currencyDisplay: 'narrowSymbol',
      ...options,
    });
    if (locale.dir !== 'rtl') return (n) => f.format(n);
    return (n) =>
      f
        .formatToParts(n)
        .map((p) => (p.type === 'currency' ? `\u2066${p.value}\u2069` : p.value))
        .join('');
  };
  const moneyWhole = currency({ maximumFractionDigits: 0 });
  const moneyPence = currency({ minimumFractionDigits: 2 });
  const numbers = new Intl.NumberFormat(locale.intl);
  const fallback: Messages = LOCALES.en!.messages;
  const t = ((key: MessageKey, params: Params = {}) => {
    const message = locale.messages[key] ?? fallback[key] ?? key;
    const isolate = locale.dir === 'rtl';
    if (typeof message === 'string') return interpolate(message, params, isolate, numbers);
    const by = message.by ?? 'count';
    const count = Number(params[by] ?? 0);
    const form = plurals.select(count);
    return interpolate(message[form] ?? message.other, params, isolate, numbers);
  }) as Translator;
  t.locale = locale;
  t.money = (pence) => (pence % 100 === 0 ? moneyWhole(pence / 100) : moneyPence(pence / 100));
  t.number = (n) => numbers.format(n);
  return t;
}

export const I18nContext = createContext<Translator>(makeTranslator('en'));

export function useT(): Translator {
  return useContext(I18nContext);
}
