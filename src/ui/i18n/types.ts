/** A message is a string with {placeholders}, or plural forms chosen by Intl.PluralRules on {count}. */
export type Message =
  string | { one?: string; two?: string; few?: string; many?: string; zero?: string; other: string };
export type Catalogue = Record<string, Message>;
