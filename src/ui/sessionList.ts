import type { SessionView } from '../doc/session';
import type { AppDb } from '../storage/appDb';
import { noteSessionsHeld } from '../storage/heldSessions';

/**
 * Keeps the device's list of sessions (a projection) in step with a session document. A session is listed as the
 * demo when it is made as the demo here or its document says it is one (a demo from a session file or a relay), so
 * "Open the demo session" opens it rather than making a second demo.
 */
export async function upsertSessionEntry(db: AppDb, view: SessionView, isDemo?: boolean): Promise<void> {
  const existing = await db.sessions.get(view.records.sessionId);
  await db.sessions.put({
    id: view.records.sessionId,
    title: view.settings.title,
    neighbourhood: view.settings.neighbourhood,
    date: view.settings.date,
    venue: view.settings.venue,
    proposalCount: view.visible.length,
    isEnded: view.settings.isEnded,
    isDemo: isDemo ?? (view.records.isDemo === true || existing?.isDemo === true),
    updatedAt: Date.now(),
  });
  noteSessionsHeld();
}
