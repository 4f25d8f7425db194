/**
 * No `{name}` may reach a screen. Two checks over the whole English catalogue (every file in src/ui/i18n/en, the
 * shell's and the lazy parts' alike):
 *
 * 1. Every message, rendered through the app's real `t()` with a realistic value for each of its placeholders,
 *    leaves no `{…}` behind and shows every value it was given.
 * 2. Every call site in src/ that names its key (`t('key', {...})`, `t(\`prefix.${x}\`, {...})`) and every
 *    `new ValidationError('code', field, {...})` passes every placeholder its message needs. `t`'s params are not
 *    typed per key, so this reads the source with the TypeScript parser instead. Calls whose key or params are
 *    worked out at run time (a variable, a spread) cannot be judged here and are counted, not guessed at.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMessages, makeTranslator, type MessageKey } from '../../src/ui/i18n';
import type { Catalogue, Message } from '../../src/ui/i18n/types';

const ROOT = join(__dirname, '..', '..');
const CATALOGUE_DIR = join(ROOT, 'src', 'ui', 'i18n', 'en');

/** Every English message, from every catalogue file (each exports its messages as one object). */
async function loadEnglish(): Promise<Map<string, { message: Message; file: string }>> {
  const all = new Map<string, { message: Message; file: string }>();
  for (const file of readdirSync(CATALOGUE_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
    const module = (await import(join(CATALOGUE_DIR, file))) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (typeof value !== 'object' || value === null) continue;
      for (const [key, message] of Object.entries(value as Catalogue)) {
        if (typeof message === 'string' || (typeof message === 'object' && 'other' in message)) {
          all.set(key, { message, file });
        }
      }
    }
  }
  return all;
}

const forms = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m));

function placeholdersOf(m: Message): Set<string> {
  const names = new Set<string>();
  for (const text of forms(m)) for (const [, name] of text.matchAll(/\{(\w+)\}/g)) names.add(name!);
  return names;
}

/** A value a screen would really put in each placeholder, by its name; anything else gets a marked word. */
const REALISTIC: Record<string, string | number> = {
  count: 3,
  n: 5,
  max: 120,
  min: 1,
  total: 42,
  percent: 70,
  amount: '£12,000',
  cost: '£8,500',
  pot: '£50,000',
  spent: '£31,200',
  minimum: '£35,000',
  poolable: '£100,000',
  left: '£18,800',
  money: '£2,500',
  fileName: 'northmoor-2026-12-12-1430-tablet-3.codesign',
  title: 'Community garden',
  name: 'Tablet 3 (blue case)',
  device: 'Tablet 3 (blue case)',
  devices: 'Tablet 3 and Tablet 5',
  date: '12 December 2026',
  when: '14:30 on 12 December 2026',
  neighbourhood: 'Northmoor',
  venue: 'Northmoor library',
  reason: 'The land is not the council’s to use',
  status: 'Shortlisted',
  language: 'Cymraeg',
};

function sampleValue(name: string): string | number {
  return REALISTIC[name] ?? `‹${name} value›`;
}

describe('every message with placeholders, rendered', () => {
  let english: Map<string, { message: Message; file: string }>;
  beforeAll(async () => {
    english = await loadEnglish();
    const messages: Record<string, Message> = {};
    for (const [key, { message }] of english) messages[key] = message;
    addMessages('en', messages);
  });

  it('Given the whole English catalogue, Then it was found (every file, the lazy parts’ too)', () => {
    const files = new Set([...english.values()].map((e) => e.file));
    for (const f of ['common.ts', 'errors.ts', 'kiosk.ts', 'facilitator.ts', 'files.ts', 'officer.ts'])
      expect(files).toContain(f);
    expect(english.size).toBeGreaterThan(300);
  });

  it('Given each message and realistic values, When rendered through t(), Then no {placeholder} is left and every value shows', () => {
    const t = makeTranslator('en');
    const plurals = new Intl.PluralRules(t.locale.intl);
    const broken: string[] = [];
    for (const [key, { message }] of english) {
      const names = placeholdersOf(message);
      const params: Record<string, string | number> = {};
      for (const name of names) params[name] = sampleValue(name);
      // Plural messages: render each form English has (one, other).
      const counts: number[] = typeof message === 'string' ? [Number(params.count ?? 0)] : [1, 3];
      for (const count of counts) {
        const out = t(key as MessageKey, { ...params, ...(names.has('count') ? { count } : {}) });
        if (/\{\w*\}/.test(out)) broken.push(`${key}: ${out}`);
        // A plural form may leave a placeholder out ("Reading the file…"): check the ones the form uses.
        const form =
          typeof message === 'string' ? message : (message[plurals.select(count)] ?? message.other);
        for (const name of placeholdersOf(form)) {
          const shown = name === 'count' ? String(count) : String(params[name]);
          if (!out.includes(shown)) broken.push(`${key}: {${name}} not shown in “${out}”`);
        }
        if (out === key) broken.push(`${key}: rendered as its key`);
      }
    }
    expect(broken).toEqual([]);
  });
});

/** `x as T`, `x satisfies T`, `(x)` → x. */
function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  while (ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isParenthesizedExpression(n))
    n = n.expression;
  return n;
}

/** The string values a type can take: its literal members, or null when it is wider (any string). */
function literalValues(type: ts.Type): string[] | null {
  const members = type.isUnion() ? type.types : [type];
  const out: string[] = [];
  for (const m of members) {
    if (m.isStringLiteral()) out.push(m.value);
    else return null;
  }
  return out;
}

/**
 * The keys an expression can name: one for a literal; for a template, each key its parts' types allow (every
 * matching key when a part is any string); null when unknowable.
 */
function keysNamed(node: ts.Expression, keys: readonly string[], checker: ts.TypeChecker): string[] | null {
  const n = unwrap(node);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return [n.text];
  if (ts.isTemplateExpression(n)) {
    const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    let pattern = escape(n.head.text);
    for (const span of n.templateSpans) {
      const values = literalValues(checker.getTypeAtLocation(span.expression));
      pattern += values ? `(?:${values.map(escape).join('|')})` : '[\\w-]+';
      pattern += escape(span.literal.text);
    }
    const re = new RegExp(`^${pattern}$`);
    return keys.filter((k) => re.test(k));
  }
  if (ts.isConditionalExpression(n)) {
    const a = keysNamed(n.whenTrue, keys, checker);
    const b = keysNamed(n.whenFalse, keys, checker);
    return a && b ? [...a, ...b] : null;
  }
  return null;
}

/** The names an object literal passes; null when it has a spread or is not a literal (unknowable here). */
function paramNames(node: ts.Expression | undefined): Set<string> | null {
  if (node === undefined) return new Set();
  const n = unwrap(node);
  if (!ts.isObjectLiteralExpression(n)) return null;
  const names = new Set<string>();
  for (const p of n.properties) {
    if (ts.isSpreadAssignment(p)) return null;
    if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) names.add(p.name.text);
  }
  return names;
}

interface CallSite {
  where: string;
  keys: string[];
  params: Set<string>;
}

/** The browser's and the Node side's TypeScript programs: every source file, with types for template keys. */
function programs(): ts.Program[] {
  return ['tsconfig.json', 'tsconfig.node.json'].map((name) => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(ROOT, name),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    if (!config) throw new Error(`cannot read ${name}`);
    const srcOnly = config.fileNames.filter((f) => f.startsWith(join(ROOT, 'src')));
    return ts.createProgram(srcOnly, config.options);
  });
}

/** Every `t(key, params)` and `new ValidationError(code, field, params)` whose key and params can be read. */
function callSites(keys: readonly string[]): { sites: CallSite[]; unjudged: number } {
  const sites: CallSite[] = [];
  const seen = new Set<string>();
  let unjudged = 0;
  for (const program of programs()) {
    const checker = program.getTypeChecker();
    for (const source of program.getSourceFiles()) {
      const file = source.fileName;
      if (!file.startsWith(join(ROOT, 'src')) || seen.has(file)) continue;
      seen.add(file);
      const where = (node: ts.Node): string =>
        `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
          const [keyArg, paramsArg] = node.arguments;
          const named = keyArg ? keysNamed(keyArg, keys, checker) : null;
          const params = paramNames(paramsArg);
          if (named && params) sites.push({ where: where(node), keys: named, params });
          else unjudged++;
        }
        if (
          ts.isNewExpression(node) &&
          ts.isIdentifier(node.expression) &&
          node.expression.text === 'ValidationError'
        ) {
          const [codeArg, , paramsArg] = node.arguments ?? [];
          const code = codeArg ? unwrap(codeArg) : undefined;
          const params = paramNames(paramsArg);
          if (code && ts.isStringLiteral(code) && params) {
            sites.push({ where: where(node), keys: [`error.${code.text}`], params });
          } else unjudged++;
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return { sites, unjudged };
}

describe('every call site passes the placeholders its message needs', () => {
  it('Given every t() call and ValidationError in src, Then each passes every {placeholder} of its key', async () => {
    const english = await loadEnglish();
    const keys = [...english.keys()];
    const { sites, unjudged } = callSites(keys);
    expect(sites.length).toBeGreaterThan(500);
    // Most call sites can be read; a few build their key or params at run time (e.g. describeError).
    expect(unjudged).toBeLessThan(sites.length / 5);
    const missing: string[] = [];
    for (const site of sites) {
      for (const key of site.keys) {
        const entry = english.get(key);
        if (!entry) {
          if (!key.startsWith('error.')) missing.push(`${site.where}: no message ${key}`);
          continue;
        }
        for (const name of placeholdersOf(entry.message)) {
          // Plural messages get {count} from the count that chooses the form: it must be passed too.
          if (!site.params.has(name)) missing.push(`${site.where}: ${key} needs {${name}}`);
        }
      }
    }
    expect(missing).toEqual([]);
  }, 120_000);
});
