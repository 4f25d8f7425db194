/**
 * Sessions bigger than the server's 2 MiB message limit, for the tests of large updates (issue 12 §1: a plain
 * provider's one sync message in test/unit/server/largeUpdates.test.ts, the app's council sync in parts in
 * test/unit/sync/councilSyncLarge.test.ts). The ideas are written with the app's own commands, each about 2 KB,
 * so 1,100 of them make about 2.4 MiB.
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { addProposal, type CommandContext } from '../../../src/doc/commands';
import { createSession } from '../../../src/doc/sessionCommands';
import { validSettings, WORKSHOP_START } from './session';

export const MiB = 1024 * 1024;

/** A device's command context: the workshop's clock, a second a command, and random ids (as the app makes). */
export function deviceContext(deviceId: string): CommandContext {
  let t = WORKSHOP_START;
  return { deviceId, now: () => (t += 1000), newId: () => randomUUID() };
}

/** Ideas as a resident types them: a title and a long description (most of the 2,000 characters allowed). */
export function addIdeas(doc: Y.Doc, count: number, ctx: CommandContext, from = 0): void {
  for (let i = from; i < from + count; i++) {
    addProposal(
      doc,
      {
        title: `Idea ${i}`,
        description:
          `Idea ${i}: ${'a community garden with raised beds, open on Saturdays; '.repeat(36)}`.slice(
            0,
            1990,
          ),
        themeId: 'theme-green',
        costPence: 100_000 + i,
        where: 'Ashfield North',
      },
      null,
      ctx,
    );
  }
}

/** A new session (valid settings, a random id) with `ideas` ideas written by `ctx`'s device. */
export function sessionWithIdeas(
  ideas: number,
  ctx = deviceContext('tablet-a'),
): { doc: Y.Doc; sessionId: string } {
  const sessionId = randomUUID();
  const doc = new Y.Doc();
  createSession(doc, sessionId, validSettings(), ctx);
  addIdeas(doc, ideas, ctx);
  return { doc, sessionId };
}
