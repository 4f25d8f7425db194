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

/**
 * Characters that can move the text around them: right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko,
 * Samaritan, Mandaic and their presentation forms, and the right-to-left scripts beyond the BMP) and the bidi
 * controls (marks, embeddings, overrides, isolates). Text without any of them, in a left-to-right sentence,
 * cannot reorder anything (the bidi algorithm has no right-to-left run to make), so it is left as it is.
 */
const MOVES_TEXT =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFE\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/**
 * The text with its isolates paired: a PDI that closes nothing is dropped (it would close the isolate we put
 * around the text, letting what follows leak out), and isolates left open are closed at the end. Embeddings and
 * overrides need nothing: the closing PDI ends every one opened inside it.
 */
function pairIsolates(text: string): string {
  if (!/[\u2066-\u2069]/.test(text)) return text;
  let open = 0;
  let out = '';
  for (const ch of text) {
    if (ch === '\u2069') {
      if (open === 0) continue;
      open -= 1;
    } else if (ch >= '\u2066' && ch <= '\u2068') open += 1;
    out += ch;
  }
  return out + '\u2069'.repeat(open);
}

/**
 * A resident's or facilitator's words, made safe to put inside a sentence: wrapped in first-strong isolates
 * (FSI … PDI, as `<bdi>` would) when they hold right-to-left letters or bidi controls, so "نادي الشباب 2" or a
 * title with U+202E cannot carry the figures after it ("(£500)", "23 new records") into its own direction.
 * Text that cannot move anything comes back unchanged. For words joined in code (lists of titles, a label
 * built outside the catalogue); the catalogue's parameters get the same through `t()`.
 */
export function isolate(text: string): string {
  return MOVES_TEXT.test(text) ? `\u2068${pairIsolates(text)}\u2069` : text;
}

function interpolate(text: string, params: Params, isRtl: boolean, numbers: Intl.NumberFormat): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    // Numbers in the language's own way of writing them (1,200 / 1 200 / ١٬٢٠٠); texts as given.
    const param = params[name];
    const value = typeof param === 'number' ? numbers.format(param) : String(param);
    // In a right-to-left sentence, a name or amount (often left to right: "Northmoor", "£5,000") is isolated,
    // as <bdi> would, so it cannot reorder the words around it. In a left-to-right one, so is a parameter that
    // could reorder it (right-to-left words, bidi controls: `isolate`); plain left-to-right text stays as it is.
    return isRtl ? `\u2068${pairIsolates(value)}\u2069` : isolate(value);
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
    const isRtl = locale.dir === 'rtl';
    if (typeof message === 'string') return interpolate(message, params, isRtl, numbers);
    const by = message.by ?? 'count';
    const count = Number(params[by] ?? 0);
    const form = plurals.select(count);
    return interpolate(message[form] ?? message.other, params, isRtl, numbers);
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
