/**
 * Paper ballots: sheets filled in at a workshop stall and typed in afterwards by a facilitator or an officer.
 *
 * Rules:
 * - A paper sheet carries a number written on it (1 to 999,999). Its resident is a participant record and its
 *   ballot a ballot record, both marked `channel: 'paper'`, both stored under the participant id `paper-<sheet>`
 *   (the number without leading zeros). The id comes from the sheet, not from a random UUID, so the same sheet
 *   typed on two devices is one key in the document: when the devices merge it is ONE ballot, never counted twice.
 *   If the two typings differ, the document keeps one of them, the same one on every device (Yjs's rule for two
 *   writes of one key); the paper sheet is the record, and retyping it (replace) settles it.
 * - Typing a sheet this device already holds is refused (`sheetTaken`) unless the person chooses to replace it;
 *   a replacement is a later revision of the same ballot, from whichever device types it.
 * - A paper ballot follows the session's method rules exactly as a tablet ballot does (checkBallot), against the
 *   ideas residents can choose now. It may be entered after the session has ended: facilitators often type the
 *   sheets in afterwards, and ending a session only stops new turns at the tablets.
 * - The paper resident has consented (the paper form carries the consent wording), gave no about-you answers
 *   (so counts as "No answer"), speaks the session's first language, and is finished when typed in.
 * - Idea numbers (on a paper form, in the CSV import, in the panel) are positions in the list of every idea put
 *   forward, oldest first, starting at 1: hiding or merging an idea never renumbers the others.
 */
import { checkBallot, type BallotContext } from './ballots';
import { ValidationError } from './errors';
import type { Ballot, BallotChoices, Channel, Participant, PriorityMethod } from './types';

export const PAPER_PREFIX = 'paper-';
export const MAX_SHEET = 999_999;

/** The participant (and ballot key) of a paper sheet. */
export function paperParticipantId(sheet: number): string {
  return `${PAPER_PREFIX}${sheet}`;
}

/** The sheet number of a paper participant id, or null for any other id. */
export function sheetOf(participantId: string): number | null {
  const m = /^paper-([1-9]\d{0,5})$/.exec(participantId);
  return m ? Number(m[1]) : null;
}

/** How a record reached the session; a record without the field came from a tablet. */
export function channelOf(record: { channel?: Channel }): Channel {
  return record.channel === 'paper' ? 'paper' : 'kiosk';
}

/** A sheet number as typed ("12", " 012 ") or as a number. Throws a ValidationError on the `sheet` field. */
export function parseSheet(input: string | number): number {
  const text = String(input).trim();
  if (text === '') throw new ValidationError('required', 'sheet');
  if (!/^\d+$/.test(text)) throw new ValidationError('notWholeNumber', 'sheet');
  const sheet = Number(text);
  if (sheet < 1 || sheet > MAX_SHEET)
    throw new ValidationError('outOfRange', 'sheet', { min: 1, max: MAX_SHEET });
  return sheet;
}

/** One sheet as typed: its number and the choices on it. */
export interface PaperInput {
  sheet: string | number;
  choices: BallotChoices;
}

/** A sheet checked against the session: ready to be written. */
export interface PaperEntry {
  sheet: number;
  choices: BallotChoices;
}

export interface PaperContext extends BallotContext {
  method: PriorityMethod;
  /** Sheets already in the document. */
  taken: ReadonlySet<number>;
  /** Replace a sheet already entered instead of refusing it. */
  replace: boolean;
}

/** Checks one sheet: its number, not taken (unless replacing), the method's rules. Throws a ValidationError. */
export function checkPaperEntry(input: PaperInput, ctx: PaperContext): PaperEntry {
  const sheet = parseSheet(input.sheet);
  if (!ctx.replace && ctx.taken.has(sheet)) throw new ValidationError('sheetTaken', 'sheet', { sheet });
  return { sheet, choices: checkBallot(ctx.method, input.choices, ctx) };
}

/** Checks several sheets to be written together: each one, and no sheet twice among them. */
export function checkPaperEntries(inputs: readonly PaperInput[], ctx: PaperContext): PaperEntry[] {
  const seen = new Set<number>();
  return inputs.map((input) => {
    const entry = checkPaperEntry(input, ctx);
    if (seen.has(entry.sheet)) throw new ValidationError('sheetTaken', 'sheet', { sheet: entry.sheet });
    seen.add(entry.sheet);
    return entry;
  });
}

/** The sheets among these participants. */
export function takenSheets(participants: readonly Participant[]): Set<number> {
  const out = new Set<number>();
  for (const p of participants) {
    const sheet = sheetOf(p.id);
    if (sheet !== null) out.add(sheet);
  }
  return out;
}

/** The records one sheet becomes. `previous` is the ballot already stored under its key, if any. */
export function paperRecords(
  entry: PaperEntry,
  stamp: { deviceId: string; at: number; language: string; previous: Ballot | undefined },
): { participant: Participant; ballot: Ballot } {
  const id = paperParticipantId(entry.sheet);
  const participant: Participant = {
    id,
    language: stamp.language,
    hasConsented: true,
    answers: {},
    finishedAt: stamp.at,
    deviceId: stamp.deviceId,
    at: stamp.at,
    channel: 'paper',
  };
  const ballot: Ballot = {
    ...entry.choices,
    participantId: id,
    revision: (stamp.previous?.revision ?? 0) + 1,
    deviceId: stamp.deviceId,
    at: stamp.at,
    channel: 'paper',
  };
  return { participant, ballot };
}

/** Idea numbers: position (from 1) in the list of every idea put forward, oldest first. */
export function ideaNumbers(proposals: readonly { id: string }[]): Map<string, number> {
  return new Map(proposals.map((p, i) => [p.id, i + 1]));
}
