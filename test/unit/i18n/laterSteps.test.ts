/**
 * The kiosk's words for the steps after "I agree" (src/ui/i18n/en/kioskLater.ts) are not in the first download:
 * src/ui/kiosk/laterMessages.ts registers them, and every chunk that draws one of those steps imports it. A step
 * opened straight after a reload (a resumed turn) suspends until its own chunk is here, so a chunk that used a
 * word without importing the module would show the raw key ("kiosk.hub.title") until another chunk arrived.
 *
 * The chunks are read from the source as the bundler sees them: the modules `src/main.tsx` imports statically are
 * the first download; each `import('…')` starts a chunk holding what it imports statically.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, loadLanguage, makeTranslator, type MessageKey } from '../../../src/ui/i18n';
import { enShell } from '../../../src/ui/i18n/en';
import { kioskLater } from '../../../src/ui/i18n/en/kioskLater';

const SRC = resolve(import.meta.dirname, '../../../src');
const REGISTERS = join(SRC, 'ui/kiosk/laterMessages.ts');
/**
 * Modules of other chunks that meet these words only on a later step's screen, once that step's chunk is here:
 * Read aloud matches the screen's heading against every prompt; the money map's picture is drawn by its step.
 */
const ON_LATER_SCREENS_ONLY = new Set([
  join(SRC, 'ui/speech/prompts.ts'),
  join(SRC, 'ui/pictures/MoneyMapPicture.tsx'),
]);

const STATIC = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveModule(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  for (const file of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')])
    if (/\.tsx?$/.test(file) && existsSync(file) && statSync(file).isFile()) return file;
  return null;
}

const sources = new Map<string, string>();
const source = (file: string): string => {
  let text = sources.get(file);
  if (text === undefined) sources.set(file, (text = readFileSync(file, 'utf8')));
  return text;
};

function imported(file: string, pattern: RegExp): string[] {
  return [...source(file).matchAll(pattern)].flatMap((m) => resolveModule(file, m[1]!) ?? []);
}

/** The modules a chunk starting at `root` holds: it and everything it imports statically. */
function chunk(root: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of imported(file, STATIC)) visit(next);
  };
  visit(root);
  return seen;
}

/** The first download, and every chunk reachable from it by `import('…')`, by the module that starts it. */
function chunks(): { initial: Set<string>; lazy: Map<string, Set<string>> } {
  const initial = chunk(join(SRC, 'main.tsx'));
  const lazy = new Map<string, Set<string>>();
  const roots = [...initial];
  for (let i = 0; i < roots.length; i += 1)
    for (const root of imported(roots[i]!, DYNAMIC)) {
      if (lazy.has(root)) continue;
      const modules = chunk(root);
      lazy.set(root, modules);
      roots.push(...modules);
    }
  return { initial, lazy };
}

const laterKeys = Object.keys(kioskLater);
const usesLaterWords = (file: string): boolean =>
  laterKeys.some((key) => ["'", '"', '`'].some((q) => source(file).includes(`${q}${key}${q}`)));
const name = (file: string): string => relative(SRC, file);

describe('the kiosk’s later steps bring their own words', () => {
  const { initial, lazy } = chunks();

  it('Given the first download, Then no module in it uses a word of the later steps, and the shell does not carry them', () => {
    expect(initial.has(join(SRC, 'ui/kiosk/KioskTurn.tsx'))).toBe(true);
    expect([...initial].filter(usesLaterWords).map(name)).toEqual([]);
    expect(laterKeys.filter((key) => key in enShell)).toEqual([]);
  });

  it('Given each chunk loaded on demand, Then one that draws a later step’s words registers them itself', () => {
    expect([...lazy.keys()].map(name)).toEqual(
      expect.arrayContaining([
        'ui/kiosk/laterSteps.ts',
        'ui/kiosk/PrioritiesStep.tsx',
        'ui/kiosk/EarlierIdeasStep.tsx',
      ]),
    );
    const unregistered = [...lazy]
      .filter(([, modules]) => !modules.has(REGISTERS))
      .flatMap(([root, modules]) =>
        [...modules]
          .filter((m) => !initial.has(m) && !ON_LATER_SCREENS_ONLY.has(m) && usesLaterWords(m))
          .map((m) => `${name(root)}: ${name(m)}`),
      );
    expect(unregistered).toEqual([]);
  });

  it('Given the later steps’ chunk has run, Then every one of their words is there in English', async () => {
    await import('../../../src/ui/kiosk/laterMessages');
    const t = makeTranslator('en');
    for (const [key, message] of Object.entries(kioskLater))
      if (typeof message === 'string') expect(t(key as MessageKey)).toBe(message);
  });

  it.each(Object.keys(LOCALES).filter((code) => code !== 'en' && code !== 'test'))(
    'Given a resident in %s, Then their words for the later steps come with the language, before the first screen',
    async (code) => {
      await loadLanguage(code);
      const messages = LOCALES[code]!.messages;
      expect(laterKeys.filter((key) => messages[key as MessageKey] === undefined)).toEqual([]);
    },
  );
});
