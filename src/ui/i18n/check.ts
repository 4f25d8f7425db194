/**
 * Is a language's catalogue complete, and safe to show? Pure rules (no files, no DOM), shared by the CI check
 * (test/unit/i18n/catalogues.test.ts) and the translators' spreadsheet import (src/cli/i18n.ts).
 *
 * A translated message must:
 * - exist for every key of every English part the language needs, and name no key English does not have;
 * - keep exactly the English `{placeholders}`; a plural form those of the English form it stands for (same
 *   name, "zero" as "one", others as "other"), and it may leave out the number it is chosen by only in the zero,
 *   one and two forms, where the word says it ("one idea", Welsh "dau syniad");
 * - when English changes with a number, give every plural form `Intl.PluralRules` names for the language's
 *   locale, and none it never uses; a plain English sentence may become plural forms, chosen `by` one of its
 *   English placeholders;
 * - not be empty, and fit a length budget of `lengthLimit(English length)` characters.
 *
 * Which parts a language needs: the resident parts for every language, every English part for a language that
 * staff screens offer (`isStaff`). Resident parts are those that any language's `<code>/resident.ts` loads
 * (`residentParts`), so adding a part to one language's resident bundle makes it required of all of them;
 * `wiringProblems` then says which bundle file does not load a part the language needs.
 */
import type { Catalogue, Message, PluralCategory, PluralMessage } from './types';

/** CLDR order, the order forms are written in and shown to translators. */
export const PLURAL_CATEGORIES = [
  'zero',
  'one',
  'two',
  'few',
  'many',
  'other',
] as const satisfies readonly PluralCategory[];

/** Forms whose word already says the number, so `{count}` (or the `by` placeholder) may be left out. */
const NUMBER_IN_WORD: ReadonlySet<PluralCategory> = new Set(['zero', 'one', 'two']);

/** What the rules need to know of a language (a `Locale` from ./index.ts fits). */
export interface LanguageToCheck {
  code: string;
  /** Intl locale whose plural rules decide the forms needed. */
  intl: string;
  /** The language's name, used in messages to its translator. */
  name: string;
  isStaff: boolean;
}

/** One English part (`en/<part>.ts`): its messages in source order. */
export interface EnglishPart {
  part: string;
  messages: Catalogue;
}

export interface Problem {
  /** The English part the problem is in (`kiosk` for `cy/kiosk.json`). */
  part: string;
  /** The message's key; null for a problem with the whole part. */
  key: string | null;
  /** What is wrong, in plain words, to follow the part and key: "is empty." */
  text: string;
}

/** The plural forms a language needs, in CLDR order. */
export function pluralCategories(intl: string): PluralCategory[] {
  const used: readonly string[] = new Intl.PluralRules(intl).resolvedOptions().pluralCategories;
  return PLURAL_CATEGORIES.filter((c) => used.includes(c));
}

/**
 * The most characters a translation may have: two and a half times the English, and never less than the English
 * plus 40 (short labels grow most). Welsh and Polish run about a third longer than English; past this budget a
 * text will not fit the buttons and cards sized for the English.
 */
export function lengthLimit(englishLength: number): number {
  return Math.max(Math.ceil(englishLength * 2.5), englishLength + 40);
}

/** Characters as people count them (code points, so an emoji or an Urdu letter is one). */
export function textLength(text: string): number {
  return [...text].length;
}

export function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
}

const list = (names: Iterable<string>): string => [...names].map((n) => `{${n}}`).join(', ');
const quoted = (forms: readonly string[]): string => forms.join(', ');

function englishForms(message: Message): string[] {
  if (typeof message === 'string') return [message];
  return PLURAL_CATEGORIES.flatMap((c) => (message[c] === undefined ? [] : [message[c]]));
}

/** Every placeholder of an English message (all its forms together). */
export function englishPlaceholders(message: Message): Set<string> {
  return new Set(englishForms(message).flatMap((text) => [...placeholders(text)]));
}

/** The length the budget is worked out from: the English text, or its longest form. */
export function englishLength(message: Message): number {
  return Math.max(...englishForms(message).map(textLength));
}

/**
 * The English form a translated plural form stands for: the one of the same name; for "zero" the English "one"
 * (none, like one, has nothing to share out); else "other" (Welsh "two", Polish "few" and "many").
 */
function englishFormFor(english: PluralMessage, category: PluralCategory): PluralCategory {
  if (english[category] !== undefined) return category;
  return category === 'zero' && english.one !== undefined ? 'one' : 'other';
}

/** What one text (a plain text, or one plural form) must and may hold. */
interface Expected {
  /** Placeholders it must keep. */
  required: ReadonlySet<string>;
  /** Placeholders it may use (the required ones, and the English message's others). */
  allowed: ReadonlySet<string>;
  /** Where the English has the required ones, to say so: '' or ', which the English "other" form has'. */
  from: string;
  /** The most characters it may have. */
  limit: number;
}

/** `subject` is '' for a plain text, or 'the "few" form ' for one form of a plural message. */
function formProblems(subject: string, text: string, expected: Expected): string[] {
  if (text.trim() === '') return [`${subject}is empty.`];
  const problems: string[] = [];
  const own = placeholders(text);
  const lacking = [...expected.required].filter((p) => !own.has(p));
  const extra = [...own].filter((p) => !expected.allowed.has(p));
  if (lacking.length > 0)
    problems.push(
      `${subject}lacks ${list(lacking)}${expected.from}: keep every {…} of the English as it is.`,
    );
  if (extra.length > 0)
    problems.push(
      `${subject}has ${list(extra)}, which the English does not have: use only ${expected.allowed.size > 0 ? list(expected.allowed) : 'no {…}'}.`,
    );
  const length = textLength(text);
  if (length > expected.limit)
    problems.push(
      `${subject}is ${length} characters long; the limit is ${expected.limit} (2.5 times the English, at least the English plus 40), so it would not fit the screen.`,
    );
  return problems;
}

/**
 * What is wrong with one translated message, as sentences to follow its key ("is empty."). `translation` is
 * what the file holds, of any type.
 *
 * A plural form keeps the placeholders of the English form it stands for (`englishFormFor`); an English form
 * may itself leave one out (one dot has no maximum per idea). It may also use any other placeholder of the
 * English message, and the number it is chosen by.
 */
export function checkMessage(english: Message, translation: unknown, language: LanguageToCheck): string[] {
  const union = englishPlaceholders(english);
  const limit = lengthLimit(englishLength(english));
  const categories = pluralCategories(language.intl);
  if (typeof translation === 'string') {
    if (typeof english !== 'string')
      return [
        `needs plural forms (${quoted(categories)}), because the English changes with the number; write one text per form.`,
      ];
    return formProblems('', translation, { required: union, allowed: union, from: '', limit });
  }
  if (typeof translation !== 'object' || translation === null || Array.isArray(translation))
    return ['is not text.'];
  const forms = translation as Record<string, unknown>;
  const problems: string[] = [];
  const by = forms['by'] ?? 'count';
  if (typeof by !== 'string') return ['has a "by" that is not the name of a placeholder.'];
  const englishBy = typeof english === 'string' ? null : (english.by ?? 'count');
  if (englishBy === null && !union.has(by))
    problems.push(
      `chooses its plural form by {${by}}, but the English has no {${by}}${union.size > 0 ? `: choose by one of ${list(union)}` : ''}.`,
    );
  else if (englishBy !== null && by !== englishBy)
    problems.push(`chooses its plural form by {${by}}; the English chooses by {${englishBy}}: keep that.`);
  const allowed = new Set([...union, by]);
  for (const [name, value] of Object.entries(forms)) {
    if (name === 'by') continue;
    if (!(PLURAL_CATEGORIES as readonly string[]).includes(name))
      problems.push(`has "${name}", which is not a plural form (${quoted(categories)}).`);
    else if (!(categories as readonly string[]).includes(name))
      problems.push(
        `has a "${name}" form, which ${language.name} does not use (it uses ${quoted(categories)}): remove it.`,
      );
    else if (typeof value !== 'string') problems.push(`has a "${name}" form that is not text.`);
  }
  for (const category of categories) {
    const text = forms[category];
    if (text === undefined) {
      problems.push(`needs the plural form "${category}" (${language.name} uses ${quoted(categories)}).`);
      continue;
    }
    if (typeof text !== 'string') continue;
    const source = typeof english === 'string' ? null : englishFormFor(english, category);
    const required = new Set(
      source === null || typeof english === 'string' ? union : placeholders(english[source] ?? english.other),
    );
    if (NUMBER_IN_WORD.has(category)) required.delete(by);
    const from = source === null || source === category ? '' : `, which the English "${source}" form has`;
    problems.push(...formProblems(`the "${category}" form `, text, { required, allowed, from, limit }));
  }
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Problems of one translated part against its English: keys missing, keys English does not have, and each
 * message's own problems. A part with no translation at all is one problem, not one per key.
 */
export function checkPart(english: EnglishPart, translation: unknown, language: LanguageToCheck): Problem[] {
  const { part } = english;
  if (translation === undefined) return [{ part, key: null, text: 'has no file yet.' }];
  if (!isObject(translation))
    return [{ part, key: null, text: 'is not a list of key → text (a JSON object).' }];
  const keys = Object.keys(english.messages);
  if (keys.length > 0 && Object.keys(translation).length === 0)
    return [{ part, key: null, text: `has none of its ${keys.length} texts translated yet.` }];
  const problems: Problem[] = [];
  for (const key of keys) {
    const text = translation[key];
    if (text === undefined) problems.push({ part, key, text: 'has no translation.' });
    else
      for (const p of checkMessage(english.messages[key]!, text, language))
        problems.push({ part, key, text: p });
  }
  for (const key of Object.keys(translation))
    if (!(key in english.messages))
      problems.push({
        part,
        key,
        text: 'is not a key of the English text (renamed or removed there?): remove it.',
      });
  return problems;
}

/** The parts a language needs, in the order given (English parts the app has). */
export function requiredParts(
  englishParts: readonly string[],
  resident: ReadonlySet<string>,
  language: LanguageToCheck,
): string[] {
  return englishParts.filter((p) => language.isStaff || resident.has(p));
}

/**
 * Every problem of a language: `parts` holds what its folder has (parsed JSON by part name), `resident` the
 * resident parts (see `residentParts`).
 */
export function checkLanguage(
  english: readonly EnglishPart[],
  resident: ReadonlySet<string>,
  language: LanguageToCheck,
  parts: Readonly<Record<string, unknown>>,
): Problem[] {
  const needed = requiredParts(
    english.map((e) => e.part),
    resident,
    language,
  );
  const problems = english
    .filter((e) => needed.includes(e.part))
    .flatMap((e) => checkPart(e, parts[e.part], language));
  for (const part of Object.keys(parts)) {
    if (!english.some((e) => e.part === part))
      problems.push({
        part,
        key: null,
        text: `has no English part of that name (en/${part}.ts): remove it.`,
      });
    else if (!needed.includes(part))
      problems.push({
        part,
        key: null,
        text: `is not used: ${language.name} is offered on resident screens only, so it needs just the resident parts.`,
      });
  }
  return problems;
}

/** The JSON parts a bundle file (`resident.ts`, `staff.ts`) imports, in its order: `import x from './kiosk.json'`. */
export function jsonImports(source: string): string[] {
  return [...source.matchAll(/^import\s+\w+\s+from\s+['"]\.\/([\w.-]+)\.json['"]/gm)].map((m) => m[1]!);
}

/** Resident parts: every part any language's resident bundle loads, in first-seen order. */
export function residentParts(residentSources: readonly string[]): string[] {
  return [...new Set(residentSources.flatMap(jsonImports))];
}

/**
 * Parts the language needs that its bundle files do not load (residents or staff would meet English there).
 * `bundles` maps a bundle file name (`resident.ts`, `staff.ts`) to its source, or undefined when it is missing.
 */
export function wiringProblems(
  english: readonly EnglishPart[],
  resident: ReadonlySet<string>,
  language: LanguageToCheck,
  bundles: Readonly<Record<string, string | undefined>>,
): Problem[] {
  const problems: Problem[] = [];
  const residentSource = bundles['resident.ts'];
  const residentLoads = new Set(residentSource === undefined ? [] : jsonImports(residentSource));
  const staffSource = bundles['staff.ts'];
  const staffLoads = new Set(staffSource === undefined ? [] : jsonImports(staffSource));
  for (const { part } of english) {
    if (resident.has(part) && !residentLoads.has(part))
      problems.push({
        part,
        key: null,
        text: `is not loaded by ${language.code}/resident.ts${residentSource === undefined ? ' (the file is missing)' : ''}: import ${part}.json there.`,
      });
    else if (!resident.has(part) && language.isStaff && !staffLoads.has(part) && !residentLoads.has(part))
      problems.push({
        part,
        key: null,
        text: `is not loaded by ${language.code}/staff.ts${staffSource === undefined ? ' (the file is missing)' : ''}: import ${part}.json there.`,
      });
  }
  return problems;
}

/** One line per problem: "cy/kiosk.json, kiosk.welcome.title: is empty." */
export function problemLine(code: string, problem: Problem): string {
  return `${code}/${problem.part}.json${problem.key === null ? '' : `, ${problem.key}`}: ${problem.text}`;
}
