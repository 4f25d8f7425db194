/**
 * A small session for the paper ballot tests, built with the real commands: three ideas (oldest first)
 * I1 Youth club £20,000, I2 Job fair £15,000, I3 Tree planting £25,000, on device-a; the method is given.
 */
import type * as Y from 'yjs';
import { addProposal } from '../../../src/doc/commands';
import type { PriorityMethod } from '../../../src/domain/types';
import { createdSession, validSettings, type TestContext } from '../helpers/session';

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
