/**
 * A small session for the paper ballot tests, built with the real commands: three ideas (oldest first)
 * I1 Youth club £20,000, I2 Job fair £15,000, I3 Tree planting £25,000, on device-a; the method is given.
 */
import type * as Y from 'yjs';
import { addProposal } from '../../../src/doc/commands';
import { maps } from '../../../src/doc/schema';
import { unsigned } from '../../../src/domain/recordSigning';
import type { Ballot, PriorityMethod } from '../../../src/domain/types';
import { createdSession, validSettings, type TestContext } from '../helpers/session';
import { signedBy } from '../helpers/signing';

export interface PaperSession extends TestContext {
  doc: Y.Doc;
  ids: { I1: string; I2: string; I3: string };
}

export function paperSession(
  method: PriorityMethod = { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 },
): PaperSession {
  const s = createdSession(validSettings({ method }));
  const idea = (title: string, costPence: number): string => {
    s.clock.advance();
    return addProposal(
      s.doc,
      { title, description: '', themeId: 'theme-young', costPence, where: '' },
      null,
      s.ctx,
    );
  };
  const ids = {
    I1: idea('Youth club', 2_000_000),
    I2: idea('Job fair', 1_500_000),
    I3: idea('Tree planting', 2_500_000),
  };
  s.clock.advance();
  return { ...s, ids };
}

/**
 * Every paper typing in `doc` whose ballot names it (and the ballot under its sheet's key) as an app from before
 * `Ballot.typing` wrote it: the ballot names no typing, signed by the same device's test key. For the rules older apps' typings keep.
 */
export function asOlderApp(doc: Y.Doc, sessionId = 'session-1'): void {
  const typings = maps(doc).paperTypings;
  doc.transact(() => {
    for (const t of [...typings.values()]) {
      if (t.ballot.typing === undefined) continue;
      const ballot = signedBy(t.deviceId, sessionId, 'ballots', namingNoTyping(unsigned(t.ballot)));
      typings.set(t.id, { ...t, ballot });
      maps(doc).ballots.set(ballot.participantId, ballot);
    }
  });
}

/** `ballot` as an app from before `Ballot.typing` wrote it: naming no typing. */
export function namingNoTyping(ballot: Ballot): Ballot {
  const older = { ...ballot };
  delete older.typing;
  return older;
}
