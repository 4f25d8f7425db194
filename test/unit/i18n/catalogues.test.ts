/**
 * THE CI CHECK for translations: every language in LOCALES, read from src/ui/i18n as the app ships it, against
 * the English catalogue with the rules of src/ui/i18n/check.ts. It fails when a language misses a key or a
 * whole part, has a key English does not, changes a placeholder, lacks a plural form its locale needs, has an
 * empty or over-long text, or when a bundle file (resident.ts, staff.ts) does not load a part the language
 * needs. A new English file (src/ui/i18n/en/<part>.ts) is required of Welsh at once, and of every language as
 * soon as one language's resident.ts loads it. The same report: `npm run i18n -- check`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/ui/i18n';
import { checkLanguage, problemLine, wiringProblems } from '../../../src/ui/i18n/check';
import {
  I18N_DIR,
  loadEnglish,
  loadLanguageFiles,
  loadResidentParts,
  type EnglishSource,
} from '../../../src/cli/i18nCatalogues';

const languages = Object.values(LOCALES).filter((l) => l.code !== 'en' && l.code !== 'test');

describe('every language’s catalogue against English (the CI check)', () => {
  let english: EnglishSource[];
  let resident: Set<string>;

  beforeAll(async () => {
    english = await loadEnglish(I18N_DIR);
    resident = new Set(
      loadResidentParts(
        I18N_DIR,
        languages.map((l) => l.code),
      ),
    );
  });

  it('Given the English catalogue, Then it has the resident parts every language is held to', () => {
    expect(english.map((e) => e.part)).toEqual(expect.arrayContaining(['common', 'errors', 'kiosk', 'gate']));
    expect([...resident]).toEqual(
      expect.arrayContaining(['common', 'errors', 'kiosk', 'kioskLater', 'gate', 'kioskEarlier']),
    );
  });

  it.each(languages.map((l) => [l.code, l] as const))(
    'Given %s as the repository has it, Then it has no problems',
    (code, locale) => {
      const files = loadLanguageFiles(I18N_DIR, code);
      const problems = [
        ...files.problems,
        ...checkLanguage(english, resident, locale, files.parts),
        ...wiringProblems(english, resident, locale, files.bundles),
      ].map((p) => problemLine(code, p));
      expect(problems).toEqual([]);
    },
  );
});
