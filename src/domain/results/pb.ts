/**
 * The session as a pabulib `.pb` election (written with src/domain/counting/pabulib.ts), so data teams can
 * recount it with `npm run tally` or any pabulib tool, and pabulib's checker finds no error in it (our copy of
 * that checker: src/domain/counting/pbCheck.ts; every export is checked in test/unit/results/pbExportCheck.test.ts).
 *
 * Mapping (docs/exports.md, the .pb section):
 * - META, in pabulib's order: description (session title), country `United Kingdom`, unit (neighbourhood),
 *   instance (the session's year), num_projects, num_votes, budget = the pot IN POUNDS (pence as decimals, e.g.
 *   1250.5, which the reader and the counting rules take exactly), vote_type by method (dots: cumulative;
 *   budget: approval; ranking: ordinal), rule (below), date_begin = date_end = the session date as DD.MM.YYYY,
 *   then the limits each vote in the file keeps (ballots are counted under the rules they were cast under, and
 *   merges and hiding can shrink them: src/domain/count.ts): max_length (ranking), min_sum_cost (the session's
 *   minimum share of the pot) and max_sum_cost (budget), max_points and max_sum_points (dots); currency GBP;
 *   comment (`#1: ...`, `#2: ...`) saying how the app counted and what was left out.
 * - rule, by the app's rule: greedy -> `greedy-threshold` with `min_project_score_threshold` 1 (the app never
 *   funds an idea nobody chose, ./results.ts; plain pabulib `greedy` would take it when money is left);
 *   mes -> `equalshares/add1`; borda -> `greedy-threshold` the same way, with the Borda points
 *   (m - 1 - position, m = ideas on the paper) in the points and score columns, so greedy by score IS the app's
 *   Borda-greedy (pabulib has no Borda rule; the comment says "Borda"), except when an idea someone ranked last
 *   of all (Borda 0) was funded: then `unknown` and the comment says why; votes -> `unknown` with no selected
 *   column (the app decides no funding under that rule, and pabulib's greedy would call an empty selection
 *   "unused budget").
 * - PROJECTS: the ideas residents could choose (visible, not merged away), oldest first (the PROJECTS row order
 *   is the greedy tie-break, so recounting gives the same winners): project_id, cost (pounds), votes (ballots in
 *   the file naming it), score (the sum of its points in the file: dots, ranking points or Borda points; omitted
 *   for approval), name (shown title), category (theme name, a comma in it written " / ": pabulib reads
 *   `category` as a comma-separated list, and a theme is one category), selected (1/0 under the rule; not for
 *   votes). Text cells (description, unit, name, category) are one line, with no white space at either end
 *   (pbCellText: a line break, possible in a title that came by sync or a crafted file, becomes a space).
 *   Left out, each named in the comment: ideas costing £0 (pabulib: "project with no cost"; they cost nothing,
 *   so leaving them out changes no other idea's greedy or MES outcome) and ideas costing more than the pot
 *   (pabulib: cost above the budget; no rule can fund them). Ideas nobody chose are kept (pabulib warns
 *   "project with no votes"), with selected 0: the threshold says why they were passed over.
 * - VOTES: one row per counted ballot that still names an exported idea after merges, hiding and the ideas left
 *   out, in participant-id order: voter_id = participant id, vote = canonical idea ids (ordinal: best first),
 *   points (cumulative: the dots after merges and caps; ordinal: the ranking points K..1 the app counted, or the
 *   Borda points under borda). Excluded ballots are not in the file.
 * - MES with ideas or ballots left out: the app counted MES over all of them, and a ballot that named only
 *   left-out ideas changes the number of voters in the file; so the file is recounted, and if MES on the file
 *   alone funds a different set, the rule is written `unknown` (selected = the app's decision) and the comment
 *   says why, rather than a rule the file does not reproduce.
 * Tie-break: project rows oldest first, then id; vote rows by participant id.
 */
import type { SessionView } from '../../doc/session';
import type { PbElection, PbProject, PbVoter } from '../counting';
import { equalShares, greedy, writePabulib } from '../counting';
// pabulib's META order (its checker warns otherwise): the one list the checker rules use too.
import { META_ORDER, pbCellText } from '../counting/pbCheck';
import { neighbourhoodName } from '../neighbourhood';
import { wantedMinimumPence } from '../ballots';
import { sessionResults, type RuleName } from './results';

const PB_RULE: Record<RuleName, string> = {
  votes: 'unknown',
  greedy: 'greedy-threshold',
  mes: 'equalshares/add1',
  borda: 'greedy-threshold',
};

/** `min_project_score_threshold` under greedy-threshold: an idea needs a point (someone chose it) to be funded. */
const CHOSEN_THRESHOLD = 1;

/** ISO `YYYY-MM-DD` as pabulib's `DD.MM.YYYY`. */
export function pbDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso.slice(0, 4);
}

export function sessionToPb(view: SessionView, rule: RuleName = 'greedy'): PbElection {
  const s = view.settings;
  const method = s.method;
  const pot = s.potPence;
  // A theme is one category: pabulib reads commas in `category` as a list, so a comma in its name is written " / ".
  const themes = new Map(s.themes.map((t) => [t.id, pbCellText(t.name, true)]));
  const result = sessionResults(view, rule);
  const funded = new Set(result.selected);
  const voteType = method.kind === 'dots' ? 'cumulative' : method.kind === 'budget' ? 'approval' : 'ordinal';
  const order = new Map(view.visible.map((v, i) => [v.id, i]));
  const m = view.visible.length;
  const isExported = (cost: number): boolean => cost > 0 && cost <= pot;
  const exported = view.visible.filter((v) => isExported(v.costPence));
  const kept = new Set(exported.map((v) => v.id));
  const free = view.visible.filter((v) => v.costPence === 0).map((v) => v.id);
  const overPot = view.visible.filter((v) => v.costPence > pot).map((v) => v.id);
  // Each ballot's ideas best first (as results.countedChoices), with the points the rule counts: Borda points
  // come from the position among ALL the ideas it names, before any is left out of the file.
  const ballots = view.count.counted
    .map(({ ballot, points }) => ({
      id: ballot.participantId,
      entries: [...points.entries()]
        .filter(([id, n]) => n > 0 && order.has(id))
        .sort((a, b) => b[1] - a[1] || (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0))
        .map(([id, n], p): [string, number] => [id, rule === 'borda' ? m - 1 - p : n]),
    }))
    .filter((c) => c.entries.length > 0);
  const counted = ballots
    .map((c) => ({ id: c.id, entries: c.entries.filter(([id]) => kept.has(id)) }))
    .filter((c) => c.entries.length > 0);
  const votes = new Map<string, number>();
  const score = new Map<string, number>();
  for (const c of counted) {
    for (const [id, n] of c.entries) {
      votes.set(id, (votes.get(id) ?? 0) + 1);
      score.set(id, (score.get(id) ?? 0) + n);
    }
  }
  const freeFunded = free.filter((id) => funded.has(id));
  const comments: string[] = [];
  if (rule === 'borda')
    comments.push(
      `counted by the Borda count (m - 1 - position, m = ${m} ideas): points and score hold Borda points, and selected is greedy by that score within the budget`,
    );
  if (rule === 'votes')
    comments.push('counted by votes only: the session decided no funding, so there is no selected column');
  if (free.length > 0)
    comments.push(
      `left out: ideas costing nothing (${free.join(', ')}), which pabulib does not allow${freeFunded.length > 0 ? `. Funded by the app at no cost: ${freeFunded.join(', ')}` : ''}`,
    );
  if (overPot.length > 0)
    comments.push(
      `left out: ideas costing more than the pot (${overPot.join(', ')}), which no rule can fund`,
    );
  let pbRule = PB_RULE[rule];
  if (pbRule === 'greedy-threshold') {
    // Greedy by the file's own figures (score, else votes) as pabulib's checker ranks; an idea ranked last of all
    // under Borda scores 0 though someone chose it, and the threshold would then pass over what the app funded.
    const byFile = method.kind === 'budget' ? votes : score;
    const recount = greedy(
      exported.map((v) => ({ id: v.id, cost: v.costPence })),
      byFile,
      pot,
      { threshold: CHOSEN_THRESHOLD },
    );
    const app = result.selected.filter((id) => kept.has(id));
    if (recount.selected.length !== app.length || !recount.selected.every((id) => funded.has(id))) {
      pbRule = 'unknown';
      comments.push(
        rule === 'borda'
          ? "counted by Borda greedy among the ideas someone ranked: an idea ranked last of all scores 0 yet was funded, which greedy-threshold on this file does not reproduce: selected is the app's decision"
          : "greedy-threshold on this file funds a different set than the app: selected is the app's decision",
      );
    }
  }
  if (rule === 'mes' && (free.length > 0 || overPot.length > 0 || counted.length < ballots.length)) {
    const recount = equalShares(
      exported.map((v) => ({ id: v.id, cost: v.costPence / 100 })),
      counted.map((c) => c.entries.map(([id]) => id)),
      pot / 100,
    );
    const app = result.selected.filter((id) => kept.has(id));
    if (recount.selected.length !== app.length || !recount.selected.every((id) => funded.has(id))) {
      pbRule = 'unknown';
      comments.push(
        "counted by the Method of Equal Shares with Add1 over every idea, including those left out, which funds a different set than MES on this file alone: selected is the app's decision",
      );
    }
  }
  const meta: Record<string, string> = {
    description: pbCellText(s.title),
    country: 'United Kingdom',
    unit: pbCellText(neighbourhoodName(s.neighbourhood)),
    instance: s.date.slice(0, 4),
    num_projects: String(exported.length),
    num_votes: String(counted.length),
    budget: String(pot / 100),
    vote_type: voteType,
    rule: pbRule,
    date_begin: pbDate(s.date),
    date_end: pbDate(s.date),
    currency: 'GBP',
  };
  if (pbRule === 'greedy-threshold') meta['min_project_score_threshold'] = String(CHOSEN_THRESHOLD);
  if (comments.length > 0) meta['comment'] = comments.map((c, i) => `#${i + 1}: ${c}`).join(' ');
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
    const minimum = wantedMinimumPence(method, pot);
    if (minimum > 0 && spends.every((x) => x >= minimum)) meta['min_sum_cost'] = String(minimum / 100);
    if (spends.every((x) => x <= pot)) meta['max_sum_cost'] = String(pot / 100);
  } else {
    meta['max_length'] = String(method.maxRanked);
  }
  const ordered = Object.fromEntries(
    META_ORDER.filter((k) => k in meta).map((k): [string, string] => [k, meta[k] ?? '']),
  );
  const hasScore = voteType !== 'approval';
  const hasSelected = rule !== 'votes';
  const projects: PbProject[] = exported.map((v) => {
    const fields: Record<string, string> = { votes: String(votes.get(v.id) ?? 0) };
    if (hasScore) fields['score'] = String(score.get(v.id) ?? 0);
    fields['name'] = pbCellText(v.shownTitle);
    fields['category'] = themes.get(v.themeId) ?? '';
    if (hasSelected) fields['selected'] = funded.has(v.id) ? '1' : '0';
    return { id: v.id, cost: v.costPence / 100, fields };
  });
  const hasPoints = voteType !== 'approval';
  const voters: PbVoter[] = counted
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => {
      const voter: PbVoter = { id: c.id, vote: c.entries.map(([id]) => id), fields: {} };
      if (hasPoints) voter.points = c.entries.map(([, n]) => n);
      return voter;
    });
  return {
    meta: ordered,
    budget: pot / 100,
    voteType,
    projectColumns: [
      'project_id',
      'cost',
      'votes',
      ...(hasScore ? ['score'] : []),
      'name',
      'category',
      ...(hasSelected ? ['selected'] : []),
    ],
    projects,
    voterColumns: ['voter_id', 'vote', ...(hasPoints ? ['points'] : [])],
    voters,
  };
}

/** The `.pb` text (CRLF line ends, like the files on pabulib.org). */
export function sessionToPbText(view: SessionView, rule: RuleName = 'greedy'): string {
  return writePabulib(sessionToPb(view, rule));
}
