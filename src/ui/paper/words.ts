/**
 * Paper ballots in words: a CSV problem as a sentence with where it is, sheet numbers as short ranges, and a
 * ballot's choices as the list shows them. Pure functions of the translator and the data.
 */
import type { ExcludedBallot } from '../../domain/count';
import { sheetOf } from '../../domain/paper';
import type { CsvProblem } from '../../domain/paperCsv';
import type { ProposalView } from '../../domain/proposals';
import type { ValidationError } from '../../domain/errors';
import type { Ballot, MethodKind } from '../../domain/types';
import { describeError, describeExclusion } from '../errors';
import { isolate, type MessageKey, type Translator } from '../i18n';

/** 1, 2, 3, 5, 7, 8 -> "1–3, 5, 7–8" (sorted, each number once). */
export function sheetRanges(sheets: readonly number[]): string {
  const sorted = [...new Set(sheets)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j += 1;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * A ballot rule a sheet in a CSV breaks, in the facilitator's words: what the sheet has and what the session allows
 * ("this sheet has 6 dots; the session allows 5 in all"), not the resident's at the kiosk ("Take a dot off…").
 * Null for a rule that has no sheet's words of its own.
 */
function sheetRuleInWords(t: Translator, p: CsvProblem, e: ValidationError): string | null {
  const figure = (name: string): number => Number(p.params[name] ?? e.params[name] ?? 0);
  switch (e.code) {
    case 'dotsOverTotal':
      return t('paper.csv.rule.dotsOverTotal', { dots: figure('dots'), max: figure('max') });
    case 'dotsOverPerProposal':
      return t('paper.csv.rule.dotsOverPerProposal', { dots: figure('dots'), max: figure('max') });
    case 'rankingTooLong':
      return t('paper.csv.rule.rankingTooLong', { ranked: figure('ranked'), max: figure('max') });
    case 'budgetOverPot':
      return t('paper.csv.rule.budgetOverPot', {
        spent: t.money(figure('spent')),
        pot: t.money(figure('pot')),
      });
    case 'budgetUnderMinimum':
      return t('paper.csv.rule.budgetUnderMinimum', {
        spent: t.money(figure('spent')),
        minimum: t.money(figure('minimum')),
      });
    case 'emptyBallot':
      return t('paper.csv.rule.emptyBallot');
    default:
      return null;
  }
}

/**
 * A sheet the form refused for the ideas ticked on it as a whole, in the words of the person typing it in, with the
 * sheet's figures as it was added (the command's: `spent` is what the ticked ideas cost then), not the kiosk's
 * words to a resident ("That is more than the pot of £5,000. Take an idea off first."). Null for any other rule.
 */
export function sheetRefusalInWords(t: Translator, e: ValidationError): string | null {
  const money = (name: string): string => t.money(Number(e.params[name] ?? 0));
  if (e.code === 'budgetOverPot') {
    return t('paper.form.budgetOverPot', { spent: money('spent'), pot: money('pot') });
  }
  if (e.code === 'budgetUnderMinimum') {
    return t('paper.form.budgetUnderMinimum', { spent: money('spent'), minimum: money('minimum') });
  }
  return null;
}

/** One CSV problem: where it is (the file, a row, or a cell) and what is wrong. */
export function csvProblemInWords(t: Translator, p: CsvProblem, method: MethodKind): string {
  const problem =
    p.code === 'invalid' && p.error
      ? (sheetRuleInWords(t, p, p.error) ?? describeError(t, p.error))
      : p.code === 'badCell'
        ? t(`paper.csv.badCell.${method}`, p.params)
        : t(`paper.csv.${p.code}` as MessageKey, p.params);
  if (p.row === 0) return t('paper.problem.file', { problem });
  if (p.column) return t('paper.problem.cell', { row: p.row, column: p.column, problem });
  return t('paper.problem.row', { row: p.row, problem });
}

/** A ballot's choices as written, with the ideas' shown titles: "Youth club: 2, Job fair: 1" / "1. A, 2. B". */
export function choicesInWords(t: Translator, ballot: Ballot, proposals: readonly ProposalView[]): string {
  const title = (id: string): string =>
    proposals.find((p) => p.id === id)?.shownTitle ?? t('paper.list.unknownIdea');
  if (ballot.kind === 'dots') {
    return Object.entries(ballot.dots)
      .map(([id, count]) => t('paper.list.dots', { title: title(id), count }))
      .join(', ');
  }
  if (ballot.kind === 'budget') return ballot.selected.map((id) => isolate(title(id))).join(', ');
  return ballot.ranked.map((id, i) => t('paper.list.place', { place: i + 1, title: title(id) })).join(', ');
}

/**
 * Why a sheet in the paper ballots list is left out of the count, for the facilitator or officer reading it: the
 * rule it breaks in the words of the person who typed it in, with the sheet's own figures ("this sheet has 6 dots;
 * the session allows 5 in all.", as the CSV import and the form say it), never the kiosk's words to a resident
 * ("You have 5 dots in all. Take a dot off another idea first."), then what they can do: check the paper and type
 * the sheet in again with the form's "Replace sheet 7" (a sheet that breaks the rule on paper too stays out). The
 * figures the rule was checked with are the count's (`params`: the rules the sheet was typed under); what the sheet
 * holds is read from its ballot. A reason with no sheet's words (the way of voting changed since, an idea this
 * device does not have yet, a record no form writes) gets the sentence the officer's "Ballots left out" gives it,
 * which says what to do.
 */
export function excludedInWords(
  t: Translator,
  excluded: Pick<ExcludedBallot, 'ballot' | 'reason' | 'params'>,
  proposals: readonly ProposalView[],
): string {
  const figures = sheetFiguresInWords(t, excluded, proposals);
  if (figures === null) return describeExclusion(t, excluded.reason, excluded.params);
  const sheet = sheetOf(excluded.ballot.participantId);
  if (sheet === null) return figures;
  return `${figures} ${t('paper.list.retype', { replace: t('paper.form.replace', { sheet }) })}`;
}

/** The sheet's figures against the rule it breaks (excludedInWords); null for a reason with none. */
function sheetFiguresInWords(
  t: Translator,
  { ballot, reason, params }: Pick<ExcludedBallot, 'ballot' | 'reason' | 'params'>,
  proposals: readonly ProposalView[],
): string | null {
  const max = Number(params.max ?? 0);
  if (reason === 'dotsOverTotal' && ballot.kind === 'dots') {
    const dots = Object.values(ballot.dots).reduce((sum, n) => sum + n, 0);
    return t('paper.csv.rule.dotsOverTotal', { dots, max });
  }
  if (reason === 'dotsOverPerProposal' && ballot.kind === 'dots') {
    const over = Object.entries(ballot.dots).filter(([, n]) => n > max);
    if (over.length > 0) {
      return over
        .map(([id, dots]) =>
          t('paper.form.onIdea', {
            title: isolate(proposals.find((p) => p.id === id)?.shownTitle ?? t('paper.list.unknownIdea')),
            problem: t('paper.csv.rule.dotsOverPerProposal', { dots, max }),
          }),
        )
        .join(' ');
    }
  }
  if (reason === 'rankingTooLong' && ballot.kind === 'ranking') {
    return t('paper.csv.rule.rankingTooLong', { ranked: ballot.ranked.length, max });
  }
  if (reason === 'budgetOverPot' || reason === 'budgetUnderMinimum') {
    const money = (name: string): string => t.money(Number(params[name] ?? 0));
    return reason === 'budgetOverPot'
      ? t('paper.csv.rule.budgetOverPot', { spent: money('spent'), pot: money('pot') })
      : t('paper.csv.rule.budgetUnderMinimum', { spent: money('spent'), minimum: money('minimum') });
  }
  return null;
}
