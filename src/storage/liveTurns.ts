/**
 * The "live turn" marker of each session on this device (AppDb.liveTurns): which resident's turn is running here,
 * on which step, and when they last touched the screen. The kiosk reads it on opening to resume a turn cut short
 * by a reload or a crash (src/ui/kiosk/liveTurn.ts decides whether it may).
 */
import type { AppDb, LiveTurnMarker } from './appDb';

export async function readLiveTurn(db: AppDb, sessionId: string): Promise<LiveTurnMarker | undefined> {
  return db.liveTurns.get(sessionId);
}

export async function writeLiveTurn(db: AppDb, marker: LiveTurnMarker): Promise<void> {
  await db.liveTurns.put(marker);
}

/** Deletes the session's marker if it is this participant's (a later turn's marker is left alone). */
export async function deleteLiveTurn(db: AppDb, sessionId: string, participantId: string): Promise<void> {
  await db.transaction('rw', db.liveTurns, async () => {
    const marker = await db.liveTurns.get(sessionId);
    if (marker?.participantId === participantId) await db.liveTurns.delete(sessionId);
  });
}
