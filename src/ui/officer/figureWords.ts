/**
 * What each proposal's figure is called, in one place for the officer screen's results table, the results chart
 * (bars, summary and table) and the printed report, so a figure has one name wherever it is read. The name
 * follows how residents set priorities (dots, votes for a budget choice, ranking points), and the rule for a
 * Borda count, whose score is not the ranking's points. Also an about-you count as both show it.
 */
import { SUPPRESS_BELOW, type AboutYouCell } from '../../domain/results/participation';
import type { RuleName } from '../../domain/results/results';
import type { MethodKind } from '../../domain/types';
import type { Translator } from '../i18n';

export const FIGURE_KINDS = ['dots', 'budget', 'ranking', 'borda'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** The figure a rule gives each proposal under a method: the method's own, except Borda's score. */
export function figureKind(rule: RuleName, method: MethodKind): FigureKind {
  return rule === 'borda' ? 'borda' : method;
}

/** The figure's name, as a column heading: "Dots", "Votes", "Ranking points", "Borda score". */
export function figureName(t: Translator, kind: FigureKind): string {
  return t(`results.figure.${kind}`);
}

/** A figure with its unit, for a sentence or a bar: "4 votes", "1 dot", "Borda score 12". */
export function figureCount(t: Translator, kind: FigureKind, n: number): string {
  return t(`results.count.${kind}`, { count: n });
}

/** An about-you count: "fewer than 5" when small, "hidden" when hidden only to protect a small one. */
export function cellText(t: Translator, cell: AboutYouCell): string {
  if (cell.count !== null) return t.number(cell.count);
  return cell.suppressedBecause === 'complementary'
    ? t('participation.suppressedOther')
    : t('participation.suppressedSmall', { n: SUPPRESS_BELOW });
}
