// Reads the real pabulib elections copied into the repo (test/fixtures/pabulib, source and terms in its README),
// so the suite passes on a clone with nothing beside it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePabulib, type PbElection } from '../../../src/domain/counting/pabulib';

export const PABULIB_DIR = path.resolve(import.meta.dirname, '../../fixtures/pabulib');

export const FIXTURES = {
  marysin: 'Poland_Warszawa_2017_Marysin_Polnocny.pb',
  anin: 'Poland_Warszawa_2019_Anin.pb',
  wysokie: 'Poland_Warszawa_2017_Wysokie_Okecie.pb',
  targowekMieszkaniowy: 'Poland_Warszawa_2019_Targowek_Mieszkaniowy.pb',
  targowek2020: 'Poland_Warszawa_2020_Targowek.pb',
  assen: 'Netherlands_Assen_2024.pb',
  swiecie: 'Poland_Swiecie_2023.pb',
  wieliczka: 'Poland_Wieliczka_2023_Green_Budget.pb',
  czestochowa: 'Poland_Czestochowa_2024_Podjasnogorska.pb',
  krakow: 'Poland_Krakow_2021_Stare_Miasto.pb',
} as const;

/**
 * The hard cases real input brings (issue 11), in `hard-cases/` with their own README: forint budgets for MES, a
 * ballot naming a project twice, a cell that starts with a quoted word.
 */
export const HARD_CASES = {
  budapest2024: 'Hungary_Budapest_2024.pb',
  jozsefvaros: 'Hungary_Budapest_2025_VIII_Jozsefvaros.pb',
  wola: 'Poland_Warszawa_2022_Wola.pb',
  grabowka: 'Poland_Czestochowa_2020_Grabowka.pb',
} as const;

export type HardCaseName = keyof typeof HARD_CASES;
export const HARD_CASES_DIR = path.join(PABULIB_DIR, 'hard-cases');

export function hardCasePath(name: HardCaseName): string {
  return path.join(HARD_CASES_DIR, HARD_CASES[name]);
}

export type FixtureName = keyof typeof FIXTURES;
export const ALL_FIXTURES = Object.keys(FIXTURES) as FixtureName[];

const textCache = new Map<string, string>();
const cache = new Map<string, PbElection>();

export function fixturePath(name: FixtureName): string {
  return path.join(PABULIB_DIR, FIXTURES[name]);
}

export function fixtureText(name: FixtureName): string {
  let t = textCache.get(name);
  if (t === undefined) {
    t = readFileSync(fixturePath(name), 'utf8');
    textCache.set(name, t);
  }
  return t;
}

export function load(name: FixtureName): PbElection {
  let e = cache.get(name);
  if (e === undefined) {
    e = parsePabulib(fixtureText(name));
    cache.set(name, e);
  }
  return e;
}

/** The published winners: projects whose `selected` cell is "1", sorted as strings. */
export function published(e: PbElection): string[] {
  return e.projects
    .filter((p) => p.fields['selected'] === '1')
    .map((p) => p.id)
    .sort();
}

export function sorted(ids: readonly string[]): string[] {
  return [...ids].sort();
}

export function costOf(e: PbElection, ids: readonly string[]): number {
  const byId = new Map(e.projects.map((p) => [p.id, p.cost]));
  return ids.reduce((a, id) => a + (byId.get(id) ?? NaN), 0);
}
