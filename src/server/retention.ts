/**
 * The retention period of residents' about-you answers (issue 12 §8): RETENTION_DAYS=<days> makes the server
 * erase (erasure.ts) the answers of every participant who answered more than that many days ago, on a schedule.
 * Without it nothing is erased on its own; `npm run admin -- erase-answers --older-than <days>` does the same once.
 *
 * "Answered" is the later of the record's start and finish times as the tablet's clock wrote them, clamped into
 * when the council received the session by its own clock (src/domain/erasure.ts `retentionFrom`, receipts.ts):
 * before, the tablet's time alone decided, so a tablet reset to 1970 had a resident's answers erased the evening
 * they were given, and one ten years ahead kept them ten years past the period. The check runs once shortly after
 * the server starts and then every `everyMs` (default: hourly); a session with nothing due costs one indexed read
 * of its receipt times, or one load of its compacted state once it has been with the council a whole period.
 */
import { eraseAnswersBefore, scrubFile, type ErasureBatch } from './erasure';
import type { RetentionOutcome } from './archiveJobs';
import type { Logger } from './log';
import type { Store } from './store';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** A hundred years: a longer "period" is a typing mistake. */
export const MAX_RETENTION_DAYS = 36_500;
export const DEFAULT_RETENTION_CHECK_MS = 60 * 60 * 1000;
/** The first check, this long after start: not in the way of the devices reconnecting to a restarted server. */
export const FIRST_RETENTION_CHECK_MS = 60 * 1000;

/** A whole number of days from 1 to MAX_RETENTION_DAYS, or null for text that is not one. */
export function parseDays(raw: string): number | null {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return null;
  const days = Number(text);
  return days >= 1 && days <= MAX_RETENTION_DAYS ? days : null;
}

/**
 * Erases every answer older than `days` days at `now`, then scrubs the file when anything was erased. A session
 * that cannot be erased, or a scrub that fails, is in `failures`: what was erased is reported all the same.
 */
export function applyRetention(store: Store, days: number, now = Date.now()): ErasureBatch {
  const batch = eraseAnswersBefore(store, now - days * DAY_MS, now);
  if (batch.results.length > 0) {
    try {
      scrubFile(store);
    } catch (e) {
      batch.failures.push({ sessionId: null, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return batch;
}

export interface RetentionOptions {
  days: number;
  log: Logger;
  /**
   * Where the erasure runs: the running server passes its archive worker's (archiveJobs.ts), so that loading
   * every session with answers never holds up its devices; without it, `applyRetention` on this thread.
   */
  apply?: (days: number, now: number) => Promise<RetentionOutcome>;
  everyMs?: number;
  firstMs?: number;
  now?: () => number;
}

/** Starts the schedule; returns the function that stops it. Failures are logged, never thrown. */
export function startRetention(store: Store, options: RetentionOptions): () => void {
  const now = options.now ?? Date.now;
  const report = ({ results, failures }: ErasureBatch): void => {
    for (const r of results) {
      // Counts only: never a participant's answers, nor their ids.
      options.log('answers-erased', {
        session: r.sessionId,
        participants: r.participantsErased.length,
        valuesPurged: r.valuesPurged,
        retentionDays: options.days,
      });
    }
    for (const f of failures) {
      options.log(
        'retention-failed',
        f.sessionId === null ? { error: f.reason } : { session: f.sessionId, error: f.reason },
      );
    }
  };
  const fail = (error: string): void => options.log('retention-failed', { error });
  const check = (): void => {
    if (options.apply) {
      // `closed`: the server stopped first; nothing failed, the next start checks again.
      void options.apply(options.days, now()).then((o) => {
        if (o.kind === 'erased') report(o.batch);
        else if (o.kind === 'failed') fail(o.reason);
      });
      return;
    }
    try {
      report(applyRetention(store, options.days, now()));
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
    }
  };
  let interval: ReturnType<typeof setInterval> | undefined;
  const first = setTimeout(() => {
    check();
    interval = setInterval(check, options.everyMs ?? DEFAULT_RETENTION_CHECK_MS);
    interval.unref();
  }, options.firstMs ?? FIRST_RETENTION_CHECK_MS);
  first.unref();
  return () => {
    clearTimeout(first);
    if (interval !== undefined) clearInterval(interval);
  };
}
