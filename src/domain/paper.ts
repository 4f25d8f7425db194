/**
 * Paper ballots: sheets filled in at a workshop stall and typed in afterwards by a facilitator or an officer.
 *
 * Rules:
 * - A paper sheet carries a number written on it (1 to 999,999). Its resident is a participant record and its
 *   ballot a ballot record, both marked `channel: 'paper'`, both stored under the participant id `paper-<sheet>`
 *   (the number without leading zeros). The id comes from the sheet, not from a random UUID, so the same sheet
 *   typed on two devices is one key in the document: when the devices merge it is ONE ballot, never counted twice.
 *   Which typing counts when they differ is decided by the survivor rule below, not by which write of the key
 *   Yjs kept.
 * - Typing a sheet this device already holds is refused (`sheetTaken`) unless the person chooses to replace it;
 *   a replacement is a later revision of the same ballot, from whichever device types it.
 * - Every typing is also kept as its own record (`PaperTyping`, under a fresh UUID), so two devices that type one
 *   sheet apart both keep theirs. Its ballot, signed, names the typing (`Ballot.typing`): a copy of a typing under
 *   another id is no typing (`ownTypings`), so only the signer's typing says what it `replaces`. The sheet's
 *   ballot is the typing nobody replaced that ranks highest by the survivor rule (`compareTypings`): highest
 *   revision, then latest `at`, then device id, then record id, the same on every device. A replacement names the typings it replaces (those of the sheet nobody had replaced
 *   yet) and carries the next revision, so it wins over every version its typist had seen. The revision stops
 *   at MAX_REVISION (`nextRevision`), the most the record shapes take: a hostile device's typing there, stamped
 *   at the latest time a record may hold, cannot make later typings of its sheet unsendable, and cannot win
 *   over a replacement written after seeing it, which names it. (Every typing of a sheet is replaced only where
 *   typings name each other, which no app writes: the rule then ranks them all.) When a typing nobody replaced
 *   says something different from the survivor, the sheet is flagged ("typed differently on two devices") with
 *   both versions until a person keeps one.
 * - A try again after "not saved" names the typings its earlier tries wrote (src/doc/paperCommands.ts
 *   PaperAttempt), and the person may have put the sheet number right in between. A typing named by a typing of
 *   ANOTHER sheet from the same device is withdrawn (`withdrawnTypings`): it is no typing of its sheet at all, as
 *   far as the person who typed it was told it was never saved. A sheet left with no typing (every one withdrawn)
 *   has no ballot and no resident (`withdrawnSheets`), so the corrected sheet is the one ballot.
 *   (The `paper-<sheet>` key in `ballots` is still written, for older apps; which of two writes Yjs keeps
 *   there no longer matters.)
 * - A paper ballot follows the session's method rules exactly as a tablet ballot does (checkBallot), against the
 *   ideas residents can choose now. It may be entered after the session has ended: facilitators often type the
 *   sheets in afterwards, and ending a session only stops new turns at the tablets.
 * - The paper resident has consented (the paper form carries the consent wording), gave no about-you answers
 *   (so counts as "No answer"), speaks the session's first language, and is finished when typed in.
 * - Idea numbers (on a paper form, in the CSV import, in the panel) are positions in the list of every idea put
 *   forward, oldest first, starting at 1: hiding or merging an idea never renumbers the others. Oldest first is
 *   idea order (ideaOrder in ./order.ts), so an idea added on a tablet that held the others, however wrong its
 *   clock, is numbered after them; ideas added apart and gathered later may still come between.
 */
import { checkBallot, type BallotContext } from './ballots';
import { ValidationError } from './errors';
import { compareText } from './order';
import type { Ballot, BallotChoices, Channel, PaperTyping, Participant, PriorityMethod } from './types';

export const PAPER_PREFIX = 'paper-';
export const MAX_SHEET = 999_999;
/** The highest revision a ballot may carry, a tablet's or a paper sheet's (src/doc/recordShapes.ts). */
export const MAX_REVISION = 1_000_000;

/**
 * The revision of a typing that replaces `previous` (the sheet's ballot now): the next one, but never past
 * MAX_REVISION. A typing at the cap (a hostile device's) would otherwise make every later typing of its sheet
 * unsendable, refused by every shape check; the typing that replaces it still wins, as it names it (paperSheets).
 */
export function nextRevision(previous: Pick<Ballot, 'revision'> | undefined): number {
  return Math.min((previous?.revision ?? 0) + 1, MAX_REVISION);
}

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

/**
 * The records one sheet becomes. `previous` is the ballot already stored under its key, if any; `typing` the id
 * of the typing that will carry the ballot (paperTyping), written inside it so the signature binds the two.
 */
export function paperRecords(
  entry: PaperEntry,
  stamp: { deviceId: string; at: number; language: string; previous: Ballot | undefined; typing: string },
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
    revision: nextRevision(stamp.previous),
    deviceId: stamp.deviceId,
    at: stamp.at,
    channel: 'paper',
    typing: stamp.typing,
  };
  return { participant, ballot };
}

/** Idea numbers: position (from 1) in the list of every idea put forward, in idea order (readRecords'). */
export function ideaNumbers(proposals: readonly { id: string }[]): Map<string, number> {
  return new Map(proposals.map((p, i) => [p.id, i + 1]));
}

/** The typing a sheet's records become (see paperRecords): the ballot it wrote, and what it replaces. */
export function paperTyping(
  ballot: Ballot,
  stamp: { id: string; sheet: number; replaces: readonly string[] },
): PaperTyping {
  return {
    id: stamp.id,
    sheet: stamp.sheet,
    replaces: [...stamp.replaces],
    deviceId: ballot.deviceId,
    at: ballot.at,
    ballot,
  };
}

/**
 * The survivor rule among the typings of a sheet nobody replaced (paperSheets), ascending (the last one wins):
 * highest ballot revision, then latest `at`, then device id, then record id. Text compares by code unit, so every
 * device orders the same typings the same way.
 */
export function compareTypings(a: PaperTyping, b: PaperTyping): number {
  return (
    a.ballot.revision - b.ballot.revision ||
    a.at - b.at ||
    compareText(a.deviceId, b.deviceId) ||
    compareText(a.id, b.id)
  );
}

/** What a ballot says, ignoring who typed it and when: dots per idea, the ideas chosen, or the order ranked. */
export function choicesKey(ballot: Ballot): string {
  if (ballot.kind === 'dots') {
    const dots = Object.entries(ballot.dots)
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => compareText(a, b));
    return JSON.stringify(['dots', dots]);
  }
  if (ballot.kind === 'budget')
    return JSON.stringify(['budget', [...new Set(ballot.selected)].sort(compareText)]);
  return JSON.stringify(['ranking', ballot.ranked]);
}

function isSameWrite(typing: PaperTyping, ballot: Ballot): boolean {
  const t = typing.ballot;
  return (
    t.deviceId === ballot.deviceId &&
    t.at === ballot.at &&
    t.revision === ballot.revision &&
    choicesKey(t) === choicesKey(ballot)
  );
}

/**
 * The typings of every sheet, with one more for each paper ballot under `paper-<sheet>` that no typing wrote (a
 * sheet typed by an app from before typings were kept): it is read as a typing whose id is the sheet's key and
 * which replaces nothing.
 */
export function withOlderPaperBallots(
  typings: readonly PaperTyping[],
  ballots: readonly Ballot[],
): PaperTyping[] {
  const own = ownTypings(typings);
  const bySheet = typingsBySheet(own);
  const out = [...own];
  for (const ballot of ballots) {
    if (channelOf(ballot) !== 'paper') continue;
    const sheet = sheetOf(ballot.participantId);
    if (sheet === null) continue;
    if ((bySheet.get(sheet) ?? []).some((t) => isSameWrite(t, ballot))) continue;
    out.push(paperTyping(ballot, { id: ballot.participantId, sheet, replaces: [] }));
  }
  // A ballot naming a typing that is not here is no older app's: left out, as its copy would be.
  return ownTypings(out);
}

/**
 * The typings with copies left out: every one a current app writes carries its own id in its signed ballot
 * (`Ballot.typing`), so a typing whose ballot names another id, or that carries the signature of a typing whose
 * ballot names that typing, is a copy of it sent again under a fresh id (a replay). The change rules refuse such
 * a copy (src/doc/recordShapes.ts wants a typing's ballot to name the typing itself, and a signature is over the
 * ballot with its `typing`); one sitting in a document all the same (merged without those checks) is no typing
 * at all: it counts, replaces, withdraws and flags nothing. A typing whose ballot names no typing (older apps)
 * is read as before (see replayedSignatures).
 */
export function ownTypings(typings: readonly PaperTyping[]): PaperTyping[] {
  const boundTo = new Map<string, string>();
  for (const t of typings) {
    if (t.ballot.typing === t.id && t.ballot.signature !== undefined)
      boundTo.set(signatureOf(t.ballot.signature), t.id);
  }
  return typings.filter((t) => {
    if (t.ballot.typing !== undefined) return t.ballot.typing === t.id;
    const owner = t.ballot.signature === undefined ? undefined : boundTo.get(signatureOf(t.ballot.signature));
    return owner === undefined || owner === t.id;
  });
}

/**
 * Whether a typing's `replaces` counts: the signer's own when the signed ballot names the typing (a copy cannot:
 * ownTypings), else only when no other typing carries its signature (replayedSignatures).
 */
function replacesCount(typings: readonly PaperTyping[]): (t: PaperTyping) => boolean {
  const replayed = replayedSignatures(typings);
  return (t) =>
    t.ballot.typing === t.id ||
    t.ballot.signature === undefined ||
    !replayed.has(signatureOf(t.ballot.signature));
}

function typingsBySheet(typings: readonly PaperTyping[]): Map<number, PaperTyping[]> {
  const out = new Map<number, PaperTyping[]>();
  for (const t of typings) {
    // A typing's sheet and its ballot's key must agree (the shape checks refuse others); skip one that does not.
    if (t.ballot.participantId !== paperParticipantId(t.sheet)) continue;
    const list = out.get(t.sheet);
    if (list) list.push(t);
    else out.set(t.sheet, [t]);
  }
  return out;
}

/**
 * The typings a try at another sheet from the same device names (see the module header): withdrawn, whichever
 * sheet they are under. Only the device's own, as its signing key shows (both typings' ballots carry the same
 * `deviceKey`): `deviceId` is a label any sender can copy, while the change rules let a typing in only with a
 * valid signature by the key it names (src/sync/changeRules.ts), so a typing cannot withdraw another device's
 * sheet. A copy of a typing under a fresh id (a replay, with a `replaces` of its own) is no typing (ownTypings):
 * the signed ballot names the typing it was written for. Of older apps' typings (the ballot names none), only one
 * whose signed ballot no other typing carries: that signature covers the ballot, not the typing's `replaces`, so
 * neither a copy nor the typing it copied withdraws anything. A retry signs its ballot afresh, so its signature is
 * its own. Unsigned typings (older apps) neither withdraw nor are withdrawn.
 */
export function withdrawnTypings(typings: readonly PaperTyping[]): Set<string> {
  const own = ownTypings(typings);
  const byId = new Map(own.map((t) => [t.id, t]));
  const isTrusted = replacesCount(own);
  const out = new Set<string>();
  for (const t of own) {
    const key = t.ballot.deviceKey;
    if (typeof key !== 'string' || key === '') continue;
    if (!isTrusted(t)) continue;
    for (const id of t.replaces) {
      const named = byId.get(id);
      if (named && named.sheet !== t.sheet && named.ballot.deviceKey === key) out.add(id);
    }
  }
  return out;
}

/**
 * Signatures more than one typing carries: a copy of a signed typing under a fresh id (a replay). Every app signs
 * each typing it writes afresh (a retry, "Keep this one"), so an honest signature is carried once; whose the first
 * was cannot be told when the ballot names no typing (older apps), so no carrier's `replaces` counts. (A ballot
 * naming its typing tells: ownTypings leaves the copies out.) Unsigned typings (older apps) carry none.
 */
function replayedSignatures(typings: readonly PaperTyping[]): Set<string> {
  const seen = new Set<string>();
  const out = new Set<string>();
  for (const t of typings) {
    if (t.ballot.signature === undefined) continue;
    const sig = signatureOf(t.ballot.signature);
    if (seen.has(sig)) out.add(sig);
    else seen.add(sig);
  }
  return out;
}

/** The order of P-256's group: (r, s) and (r, n - s) are both valid signatures of the same bytes. */
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/**
 * A signature as compared between typings: its bytes, with s in its lower half. An ECDSA signature (r, s) has a twin
 * (r, n - s) that every verifier takes, so a copy of a typing could carry the twin and not be seen as a copy;
 * read this way, both are one. Not refused: WebCrypto signs with either half, so honest typings have both.
 * Anything not 64 bytes of base64 is compared as it is (the shape checks refuse it anyway).
 */
function signatureOf(signature: string): string {
  let bytes: string;
  try {
    bytes = atob(signature);
  } catch {
    return signature;
  }
  if (bytes.length !== 64) return signature;
  let s = 0n;
  for (let i = 32; i < 64; i++) s = (s << 8n) | BigInt(bytes.charCodeAt(i));
  // Spelled anew either way: base64 of 64 bytes leaves 4 bits of its last letter unused, so 16 texts decode to
  // the same signature, and a copy could hide behind another spelling.
  if (s <= P256_N >> 1n) return btoa(bytes);
  let low = P256_N - s;
  let tail = '';
  for (let i = 0; i < 32; i++, low >>= 8n) tail = String.fromCharCode(Number(low & 0xffn)) + tail;
  return btoa(bytes.slice(0, 32) + tail);
}

/** Sheets that have typings but no typing that is not withdrawn: no ballot, no resident. */
export function withdrawnSheets(typings: readonly PaperTyping[]): Set<number> {
  const withdrawn = withdrawnTypings(typings);
  const out = new Set<number>();
  for (const [sheet, list] of typingsBySheet(ownTypings(typings))) {
    if (list.every((t) => withdrawn.has(t.id))) out.add(sheet);
  }
  return out;
}

/** Whether a participant id (a record's, or a ballot's) is the key of a withdrawn sheet. */
export function isWithdrawnSheet(participantId: string, withdrawn: ReadonlySet<number>): boolean {
  const sheet = sheetOf(participantId);
  return sheet !== null && withdrawn.has(sheet);
}

/** One sheet as its typings decide it. */
export interface PaperSheet {
  sheet: number;
  /** The typing whose ballot counts: the highest of `current` (of all, if none) by the survivor rule. */
  survivor: PaperTyping;
  /** Typings no other typing of the sheet replaces (the survivor among them), by the survivor rule, best first. */
  current: PaperTyping[];
  /**
   * Typings nobody replaced whose choices differ from the survivor's, best first. Not empty: the sheet was typed
   * differently on two devices and a person should keep one.
   */
  differing: PaperTyping[];
}

/** Every sheet that has a typing (withdrawn typings left out, see withdrawnTypings), by sheet number. */
export function paperSheets(typings: readonly PaperTyping[]): PaperSheet[] {
  const own = ownTypings(typings);
  const withdrawn = withdrawnTypings(own);
  const isTrusted = replacesCount(own);
  const out: PaperSheet[] = [];
  for (const [sheet, list] of typingsBySheet(own.filter((t) => !withdrawn.has(t.id)))) {
    // A replayed copy's `replaces` is the copier's, not the signer's (an older app's signature covers the ballot
    // only), so a copy of an earlier signed typing naming the correction cannot put the earlier version back.
    const replaced = new Set(list.flatMap((t) => (isTrusted(t) ? t.replaces : [])));
    const ranked = [...list].sort((a, b) => compareTypings(b, a));
    const current = ranked.filter((t) => !replaced.has(t.id));
    // Among the typings nobody replaced: one written after seeing another names it, so it wins whatever the
    // other's revision and stamp (a forged one at the highest of both). Every typing is replaced only when some
    // name each other, which no app writes (typings are written once, under fresh ids): then all of them.
    const survivor = current[0] ?? ranked[0]!;
    const key = choicesKey(survivor.ballot);
    const differing = current.filter((t) => t !== survivor && choicesKey(t.ballot) !== key);
    out.push({ sheet, survivor, current, differing });
  }
  return out.sort((a, b) => a.sheet - b.sheet);
}

/** The sheets typed differently on two devices (see PaperSheet.differing), by sheet number. */
export function paperConflicts(sheets: readonly PaperSheet[]): PaperSheet[] {
  return sheets.filter((s) => s.differing.length > 0);
}

/**
 * The ballots with each paper sheet's ballot taken from its surviving typing (whatever Yjs kept under the
 * sheet's key), and none for a withdrawn sheet (`withdrawnSheets`): what is counted, listed and exported.
 */
export function derivePaperBallots(
  ballots: readonly Ballot[],
  sheets: readonly PaperSheet[],
  withdrawn: ReadonlySet<number> = new Set(),
): Ballot[] {
  const survivors = new Map(sheets.map((s) => [paperParticipantId(s.sheet), s.survivor.ballot]));
  const out = ballots
    .filter((b) => !isWithdrawnSheet(b.participantId, withdrawn))
    .map((b) => survivors.get(b.participantId) ?? b);
  const present = new Set(ballots.map((b) => b.participantId));
  for (const [id, ballot] of survivors) if (!present.has(id)) out.push(ballot);
  return out;
}
