// Add1 by jumps on the hard cases (test/fixtures/pabulib/hard-cases): the two Polish ones are counted both ways
// here; the two forint elections take minutes stepping one forint at a time, so their stepwise outcome was
// computed once and pinned (test/fixtures/pabulib/mes-add1-stepwise.json, made by
// `TALLY_PIN=1 npx tsx test/bench/tally.ts`), and the fast count is held to it (on Budapest 2024 too, now that
// counting it by jumps takes seconds).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { equalShares, mesAdd1Stepwise } from '../../../src/domain/counting/mes';
import { readPabulib } from '../../../src/domain/counting/pabulib';
import { HARD_CASES, hardCasePath, PABULIB_DIR, type HardCaseName } from './fixtures';

interface Pinned {
  selected: string[];
  spent: number;
  endowment: string;
}

const pinned = JSON.parse(readFileSync(path.join(PABULIB_DIR, 'mes-add1-stepwise.json'), 'utf8')) as {
  elections: Record<string, Pinned>;
};

function read(name: HardCaseName) {
  const { election } = readPabulib(readFileSync(hardCasePath(name), 'utf8'));
  return {
    projects: election.projects,
    ballots: election.voters.map((v) => v.vote),
    budget: election.budget,
  };
}

const outcome = (r: { selected: string[]; spent: number; endowment: string }) => ({
  selected: r.selected,
  spent: r.spent,
  endowment: r.endowment,
});

describe('Add1 by jumps on the hard cases', () => {
  it.each(['wola', 'grabowka'] as const)(
    'on %s: the same winners, order and endowment as stepping',
    (name) => {
      // Given a real election from the hard cases, in złoty
      const { projects, ballots, budget } = read(name);
      // When it is counted with Add1 jumping and with Add1 stepping one unit per voter
      const fast = equalShares(projects, ballots, budget);
      const slow = mesAdd1Stepwise(projects, ballots, budget);
      // Then both give the same outcome
      expect(outcome(fast)).toEqual(outcome(slow));
    },
    120_000,
  );

  it.each(['jozsefvaros', 'budapest2024'] as const)(
    'on %s: the winners, order and endowment stepping one forint at a time gave (pinned)',
    (name) => {
      // Given a forint election and what stepping gave on it, computed once
      const { projects, ballots, budget } = read(name);
      const slow = pinned.elections[HARD_CASES[name]] as Pinned;
      // When it is counted with Add1 jumping
      const fast = equalShares(projects, ballots, budget);
      // Then it funds the same projects in the same order at the same endowment
      expect(outcome(fast)).toEqual(outcome(slow));
    },
    120_000,
  );
});
