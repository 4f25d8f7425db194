/**
 * Every ballot left out of the count says why, in words a facilitator understands, with its figures filled in
 * (issue 9: "Ballots left out" showed "…worth at least {minimum} before you save."). Each exclusion below is
 * produced by the real countBallots, and its sentence rendered the way the officer view renders it.
 */
import { describe, expect, it } from 'vitest';
import { countBallots, EXCLUSION_REASONS, type ExcludedBallot } from '../../../src/domain/count';
import { proposalViews } from '../../../src/domain/proposals';
import type { Ballot, CastUnder, PriorityMethod, Proposal } from '../../../src/domain/types';
import { describeExclusion } from '../../../src/ui/errors';
import { addMessages, makeTranslator } from '../../../src/ui/i18n';
import { excluded as excludedMessages } from '../../../src/ui/i18n/en/excluded';

const proposal = (id: string, costPence: number): Proposal => ({
  id,
  title: id,
  description: '',
  themeId: 'th',
  costPence,
  where: '',
  participantId: null,
  deviceId: 't1',
  at: 1,
});
const views = proposalViews([proposal('A', 100_000), proposal('B', 200_000), proposal('C', 300_000)], []);
const stamp = (participantId: string) => ({ participantId, revision: 1, deviceId: 't1', at: 1 });
const dots: PriorityMethod = { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 };
const budget: PriorityMethod = { kind: 'budget', minSharePercent: 70 };
const ranking: PriorityMethod = { kind: 'ranking', maxRanked: 3 };
const under = (method: PriorityMethod, potPence = 1_000_000, minimumPence = 0): { castUnder: CastUnder } => ({
  castUnder: { method, potPence, minimumPence },
});

/** One ballot for every reason a ballot can be left out for, counted under the session's method. */
function everyExclusion(): ExcludedBallot[] {
  const inDots: Ballot[] = [
    { ...stamp('changed'), kind: 'ranking', ranked: ['A'], ...under(ranking) },
    { ...stamp('mismatch'), kind: 'dots', dots: { A: 1 }, ...under(budget) },
    { ...stamp('unknown'), kind: 'dots', dots: { ZZ: 1 }, ...under(dots) },
    { ...stamp('empty'), kind: 'dots', dots: {}, ...under(dots) },
    { ...stamp('fraction'), kind: 'dots', dots: { A: 1.5 }, ...under(dots) },
    { ...stamp('total'), kind: 'dots', dots: { A: 3, B: 3 }, ...under(dots) },
    { ...stamp('perIdea'), kind: 'dots', dots: { A: 4 }, ...under(dots) },
  ];
  const inBudget: Ballot[] = [
    { ...stamp('twice'), kind: 'budget', selected: ['A', 'A'], ...under(budget) },
    { ...stamp('over'), kind: 'budget', selected: ['A', 'B', 'C'], ...under(budget, 500_000) },
    { ...stamp('under'), kind: 'budget', selected: ['A'], ...under(budget, 1_000_000, 700_000) },
  ];
  const inRanking: Ballot[] = [
    {
      ...stamp('long'),
      kind: 'ranking',
      ranked: ['A', 'B', 'C'],
      ...under({ kind: 'ranking', maxRanked: 2 }),
    },
  ];
  return [
    ...countBallots(inDots, dots, 1_000_000, views).excluded,
    ...countBallots(inBudget, budget, 1_000_000, views).excluded,
    ...countBallots(inRanking, ranking, 1_000_000, views).excluded,
  ];
}

describe('Why a ballot is left out, in words', () => {
  addMessages('en', excludedMessages);
  const t = makeTranslator('en');

  it('Given a ballot for every exclusion reason, when counted, then each reason turns up with the figures its sentence needs', () => {
    const all = everyExclusion();
    expect(all.map((e) => e.reason).sort()).toEqual([...EXCLUSION_REASONS].sort());
    const byReason = Object.fromEntries(all.map((e) => [e.reason, e.params]));
    expect(byReason).toMatchObject({
      methodChanged: { castFor: 'ranking', now: 'dots' },
      unknownProposal: { id: 'ZZ' },
      dotsOverTotal: { max: 5 },
      dotsOverPerProposal: { max: 3 },
      budgetOverPot: { pot: 500_000, spent: 600_000 },
      budgetUnderMinimum: { minimum: 700_000, spent: 100_000 },
      rankingTooLong: { max: 2 },
    });
  });

  it('Given each excluded ballot, when its reason is put in words, then no placeholder is left and money reads as money', () => {
    for (const e of everyExclusion()) {
      const sentence = describeExclusion(t, e.reason, e.params);
      expect(sentence, e.reason).not.toMatch(/[{}]/);
      expect(sentence, e.reason).not.toContain('undefined');
      expect(sentence, e.reason).not.toMatch(/^excluded\./);
    }
    const byReason = new Map(everyExclusion().map((e) => [e.reason, e]));
    const words = (reason: (typeof EXCLUSION_REASONS)[number]): string => {
      const e = byReason.get(reason)!;
      return describeExclusion(t, e.reason, e.params);
    };
    expect(words('budgetUnderMinimum')).toContain('£1,000, less than the £7,000 it had to spend');
    expect(words('budgetOverPot')).toContain('£6,000, more than the pot of £5,000');
    expect(words('methodChanged')).toBe(
      'This ballot was cast for ranking; the way of voting was changed to dot voting afterwards, so it cannot be counted. Change the way of voting back to ranking to count it: nothing is lost.',
    );
  });
});
