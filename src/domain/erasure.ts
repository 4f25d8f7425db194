/**
 * Erasing a resident's about-you answers (issue 12 §8, retention and erasure): what an erased participant record
 * looks like. Pure; the council server's erasure (src/server/erasure.ts) writes it and then purges the old
 * values from its archive.
 *
 * An erased record is the same record with its answers emptied (`answers: {}`, whatever form they had: plain
 * options, or a sealed envelope, or any other field whose name says answers) and the time of erasure in
 * `answersErased`. `answers` stays, as an empty dictionary, because every reader and the record shape expect it:
 * a record without it would make the whole session fail the checks of a session file. The record keeps its id,
 * language, consent, turn times and channel, so the resident still counts in turnout (takingPart treats an
 * erased record as a resident who answered) and their ideas, comments and ballots keep their participant.
 *
 * The writer's key and signature are dropped: they signed the answers, so they no longer match, and an unsigned
 * record is one nothing may ever replace (src/sync/changeRules.ts): a tablet cannot write the answers back.
 */

/** The field saying when the answers were erased (wall-clock ms). */
export const ERASED_FIELD = 'answersErased';

const KEY_FIELD = 'deviceKey';
const SIGNATURE_FIELD = 'signature';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Fields of a participant record that hold answers: `answers` and any sealed form (e.g. `sealedAnswers`). */
export function isAnswerField(name: string): boolean {
  return name !== ERASED_FIELD && /answers/i.test(name);
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  return isPlainObject(v) && Object.keys(v).length === 0;
}

/** True when the record holds any answer, in any form (an erased record holds none). */
export function holdsAnswers(record: unknown): boolean {
  if (!isPlainObject(record)) return false;
  return Object.entries(record).some(([name, value]) => isAnswerField(name) && !isEmpty(value));
}

/** True when the record's answers were erased. */
export function isErased(record: unknown): boolean {
  return isPlainObject(record) && typeof record[ERASED_FIELD] === 'number';
}

/** A time the council could have written: whole milliseconds within the range of a Date. */
function isTime(v: unknown): boolean {
  return Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 8.64e15;
}

/** The record with its answers erased at `at` (see the module comment). */
export function erasedRecord(record: object, at: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    if (isAnswerField(name) || name === KEY_FIELD || name === SIGNATURE_FIELD) continue;
    out[name] = value;
  }
  out.answers = {};
  out[ERASED_FIELD] = at;
  return out;
}

/**
 * When the tablet says the answers were given: the later of the record's `at` (its turn began) and `finishedAt`,
 * by the tablet's own clock; null when the record has neither as a finite number. Not, on its own, the age of the
 * answers for the retention period: see `retentionFrom`.
 */
export function answeredAt(record: unknown): number | null {
  if (!isPlainObject(record)) return null;
  const times = [record.at, record.finishedAt].filter((t): t is number => Number.isFinite(t));
  return times.length === 0 ? null : Math.max(...times);
}

/**
 * Times from the council server's own clock for one session (src/server/receipts.ts): `first`, when the council
 * first received any of it; `last`, when it last received an update a device sent (the newest that could hold a
 * record). Every record of the session reached the council at or before `last`.
 */
export interface ReceiptSpan {
  first: number;
  last: number;
}

/**
 * The time a record's answers count from for the retention period: the tablet's time (`answeredAt`) clamped into
 * the council's receipts of the session, `[first, last]`. A tablet's clock is not to be trusted (one whose battery
 * died says 1970; one set ten years ahead says 2036), and the retention promise is the council's, so its bounds
 * come from the council's clock:
 * - never later than `last`: the council had the record by then, so the answers were given by then. A tablet ahead
 *   in time keeps them at most the period after the council last received the session (later syncs of it, such
 *   as an officer's decisions on ideas, move that on: a record's own receipt would be tighter, but compaction
 *   does not keep it);
 * - never earlier than `first`: a tablet reset to 1970 does not make answers given today due tonight. An answer
 *   given before the council first had the session (a session made offline and synced days after the workshop)
 *   counts from that first receipt, so it is kept at most that many days longer, never erased early.
 * A record with no time counts from `last`, so it is still erased in the end.
 */
export function retentionFrom(record: unknown, span: ReceiptSpan): number {
  const claimed = answeredAt(record);
  if (claimed === null) return span.last;
  return Math.min(Math.max(claimed, span.first), span.last);
}

/**
 * True when `value` is exactly `oldValue` erased (erasedRecord at `value.answersErased`): the only replacement an
 * erasure makes. For the change rules (src/sync/changeRules.ts) to let the council's erasure into a device's
 * document, whose copy of the record is signed (or unsigned) and so cannot otherwise be replaced by an unsigned one.
 */
export function isErasureOf(oldValue: unknown, value: unknown): boolean {
  if (!isPlainObject(oldValue) || !isPlainObject(value) || isErased(oldValue)) return false;
  const at = value[ERASED_FIELD];
  if (typeof at !== 'number') return false;
  return canonical(erasedRecord(oldValue, at)) === canonical(value);
}

/**
 * True when `oldValue` and `value` are two erasures of the same record, differing at most in when they were made:
 * a backup restored from before an erasure and the erasure made again (docs/admin-guide.md) gives the council one
 * and the devices that had the first another. Either may replace the other, from any writer: neither holds answers,
 * nothing but that time may differ, and the new time must be one the council could have written. (So a device can
 * move an erased record's time within that range, as it could always add a record saying anything about itself;
 * it cannot bring answers back or change anything else.)
 */
export function isSameErasure(oldValue: unknown, value: unknown): boolean {
  if (!isErased(oldValue) || !isErased(value) || holdsAnswers(oldValue) || holdsAnswers(value)) return false;
  // Only a time the council could have written (a device could otherwise put NaN or 1e300 in the record).
  if (!isTime((value as Record<string, unknown>)[ERASED_FIELD])) return false;
  const withoutTime = (record: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(record).filter(([name]) => name !== ERASED_FIELD));
  return (
    canonical(withoutTime(oldValue as Record<string, unknown>)) ===
    canonical(withoutTime(value as Record<string, unknown>))
  );
}

/** JSON with object keys sorted, so field order does not matter. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isPlainObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
