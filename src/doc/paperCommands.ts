/**
 * The paper-ballot commands, apart from the kiosk's commands (commands.ts) so a tablet's resident path never
 * downloads them. Same contract: validate first, then one transaction.
 */
import type * as Y from 'yjs';
import { castUnderNow } from '../domain/ballots';
import { ValidationError } from '../domain/errors';
import {
  checkPaperEntries,
  paperParticipantId,
  paperRecords,
  takenSheets,
  type PaperInput,
} from '../domain/paper';
import { proposalViews, visibleProposals } from '../domain/proposals';
import { run, writable, type CommandContext } from './commands';
import { maps, readRecords } from './schema';

/**
 * Types in paper ballots (src/domain/paper.ts): each sheet becomes a finished participant and a ballot, both
 * marked paper, under the id `paper-<sheet>`. All the sheets are checked first (a sheet already entered is
 * refused unless `replace`; the method's rules as for a tablet ballot) and written in one transaction, so a CSV
 * import adds every sheet or none. Allowed on an ended session. Returns the participant ids.
 */
export function enterPaperBallots(
  doc: Y.Doc,
  inputs: readonly PaperInput[],
  ctx: CommandContext,
  options: { replace?: boolean } = {},
): string[] {
  return writePaper(doc, 'enterPaperBallots', inputs, ctx, options.replace ?? false);
}

/** Types in one paper sheet (see enterPaperBallots). Returns its participant id, `paper-<sheet>`. */
export function enterPaperBallot(
  doc: Y.Doc,
  input: PaperInput & { replace?: boolean },
  ctx: CommandContext,
): string {
  return writePaper(doc, 'enterPaperBallot', [input], ctx, input.replace ?? false)[0] ?? '';
}

function writePaper(
  doc: Y.Doc,
  name: string,
  inputs: readonly PaperInput[],
  ctx: CommandContext,
  replace: boolean,
): string[] {
  const settings = writable(doc);
  if (inputs.length === 0) throw new ValidationError('emptyBallot', 'ballot');
  const r = readRecords(doc);
  const views = visibleProposals(proposalViews(r.proposals, r.moderation));
  const entries = checkPaperEntries(inputs, {
    method: settings.method,
    potPence: settings.potPence,
    costs: new Map(views.map((v) => [v.id, v.costPence])),
    taken: takenSheets(r.participants),
    replace,
  });
  const castUnder = castUnderNow(settings.method, {
    potPence: settings.potPence,
    costs: new Map(views.map((v) => [v.id, v.costPence])),
  });
  const ballots = maps(doc).ballots;
  const at = ctx.now();
  const language = settings.languages[0] ?? 'en';
  const records = entries.map((e) => {
    const written = paperRecords(e, {
      deviceId: ctx.deviceId,
      at,
      language,
      previous: ballots.get(paperParticipantId(e.sheet)),
    });
    // The rules the sheet was just checked against, kept with its ballot (src/domain/count.ts).
    written.ballot.castUnder = castUnder;
    return written;
  });
  run(doc, name, ctx, () => {
    const m = maps(doc);
    for (const { participant, ballot } of records) {
      m.participants.set(participant.id, participant);
      m.ballots.set(ballot.participantId, ballot);
    }
  });
  return records.map((x) => x.participant.id);
}
