/**
 * CSV exports: a results CSV (one row per idea under a named rule) and a ballots CSV (what each ballot gave).
 *
 * Rules:
 * - UTF-8 with a byte-order mark (so Excel opens accents and £ right), CRLF line ends, comma separated.
 * - RFC 4180 quoting: a cell holding a comma, a double quote, CR or LF is wrapped in double quotes with every
 *   double quote doubled.
 * - Formula-injection neutralisation (before quoting): a cell whose text begins with = + - @, a tab or a carriage
 *   return is prefixed with a single quote ('), so a spreadsheet shows it as text instead of running it. Applied
 *   to every cell; the figures written are never negative, so no number is changed.
 * - Money: cost_pence (whole pence) and cost_pounds ("1250.00").
 * Tie-break (row order): results rows as sessionResults lists them; ballot rows by ballot time, then participant
 * id, then (for counted ballots) the proposal order of the session.
 * - channel (last column): 'kiosk' for a ballot cast at a tablet, 'paper' for a paper sheet typed in.
 * - Participation CSV: the figures of participation() (residents taking part, turns with nothing done apart,
 *   ideas, comments, ballots), in total and by channel, one figure a row, in a fixed order.
 * Columns: see docs/exports.md.
 */
import type { SessionView } from '../../doc/session';
import { ballotChoiceIds } from './trace';
import type { Participation } from './participation';
import type { SessionResult } from './results';
import { deviceLabel } from '../devices';
import { channelOf } from '../paper';
import type { Ballot } from '../types';

export type CsvValue = string | number | boolean | null;

export const BOM = '\uFEFF';

/** Prefixes a cell that a spreadsheet would read as a formula with a single quote. */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(value: CsvValue): string {
  const text = neutralise(value === null ? '' : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: BOM, header and rows, CRLF after every row. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return BOM + [header, ...rows].map((r) => r.map(csvCell).join(',') + '\r\n').join('');
}

export function poundsText(pence: number): string {
  return `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
}

export const RESULTS_COLUMNS = [
  'session_id',
  'rule',
  'rank',
  'proposal_id',
  'title',
  'theme',
  'cost_pence',
  'cost_pounds',
  'points',
  'supporters',
  'funded',
  'merged_ids',
] as const;

export function resultsCsv(result: SessionResult): string {
  return toCsv(
    RESULTS_COLUMNS,
    result.rows.map((r) => [
      result.sessionId,
      result.rule,
      r.rank,
      r.proposalId,
      r.title,
      r.themeName,
      r.costPence,
      poundsText(r.costPence),
      r.points,
      r.supporters,
      r.funded === null ? 'n/a' : r.funded ? 'yes' : 'no',
      r.mergedIds.join(' '),
    ]),
  );
}

export const BALLOTS_COLUMNS = [
  'session_id',
  'participant_id',
  'device_id',
  'cast_at',
  'revision',
  'status',
  'reason',
  'proposal_id',
  'points',
  'via',
  'ballot',
  'channel',
  /** The device by its name in the session, else "Tablet <short code>" (src/domain/devices.ts). */
  'device_name',
] as const;

/** The ballot as written, e.g. "p1:2 p2:1" (dots) or "p3 p1" (selection or ranking, in order). */
export function ballotText(ballot: Ballot): string {
  if (ballot.kind === 'dots')
    return ballotChoiceIds(ballot)
      .map((id) => `${id}:${ballot.dots[id]}`)
      .join(' ');
  return ballotChoiceIds(ballot).join(' ');
}

/** One ballot as the ballots CSVs list it: its status and one entry per idea it gives points to. */
export interface BallotCsvItem {
  ballot: Ballot;
  status: 'counted' | 'excluded';
  /** The exclusion's reason code, '' for a counted ballot. */
  reason: string;
  /** Canonical idea, points after merges, hiding and caps, and how the ballot reached it; at least one entry
   * (with an empty proposalId) so every ballot has a row. */
  entries: { proposalId: string; points: number; via: '' | 'direct' | 'merged' | 'both' }[];
}

/**
 * Every ballot as the ballots CSVs list it (the council's here, the one for publishing in ./publishable.ts):
 * counted ballots with one entry per idea they give points to, in the session's proposal order, or one empty
 * entry when left with nothing; excluded ballots with one empty entry. Ballot time, then participant id.
 */
export function ballotCsvItems(view: SessionView): BallotCsvItem[] {
  const order = new Map(view.proposals.map((p, i) => [p.id, i]));
  const byId = new Map(view.proposals.map((p) => [p.id, p]));
  const items: BallotCsvItem[] = [];
  const nothing = { proposalId: '', points: 0, via: '' as const };
  for (const { ballot, points } of view.count.counted) {
    const ids = [...points.keys()]
      .filter((id) => (points.get(id) ?? 0) > 0)
      .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const chosen = ballotChoiceIds(ballot);
    const entries: BallotCsvItem['entries'] = ids.map((id) => {
      const family = chosen.filter((c) => byId.get(c)?.canonicalId === id);
      const direct = family.includes(id);
      const merged = family.some((c) => c !== id);
      const via = direct && merged ? 'both' : direct ? 'direct' : 'merged';
      return { proposalId: id, points: points.get(id) ?? 0, via };
    });
    items.push({ ballot, status: 'counted', reason: '', entries: entries.length > 0 ? entries : [nothing] });
  }
  for (const { ballot, reason } of view.count.excluded) {
    items.push({ ballot, status: 'excluded', reason, entries: [nothing] });
  }
  return items.sort(
    (a, b) =>
      a.ballot.at - b.ballot.at ||
      (a.ballot.participantId < b.ballot.participantId
        ? -1
        : a.ballot.participantId > b.ballot.participantId
          ? 1
          : 0),
  );
}

/**
 * One row per (counted ballot, idea it gives points to) with the points after merges, hiding and caps; one row
 * with an empty proposal_id for a counted ballot left with nothing; one row per excluded ballot with its reason.
 */
export function ballotsCsv(view: SessionView): string {
  return toCsv(
    BALLOTS_COLUMNS,
    ballotCsvItems(view).flatMap(({ ballot: b, status, reason, entries }) =>
      entries.map((e) => [
        view.records.sessionId,
        b.participantId,
        b.deviceId,
        new Date(b.at).toISOString(),
        b.revision,
        status,
        reason,
        e.proposalId,
        e.points,
        e.via,
        ballotText(b),
        channelOf(b),
        deviceLabel(b.deviceId, view),
      ]),
    ),
  );
}

export const PARTICIPATION_COLUMNS = ['session_ids', 'figure', 'channel', 'count'] as const;

/**
 * Who took part, as rows (docs/exports.md): the same figures as participation(), the officer view and the report.
 * `channel` is `all`, `kiosk` or `paper`; residents and ballots are split by channel, kiosk + paper = all.
 */
export function participationCsv(p: Participation): string {
  const ids = p.sessionIds.join(' ');
  const rows: [string, string, number][] = [
    ['residents_taking_part', 'all', p.residents],
    ['residents_taking_part', 'kiosk', p.byChannel.kiosk.residents],
    ['residents_taking_part', 'paper', p.byChannel.paper.residents],
    ['turns_with_nothing_done', 'all', p.turnsWithNothingDone],
    ['ideas', 'all', p.ideas],
    ['ideas_shown', 'all', p.ideasShown],
    ['comments', 'all', p.comments],
    ['ballots_counted', 'all', p.ballots.counted],
    ['ballots_counted', 'kiosk', p.byChannel.kiosk.ballotsCounted],
    ['ballots_counted', 'paper', p.byChannel.paper.ballotsCounted],
    ['ballots_excluded', 'all', p.ballots.excluded],
    ['ballots_excluded', 'kiosk', p.byChannel.kiosk.ballotsExcluded],
    ['ballots_excluded', 'paper', p.byChannel.paper.ballotsExcluded],
  ];
  return toCsv(
    PARTICIPATION_COLUMNS,
    rows.map(([figure, channel, count]) => [ids, figure, channel, count]),
  );
}
