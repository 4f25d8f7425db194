/**
 * `npm run admin -- erase-answers` (adminCli.ts): its arguments, the erasure (erasure.ts), and what it says, in the
 * admin's language. Kept out of adminCli.ts, which holds the other commands.
 *
 *   erase-answers --session <id> [--participant <id>]   one session: every participant, or one
 *   erase-answers --older-than <days> [--session <id>]  answers given more than <days> days ago
 */
import { isSessionId, type Store } from './store';
import { countOf, type Say } from './adminWords';
import {
  ErasureError,
  eraseAnswers,
  eraseAnswersBefore,
  scrubFile,
  type ErasureBatch,
  type ErasureResult,
} from './erasure';
import { DAY_MS, parseDays } from './retention';

export interface EraseArgs {
  session?: string;
  participant?: string;
  'older-than'?: string;
  json?: boolean;
}

/** `someFailed`: sessions the run could not erase (named in `text`); the command then exits 1. */
export type EraseOutcome = { ok: true; text: string; someFailed: boolean } | { ok: false; mistake: string };

export function eraseAnswersCommand(store: Store, args: EraseArgs, say: Say, now = Date.now()): EraseOutcome {
  const mistake = (text: string): EraseOutcome => ({ ok: false, mistake: text });
  const { session, participant } = args;
  const rawDays = args['older-than'];
  if (session !== undefined && !isSessionId(session)) return mistake(say('eraseSession'));
  if (participant !== undefined && participant.trim() === '') return mistake(say('eraseParticipantEmpty'));
  if (participant !== undefined && rawDays !== undefined) return mistake(say('eraseParticipantOrOlder'));
  if (participant !== undefined && session === undefined) return mistake(say('eraseParticipantSession'));
  if (session === undefined && rawDays === undefined) return mistake(say('eraseSession'));
  const days = rawDays === undefined ? null : parseDays(rawDays);
  if (rawDays !== undefined && days === null) return mistake(say('eraseOlderThan'));

  let results: ErasureResult[];
  let failures: ErasureBatch['failures'] = [];
  try {
    const answeredBefore = days === null ? undefined : now - days * DAY_MS;
    if (session !== undefined) {
      const result = eraseAnswers(
        store,
        session,
        { participantId: participant?.trim(), answeredBefore },
        now,
      );
      results = result.updateId === null && result.rowsRewritten === 0 ? [] : [result];
    } else ({ results, failures } = eraseAnswersBefore(store, answeredBefore as number, now));
  } catch (e) {
    if (!(e instanceof ErasureError)) throw e;
    return mistake(
      e.reason === 'noSession'
        ? say('eraseNoSession', { session: session ?? '' })
        : say('eraseNoParticipant', { session: session ?? '', participant: participant ?? '' }),
    );
  }
  // Always, also when nothing was left to erase: running the command again finishes a rewrite the server's
  // reading held up (eraseFileBusy).
  const scrub = scrubFile(store);
  const someFailed = failures.length > 0;
  if (args.json) {
    return {
      ok: true,
      someFailed,
      text: JSON.stringify({ results, failures, fileScrubbed: scrub.complete }),
    };
  }
  const failed = failures.map((f) =>
    say('eraseSessionFailed', { session: f.sessionId ?? '', reason: f.reason }),
  );
  if (results.length === 0) {
    const nothing =
      days === null
        ? say('eraseNothing', { session: session ?? '' })
        : say('eraseNothingOlder', { days: countOf(say, days, 'days') });
    const lines = someFailed ? failed : [nothing];
    if (!scrub.complete) lines.push(say('eraseFileBusy'));
    return { ok: true, someFailed, text: lines.join('\n') };
  }
  const lines = results.map((r) =>
    say('erased', {
      session: r.sessionId,
      participants: countOf(say, r.participantsErased.length, 'participants'),
      purged: r.valuesPurged,
    }),
  );
  lines.push(say('erasedReach'), ...failed);
  if (!scrub.complete) lines.push(say('eraseFileBusy'));
  return { ok: true, someFailed, text: lines.join('\n') };
}
