/**
 * Paper ballots in words: a CSV problem as a sentence with where it is, sheet numbers as short ranges, and a
 * ballot's choices as the list shows them. Pure functions of the translator and the data.
 */
import type { CsvProblem } from '../../domain/paperCsv';
import type { ProposalView } from '../../domain/proposals';
import { spentPence } from '../../domain/ballots';
import { ValidationError, type ErrorCode } from '../../domain/errors';
import type { Ballot, MethodKind, Pence, PriorityMethod } from '../../domain/types';
import { describeError } from '../errors';
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

/** Why an excluded ballot does not count, with the figures its sentence needs (the method's limits, the money). */
export function excludedInWords(
  t: Translator,
  reason: ErrorCode,
  ballot: Ballot,
  method: PriorityMethod,
  potPence: Pence,
  costs: ReadonlyMap<string, Pence>,
): string {
  const params: Record<string, number> = {
    max:
      method.kind === 'dots'
        ? reason === 'dotsOverTotal'
          ? method.dotsPerParticipant
          : method.maxDotsPerProposal
        : method.kind === 'ranking'
          ? method.maxRanked
          : 0,
    pot: potPence,
    spent: ballot.kind === 'budget' ? spentPence(ballot.selected, costs) : 0,
  };
  return describeError(t, new ValidationError(reason, '', params));
}
