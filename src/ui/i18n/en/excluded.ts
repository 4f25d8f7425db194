/**
 * Why a ballot is left out of the count, for facilitators and officers: what happened, then what they can do.
 * One sentence per reason in src/domain/count.ts (EXCLUSION_REASONS); money placeholders are shown as money and
 * {castFor}/{now} as the way of voting (`excluded.method.*`), by describeExclusion in src/ui/errors.ts. Loaded
 * with the screens that list excluded ballots (officer view, paper ballots).
 */
import type { ExclusionReason } from '../../../domain/count';
import type { MethodKind } from '../../../domain/types';
import type { Catalogue } from '../types';

const CHECK_PAPER =
  'The ballot screen never saves such a ballot, so it came from an older version of the app or was typed in wrongly. If it is a paper sheet, check the sheet and type it in again and choose “Replace sheet”; otherwise it stays left out (it is kept, not deleted).';

export const excluded = {
  'excluded.method.dots': 'dot voting',
  'excluded.method.budget': 'budget allocation',
  'excluded.method.ranking': 'ranking',
  'excluded.methodChanged':
    'This ballot was cast for {castFor}; the way of voting was changed to {now} afterwards, so it cannot be counted. Change the way of voting back to {castFor} to count it: nothing is lost.',
  'excluded.methodMismatch': `This ballot’s choices do not match the way of voting it says it was cast under. ${CHECK_PAPER}`,
  'excluded.unknownProposal':
    'This ballot names an idea this device does not have yet (it was added on another tablet). Bring in the session files from every tablet, or sync with the council: the ballot counts as soon as the idea arrives.',
  'excluded.emptyBallot': `This ballot chooses no idea. ${CHECK_PAPER}`,
  'excluded.duplicateChoice': `This ballot names the same idea twice. ${CHECK_PAPER}`,
  'excluded.notWholeNumber': `This ballot gives an idea part of a dot, or less than none. ${CHECK_PAPER}`,
  'excluded.dotsOverTotal': `This ballot uses more than the {max} dots its rules allow. ${CHECK_PAPER}`,
  'excluded.dotsOverPerProposal': `This ballot puts more than {max} dots on one idea, more than its rules allow. ${CHECK_PAPER}`,
  'excluded.budgetOverPot': `This ballot’s ideas add up to {spent}, more than the pot of {pot} it was cast under. ${CHECK_PAPER}`,
  'excluded.budgetUnderMinimum': `This ballot’s ideas add up to {spent}, less than the {minimum} it had to spend when it was cast. ${CHECK_PAPER}`,
  'excluded.rankingTooLong': `This ballot ranks more than {max} ideas, more than its rules allow. ${CHECK_PAPER}`,
} satisfies Catalogue &
  Record<`excluded.${ExclusionReason}`, string> &
  Record<`excluded.method.${MethodKind}`, string>;
