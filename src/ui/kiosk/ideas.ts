/** Reading a session's ideas for the resident's screens: grouped by theme, with their comments. */
import type { SessionView } from '../../doc/session';
import type { ProposalView } from '../../domain/proposals';
import type { BallotChoices, Comment, Theme } from '../../domain/types';

export interface ThemeGroup {
  /** The theme's id, or '' for ideas whose theme is no longer in the session. */
  id: string;
  theme: Theme | null;
  ideas: ProposalView[];
}

/** Ideas in the order of the session's themes; ideas under an unknown theme come last, together. */
export function groupByTheme(ideas: readonly ProposalView[], themes: readonly Theme[]): ThemeGroup[] {
  const groups: ThemeGroup[] = themes.map((theme) => ({ id: theme.id, theme, ideas: [] }));
  const other: ThemeGroup = { id: '', theme: null, ideas: [] };
  const byId = new Map(groups.map((g) => [g.id, g]));
  for (const idea of ideas) (byId.get(idea.themeId) ?? other).ideas.push(idea);
  return other.ideas.length > 0 ? [...groups, other] : groups;
}

/** Comments on an idea, counting those left on duplicates merged into it; oldest first. */
export function commentsOn(view: SessionView, ideaId: string): Comment[] {
  const canonical = new Map(view.proposals.map((p) => [p.id, p.canonicalId]));
  return view.records.comments
    .filter((c) => canonical.get(c.proposalId) === ideaId)
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

export function commentCounts(view: SessionView): Map<string, number> {
  return new Map(view.board.map((row) => [row.proposal.id, row.comments]));
}

export function costsOf(ideas: readonly ProposalView[]): Map<string, number> {
  return new Map(ideas.map((v) => [v.id, v.costPence]));
}

/** Drops choices of ideas that are no longer visible (hidden or merged since they were chosen). */
export function keepVisible(choices: BallotChoices, visible: ReadonlySet<string>): BallotChoices {
  switch (choices.kind) {
    case 'dots':
      return {
        kind: 'dots',
        dots: Object.fromEntries(Object.entries(choices.dots).filter(([id]) => visible.has(id))),
      };
    case 'budget':
      return { kind: 'budget', selected: choices.selected.filter((id) => visible.has(id)) };
    case 'ranking':
      return { kind: 'ranking', ranked: choices.ranked.filter((id) => visible.has(id)) };
  }
}
