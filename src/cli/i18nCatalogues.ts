/**
 * The i18n folder (src/ui/i18n, or a copy given with --dir) as the rules of src/ui/i18n/check.ts see it: the
 * English parts (every `en/<part>.ts` but index.ts, imported, with their source for ./i18nNotes.ts), each
 * language's JSON parts, its bundle files and its review status. Node only: the translators' CLI and the CI check.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EnglishPart, Problem } from '../ui/i18n/check';
import { residentParts } from '../ui/i18n/check';
import type { ReviewStatus, TranslationStatus } from '../ui/i18n/review';
import type { Catalogue } from '../ui/i18n/types';

/** The repository's own i18n folder. */
export const I18N_DIR = resolve(import.meta.dirname, '../ui/i18n');

/** The files of a language's folder that are not catalogue parts. */
const NOT_PARTS = new Set(['status.json']);
export const BUNDLES = ['resident.ts', 'staff.ts'] as const;

export interface EnglishSource extends EnglishPart {
  /** The .ts source, for the comments translators see as notes. */
  source: string;
}

function isCatalogue(value: unknown): value is Catalogue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (m) => typeof m === 'string' || (typeof m === 'object' && m !== null && 'other' in m),
  );
}

/** Every English part, by file name; each file exports its messages as one object. */
export async function loadEnglish(dir: string): Promise<EnglishSource[]> {
  const folder = join(dir, 'en');
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .sort();
  const parts: EnglishSource[] = [];
  for (const file of files) {
    const path = join(folder, file);
    const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    const catalogues = Object.values(module).filter(isCatalogue);
    if (catalogues.length !== 1) throw new Error(`en/${file} must export exactly one catalogue object.`);
    parts.push({
      part: file.slice(0, -'.ts'.length),
      messages: catalogues[0]!,
      source: readFileSync(path, 'utf8'),
    });
  }
  return parts;
}

/** Resident parts first, in the order the bundles load them (what a resident meets first), then the rest. */
export function orderParts<T extends EnglishPart>(english: readonly T[], resident: readonly string[]): T[] {
  const rank = (part: string): number => {
    const i = resident.indexOf(part);
    return i === -1 ? resident.length : i;
  };
  return [...english].sort(
    (a, b) => rank(a.part) - rank(b.part) || (a.part < b.part ? -1 : a.part > b.part ? 1 : 0),
  );
}

export interface LanguageFiles {
  /** Parsed JSON by part name (every *.json but status.json). */
  parts: Record<string, unknown>;
  /** Files that are not valid JSON. */
  problems: Problem[];
  /** resident.ts and staff.ts sources, undefined where missing. */
  bundles: Record<string, string | undefined>;
}

export function readIfThere(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export function loadLanguageFiles(dir: string, code: string): LanguageFiles {
  const folder = join(dir, code);
  const parts: Record<string, unknown> = {};
  const problems: Problem[] = [];
  const files = existsSync(folder) ? readdirSync(folder).sort() : [];
  for (const file of files.filter((f) => f.endsWith('.json') && !NOT_PARTS.has(f))) {
    const part = file.slice(0, -'.json'.length);
    try {
      parts[part] = JSON.parse(readFileSync(join(folder, file), 'utf8')) as unknown;
    } catch (err) {
      problems.push({
        part,
        key: null,
        text: `is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }
  const bundles = Object.fromEntries(BUNDLES.map((b) => [b, readIfThere(join(folder, b))]));
  return { parts, problems, bundles };
}

/** The resident parts of the folder: whatever any of the languages' resident.ts files loads. */
export function loadResidentParts(dir: string, codes: readonly string[]): string[] {
  return residentParts(codes.flatMap((code) => readIfThere(join(dir, code, 'resident.ts')) ?? []));
}

const STATUSES: readonly ReviewStatus[] = ['draft', 'reviewed'];

export function isReviewStatus(value: unknown): value is ReviewStatus {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

export function statusPath(dir: string, code: string): string {
  return join(dir, code, 'status.json');
}

export function readStatus(dir: string, code: string): TranslationStatus | undefined {
  const text = readIfThere(statusPath(dir, code));
  if (text === undefined) return undefined;
  const value = JSON.parse(text) as { status?: unknown; note?: unknown };
  return isReviewStatus(value.status) && typeof value.note === 'string'
    ? { status: value.status, note: value.note }
    : undefined;
}

export function statusText(status: TranslationStatus): string {
  return `${JSON.stringify({ status: status.status, note: status.note }, null, 2)}\n`;
}
