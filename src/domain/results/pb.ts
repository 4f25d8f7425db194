/**
 * The session as a pabulib `.pb` election (written with src/domain/counting/pabulib.ts), so data teams can
 * recount it with `npm run tally` or any pabulib tool.
 *
 * Mapping (docs/exports.md):
 * - META: description, country GB, unit = neighbourhood, instance = session date, num_projects, num_votes,
 *   budget = the pot IN POUNDS (`currency` GBP; pence as decimals, e.g. 1250.5, which the reader and the
 *   counting rules take exactly), vote_type by
 *   method (dots: cumulative with max_points and max_sum_points; budget: approval with max_sum_cost and, if
 *   the session sets a minimum share, min_sum_cost = that share of the pot; ranking: ordinal with max_length),
 *   each limit written only when every vote in the file keeps it (ballots are counted under the rules they
 *   were cast under, and merges and hiding can shrink them: src/domain/count.ts), rule = the rule named by the caller
 *   (greedy, equalshares/add1 or borda), date_begin / date_end = the session date.
 * - PROJECTS: the ideas residents could choose (visible, not merged away), oldest first (the PROJECTS row order
 *   is the greedy tie-break, so recounting gives the same winners): project_id, cost (pounds), votes (supporters),
 *   score (points: dots or the ranking's K..1 score; omitted for approval), name (shown title), category (theme
 *   name), selected (1/0 under the named rule).
 * - VOTES: one row per counted ballot that still names an idea after merges and hiding, in participant-id order:
 *   voter_id = participant id, vote = canonical idea ids (ordinal: best first; cumulative: with a points column
 *   holding the dots after merges and caps). Excluded ballots are not in the file.
 * Tie-break: project rows oldest first, then id; vote rows by participant id.
 */
import type { SessionView } from '../../doc/session';
import type { PbElection, PbProject, PbVoter } from '../counting';
import { writePabulib } from '../counting';
import { wantedMinimumPence } from '../ballots';
import { sessionResults, type RuleName } from './results';

const PB_RULE: Record<RuleName, string> = {
  votes: 'greedy',
  greedy: 'greedy',
  mes: 'equalshares/add1',
  borda: 'borda-greedy',
};

export function sessionToPb(view: SessionView, rule: RuleName = 'greedy'): PbElection {
  const s = view.settings;
  const method = s.method;
  const themes = new Map(s.themes.map((t) => [t.id, t.name]));
  const board = new Map(view.board.map((b) => [b.proposal.id, b]));
  const result = sessionResults(view, rule);
  const funded = new Set(result.selected);
  const voteType = method.kind === 'dots' ? 'cumulative' : method.kind === 'budget' ? 'approval' : 'ordinal';
  const order = new Map(view.visible.map((v, i) => [v.id, i]));
  const counted = view.count.counted
    .map(({ ballot, points }) => ({
      id: ballot.participantId,
      entries: [...points.entries()]
        .filter(([id, n]) => n > 0 && order.has(id))
        .sort((a, b) => b[1] - a[1] || (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0)),
    }))
    .filter((c) => c.entries.length > 0);
  const meta: Record<string, string> = {
    description: s.title,
    country: 'GB',
    unit: s.neighbourhood,
    instance: s.date,
    num_projects: String(view.visible.length),
    num_votes: String(counted.length),
    budget: String(s.potPence / 100),
    currency: 'GBP',
    vote_type: voteType,
    rule: PB_RULE[rule],
    date_begin: s.date,
    date_end: s.date,
  };
  if (method.kind === 'dots') {
    // Dots per idea are capped at today's maximum when counted; dots in all are not (a ballot keeps the total
    // it was cast under), so max_sum_points is written only when every vote keeps it.
    const sums = counted.map((c) => c.entries.reduce((sum, [, n]) => sum + n, 0));
    if (sums.every((x) => x <= method.dotsPerParticipant))
      meta['max_sum_points'] = String(method.dotsPerParticipant);
    meta['max_points'] = String(method.maxDotsPerProposal);
  } else if (method.kind === 'budget') {
    // Each ballot was checked against its own recorded minimum and pot, and merges or hiding may have left it
    // naming fewer ideas, so a limit is written only when every exported vote keeps it.
    const cost = new Map(view.visible.map((v) => [v.id, v.costPence]));
    const spends = counted.map((c) => c.entries.reduce((sum, [id]) => sum + (cost.get(id) ?? 0), 0));
    const minimum = wantedMinimumPence(method, s.potPence);
    if (minimum > 0 && spends.every((x) => x >= minimum)) meta['min_sum_cost'] = String(minimum / 100);
    if (spends.every((x) => x <= s.potPence)) meta['max_sum_cost'] = String(s.potPence / 100);
  } else {
    meta['max_length'] = String(method.maxRanked);
  }
  const hasScore = voteType !== 'approval';
  const projects: PbProject[] = view.visible.map((v) => {
    const row = board.get(v.id);
    const fields: Record<string, string> = { votes: String(row?.supporters ?? 0) };
    if (hasScore) fields['score'] = String(row?.points ?? 0);
    fields['name'] = v.shownTitle;
    fields['category'] = themes.get(v.themeId) ?? '';
    fields['selected'] = funded.has(v.id) ? '1' : '0';
    return { id: v.id, cost: v.costPence / 100, fields };
  });
  const voters: PbVoter[] = counted
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => {
      const voter: PbVoter = { id: c.id, vote: c.entries.map(([id]) => id), fields: {} };
      if (voteType === 'cumulative') voter.points = c.entries.map(([, n]) => n);
      return voter;
    });
  return {
    meta,
    budget: s.potPence / 100,
    voteType,
    projectColumns: [
      'project_id',
      'cost',
      'votes',
      ...(hasScore ? ['score'] : []),
      'name',
      'category',
      'selected',
    ],
    projects,
    voterColumns: ['voter_id', 'vote', ...(voteType === 'cumulative' ? ['points'] : [])],
    voters,
  };
}

/** The `.pb` text (CRLF line ends, like the files on pabulib.org). */
export function sessionToPbText(view: SessionView, rule: RuleName = 'greedy'): string {
  return writePabulib(sessionToPb(view, rule));
}
