/**
 * The officer's view of residents' sealed about-you answers (src/domain/answersCrypto.ts).
 *
 * A participant record from a session with a council key holds `sealedAnswers` (an envelope string) and empty
 * `answers`. Given the council's private keys (loaded by the officer, kept in memory only), this opens each
 * envelope and gives the same views back with `answers` filled in and `sealedAnswers` gone, so participation()
 * computes exactly the tables it computes for answers stored in the clear (suppression unchanged).
 *
 * An envelope that does not open stays sealed in the views (participation() counts it as a resident taking part
 * but leaves it out of the about-you tables: never counted as "No answer" or as any option), and is reported:
 * which participant, which session, why (unknown key id: load that key; tampered; unreadable). Pure apart from
 * WebCrypto; the views given are not changed.
 */
import type { SessionView } from '../../doc/session';
import { openAnswers, type CouncilKeyring, type OpenProblem } from '../answersCrypto';

export interface AnswersProblem {
  sessionId: string;
  participantId: string;
  problem: OpenProblem;
  /** The key id the envelope names (null when unreadable). */
  kid: string | null;
}

export interface OpenedAnswers {
  views: SessionView[];
  /** Envelopes opened. */
  opened: number;
  /** Envelopes that did not open, in session then record order. */
  problems: AnswersProblem[];
}

/** A participant record as this module reads it: sealed or not. */
interface MaybeSealed {
  id: string;
  answers: Record<string, string>;
  sealedAnswers?: string;
}

/** Whether this participant record holds sealed answers not (yet) opened. */
export function hasSealedAnswers(p: object): boolean {
  return typeof (p as MaybeSealed).sealedAnswers === 'string';
}

/** How many participant records across the views hold sealed answers (opened or not). */
export function sealedCount(views: readonly SessionView[]): number {
  let n = 0;
  for (const v of views) {
    for (const p of v.records.participants) if (hasSealedAnswers(p)) n++;
  }
  return n;
}

export async function openSessionAnswers(
  views: readonly SessionView[],
  keys: CouncilKeyring,
): Promise<OpenedAnswers> {
  const out: OpenedAnswers = { views: [], opened: 0, problems: [] };
  for (const view of views) {
    const sessionId = view.records.sessionId;
    // Opened side by side, then read in record order: the problems' order never depends on which finished first.
    const results = await Promise.all(
      view.records.participants.map((record) => {
        const p = record as typeof record & MaybeSealed;
        if (typeof p.sealedAnswers !== 'string') return Promise.resolve(null);
        return openAnswers(p.sealedAnswers, keys, { sessionId, participantId: p.id });
      }),
    );
    let changed = false;
    const participants = view.records.participants.map((record, i) => {
      const result = results[i];
      if (!result) return record;
      if (!result.ok) {
        out.problems.push({ sessionId, participantId: record.id, problem: result.problem, kid: result.kid });
        return record;
      }
      out.opened += 1;
      changed = true;
      const next: typeof record & MaybeSealed = { ...record, answers: result.answers };
      delete next.sealedAnswers;
      return next;
    });
    out.views.push(changed ? { ...view, records: { ...view.records, participants } } : view);
  }
  return out;
}
