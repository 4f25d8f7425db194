/**
 * The paper-ballot commands, apart from the kiosk's commands (commands.ts) so a tablet's resident path never
 * downloads them. Same contract: validate first, then one transaction. The sheets' participant records and
 * ballots are signed by the typing device's key (commands.ts `signFor`), so in the app these return promises.
 */
import type * as Y from 'yjs';
import { castUnderNow } from '../domain/ballots';
import { ValidationError } from '../domain/errors';
import {
  checkPaperEntries,
  nextRevision,
  paperRecords,
  paperSheets,
  paperTyping,
  takenSheets,
  type PaperInput,
} from '../domain/paper';
import { proposalViews, visibleProposals } from '../domain/proposals';
import { unsigned } from '../domain/recordSigning';
import type { Ballot, Participant } from '../domain/types';
import { andThen, run, signFor, writable, type CommandContext, type Signing } from './commands';
import { MAX_REPLACED } from './recordShapes';
import { maps, readRecords } from './schema';

/**
 * Types in paper ballots (src/domain/paper.ts): each sheet becomes a finished participant and a ballot, both
 * marked paper, under the id `paper-<sheet>`. All the sheets are checked first (a sheet already entered is
 * refused unless `replace`; the method's rules as for a tablet ballot) and written in one transaction, so a CSV
 * import adds every sheet or none. Allowed on an ended session. Returns the participant ids.
 *
 * Each sheet is also kept as a typing (`paperTypings`, a fresh UUID): a replacement names the typings of the
 * sheet this device holds now (it replaces what its typist could see) and takes the next revision after the
 * sheet's ballot (never past MAX_REVISION, src/domain/paper.ts nextRevision), so it wins over all of them by the
 * survivor rule, which ranks only typings nobody replaced.
 */
export function enterPaperBallots<C extends CommandContext>(
  doc: Y.Doc,
  inputs: readonly PaperInput[],
  ctx: C,
  options: { replace?: boolean } = {},
): Signing<C, string[]> {
  return writePaper(doc, 'enterPaperBallots', inputs, ctx, options.replace ?? false) as Signing<C, string[]>;
}

/**
 * One try at typing in a sheet, from a form that keeps what was typed when storage refuses the save ("not
 * saved"), so the person tries again. A refused change is dropped from the device (useSession.ts,
 * useOfficerSessions.ts), but an online device may have sent it to the council first, and the council sends it
 * back. So a try names the typings its earlier tries wrote: the sheet is not "already entered" when only they
 * hold it, and the new typing replaces them, whether they are here now or arrive later. Either way the sheet is
 * one ballot with one current typing, not a sheet flagged as typed twice. If the person put the sheet number
 * right before trying again, the earlier tries under the old number are withdrawn (src/domain/paper.ts
 * withdrawnTypings): the old sheet has no ballot and no resident, and the corrected one is the one ballot.
 */
export interface PaperAttempt {
  /** The id this try's typing takes (a fresh one for every try: a typing is written once). */
  typingId: string;
  /** The typings earlier tries at this ballot wrote, each of which the screen was told was not saved. */
  earlier: readonly string[];
}

/** Types in one paper sheet (see enterPaperBallots). Returns its participant id, `paper-<sheet>`. */
export function enterPaperBallot<C extends CommandContext>(
  doc: Y.Doc,
  input: PaperInput & { replace?: boolean; attempt?: PaperAttempt },
  ctx: C,
): Signing<C, string> {
  return andThen(
    writePaper(doc, 'enterPaperBallot', [input], ctx, input.replace ?? false, input.attempt),
    (ids) => ids[0] ?? '',
  ) as Signing<C, string>;
}

type Maybe<T> = T | Promise<T>;

/** A sheet's participant record and ballot, signed by the context's signer. */
function signSheet(
  doc: Y.Doc,
  records: { participant: Participant; ballot: Ballot },
  ctx: CommandContext,
): Maybe<{ participant: Participant; ballot: Ballot }> {
  return andThen(signFor(doc, 'participants', records.participant, ctx), (participant) =>
    andThen(signFor(doc, 'ballots', records.ballot, ctx), (ballot) => ({ participant, ballot })),
  );
}

/** Every item through `f`, in order; a promise as soon as one result is. */
function mapMaybe<A, B>(items: readonly A[], f: (a: A) => Maybe<B>): Maybe<B[]> {
  const results = items.map(f);
  return results.some((r) => r instanceof Promise) ? Promise.all(results) : (results as B[]);
}

function writePaper(
  doc: Y.Doc,
  name: string,
  inputs: readonly PaperInput[],
  ctx: CommandContext,
  replace: boolean,
  attempt?: PaperAttempt,
): Maybe<string[]> {
  const settings = writable(doc);
  if (inputs.length === 0) throw new ValidationError('emptyBallot', 'ballot');
  const r = readRecords(doc);
  const views = visibleProposals(proposalViews(r.proposals, r.moderation));
  const sheets = new Map(paperSheets(r.paperTypings).map((s) => [s.sheet, s]));
  const earlier = new Set(attempt?.earlier ?? []);
  // A sheet only this ballot's earlier tries hold is not taken: trying again is what the person was asked to do.
  const taken = takenSheets(r.participants);
  for (const s of sheets.values()) {
    if (s.current.length > 0 && s.current.every((t) => earlier.has(t.id))) taken.delete(s.sheet);
  }
  const entries = checkPaperEntries(inputs, {
    method: settings.method,
    potPence: settings.potPence,
    costs: new Map(views.map((v) => [v.id, v.costPence])),
    taken,
    replace,
  });
  const castUnder = castUnderNow(settings.method, {
    potPence: settings.potPence,
    costs: new Map(views.map((v) => [v.id, v.costPence])),
  });
  const at = ctx.now();
  const language = settings.languages[0] ?? 'en';
  const unsignedRecords = entries.map((e) => {
    // The typing's id goes inside the signed ballot, so a copy under another id is no typing (ownTypings).
    const typingId = attempt?.typingId ?? ctx.newId();
    const written = paperRecords(e, {
      deviceId: ctx.deviceId,
      at,
      language,
      previous: sheets.get(e.sheet)?.survivor.ballot,
      typing: typingId,
    });
    // The rules the sheet was just checked against, kept with its ballot (src/domain/count.ts).
    written.ballot.castUnder = castUnder;
    return { sheet: e.sheet, typingId, written };
  });
  const signing = mapMaybe(unsignedRecords, ({ sheet, typingId, written }) =>
    andThen(signSheet(doc, written, ctx), (signed) => ({ sheet, typingId, ...signed })),
  );
  return andThen(signing, (signedRecords) => {
    const records = signedRecords.map(({ sheet: number, typingId, participant, ballot }) => {
      const sheet = sheets.get(number);
      // The earlier tries too, here or not: one that reached the council and comes back is replaced by this one.
      const seen = sheet ? sheet.current.map((t) => t.id) : [];
      const replaces = [...new Set([...seen, ...earlier])].slice(0, MAX_REPLACED);
      return {
        participant,
        ballot,
        typing: paperTyping(ballot, { id: typingId, sheet: number, replaces }),
      };
    });
    run(doc, name, ctx, () => {
      const m = maps(doc);
      for (const { participant, ballot, typing } of records) {
        m.participants.set(participant.id, participant);
        m.ballots.set(ballot.participantId, ballot);
        m.paperTypings.set(typing.id, typing);
      }
    });
    return records.map((x) => x.participant.id);
  });
}

/**
 * "Keep this one" for a sheet typed differently on two devices: writes a new typing of the sheet with the
 * chosen typing's choices (as it was cast: the ballot is copied, not checked again; counting checks it as it
 * checks every ballot), the next revision, and naming every typing of the sheet nobody replaced yet, so it
 * replaces both versions and the sheet is no longer flagged. Allowed on an ended session.
 */
export function keepPaperTyping<C extends CommandContext>(
  doc: Y.Doc,
  input: { sheet: number; typingId: string },
  ctx: C,
): Signing<C, string> {
  const settings = writable(doc);
  const r = readRecords(doc);
  const sheet = paperSheets(r.paperTypings).find((s) => s.sheet === input.sheet);
  const chosen = sheet?.current.find((t) => t.id === input.typingId);
  if (!sheet || !chosen) throw new ValidationError('required', 'typing');
  const at = ctx.now();
  const typingId = ctx.newId();
  // The chosen typing's signature was over its own revision, stamp and typing id: this device signs the copy
  // afresh, for the typing it writes.
  const ballot: Ballot = {
    ...unsigned(chosen.ballot),
    revision: nextRevision(sheet.survivor.ballot),
    deviceId: ctx.deviceId,
    at,
    typing: typingId,
  };
  const participant: Participant = {
    id: ballot.participantId,
    language: settings.languages[0] ?? 'en',
    hasConsented: true,
    answers: {},
    finishedAt: at,
    deviceId: ctx.deviceId,
    at,
    channel: 'paper',
  };
  const replaces = sheet.current.map((t) => t.id);
  return andThen(signSheet(doc, { participant, ballot }, ctx), (signed) => {
    const typing = paperTyping(signed.ballot, { id: typingId, sheet: sheet.sheet, replaces });
    run(doc, 'keepPaperTyping', ctx, () => {
      const m = maps(doc);
      m.participants.set(signed.participant.id, signed.participant);
      m.ballots.set(signed.ballot.participantId, signed.ballot);
      m.paperTypings.set(typing.id, typing);
    });
    return typing.id;
  }) as Signing<C, string>;
}
