/**
 * The retention period goes by the council's clock, not the tablet's (src/domain/erasure.ts `retentionFrom`,
 * src/server/receipts.ts). A walk found, with RETENTION_DAYS=365: a tablet whose clock was reset to 1970 had its
 * residents' answers erased the evening of the workshop, and one ten years ahead kept them ten more years. Real
 * SQLite stores, real session documents written by the app's commands, a controlled `now`: no waiting.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { finishParticipant, setAnswers, startParticipant } from '../../../src/doc/commands';
import { createSession } from '../../../src/doc/sessionCommands';
import { listParticipants } from '../../../src/server/adminParticipants';
import { compactSession, updatesToLoad } from '../../../src/server/compaction';
import { applyRetention, DAY_MS } from '../../../src/server/retention';
import type { Store } from '../../../src/server/store';
import { exchange, replicaOf, testContext, validSettings, type TestContext } from '../helpers/session';
import { tempStores } from './support';

const SESSION = '0b9e7c41-5d2a-4e8f-a1c3-6f7d8e9a0b1c';
const HOUR = 3_600_000;
const YEAR = 365;
/** The workshop's morning, by the council's clock. */
const WORKSHOP = Date.UTC(2026, 11, 7, 9, 0);
/** The officer made the session a week before and the council received it then. */
const PREPARED = WORKSHOP - 7 * DAY_MS;
/** The earliest a resident's answers at that workshop can count from: the day before its date, 2026-12-07. */
const WORKSHOP_DAY_BOUND = Date.UTC(2026, 11, 6);
/** The facilitator's laptop synced the day's work that evening. */
const SYNCED = WORKSHOP + 8 * HOUR;

const openStore = tempStores('codesign-retention-clock-');

/** The facilitator's laptop: its copy of the session, each sync archived as the server would, when it arrives. */
class Laptop {
  readonly doc = new Y.Doc();
  private sent: Uint8Array = new Uint8Array([0]);

  constructor(
    private readonly store: Store,
    prepared = PREPARED,
    date = '2026-12-07',
  ) {
    const office = testContext('office', { startAt: prepared - HOUR });
    createSession(this.doc, SESSION, validSettings({ date }), office.ctx);
  }

  syncAt(receivedAt: number): void {
    this.store.appendUpdate(SESSION, 'laptop', Y.encodeStateAsUpdate(this.doc, this.sent), receivedAt);
    this.sent = Y.encodeStateVector(this.doc);
  }

  /** A tablet whose clock starts at `clockAt`, its residents' turns gathered onto the laptop. */
  tablet(name: string, clockAt: number, ages: string[]): string[] {
    const copy = replicaOf(this.doc);
    const t: TestContext = testContext(name, { startAt: clockAt });
    const ids = ages.map((age) => {
      const id = startParticipant(copy, { language: 'en', hasConsented: true }, t.ctx);
      setAnswers(copy, id, { age }, t.ctx);
      t.clock.advance(5 * 60_000);
      finishParticipant(copy, id, t.ctx);
      return id;
    });
    exchange(this.doc, copy);
    return ids;
  }
}

/** Each resident's about-you answers as the server would load the session now. */
function answersOf(store: Store, ids: string[]): unknown[] {
  const doc = new Y.Doc();
  for (const u of updatesToLoad(store, SESSION).updates) Y.applyUpdate(doc, u);
  const participants = doc.getMap<{ answers: unknown }>('participants');
  return ids.map((id) => participants.get(id)?.answers);
}

const erasedBy = (batch: ReturnType<typeof applyRetention>): string[] =>
  batch.results.flatMap((r) => r.participantsErased).sort();

describe('the retention period by the council’s clock', () => {
  it('Given a tablet reset to 1970 at today’s workshop, When the 365-day retention runs that evening, Then its residents’ answers are kept, and they go a year after the workshop’s day (later than the council’s first receipt)', () => {
    const store = openStore();
    const laptop = new Laptop(store);
    laptop.syncAt(PREPARED);
    const right = laptop.tablet('tablet-right', WORKSHOP + HOUR, ['18 to 64']);
    const reset = laptop.tablet('tablet-1970', 5 * 60_000, ['Under 18', '65 or over']);
    laptop.syncAt(SYNCED);

    const evening = applyRetention(store, YEAR, SYNCED + HOUR);

    expect(erasedBy(evening)).toEqual([]);
    expect(answersOf(store, [...right, ...reset])).toEqual([
      { age: '18 to 64' },
      { age: 'Under 18' },
      { age: '65 or over' },
    ]);
    // The admin's list says when those answers count from: the council's first receipt, or the day before the
    // workshop's date where that is later (a day's start in any time zone), not 1970.
    const listed = listParticipants(store, SESSION) ?? [];
    expect(listed.find((p) => p.id === reset[0])?.retentionFrom).toBe(
      new Date(WORKSHOP_DAY_BOUND).toISOString(),
    );
    expect(listed.find((p) => p.id === right[0])?.retentionFrom).toBe(
      new Date(WORKSHOP + HOUR + 5 * 60_000).toISOString(),
    );

    expect(erasedBy(applyRetention(store, YEAR, PREPARED + YEAR * DAY_MS + HOUR))).toEqual([]);
    const yearOn = applyRetention(store, YEAR, WORKSHOP_DAY_BOUND + YEAR * DAY_MS + HOUR);

    expect(erasedBy(yearOn)).toEqual([...reset].sort());
    expect(answersOf(store, [...right, ...reset])).toEqual([{ age: '18 to 64' }, {}, {}]);
  });

  it('Given a session made on the council server 300 days before its workshop, When a tablet reset to 1970 takes turns there, Then a 365-day retention does not erase them 66 days after the workshop, only a year after its day (a review of f67d505)', () => {
    const store = openStore();
    const made = WORKSHOP - 300 * DAY_MS;
    const laptop = new Laptop(store, made);
    laptop.syncAt(made);
    const reset = laptop.tablet('tablet-1970', 5 * 60_000, ['Under 18']);
    laptop.syncAt(SYNCED);

    expect(erasedBy(applyRetention(store, YEAR, WORKSHOP + 66 * DAY_MS))).toEqual([]);
    expect(answersOf(store, reset)).toEqual([{ age: 'Under 18' }]);
    expect(erasedBy(applyRetention(store, YEAR, WORKSHOP_DAY_BOUND + YEAR * DAY_MS + HOUR))).toEqual(reset);
  });

  it('Given a tablet ten years ahead, When the retention runs a year and a day after the council received its answers, Then they are erased with the rest of the day’s', () => {
    const store = openStore();
    const laptop = new Laptop(store);
    laptop.syncAt(PREPARED);
    const right = laptop.tablet('tablet-right', WORKSHOP + HOUR, ['18 to 64']);
    const ahead = laptop.tablet('tablet-ahead', WORKSHOP + 10 * YEAR * DAY_MS, ['65 or over']);
    laptop.syncAt(SYNCED);

    expect(erasedBy(applyRetention(store, YEAR, WORKSHOP + (YEAR - 1) * DAY_MS))).toEqual([]);
    const yearAndADay = applyRetention(store, YEAR, WORKSHOP + (YEAR + 1) * DAY_MS);

    expect(erasedBy(yearAndADay)).toEqual([...right, ...ahead].sort());
    expect(answersOf(store, [...right, ...ahead])).toEqual([{}, {}]);
  });

  it('Given the session compacted (its first receipt merged away) and erased once, When later retention runs come, Then the 1970 answers still count from the first receipt and the ahead ones from the evening sync, not from the erasure', () => {
    const store = openStore();
    // A session dated before the council first had it (typed in after the day), so that first receipt is the bound.
    const laptop = new Laptop(store, PREPARED, '2026-11-01');
    laptop.syncAt(PREPARED);
    const reset = laptop.tablet('tablet-1970', 5 * 60_000, ['Under 18']);
    const right = laptop.tablet('tablet-right', WORKSHOP + HOUR, ['18 to 64']);
    const ahead = laptop.tablet('tablet-ahead', WORKSHOP + 10 * YEAR * DAY_MS, ['65 or over']);
    laptop.syncAt(SYNCED);
    // The laptop's two rows become one, received (as far as the rows say) that evening.
    compactSession(store, SESSION, SYNCED + HOUR);
    expect(store.updatesFor(SESSION).map((r) => r.receivedAt)).toEqual([SYNCED]);

    expect(erasedBy(applyRetention(store, YEAR, SYNCED + HOUR))).toEqual([]);
    // A year after the council first had the session: the 1970 answers, and only they. This run writes an admin
    // row (and compacts again) a week before the rest are due.
    expect(erasedBy(applyRetention(store, YEAR, PREPARED + YEAR * DAY_MS + HOUR))).toEqual(reset);
    expect(answersOf(store, [...reset, ...right, ...ahead])).toEqual([
      {},
      { age: '18 to 64' },
      { age: '65 or over' },
    ]);

    expect(erasedBy(applyRetention(store, YEAR, SYNCED + YEAR * DAY_MS + HOUR))).toEqual(
      [...right, ...ahead].sort(),
    );
    expect(answersOf(store, [...reset, ...right, ...ahead])).toEqual([{}, {}, {}]);
  });
});
