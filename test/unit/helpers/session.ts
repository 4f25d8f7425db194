/**
 * Test helpers for the domain and the session document: a valid session's settings, a deterministic command
 * context (counter-based ids, a clock the test moves), and assertions for "refused, document unchanged".
 */
import { expect } from 'vitest';
import * as Y from 'yjs';
import { CommandOrigin, type CommandContext } from '../../../src/doc/commands';
import { createSession } from '../../../src/doc/sessionCommands';
import { readRecords } from '../../../src/doc/schema';
import { ValidationError, type ErrorCode } from '../../../src/domain/errors';
import type { SessionRecords, SessionSettings } from '../../../src/domain/types';
import { testSigner } from './signing';

/** 12 April 2025, 10:00 UTC: the default start of every test clock. */
export const WORKSHOP_START = Date.UTC(2025, 3, 12, 10, 0, 0);

/** A complete, valid session: a poolable total of £100,000 and a pot of £50,000, dot voting 5 dots / 3 max. */
export function validSettings(overrides: Partial<SessionSettings> = {}): SessionSettings {
  return {
    title: 'Ashfield North spring workshop',
    neighbourhood: 'Ashfield North',
    date: '2025-04-12',
    venue: "St Mary's church hall",
    fundingStreams: [
      {
        id: 'fs-youth',
        publicBody: 'Ashfield City Council',
        service: 'Youth services',
        annualPence: 4_000_000,
        isPoolable: true,
      },
      {
        id: 'fs-health',
        publicBody: 'NHS North Ashfield',
        service: 'Community health',
        annualPence: 6_000_000,
        isPoolable: true,
      },
      {
        id: 'fs-police',
        publicBody: 'Ashfield Police',
        service: 'Neighbourhood policing',
        annualPence: 9_000_000,
        isPoolable: false,
      },
    ],
    potPence: 5_000_000,
    themes: [
      { id: 'theme-jobs', name: 'Jobs and skills' },
      { id: 'theme-young', name: 'Young people' },
      { id: 'theme-green', name: 'Green spaces' },
    ],
    method: { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 },
    languages: ['en', 'cy', 'ar'],
    consentText: 'Your ideas and priorities are used to plan services in Ashfield North.',
    aboutYou: [{ id: 'age', text: 'How old are you?', options: ['Under 18', '18 to 64', '65 or over'] }],
    pin: { saltB64: 'c2FsdHNhbHQ=', hashB64: 'aGFzaGhhc2g=', iterations: 210_000 },
    isEnded: false,
    ...overrides,
  };
}

/** A clock the test moves by hand. */
export interface TestClock {
  now(): number;
  set(ms: number): void;
  advance(ms?: number): void;
}

export interface TestContext {
  ctx: CommandContext;
  clock: TestClock;
}

/**
 * A deterministic command context: ids are `<prefix>-0001`, `<prefix>-0002`, ... (zero-padded, so they sort in
 * the order they were made) and time only moves when the test moves it. It signs residents' records with a key
 * made from the device id (helpers/signing.ts), synchronously, as the app's device key would.
 */
export function testContext(
  deviceId = 'device-a',
  options: { startAt?: number; idPrefix?: string } = {},
): TestContext {
  let t = options.startAt ?? WORKSHOP_START;
  let n = 0;
  const prefix = options.idPrefix ?? deviceId;
  const clock: TestClock = {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (ms = 1000) => {
      t += ms;
    },
  };
  return {
    clock,
    ctx: {
      deviceId,
      now: () => t,
      newId: () => `${prefix}-${String(++n).padStart(4, '0')}`,
      signer: testSigner(deviceId),
    },
  };
}

export interface CreatedSession extends TestContext {
  doc: Y.Doc;
  sessionId: string;
}

/** A fresh document with a session created in it by `device-a` (or the given context). */
export function createdSession(
  settings: SessionSettings = validSettings(),
  context: TestContext = testContext(),
  sessionId = 'session-1',
): CreatedSession {
  const doc = new Y.Doc();
  createSession(doc, sessionId, settings, context.ctx);
  context.clock.advance();
  return { doc, sessionId, ...context };
}

/** Runs fn and returns the ValidationError it threw; fails the test if it threw nothing or something else. */
export function catchValidation(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

export function expectValidation(fn: () => unknown, code: ErrorCode, field?: string): ValidationError {
  const error = catchValidation(fn);
  expect(error.code).toBe(code);
  if (field !== undefined) expect(error.field).toBe(field);
  return error;
}

/** Every transaction's origin, in order, from now on. */
export function recordTransactions(doc: Y.Doc): unknown[] {
  const origins: unknown[] = [];
  doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
  return origins;
}

/** The command is refused with the code and field, no transaction runs, and the document is byte-for-byte unchanged. */
export function expectRefused(doc: Y.Doc, fn: () => unknown, code: ErrorCode, field?: string): void {
  const before = Y.encodeStateAsUpdate(doc);
  const origins = recordTransactions(doc);
  expectValidation(fn, code, field);
  expect(origins).toEqual([]);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
}

/** The command ran in exactly one transaction whose origin names it. */
export function expectOneCommandTransaction(
  origins: readonly unknown[],
  command: string,
  deviceId: string,
): void {
  expect(origins).toHaveLength(1);
  const origin = origins[0];
  expect(origin).toBeInstanceOf(CommandOrigin);
  expect(origin).toMatchObject({ command, deviceId });
}

/** Sends everything each document has that the other lacks, both ways. */
export function exchange(a: Y.Doc, b: Y.Doc): void {
  const forB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const forA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, forB, 'remote');
  Y.applyUpdate(a, forA, 'remote');
}

/** A second device's copy of a document, made from its full state. */
export function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc), 'remote');
  return copy;
}

/** JSON with object keys sorted at every depth; arrays keep their order (a ranking's order matters). */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function sortedList(records: readonly unknown[]): string[] {
  return records.map(stableJson).sort();
}

/** The document's records as JSON, each list of records sorted: equal iff the two documents hold equal records. */
export function canonicalRecords(doc: Y.Doc): string {
  const r: SessionRecords = readRecords(doc);
  return JSON.stringify({
    sessionId: r.sessionId,
    schemaVersion: r.schemaVersion,
    settingsEdits: sortedList(r.settingsEdits),
    proposals: sortedList(r.proposals),
    comments: sortedList(r.comments),
    participants: sortedList(r.participants),
    ballots: sortedList(r.ballots),
    moderation: sortedList(r.moderation),
    statuses: sortedList(r.statuses),
  });
}

/** What a resident types for a new idea (addProposal's input), in the green theme at £1,000. */
export const ideaInput = (title: string) => ({
  title,
  description: '',
  themeId: 'theme-green',
  costPence: 100_000,
  where: '',
});
