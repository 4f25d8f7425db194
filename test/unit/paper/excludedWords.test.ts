/**
 * The paper ballots list says why a sheet is left out of the count ("Counted: No: …") to the facilitator or
 * officer reading it, in the words of the person who typed the sheet in, with the sheet's figures: as the form
 * (463d398) and the CSV import say it. It said the kiosk's sentences to a resident ("You have 5 dots in all. Take
 * a dot off another idea first.", "That is more than the pot of £5,000. Take an idea off first."), with today's
 * rules rather than the ones the sheet was typed under, and "{minimum}" unfilled. Each exclusion below comes from
 * the real countBallots.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  countBallots,
  EXCLUSION_REASONS,
  type ExcludedBallot,
  type ExclusionReason,
} from '../../../src/domain/count';
import { proposalViews } from '../../../src/domain/proposals';
import type { Ballot, CastUnder, PriorityMethod, Proposal } from '../../../src/domain/types';
import { addMessages, loadLanguage, makeTranslator } from '../../../src/ui/i18n';
import { errorsOffice } from '../../../src/ui/i18n/en/errorsOffice';
import { excluded } from '../../../src/ui/i18n/en/excluded';
import { paper } from '../../../src/ui/i18n/en/paper';
import { excludedInWords, sheetRefusalInWords } from '../../../src/ui/paper/words';
import { enterPaperBallot } from '../../../src/doc/paperCommands';
import { isValidationError, type ValidationError } from '../../../src/domain/errors';
import { paperSession } from './fixtures';

const proposal = (id: string, title: string, costPence: number): Proposal => ({
  id,
  title,
  description: '',
  themeId: 'th',
  costPence,
  where: '',
  participantId: null,
  deviceId: 't1',
  at: 1,
});
const views = proposalViews(
  [proposal('A', 'Youth club', 100_000), proposal('B', 'Job fair', 200_000), proposal('C', 'Trees', 300_000)],
  [],
);
let sheet = 0;
const typed = () => ({
  participantId: `paper-${(sheet += 1)}`,
  revision: 1,
  deviceId: 't1',
  at: 1,
  channel: 'paper' as const,
});
const under = (method: PriorityMethod, potPence = 1_000_000, minimumPence = 0): { castUnder: CastUnder } => ({
  castUnder: { method, potPence, minimumPence },
});
const dots: PriorityMethod = { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 };
const budget: PriorityMethod = { kind: 'budget', minSharePercent: 70 };
const ranking: PriorityMethod = { kind: 'ranking', maxRanked: 3 };

/** Sheets typed in by an older app (or damaged), one for every reason a sheet can be left out for. */
function excludedSheets(): Map<ExclusionReason, ExcludedBallot> {
  const inDots: Ballot[] = [
    { ...typed(), kind: 'ranking', ranked: ['A'], ...under(ranking) },
    { ...typed(), kind: 'dots', dots: { A: 1 }, ...under(budget) },
    { ...typed(), kind: 'dots', dots: { ZZ: 1 }, ...under(dots) },
    { ...typed(), kind: 'dots', dots: {}, ...under(dots) },
    { ...typed(), kind: 'dots', dots: { A: 1.5 }, ...under(dots) },
    // 6 dots typed under 5 in all, though the session allows 8 today: the sheet's rules are the figure.
    { ...typed(), kind: 'dots', dots: { A: 3, B: 3 }, ...under(dots) },
    { ...typed(), kind: 'dots', dots: { A: 4, B: 1 }, ...under(dots) },
  ];
  const inBudget: Ballot[] = [
    { ...typed(), kind: 'budget', selected: ['A', 'A'], ...under(budget) },
    { ...typed(), kind: 'budget', selected: ['A', 'B', 'C'], ...under(budget, 500_000) },
    { ...typed(), kind: 'budget', selected: ['A'], ...under(budget, 1_000_000, 700_000) },
  ];
  const inRanking: Ballot[] = [
    { ...typed(), kind: 'ranking', ranked: ['A', 'B', 'C'], ...under({ kind: 'ranking', maxRanked: 2 }) },
  ];
  const today: PriorityMethod = { kind: 'dots', dotsPerParticipant: 8, maxDotsPerProposal: 3 };
  const all = [
    ...countBallots(inDots, today, 1_000_000, views).excluded,
    ...countBallots(inBudget, budget, 1_000_000, views).excluded,
    ...countBallots(inRanking, ranking, 1_000_000, views).excluded,
  ];
  return new Map(all.map((e) => [e.reason, e]));
}

beforeAll(async () => {
  addMessages('en', { ...errorsOffice, ...excluded, ...paper });
  await loadLanguage('cy', 'staff');
});

describe('why a sheet in the paper ballots list is left out, in the typist’s words', () => {
  const t = makeTranslator('en');
  const byReason = excludedSheets();
  const words = (reason: (typeof EXCLUSION_REASONS)[number]): string =>
    excludedInWords(t, byReason.get(reason)!, views);

  it('Given sheets that break a ballot rule, when the list says why, then it gives the sheet’s figures and the rules it was typed under, then how to type the sheet in again', () => {
    const retype = (sheet: number): string =>
      `Check the paper sheet, and if it was typed in wrongly, type it in again with “Replace sheet ${sheet}”.`;
    expect(words('dotsOverTotal')).toBe(`this sheet has 6 dots; the session allows 5 in all. ${retype(6)}`);
    expect(words('dotsOverPerProposal')).toBe(
      `Youth club: this sheet has 4 dots on this idea; the session allows at most 3 on one idea. ${retype(7)}`,
    );
    expect(words('budgetOverPot')).toBe(
      `the ideas ticked on this sheet cost £6,000; the pot is £5,000. ${retype(9)}`,
    );
    expect(words('budgetUnderMinimum')).toBe(
      `the ideas ticked on this sheet cost £1,000; the session asks for ideas worth at least £7,000. ${retype(10)}`,
    );
    expect(words('rankingTooLong')).toBe(
      `this sheet ranks 3 ideas; the session allows at most 2. ${retype(11)}`,
    );
  });

  it('Given a sheet over a rule on two ideas, then the next step is said once, after the figures of both', () => {
    const [sheet] = countBallots(
      [{ ...typed(), kind: 'dots', dots: { A: 4, B: 5 }, ...under(dots) }],
      dots,
      1_000_000,
      views,
    ).excluded;
    const sentence = excludedInWords(t, sheet!, views);
    expect(sentence).toMatch(
      /^Youth club: .*at most 3 on one idea\. Job fair: .*at most 3 on one idea\. Check /,
    );
    expect(sentence.split('Check the paper sheet').length - 1).toBe(1);
  });

  it('Given a sheet left out for a reason with no figures of its own, then the list says what happened and what to do', () => {
    expect(words('methodChanged')).toBe(
      'This ballot was cast for ranking; the way of voting was changed to dot voting afterwards, so it cannot be counted. Change the way of voting back to ranking to count it: nothing is lost.',
    );
    expect(words('unknownProposal')).toMatch(/^This ballot names an idea this device does not have yet/);
  });

  it('Given every reason, in English and Welsh, then none is said in the resident’s words and no placeholder is left', () => {
    expect([...byReason.keys()].sort()).toEqual([...EXCLUSION_REASONS].sort());
    const cy = makeTranslator('cy');
    for (const [reason, e] of byReason) {
      const sentence = words(reason);
      expect(sentence, reason).not.toMatch(/[{}]|undefined|^(error|excluded|paper)\./);
      expect(sentence, reason).not.toMatch(/\b(You have|You can|Take a|Take an|Please choose)\b/);
      const welsh = excludedInWords(cy, e, views);
      expect(welsh, reason).not.toMatch(/[{}]|undefined|^(error|excluded|paper)\./);
      expect(welsh, reason).not.toBe(sentence);
    }
    expect(excludedInWords(cy, byReason.get('dotsOverTotal')!, views)).toBe(
      'mae gan y ddalen hon 6 dot; mae’r sesiwn yn caniatáu 5 i gyd. Gwiriwch y ddalen bapur, ac os cafodd ei theipio’n anghywir, teipiwch hi eto gyda “Disodli dalen 6”.',
    );
  });
});

describe('a budget sheet the form refuses, in the typist’s words', () => {
  const t = makeTranslator('en');
  /** The command's refusal of a budget sheet (pot £50,000; ideas £20,000, £15,000, £25,000) with these ticked. */
  function refusal(minSharePercent: number, ticked: readonly ('I1' | 'I2' | 'I3')[]): ValidationError {
    const s = paperSession({ kind: 'budget', minSharePercent });
    const selected = ticked.map((k) => s.ids[k]);
    try {
      enterPaperBallot(s.doc, { sheet: 7, choices: { kind: 'budget', selected } }, s.ctx);
    } catch (e) {
      if (isValidationError(e)) return e;
      throw e;
    }
    throw new Error('the sheet was not refused');
  }

  it('Given ideas ticked over the pot or under the minimum spend, when the sheet is added, then the form says the sheet’s cost and the pot or minimum, not the kiosk’s "Take an idea off first"', () => {
    expect(sheetRefusalInWords(t, refusal(0, ['I1', 'I2', 'I3']))).toBe(
      'The ideas ticked on this sheet cost £60,000; the pot is £50,000.',
    );
    expect(sheetRefusalInWords(t, refusal(50, ['I2']))).toBe(
      'The ideas ticked on this sheet cost £15,000; the session asks for ideas worth at least £25,000.',
    );
  });
});
