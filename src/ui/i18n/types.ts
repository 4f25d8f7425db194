/** CLDR plural categories, as `Intl.PluralRules` names them. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/**
 * Plural forms chosen by `Intl.PluralRules` on a number parameter: `{count}` unless `by` names another
 * (e.g. `by: 'max'` for "You have {max} dots in all").
 */
export type PluralMessage = { [C in PluralCategory]?: string } & { other: string; by?: string };

/** A message is a string with {placeholders}, or plural forms. */
export type Message = string | PluralMessage;
export type Catalogue = Record<string, Message>;

/** Every form a language with plural categories C needs. */
export type Plural<C extends PluralCategory> = { [K in C]: string } & { by?: string };

/**
 * An English catalogue part translated into a language with plural categories C: every key, and every plural
 * message with every form the language needs. A string in English may become plural forms (Welsh and Polish
 * need them where English does not).
 */
export type Translation<T, C extends PluralCategory> = {
  [K in keyof T]: T[K] extends string ? string | Plural<C> : Plural<C>;
};

export type WelshForms = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
export type ArabicForms = WelshForms;
export type PolishForms = 'one' | 'few' | 'many' | 'other';
export type UrduForms = 'one' | 'other';
