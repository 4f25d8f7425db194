/**
 * Fixtures for the session file tests: tablets that worked apart on one session, each running residents
 * through the ordinary commands, and helpers to export, read and import their files.
 */
import { expect } from 'vitest';
import * as Y from 'yjs';
import {
  addComment,
  addProposal,
  castBallot,
  finishParticipant,
  setAnswers,
  startParticipant,
  type CommandContext,
} from '../../../src/doc/commands';
import { hideProposal } from '../../../src/doc/moderationCommands';
import { viewSession } from '../../../src/doc/session';
import {
  encodeSessionFile,
  isSessionFileError,
  readSessionFile,
  type ParsedFile,
  type SessionFileError,
  type SessionFileErrorCode,
} from '../../../src/sync/sessionFile';
import {
  createdSession,
  replicaOf,
  testContext,
  validSettings,
  WORKSHOP_START,
  type TestClock,
} from '../helpers/session';

export interface Tablet {
  name: string;
  doc: Y.Doc;
  ctx: CommandContext;
  clock: TestClock;
}

/** Residents take turns on one tablet: each may add an idea, comments on one, votes (sometimes twice), finishes.
 * The defaults fit helpers/session's validSettings. */
export function runResidents(
  tablet: Tablet,
  count: number,
  session: { themeId: string; answers: Record<string, string> } = {
    themeId: 'theme-young',
    answers: { age: '18 to 64' },
  },
): void {
  const { doc, ctx, clock } = tablet;
  for (let i = 0; i < count; i++) {
    const p = startParticipant(doc, { language: 'en', hasConsented: true }, ctx);
    if (i % 3 === 0) setAnswers(doc, p, session.answers, ctx);
    if (i % 2 === 0) {
      addProposal(
        doc,
        {
          title: `Idea ${i} from ${tablet.name}: more for young people on the estate`,
          description: `Resident ${i} says the youth club should open longer, with trained staff and a hot meal.`,
          themeId: session.themeId,
          costPence: 250_000 + 1_000 * i,
          where: 'Ashfield North community centre',
        },
        p,
        ctx,
      );
    }
    const visible = viewSession(doc)?.visible ?? [];
    const a = visible[i % Math.max(1, visible.length)];
    const b = visible[(i * 7 + 1) % Math.max(1, visible.length)];
    if (a && b) {
      addComment(
        doc,
        { proposalId: a.id, text: `Comment ${i} on ${tablet.name}: my kids would use this.` },
        p,
        ctx,
      );
      const dots = a.id === b.id ? { [a.id]: 3 } : { [a.id]: 2, [b.id]: 1 };
      castBallot(doc, p, { kind: 'dots', dots }, ctx);
      if (i % 4 === 0) castBallot(doc, p, { kind: 'dots', dots: { [a.id]: 1 } }, ctx);
    }
    clock.advance(30_000);
    finishParticipant(doc, p, ctx);
  }
}

/** `count` tablets that each got the session from tablet A, then ran `residents` residents apart. */
export function tabletsApart(count = 3, residents = 8): Tablet[] {
  const first = createdSession(validSettings(), testContext('device-a'));
  const tablets: Tablet[] = [{ name: 'Tablet 1', doc: first.doc, ctx: first.ctx, clock: first.clock }];
  for (let i = 1; i < count; i++) {
    const letter = String.fromCharCode(97 + i);
    const { ctx, clock } = testContext(`device-${letter}`, { startAt: WORKSHOP_START + 1000 });
    tablets.push({ name: `Tablet ${i + 1}`, doc: replicaOf(first.doc), ctx, clock });
  }
  tablets.forEach((t) => runResidents(t, residents));
  const idea = viewSession(first.doc)?.visible[0];
  if (idea) hideProposal(first.doc, idea.id, 'Names a neighbour', first.ctx);
  return tablets;
}

export function exportFrom(tablet: Tablet): Promise<Uint8Array> {
  return encodeSessionFile(tablet.doc, {
    deviceId: tablet.ctx.deviceId,
    deviceName: tablet.name,
    now: tablet.clock.now(),
  });
}

export async function parsedFrom(tablet: Tablet): Promise<ParsedFile> {
  return readSessionFile(await exportFrom(tablet), { fileName: `${tablet.name}.codesign` });
}

/** Runs fn, expecting a SessionFileError; returns it. */
export async function refusal(fn: () => unknown): Promise<SessionFileError> {
  try {
    await fn();
  } catch (e) {
    if (isSessionFileError(e)) return e;
    throw e;
  }
  throw new Error('expected a SessionFileError, but nothing was thrown');
}

export async function expectRefusal(
  fn: () => unknown,
  code: SessionFileErrorCode,
): Promise<SessionFileError> {
  const error = await refusal(fn);
  expect(error.code, error.message).toBe(code);
  return error;
}

/** The document's whole state, to compare before and after a refused import. */
export const stateOf = (doc: Y.Doc): Uint8Array => Y.encodeStateAsUpdate(doc);
