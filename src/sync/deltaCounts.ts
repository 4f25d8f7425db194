/**
 * What a camera answer (cameraTransfer.ts) says it sends: how much the receiver's figures grow once it is merged,
 * counted as the dashboard counts (readRecords), from what the sender holds and the receiver's request says it has
 * (its state vector, and the paper sheets it counts). The receiver's own preview of the answer is exact; the
 * sender's is as exact as the request lets it be (see newInReceiver).
 */
import * as Y from 'yjs';
import { MAPS, readRecords } from '../doc/schema';
import { channelOf, MAX_SHEET, paperParticipantId, sheetOf, withdrawnTypings } from '../domain/paper';
import { hasSealedAnswers } from '../domain/results/openAnswers';
import { takingPart } from '../domain/results/participation';
import { standingStatuses } from '../domain/statuses';
import type { ProposalStatus } from '../domain/types';
import type { FileCounts } from './sessionFile';

/**
 * Longest list of sheets a request carries ("1-40,45,52-60"): sheets are usually numbered in runs, so a day's
 * hundreds of sheets take a few characters; a request past it leaves the list out (the sender then counts as far
 * as it can tell), so a request never grows past a few more frames.
 */
export const MAX_SHEETS_TEXT = 2000;

/** The sheets as ranges ("1-3,7"), or undefined past MAX_SHEETS_TEXT. */
export function sheetRanges(sheets: Iterable<number>): string | undefined {
  const sorted = [...new Set(sheets)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  const text = parts.join(',');
  return text.length <= MAX_SHEETS_TEXT ? text : undefined;
}

/** Whether a sheet is in a request's ranges; null when the text is not a list of ranges of sheet numbers. */
export function sheetsIn(text: string): ((sheet: number) => boolean) | null {
  if (text.length > MAX_SHEETS_TEXT) return null;
  if (text === '') return () => false;
  const ranges: [number, number][] = [];
  for (const part of text.split(',')) {
    const m = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(part);
    if (!m) return null;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo < 1 || hi < lo || hi > MAX_SHEET) return null;
    ranges.push([lo, hi]);
  }
  return (sheet) => ranges.some(([lo, hi]) => sheet >= lo && sheet <= hi);
}

/** The sheets whose ballot this copy of the session counts (a withdrawn sheet has none): a request's `sheets`. */
export function heldSheets(doc: Y.Doc): string | undefined {
  const sheets: number[] = [];
  for (const b of readRecords(doc).ballots) {
    const sheet = sheetOf(b.participantId);
    if (sheet !== null) sheets.push(sheet);
  }
  return sheetRanges(sheets);
}

/**
 * Records of each map the receiver lacks, as it will count them once the answer is merged (as the dashboard
 * counts them, and as its own preview of the answer will): keys whose current entry was written after its state
 * vector, but for ballots, decisions and residents (newInReceiver).
 */
export function deltaCounts(
  doc: Y.Doc,
  stateVector: Map<number, number>,
  sheetsThere: (sheet: number) => boolean,
): FileCounts {
  const isThere = (id: Y.ID): boolean => id.clock < (stateVector.get(id.client) ?? 0);
  const count = (name: string): number => {
    let n = 0;
    // _map holds each key's current item: its id says who wrote it and when, in Yjs's clock.
    for (const item of doc.getMap(name)._map.values()) if (!item.deleted && !isThere(item.id)) n++;
    return n;
  };
  const { ballots, statuses, participants } = newInReceiver(doc, isThere, sheetsThere);
  return {
    proposals: count(MAPS.proposals),
    comments: count(MAPS.comments),
    participants,
    ballots,
    moderation: count(MAPS.moderation),
    statuses,
  };
}

/**
 * How much the receiver's (holding what `isThere` says, and counting the sheets `sheetsHeld` says) ballots,
 * decisions and residents taking part grow, read as the dashboard reads them (readRecords):
 * - a ballot it holds no version of: a later revision of one it holds is no new ballot. A paper sheet is new only
 *   if it holds no typing of the sheet that counts here (a sheet typed on two devices is one ballot, and a
 *   withdrawn sheet is none), whichever write of the sheet's key Yjs kept, and its request does not list it (a
 *   sheet it typed apart, which this tablet has never seen; an older app's request lists none, and such a sheet
 *   is then counted: the receiver's preview says better);
 * - less each sheet it counts now that a retry here withdraws, where it holds one of the withdrawn tries (a try
 *   under a wrong number put right under another: the retry's sheet is no ballot more), unless it typed that
 *   sheet apart too, which this tablet cannot know;
 * - the decisions in the history (a try its retry replaced is not one more: a retry of a try it holds adds none);
 * - a resident taking part it does not count now: a turn with nothing done is sent but is not one, and a turn it
 *   holds becomes one when what the resident did reaches it; a withdrawn sheet's resident goes with its ballot.
 */
function newInReceiver(
  doc: Y.Doc,
  isThere: (id: Y.ID) => boolean,
  sheetsHeld: (sheet: number) => boolean,
): Pick<FileCounts, 'ballots' | 'statuses' | 'participants'> {
  const item = (map: string, key: string): Y.Item | undefined => doc.getMap(map)._map.get(key);
  // Whether the receiver holds some version of a record: its current entry, or one the current one replaced
  // (a map key's earlier entries are to its left).
  const hasSome = (entry: Y.Item | undefined): boolean => {
    for (let at: Y.Item | null = entry ?? null; at; at = at.left instanceof Y.Item ? at.left : null) {
      if (isThere(at.id)) return true;
    }
    return false;
  };
  const r = readRecords(doc);
  const statusesThere: ProposalStatus[] = [];
  doc.getMap<ProposalStatus>(MAPS.statuses).forEach((value, id) => {
    if (hasSome(item(MAPS.statuses, id))) statusesThere.push(value);
  });
  const withdrawn = withdrawnTypings(r.paperTypings);
  const sheetsThere = new Set<string>();
  for (const t of r.paperTypings) {
    if (!withdrawn.has(t.id) && hasSome(item(MAPS.paperTypings, t.id)))
      sheetsThere.add(paperParticipantId(t.sheet));
  }
  // Whether the receiver holds this resident's ballot in some version (a paper sheet: some typing of it, or a
  // ballot an older app wrote under its key).
  const hasBallot = (participantId: string): boolean => {
    const sheet = sheetOf(participantId);
    return (
      sheetsThere.has(participantId) ||
      (sheet !== null && sheetsHeld(sheet)) ||
      hasSome(item(MAPS.ballots, participantId))
    );
  };
  // Sheets the receiver counts that go once the retries here reach it (see above).
  const gone = new Set<number>();
  for (const t of r.paperTypings) {
    if (withdrawn.has(t.id) && sheetsHeld(t.sheet) && hasSome(item(MAPS.paperTypings, t.id)))
      gone.add(t.sheet);
  }
  for (const t of r.paperTypings) if (!withdrawn.has(t.id)) gone.delete(t.sheet);
  const actedThere = new Set<string>();
  for (const p of r.proposals) {
    if (p.participantId !== null && hasSome(item(MAPS.proposals, p.id))) actedThere.add(p.participantId);
  }
  for (const c of r.comments) {
    if (c.participantId !== null && hasSome(item(MAPS.comments, c.id))) actedThere.add(c.participantId);
  }
  for (const b of r.ballots) if (hasBallot(b.participantId)) actedThere.add(b.participantId);
  const participants = takingPart(r).residents.filter((p) => {
    // A paper resident is there with its sheet, whichever device typed it.
    if (channelOf(p) === 'paper' && sheetOf(p.id) !== null) return !hasBallot(p.id);
    const entry = item(MAPS.participants, p.id);
    if (!hasSome(entry)) return true;
    if (actedThere.has(p.id) || channelOf(p) === 'paper') return false;
    // Answers: known only when the receiver holds this very version (an earlier one is read as none).
    const answered =
      Object.keys(p.answers).length > 0 || p.answersErased !== undefined || hasSealedAnswers(p);
    return !(answered && entry !== undefined && isThere(entry.id));
  }).length;
  return {
    ballots: Math.max(0, r.ballots.filter((b) => !hasBallot(b.participantId)).length - gone.size),
    // The history grows by what stands after less what stands of the records it holds now (a retry folds the try
    // it repeats into itself: the two are one decision in the history).
    statuses: Math.max(0, r.statuses.length - standingStatuses(statusesThere).length),
    participants: Math.max(0, participants - gone.size),
  };
}
