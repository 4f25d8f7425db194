/**
 * Records made after the session was ended.
 *
 * Ending a session is a settings edit (`isEnded: true`). A tablet that has not heard of it yet, because it is
 * offline or has not swapped files, keeps taking turns, and those records are counted like every other: a
 * resident who took part is not dropped for a message they could not have seen. This module lists them so an
 * officer can see how many there are and decide what to say about them.
 *
 * Rules:
 * - The end is the settings edit that ended the session: in the order settings are applied (causal order,
 *   src/domain/order.ts causalOrder), the first edit setting `isEnded` to true after the last one setting it to
 *   false (sessions are not reopened in the app, but a record could say so). No end while the settings say the
 *   session is open. An end written after seeing a "not ended" edit names it, so it comes after it whatever the
 *   stamps say, even one stamped at the latest possible time.
 * - A record came after the end when its `at` is later than the end edit's `at`: tablet turns (participants),
 *   ballots cast at a tablet, ideas and comments. Paper sheets are left out: typing them in after the workshop
 *   is allowed and expected.
 * - Clock caveat: `at` is each device's own clock. A tablet whose clock runs fast shows records as after the
 *   end that were made before it, one whose clock runs slow hides some; the list is a prompt to look, with the
 *   device and time of each record, not a verdict. Nothing is excluded from counting because of it.
 */
import { channelOf } from './paper';
import { byBallotOrder, byStampThenId, causalOrder } from './order';
import type { Ballot, Comment, Participant, Proposal, SessionRecords, SettingsEdit } from './types';

export interface AfterEnd {
  /** The settings edit that ended the session (its device and time). */
  end: SettingsEdit;
  /** Tablet turns started after the end. */
  participants: Participant[];
  /** Ballots cast at a tablet after the end. */
  ballots: Ballot[];
  proposals: Proposal[];
  comments: Comment[];
  /** All of the above. */
  total: number;
}

/** The edit that ended the session, or null while it is open (see the rules above). */
export function endEdit(edits: readonly SettingsEdit[]): SettingsEdit | null {
  let end: SettingsEdit | null = null;
  for (const edit of causalOrder(edits)) {
    if (edit.values.isEnded === true && end === null) end = edit;
    else if (edit.values.isEnded === false) end = null;
  }
  return end;
}

/** The records made after the session was ended, or null when it has not been ended. In (at, id) order. */
export function recordsAfterEnd(
  records: Pick<SessionRecords, 'settingsEdits' | 'participants' | 'ballots' | 'proposals' | 'comments'>,
): AfterEnd | null {
  const end = endEdit(records.settingsEdits);
  if (!end) return null;
  const isAfter = (r: { at: number }): boolean => r.at > end.at;
  const participants = records.participants
    .filter((p) => channelOf(p) === 'kiosk' && isAfter(p))
    .sort(byStampThenId);
  const ballots = records.ballots.filter((b) => channelOf(b) === 'kiosk' && isAfter(b)).sort(byBallotOrder);
  const proposals = records.proposals.filter(isAfter).sort(byStampThenId);
  const comments = records.comments.filter(isAfter).sort(byStampThenId);
  return {
    end,
    participants,
    ballots,
    proposals,
    comments,
    total: participants.length + ballots.length + proposals.length + comments.length,
  };
}
