/**
 * What the kiosk screen must know about the turn in progress to end it safely if the screen goes away
 * (the browser's history list jumping out of the kiosk): who is taking part and their drafts.
 */
import type * as Y from 'yjs';
import { finishParticipant, type CommandContext } from '../../doc/commands';
import type { AppDb } from '../../storage/appDb';
import type { TurnDrafts } from './turnDrafts';

export interface LiveTurn {
  participantId: string | null;
  drafts: TurnDrafts | null;
}

export const NO_TURN: LiveTurn = { participantId: null, drafts: null };

/** Ends a turn without waiting: finishes the participant (if the document is still open) and drops drafts. */
export function abandonTurn(doc: Y.Doc | null, live: LiveTurn, ctx: CommandContext): void {
  if (live.participantId && doc) {
    try {
      finishParticipant(doc, live.participantId, ctx);
    } catch {
      // Already finished, or the session cannot be written here: what was saved stays saved.
    }
  }
  void live.drafts?.close().catch(() => undefined);
}

/**
 * Deletes drafts left by residents of this session whose turn is no longer running here (the page was reloaded
 * or closed mid-turn, so their participant id, held only in memory, is gone). Run when the kiosk opens, before
 * any new turn starts. Drafts of other owners (facilitator forms) are left alone.
 */
export async function deleteAbandonedDrafts(
  db: AppDb,
  sessionId: string,
  participantIds: ReadonlySet<string>,
): Promise<void> {
  const drafts = await db.drafts.where('sessionId').equals(sessionId).toArray();
  const abandoned = drafts.filter((d) => participantIds.has(d.key.split('|')[1] ?? '')).map((d) => d.key);
  if (abandoned.length > 0) await db.drafts.bulkDelete(abandoned);
}
