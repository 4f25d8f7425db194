/**
 * The proposals behind the figure "Proposals hidden or merged into another", so an officer can trace it: each
 * proposal put forward but not on the ballot, hidden by a facilitator (with the reason they gave) or merged into
 * another (naming the one it counts for), and, for each proposal on the ballot, the duplicates merged into it.
 *
 * The rules are the counting's (src/domain/count.ts): a choice of a merged duplicate counts for the proposal it
 * was merged into, unless either is hidden; so a hidden duplicate is listed as hidden, and is not one of the
 * titles a kept proposal "includes".
 *
 * Privacy follows the exports (src/domain/results/publishable.ts, docs/exports.md): the officer screen is the
 * council's, as the council's JSON export is, and shows a hidden proposal's title and reason; the printed report
 * may be published, so it withholds both (`forPublishing`), as the open-data export does: a hidden proposal's
 * text, or the reason it was hidden, may name a neighbour.
 */
import type { SessionView } from '../../doc/session';
import type { Translator } from '../i18n';
import { listInWords } from '../facilitator/files/words';

/** One proposal not on the ballot. `shown` is null where its title and reason may not be printed. */
export type NotOnBallot =
  | { kind: 'hidden'; proposalId: string; shown: { title: string; reason: string } | null }
  | { kind: 'merged'; proposalId: string; title: string; intoTitle: string | null };

/** Proposals put forward but not on the ballot, in the order they were put forward. */
export function notOnBallot(view: SessionView, { forPublishing = false } = {}): NotOnBallot[] {
  const byId = new Map(view.proposals.map((p) => [p.id, p]));
  const list: NotOnBallot[] = [];
  for (const p of view.proposals) {
    if (p.isHidden) {
      const shown = forPublishing ? null : { title: p.shownTitle, reason: p.hiddenReason };
      list.push({ kind: 'hidden', proposalId: p.id, shown });
    } else if (p.canonicalId !== p.id) {
      const into = byId.get(p.canonicalId);
      const intoTitle = !into || (into.isHidden && forPublishing) ? null : into.shownTitle;
      list.push({ kind: 'merged', proposalId: p.id, title: p.shownTitle, intoTitle });
    }
  }
  return list;
}

/** For each proposal on the ballot, the titles of the duplicates merged into it whose choices count for it. */
export function includedTitles(view: SessionView): Map<string, string[]> {
  const included = new Map<string, string[]>();
  for (const p of view.proposals) {
    if (p.isHidden || p.canonicalId === p.id) continue;
    const list = included.get(p.canonicalId);
    if (list) list.push(p.shownTitle);
    else included.set(p.canonicalId, [p.shownTitle]);
  }
  return included;
}

/** "includes: “Friday youth club”" under a proposal's title; '' when nothing was merged into it. */
export function includesText(t: Translator, titles: readonly string[] | undefined): string {
  if (!titles || titles.length === 0) return '';
  const quoted = titles.map((title) => t('results.quoted', { title }));
  return t('results.includes', { titles: listInWords(t, quoted) });
}

/** One line of the list, in words. */
export function notOnBallotText(t: Translator, entry: NotOnBallot): string {
  if (entry.kind === 'merged') {
    const into =
      entry.intoTitle === null
        ? t('notOnBallot.hiddenTitle')
        : t('results.quoted', { title: entry.intoTitle });
    return t('notOnBallot.merged', { title: entry.title, into });
  }
  if (entry.shown === null) return t('notOnBallot.hiddenWithheld', { title: t('notOnBallot.hiddenTitle') });
  return t('notOnBallot.hidden', entry.shown);
}
