/**
 * Issue 12 §8: `npm run admin -- erase-answers` (its arguments and sentences, English and Welsh) and the
 * retention period (RETENTION_DAYS: the server erases answers older than it, on a schedule driven here by fake
 * timers and an injected clock, never by waiting). Real SQLite files in temp dirs, real Yjs documents.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { startServer } from '../../../src/server/app';
import { runAdmin } from '../../../src/server/adminCli';
import { ConfigError, readRetentionDays } from '../../../src/server/config';
import { updatesToLoad } from '../../../src/server/compaction';
import { DAY_MS, FIRST_RETENTION_CHECK_MS, startRetention } from '../../../src/server/retention';
import { DB_FILE, Store } from '../../../src/server/store';
import type { LogLine } from './support';
import { tempDir } from './support';

const SESSION = '0b9e7c41-5d2a-4e8f-a1c3-6f7d8e9a0b1c';
const OTHER = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
/** Between SESSION and OTHER in the order a run goes through sessions (by id). */
const BROKEN = '3c3c3c3c-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const DAY0 = Date.UTC(2026, 0, 10);

const cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const f of cleanup.splice(0).reverse()) await f();
});

function dataDir(): string {
  const t = tempDir('codesign-erase-admin-');
  cleanup.push(t.remove);
  return t.dir;
}

/** A tablet's participant records, archived in the session as the server would. */
function writeResidents(
  dir: string,
  sessionId: string,
  residents: { id: string; at: number; answer: string }[],
) {
  const store = Store.open(dir);
  const doc = new Y.Doc();
  for (const r of residents) {
    const before = Y.encodeStateVector(doc);
    doc.getMap('participants').set(r.id, {
      id: r.id,
      deviceId: 'tablet-a',
      at: r.at,
      language: 'cy',
      hasConsented: true,
      answers: { age: r.answer },
      finishedAt: r.at + 60_000,
    });
    store.appendUpdate(sessionId, 'tablet-a', Y.encodeStateAsUpdate(doc, before), r.at);
  }
  store.close();
}

/**
 * A session whose one archive row Yjs cannot read: erasing it fails, as a locked or damaged file would. Received
 * at `receivedAt`: a session the council has had for less than the period is never looked into.
 */
function writeUnreadable(dir: string, sessionId: string, receivedAt: number): void {
  const store = Store.open(dir);
  store.appendUpdate(sessionId, 'tablet-x', new Uint8Array([9, 200, 200, 200, 200, 200]), receivedAt);
  store.close();
}

function answersIn(dir: string, sessionId: string): Record<string, unknown> {
  const store = Store.open(dir);
  const doc = new Y.Doc();
  for (const u of updatesToLoad(store, sessionId).updates) Y.applyUpdate(doc, u);
  store.close();
  const out: Record<string, unknown> = {};
  doc.getMap<{ answers: unknown }>('participants').forEach((p, id) => (out[id] = p.answers));
  return out;
}

async function admin(dir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runAdmin(argv, { DATA_DIR: dir }, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('npm run admin -- erase-answers', () => {
  it.each([
    [[], /Say which session with --session <sessionId>/, /Dywedwch pa sesiwn gyda --session/],
    [['--session', 'not-a-uuid'], /Say which session with --session/, /Dywedwch pa sesiwn gyda --session/],
    [['--participant', 'r1'], /Say which session the participant took part in/, /ym mha sesiwn y cymerodd/],
    [
      ['--session', SESSION, '--participant', ' '],
      /Say which participant after --participant/,
      /pa gyfranogwr/,
    ],
    [['--session', SESSION, '--participant', 'r1', '--older-than', '30'], /not both/, /nid y ddau/],
    [['--older-than', 'a year'], /--older-than must be a whole number of days/, /Rhaid i --older-than/],
    [['--older-than', '0'], /from 1 to 36500/, /o 1 i 36500/],
    [['--session', OTHER], /There is no session/, /Nid oes sesiwn/],
    [
      ['--session', SESSION, '--participant', 'nobody'],
      /has no participant nobody/,
      /Nid oes cyfranogwr nobody/,
    ],
  ])(
    'Given the arguments %j, When run in English and Welsh, Then it says what is wrong and changes nothing',
    async (args, english, welsh) => {
      const dir = dataDir();
      writeResidents(dir, SESSION, [{ id: 'r1', at: DAY0, answer: '65 or over' }]);
      const en = await admin(dir, 'erase-answers', ...args);
      const cy = await admin(dir, 'erase-answers', ...args, '--lang', 'cy');
      expect(en.code).toBe(2);
      expect(en.err).toMatch(english);
      expect(cy.code).toBe(2);
      expect(cy.err).toMatch(welsh);
      expect(answersIn(dir, SESSION)).toEqual({ r1: { age: '65 or over' } });
    },
  );

  it('Given answers in two sessions, When erased --older-than 30 days, Then only answers given before then go, in every session, and it says so', async () => {
    const dir = dataDir();
    const now = Date.now();
    writeResidents(dir, SESSION, [
      { id: 'old', at: now - 40 * DAY_MS, answer: '18 to 64' },
      { id: 'new', at: now - 5 * DAY_MS, answer: 'Under 18' },
    ]);
    writeResidents(dir, OTHER, [{ id: 'older', at: now - 400 * DAY_MS, answer: '65 or over' }]);

    const result = await admin(dir, 'erase-answers', '--older-than', '30', '--json');

    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as { results: { sessionId: string }[]; fileScrubbed: boolean };
    expect(json.results.map((r) => r.sessionId).sort()).toEqual([SESSION, OTHER].sort());
    expect(json.fileScrubbed).toBe(true);
    expect(answersIn(dir, SESSION)).toEqual({ old: {}, new: { age: 'Under 18' } });
    expect(answersIn(dir, OTHER)).toEqual({ older: {} });
    const again = await admin(dir, 'erase-answers', '--older-than', '30', '--lang', 'cy');
    expect(again.out).toMatch(/Dim i’w ddileu/);
  });
});

describe('a run over every session where one cannot be erased', () => {
  it('Given three sessions with old answers and the middle one unreadable, When erase-answers --older-than runs, Then the other two are erased and said so, the failing one is named, and it exits 1', async () => {
    const dir = dataDir();
    const now = Date.now();
    writeResidents(dir, SESSION, [{ id: 'a', at: now - 40 * DAY_MS, answer: '18 to 64' }]);
    writeUnreadable(dir, BROKEN, now - 40 * DAY_MS);
    writeResidents(dir, OTHER, [{ id: 'b', at: now - 40 * DAY_MS, answer: '65 or over' }]);

    const result = await admin(dir, 'erase-answers', '--older-than', '30');

    expect(result.code).toBe(1);
    expect(result.out).toContain(`in session ${SESSION}`);
    expect(result.out).toContain(`in session ${OTHER}`);
    expect(result.out).toMatch(
      new RegExp(
        `Could not erase the answers in session ${BROKEN}, so nothing in it was changed: .+\\. Run the same command again`,
      ),
    );
    expect(answersIn(dir, SESSION)).toEqual({ a: {} });
    expect(answersIn(dir, OTHER)).toEqual({ b: {} });
    const json = JSON.parse((await admin(dir, 'erase-answers', '--older-than', '30', '--json')).out) as {
      results: unknown[];
      failures: { sessionId: string }[];
    };
    expect(json.results).toEqual([]);
    expect(json.failures.map((f) => f.sessionId)).toEqual([BROKEN]);
  });

  it('Given the same three sessions and a 30-day retention period, When the check runs, Then both sessions erased are logged and the failing one is logged by id, counts and reasons only', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    const dir = dataDir();
    writeResidents(dir, SESSION, [{ id: 'a', at: DAY0, answer: '18 to 64' }]);
    writeUnreadable(dir, BROKEN, DAY0);
    writeResidents(dir, OTHER, [{ id: 'b', at: DAY0, answer: '65 or over' }]);
    const store = Store.open(dir);
    cleanup.push(() => store.close());
    const logs: LogLine[] = [];
    cleanup.push(
      startRetention(store, {
        days: 30,
        now: () => DAY0 + 31 * DAY_MS,
        log: (event, fields = {}) => logs.push({ event, ...fields }),
      }),
    );

    vi.advanceTimersByTime(FIRST_RETENTION_CHECK_MS);

    expect(answersIn(dir, SESSION)).toEqual({ a: {} });
    expect(answersIn(dir, OTHER)).toEqual({ b: {} });
    expect(logs.map(({ error, ...rest }) => ({ ...rest, hasReason: typeof error === 'string' }))).toEqual([
      {
        event: 'answers-erased',
        session: SESSION,
        participants: 1,
        valuesPurged: 1,
        retentionDays: 30,
        hasReason: false,
      },
      {
        event: 'answers-erased',
        session: OTHER,
        participants: 1,
        valuesPurged: 1,
        retentionDays: 30,
        hasReason: false,
      },
      { event: 'retention-failed', session: BROKEN, hasReason: true },
    ]);
    expect(JSON.stringify(logs)).not.toMatch(/18 to 64|65 or over/);
  });
});

describe('the retention period', () => {
  it('Given RETENTION_DAYS, When read, Then a whole number of days is kept and anything else is a sentence', () => {
    expect(readRetentionDays(undefined)).toBeNull();
    expect(readRetentionDays(' ')).toBeNull();
    expect(readRetentionDays('365')).toBe(365);
    expect(() => readRetentionDays('1y')).toThrow(ConfigError);
    expect(() => readRetentionDays('0')).toThrow(
      /RETENTION_DAYS must be a whole number of days from 1 to 36500/,
    );
  });

  it('Given a 30-day retention period, When the clock passes 30 days after a resident answered, Then the next hourly check erases those answers and logs counts only', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    const dir = dataDir();
    writeResidents(dir, SESSION, [
      { id: 'first', at: DAY0, answer: '18 to 64' },
      { id: 'second', at: DAY0 + 10 * DAY_MS, answer: 'Under 18' },
    ]);
    const store = Store.open(dir);
    cleanup.push(() => store.close());
    let clock = DAY0 + 20 * DAY_MS;
    const logs: LogLine[] = [];
    const stop = startRetention(store, {
      days: 30,
      now: () => clock,
      log: (event, fields = {}) => logs.push({ event, ...fields }),
    });
    cleanup.push(stop);

    vi.advanceTimersByTime(FIRST_RETENTION_CHECK_MS);
    expect(answersIn(dir, SESSION)).toEqual({ first: { age: '18 to 64' }, second: { age: 'Under 18' } });

    clock = DAY0 + 31 * DAY_MS;
    vi.advanceTimersByTime(60 * 60 * 1000);
    expect(answersIn(dir, SESSION)).toEqual({ first: {}, second: { age: 'Under 18' } });

    clock = DAY0 + 41 * DAY_MS;
    vi.advanceTimersByTime(60 * 60 * 1000);
    expect(answersIn(dir, SESSION)).toEqual({ first: {}, second: {} });

    const erased = logs.filter((l) => l.event === 'answers-erased');
    expect(erased).toEqual([
      { event: 'answers-erased', session: SESSION, participants: 1, valuesPurged: 1, retentionDays: 30 },
      { event: 'answers-erased', session: SESSION, participants: 1, valuesPurged: 1, retentionDays: 30 },
    ]);
    expect(JSON.stringify(logs)).not.toMatch(/18 to 64|Under 18|first|second/);
  });

  it('Given a server started with a retention period, When its first check comes, Then it erases the answers due', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    const dir = dataDir();
    writeResidents(dir, SESSION, [{ id: 'r1', at: DAY0, answer: '65 or over' }]);
    const running = await startServer({
      port: 0,
      host: '127.0.0.1',
      distDir: join(dir, 'no-dist'),
      dataDir: dir,
      log: () => undefined,
      retentionDays: 30,
      now: () => DAY0 + 31 * DAY_MS,
    });
    cleanup.push(() => running.close());

    vi.advanceTimersByTime(FIRST_RETENTION_CHECK_MS);
    // The erasure runs on the archive worker's thread (archiveJobs.ts): its outcome comes back from there.
    await running.sync!.archiveIdle();

    expect(answersIn(dir, SESSION)).toEqual({ r1: {} });
  });

  it('Given a server with a retention period and another program holding the write lock, When its first check comes, Then /api/health answers while the erasure waits, and the answers are erased once the lock is let go', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    const dir = dataDir();
    writeResidents(dir, SESSION, [{ id: 'r1', at: DAY0, answer: '65 or over' }]);
    const logs: LogLine[] = [];
    const running = await startServer({
      port: 0,
      host: '127.0.0.1',
      distDir: join(dir, 'no-dist'),
      dataDir: dir,
      log: (event, fields = {}) => logs.push({ event, ...fields }),
      retentionDays: 30,
      now: () => DAY0 + 31 * DAY_MS,
    });
    cleanup.push(() => running.close());
    // A backup tool or the admin CLI writing: it holds the write lock until it is done.
    const other = new Database(join(dir, DB_FILE));
    cleanup.push(() => void (other.open && other.close()));
    other.exec('BEGIN IMMEDIATE');

    // On the server's own thread, the check waited here for SQLite's busy timeout and then failed.
    vi.advanceTimersByTime(FIRST_RETENTION_CHECK_MS);
    const health = await fetch(`http://127.0.0.1:${running.port}/api/health`);
    expect(health.status).toBe(200);
    expect(answersIn(dir, SESSION)).toEqual({ r1: { age: '65 or over' } });

    other.exec('ROLLBACK');
    other.close();
    await running.sync!.archiveIdle();
    expect(answersIn(dir, SESSION)).toEqual({ r1: {} });
    expect(logs.filter((l) => l.event.startsWith('retention') || l.event === 'answers-erased')).toEqual([
      { event: 'answers-erased', session: SESSION, participants: 1, valuesPurged: 1, retentionDays: 30 },
    ]);
  });
});
